"""Rule selectors: ``ALL``, a family letter (``C``), a code prefix (``C1``), a code, a name.

When selectors disagree about a rule, the most specific one wins (a code beats ``C1`` beats
``C`` beats ``ALL``); on a tie, ``ignore`` wins.
"""

from __future__ import annotations

import contextlib
import difflib
import fnmatch
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath

from ..errors import ConfigError
from ..model import RuleMeta, Severity

__all__ = [
    "file_ignores",
    "matches",
    "resolve",
    "select_rules",
    "severity_overrides",
    "specificity",
    "validate",
]

_FULL = 4


def specificity(selector: str, rules: Mapping[str, RuleMeta]) -> int:
    """How specific a valid selector is: 0 for ALL, prefix length, 4 for a code or name."""
    sel = selector.strip()
    if sel.upper() == "ALL":
        return 0
    if sel.upper() in rules or any(r.name == sel.lower() for r in rules.values()):
        return _FULL
    return len(sel)


def resolve(selector: str, rules: Mapping[str, RuleMeta], *, where: str = "") -> set[str]:
    """The codes a selector names; an unknown selector is a ``ConfigError`` naming ``where``."""
    sel = selector.strip()
    upper = sel.upper()
    if upper == "ALL":
        return {code for code, rule in rules.items() if not rule.needs_network}
    if upper in rules:
        return {upper}
    lower = sel.lower()
    for code, rule in rules.items():
        if rule.name == lower:
            return {code}
    if sel and sel[0].isalpha() and all(ch.isdigit() for ch in sel[1:]) and len(sel) <= 4:
        found = {code for code in rules if code.startswith(upper)}
        if found:
            return found
    prefix = f"{where}: " if where else ""
    # a misspelt name gets a suggestion; codes are too alike for one ("C1O1" is not "C116")
    names = [r.name for r in rules.values()]
    close = difflib.get_close_matches(lower, names, n=1, cutoff=0.8)
    hint = f"; did you mean `{close[0]}`?" if close else ""
    raise ConfigError(f"{prefix}unknown rule selector `{selector}`{hint}")


def validate(selectors: Iterable[str], rules: Mapping[str, RuleMeta], *, where: str) -> None:
    for sel in selectors:
        resolve(sel, rules, where=where)


def matches(selector: str, rule: RuleMeta) -> bool:
    sel = selector.strip()
    upper = sel.upper()
    if upper == "ALL":
        return not rule.needs_network
    return rule.code.startswith(upper) or rule.name == sel.lower()


def _best(selectors: Iterable[str], rule: RuleMeta, rules: Mapping[str, RuleMeta]) -> int | None:
    best: int | None = None
    for sel in selectors:
        if matches(sel, rule):
            spec = specificity(sel, rules)
            best = spec if best is None else max(best, spec)
    return best


def select_rules(
    rules: Mapping[str, RuleMeta],
    *,
    select: Iterable[str] | None,
    extend_select: Iterable[str] = (),
    ignore: Iterable[str] = (),
) -> dict[str, RuleMeta]:
    """The rules a selection keeps; ``select=None`` starts from the rules enabled by default."""
    positive = [*(select or ()), *extend_select]
    negative = list(ignore)
    out: dict[str, RuleMeta] = {}
    for code, rule in rules.items():
        pos = _best(positive, rule, rules)
        if select is None and rule.enabled:
            pos = -1 if pos is None else pos
        if pos is None:
            continue
        neg = _best(negative, rule, rules)
        if neg is None or pos > neg:
            out[code] = rule
    return out


def severity_overrides(
    overrides: Mapping[str, Severity], rules: Mapping[str, RuleMeta]
) -> dict[str, Severity]:
    """Per-code severities from selector overrides (the most specific selector wins)."""
    out: dict[str, Severity] = {}
    for code, rule in rules.items():
        best: tuple[int, Severity] | None = None
        for sel, severity in overrides.items():
            if matches(sel, rule):
                spec = specificity(sel, rules)
                if best is None or spec >= best[0]:
                    best = (spec, severity)
        if best is not None:
            out[code] = best[1]
    return out


def _path_matches(glob: str, path: str, root: Path) -> bool:
    candidates = {PurePosixPath(path).as_posix()}
    with contextlib.suppress(ValueError, OSError):
        candidates.add(Path(path).resolve().relative_to(root.resolve()).as_posix())
    pattern = glob.replace("\\", "/")
    if "/" not in pattern:
        candidates |= {PurePosixPath(c).name for c in candidates}
    return any(fnmatch.fnmatchcase(c, pattern) for c in candidates)


def file_ignores(
    path: str,
    per_file_ignores: Mapping[str, Iterable[str]],
    rules: Mapping[str, RuleMeta],
    root: Path,
) -> set[str]:
    """Codes ignored for ``path`` by ``per-file-ignores`` (globs relative to ``root``)."""
    out: set[str] = set()
    for glob, selectors in per_file_ignores.items():
        if _path_matches(glob, path, root):
            for sel in selectors:
                out |= {code for code, rule in rules.items() if matches(sel, rule)}
    return out
