"""Rule documentation from the rule metadata: ``replylint rule``, ``replylint rules`` and
``docs/rules/`` all come from here.

    python -m replylint.docgen docs     # writes docs/rules/<CODE>.md and docs/rules/index.md
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from .model import RuleMeta

__all__ = ["render_index", "render_rule", "rule_pages", "rule_record", "write_docs"]

_FIX = {"safe": "Safe fix available", "unsafe": "Unsafe fix available", "none": "No fix"}


def _value(value: object) -> str:
    """A parameter value as it would be written in TOML."""
    return json.dumps(value, ensure_ascii=False, default=str)


def render_rule(rule: RuleMeta) -> str:
    """The Markdown page of one rule."""
    lines = [
        f"# {rule.name} ({rule.code})",
        "",
        f"{rule.summary}.".replace("..", "."),
        "",
        f"- **Category:** `{rule.category}`",
        f"- **Default severity:** {rule.severity.value}",
        f"- **Enabled by default:** {'yes' if rule.enabled else 'no'}",
        f"- **Fix:** {_FIX[rule.fix]}",
    ]
    if rule.criterion:
        lines.append(f"- **Rubric criterion:** {rule.criterion}")
    if rule.needs_network:
        lines.append("- **Needs network:** yes (opt-in verification)")
    lines.append(f"- **Pack:** `{rule.pack}`")
    if rule.params:
        lines += ["", "## Parameters", ""]
        lines += [f"- `{k}` (default {_value(v)})" for k, v in sorted(rule.params.items())]
    if rule.explanation:
        lines += ["", rule.explanation.strip()]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_index(rules: Mapping[str, RuleMeta]) -> str:
    """A table of every rule, linking each page."""
    lines = [
        "# Rules",
        "",
        "Generated from the rule packs in `rules/` by `python -m replylint.docgen docs`; "
        "do not edit by hand. `replylint rule CODE` prints the same pages.",
        "",
        "Fix: ✔ safe fix, ⚠ unsafe fix. Default: ✔ enabled by default.",
        "",
        "| Code | Name | Category | Severity | Fix | Default | Summary |",
        "|---|---|---|---|---|---|---|",
    ]
    for code, rule in sorted(rules.items()):
        fix = {"safe": "✔", "unsafe": "⚠", "none": ""}[rule.fix]
        lines.append(
            f"| [{code}]({code}.md) | {rule.name} | {rule.category} | {rule.severity.value} "
            f"| {fix} | {'✔' if rule.enabled else ''} | {_cell(rule.summary)} |"
        )
    return "\n".join(lines) + "\n"


def rule_pages(rules: Mapping[str, RuleMeta]) -> dict[str, str]:
    """File name -> content for ``docs/rules/``."""
    pages = {f"{code}.md": render_rule(rule) for code, rule in rules.items()}
    pages["index.md"] = render_index(rules)
    return pages


def rule_record(rule: RuleMeta) -> dict[str, object]:
    """A rule as JSON (``replylint rule CODE --format json``)."""
    return {
        "code": rule.code,
        "name": rule.name,
        "category": rule.category,
        "severity": rule.severity.value,
        "fix": rule.fix,
        "criterion": rule.criterion,
        "enabled": rule.enabled,
        "needs_network": rule.needs_network,
        "check": rule.check,
        "pack": rule.pack,
        "params": dict(rule.params),
        "summary": rule.summary,
        "explanation": rule.explanation,
    }


def write_docs(docs: Path, rules: Mapping[str, RuleMeta]) -> list[Path]:
    """Write ``docs/rules/`` from the rules and remove pages of rules that no longer exist."""
    folder = docs / "rules"
    folder.mkdir(parents=True, exist_ok=True)
    pages = rule_pages(rules)
    written = []
    for name, content in pages.items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != content:
            path.write_text(content, encoding="utf-8")
        written.append(path)
    for stale in folder.glob("*.md"):
        if stale.name not in pages:
            stale.unlink()
    return written


def main(argv: Sequence[str] | None = None) -> int:
    from .engine import load_rules

    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: python -m replylint.docgen DOCS_FOLDER", file=sys.stderr)
        return 2
    paths = write_docs(Path(args[0]), load_rules())
    print(f"wrote {len(paths)} pages to {Path(args[0]) / 'rules'}")
    from .cli import main as cli_main
    from .cli.reference import render_cli

    cli_page = Path(args[0]) / "cli.md"
    cli_page.write_text(render_cli(cli_main), encoding="utf-8")
    print(f"wrote {cli_page}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
