"""Every command and option is documented: ``docs/cli.md`` is generated and must be current."""

from __future__ import annotations

from pathlib import Path

import click

from replylint.cli import main
from replylint.cli.reference import render_cli

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_committed_cli_reference_is_current() -> None:
    page = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert page == render_cli(main), "docs/cli.md is stale; run `make docs`"


def test_every_option_has_help_text() -> None:
    def walk(cmd: click.Command, path: str) -> list[str]:
        missing = [
            f"{path} {p.opts[0]}"
            for p in cmd.params
            if isinstance(p, click.Option) and not p.help and p.opts[0] not in ("--help",)
        ]
        if isinstance(cmd, click.Group):
            for name, sub in cmd.commands.items():
                missing += walk(sub, f"{path} {name}")
        return missing

    assert walk(main, "replylint") == []


def test_every_command_has_a_description() -> None:
    page = render_cli(main)
    for name in ("check", "grade", "rule", "rules", "library", "library import"):
        assert f"## `replylint {name}`" in page
    assert "--fail-on" in page and "--rubric" in page
