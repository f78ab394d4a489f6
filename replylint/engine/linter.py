"""Run the selected rules on a ``Reply``: parameters, suppressions, per-file ignores, severities."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from types import MappingProxyType
from typing import Any

from ..config import Settings
from ..errors import ConfigError, ReplylintError
from ..model import Diagnostic, Document, Reply, RuleMeta, Severity, Span
from .packs import ENGINE_CHECK, load_rules
from .registry import CheckFn, Context, ReplyMemo, load_check_kinds
from .selection import file_ignores, select_rules, severity_overrides
from .suppress import Suppressions, parse_suppressions

__all__ = [
    "INPUT_RULE",
    "UNKNOWN_SUPPRESSION_RULE",
    "UNUSED_SUPPRESSION_RULE",
    "CheckFailed",
    "Linter",
]

UNUSED_SUPPRESSION_RULE = "X001"
UNKNOWN_SUPPRESSION_RULE = "X002"
INPUT_RULE = "X003"

_FALLBACK_INPUT = RuleMeta(
    code=INPUT_RULE,
    name="input-not-parsed",
    category="input",
    severity=Severity.ERROR,
    summary="The input could not be read, decoded or understood",
    check=ENGINE_CHECK,
)


class CheckFailed(ReplylintError):
    """A check kind raised an exception (a bug in the check, reported with its rule)."""


def _sort_key(d: Diagnostic) -> tuple[int, int, str]:
    return (d.span.start, d.span.end, d.code)


class Linter:
    """Loads rules and check kinds once; lints replies with one set of settings."""

    def __init__(self, settings: Settings | None = None, *, strict: bool = True) -> None:
        """``strict=False`` turns a failing check into an X003 finding instead of raising
        ``CheckFailed``, so a batch goes on (the run still exits with 2)."""
        self.settings = settings or Settings()
        self.strict = strict
        #: Every known rule (built-in packs plus the configured course packs).
        self.rules: dict[str, RuleMeta] = load_rules(self.settings.packs)
        self.selected: dict[str, RuleMeta] = select_rules(
            self.rules,
            select=self.settings.select,
            extend_select=self.settings.extend_select,
            ignore=self.settings.ignore,
        )
        self._severity = severity_overrides(self.settings.severity, self.rules)
        kinds = load_check_kinds(
            {r.check for r in self.selected.values() if r.check != ENGINE_CHECK}
        )
        self._checks: dict[str, CheckFn] = {}
        for code, rule in self.selected.items():
            if rule.check == ENGINE_CHECK:
                continue
            fn = kinds.get(rule.check)
            if fn is None:
                raise ConfigError(
                    f"rule {code} ({rule.name}, pack `{rule.pack}`) uses unknown check kind "
                    f"`{rule.check}`; is the package providing it installed?"
                )
            self._checks[code] = fn
        #: Values the rules of one reply share (e.g. its recency sources), one memo for all.
        self._memo = ReplyMemo()
        self._contexts = {code: self._context(self.selected[code]) for code in self._checks}
        for code in (UNKNOWN_SUPPRESSION_RULE, UNUSED_SUPPRESSION_RULE):
            if code in self.rules:  # the engine's own rules, reported after the checks
                self._contexts.setdefault(code, self._context(self.rules[code]))
        self._runs = [(code, fn, self._contexts[code]) for code, fn in self._checks.items()]

    def _context(self, rule: RuleMeta) -> Context:
        params: dict[str, Any] = dict(rule.params)
        params.update(self.settings.params)
        return Context(
            rule=rule, params=MappingProxyType(params), settings=self.settings, memo=self._memo
        )

    def context(self, code: str) -> Context:
        """The context a rule runs with (for tests and tools)."""
        return self._contexts.get(code) or self._context(self.rules[code])

    def _ignored(self, path: str) -> set[str]:
        """Codes that ``per-file-ignores`` turns off for ``path``."""
        if not self.settings.per_file_ignores:
            return set()
        return file_ignores(path, self.settings.per_file_ignores, self.rules, self.settings.root)

    def _finalise(self, diag: Diagnostic) -> Diagnostic:
        severity = self._severity.get(diag.code, diag.severity)
        cap = self.settings.max_severity
        if cap is not None and severity.rank > cap.rank and diag.category != "input":
            severity = cap
        return diag if severity == diag.severity else replace(diag, severity=severity)

    def lint(self, reply: Reply) -> list[Diagnostic]:
        """The findings of the selected rules on ``reply``, sorted by position."""
        ignored = self._ignored(reply.document.path)
        active = (
            {c: r for c, r in self.selected.items() if c not in ignored}
            if ignored
            else self.selected
        )
        found: list[Diagnostic] = []
        for code, fn, ctx in self._runs:
            if code in ignored:
                continue
            try:
                found.extend(fn(reply, ctx))
            except ReplylintError:
                raise
            except Exception as exc:
                message = (
                    f"{reply.document.path}: rule {code} ({ctx.rule.check}) failed: "
                    f"{type(exc).__name__}: {exc}"
                )
                if self.strict:
                    raise CheckFailed(message) from exc
                found.append(
                    replace(
                        self.input_error(reply.document, message),
                        hint="This is a bug in the rule; please report it with the input",
                        data={"rule": code},
                    )
                )
        self._memo.clear()  # the values of this reply are not needed again
        suppressions = parse_suppressions(reply.document, self.rules)
        kept = suppressions.apply(found)
        meta = self._meta(reply.document, suppressions, active)
        kept.extend(suppressions.apply(meta, explicit_only=True))
        if self._severity or self.settings.max_severity is not None:
            kept = [self._finalise(d) for d in kept]
        return sorted(kept, key=_sort_key)

    def _meta(
        self, document: Document, sup: Suppressions, active: Mapping[str, RuleMeta]
    ) -> list[Diagnostic]:
        out: list[Diagnostic] = []
        if UNKNOWN_SUPPRESSION_RULE in active:
            ctx = self.context(UNKNOWN_SUPPRESSION_RULE)
            for index, selector in sup.unknown:
                anchor = sup.anchors[index]
                out.append(
                    ctx.diagnostic(
                        Span(anchor, anchor),
                        f"Suppression names an unknown rule `{selector}`",
                        hint="Use a rule code such as `Y101` or a name; see `replylint rules`",
                        data={"selector": selector},
                    )
                )
        if UNUSED_SUPPRESSION_RULE in active:
            ctx = self.context(UNUSED_SUPPRESSION_RULE)
            for region in sup.unused():
                if region.codes is not None and not (region.codes & set(active)):
                    continue  # the rule does not run here: nothing it could have suppressed
                anchor = sup.anchors[region.directive]
                action = sup.directives[region.directive].action
                what = f"`{region.selector}`" if region.selector else "every rule"
                out.append(
                    ctx.diagnostic(
                        Span(anchor, anchor),
                        f"Unused suppression: `{action}` of {what} suppressed nothing",
                        hint="Remove the comment, or check the rule code and its range",
                        data={"selector": region.selector, "action": action},
                    )
                )
        return out

    def input_error(
        self, document: Document | None, message: str, hint: str | None = None
    ) -> Diagnostic:
        """The X003 diagnostic for an input that could not be read or analysed."""
        rule = self.rules.get(INPUT_RULE, _FALLBACK_INPUT)
        return Diagnostic(
            code=rule.code,
            name=rule.name,
            category="input",
            severity=Severity.ERROR,
            message=message,
            span=Span(0, 0),
            hint=hint or "Save the reply as UTF-8 text, Markdown, HTML or DOCX and try again",
            criterion=rule.criterion,
        )
