"""The ``replylint`` command line: a thin click layer over the library.

Every ``ReplylintError`` becomes a one-line message on standard error and exit code 2 here,
in one place; click's own usage errors exit with 2 as well. Subcommands live in sibling
modules and are added to ``main`` below.
"""

from __future__ import annotations

from typing import Any

import click

from .. import __version__
from ..errors import ReplylintError

__all__ = ["main"]


class _Group(click.Group):
    """A group that turns library errors into a message and exit code 2."""

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


def _add_commands() -> None:
    from .check import check_command
    from .grade import grade_command
    from .library import library_group
    from .rules import rule_command, rules_command

    main.add_command(check_command)
    main.add_command(grade_command)
    main.add_command(rule_command)
    main.add_command(rules_command)
    main.add_command(library_group)


_add_commands()
