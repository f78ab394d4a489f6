"""The ``replylint`` command line: a thin click layer over the library.

Every ``ReplylintError`` becomes a one-line message on standard error and exit code 2 here,
in one place; click's own usage errors exit with 2 as well. Subcommands live in sibling
modules and are imported only when run (``replylint --help`` lists them from ``_COMMANDS``
without importing them), so ``replylint check`` does not pay for ``grade`` and the rest.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from .. import __version__
from ..errors import ReplylintError

__all__ = ["main"]


#: name -> (module, attribute, short help as ``--help`` lists it).
_COMMANDS: dict[str, tuple[str, str, str]] = {
    "check": (
        ".check",
        "check_command",
        "Check replies (files, folders, or - for standard input).",
    ),
    "grade": (".grade", "grade_command", "Suggest rubric levels for a batch of replies."),
    "library": (
        ".library",
        "library_group",
        "Import works into the local library that offline --verify uses.",
    ),
    "rule": (".rules", "rule_command", "Explain one rule: what, why, example, fix safety."),
    "rules": (".rules", "rules_command", "List every rule with its code, category and severity."),
}


def _load(name: str) -> click.Command:
    module_name, attr, _ = _COMMANDS[name]
    command: click.Command = getattr(importlib.import_module(module_name, __package__), attr)
    return command


class _Group(click.Group):
    """A group that imports its subcommands on demand and turns library errors into a message
    and exit code 2."""

    @property  # type: ignore[override]
    def commands(self) -> dict[str, click.Command]:
        """Every subcommand, imported (for documentation and tests)."""
        return {name: _load(name) for name in _COMMANDS}

    @commands.setter
    def commands(self, value: Any) -> None:
        if value:
            raise TypeError("subcommands are listed in _COMMANDS")

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return _load(cmd_name) if cmd_name in _COMMANDS else None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, _COMMANDS[name][2]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ReplylintError as exc:
            click.echo(f"replylint: error: {exc}", err=True)
            ctx.exit(2)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="replylint")
def main() -> None:
    """A rubric-checking linter for discussion replies: APA 7 citations and references,
    recency, peer-reviewed sources and follow-up questions.

    \b
    Examples:
      replylint check reply.md               check a draft
      replylint check --fix reply.md         apply the safe fixes
      replylint rule C101                    explain a rule
      replylint grade export.json --format html --out grades.html

    Exit codes: 0 clean, 1 findings, 2 usage/config/input error.
    Everything runs offline; only --verify uses the network.
    """
