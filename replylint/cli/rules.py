"""``replylint rule CODE`` and ``replylint rules``: documentation from the rule metadata."""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import click

from ..errors import UsageError
from ..model import RuleMeta

__all__ = ["find_rule", "rule_command", "rules_command"]


def _known_rules() -> dict[str, RuleMeta]:
    """Built-in rules plus the course packs named by the configuration here."""
    from ..engine import load_rules, load_settings

    return load_rules(load_settings(Path.cwd()).packs)


def find_rule(rules: dict[str, RuleMeta], key: str) -> RuleMeta:
    """A rule by code or name (case-insensitive code)."""
    rule = rules.get(key.strip().upper())
    if rule is None:
        rule = next((r for r in rules.values() if r.name == key.strip().lower()), None)
    if rule is None:
        close = difflib.get_close_matches(
            key.strip().lower(), [r.name for r in rules.values()], n=1, cutoff=0.8
        )
        hint = f"; did you mean `{close[0]}`?" if close else ""
        raise UsageError(f"unknown rule `{key}` (see `replylint rules`){hint}")
    return rule


_FORMAT = click.Choice(["text", "json"])


@click.command("rule", short_help="Explain one rule: what, why, example, fix safety.")
@click.argument("code")
@click.option(
    "--format", "fmt", type=_FORMAT, default="text", show_default=True, help="Markdown or JSON."
)
def rule_command(code: str, fmt: str) -> None:
    """Explain a rule (by code, e.g. Y101, or by name)."""
    from ..docgen import render_rule, rule_record

    rule = find_rule(_known_rules(), code)
    if fmt == "json":
        click.echo(json.dumps(rule_record(rule), indent=2, ensure_ascii=False))
    else:
        click.echo(render_rule(rule), nl=False)


@click.command("rules", short_help="List every rule with its code, category and severity.")
@click.option(
    "--format", "fmt", type=_FORMAT, default="text", show_default=True, help="A table or JSON."
)
def rules_command(fmt: str) -> None:
    """List every rule: code, name, category, severity, fix, default selection, summary.

    Fix: [*] safe (applied by --fix), [U] unsafe (needs --unsafe-fixes). "off": not run
    unless selected (--extend-select CODE).
    """
    from ..docgen import rule_record

    rules = _known_rules()
    if fmt == "json":
        click.echo(
            json.dumps([rule_record(r) for r in rules.values()], indent=2, ensure_ascii=False)
        )
        return
    rows = [
        (
            r.code,
            r.name,
            r.category,
            r.severity.value,
            {"safe": "[*]", "unsafe": "[U]", "none": ""}[r.fix],
            "" if r.enabled else "off",
            r.summary,
        )
        for r in rules.values()
    ]
    widths = [max((len(row[i]) for row in rows), default=0) for i in range(6)]
    for row in rows:
        cells = [row[i].ljust(widths[i]) for i in range(6)]
        click.echo("  ".join([*cells, row[6]]).rstrip())
