"""Options shared by several commands, declared once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

__all__ = ["config_options", "parse_as_of", "verification_options"]

F = TypeVar("F", bound=Callable[..., object])


def _apply(fn: F, decorators: tuple[Callable[[F], F], ...]) -> F:
    for deco in reversed(decorators):
        fn = deco(fn)
    return fn


def config_options(fn: F) -> F:
    """``--config FILE`` and ``--isolated`` (check and grade)."""
    return _apply(
        fn,
        (
            click.option(
                "--config",
                "config",
                type=click.Path(dir_okay=False, path_type=Path),
                help="Use this configuration file instead of searching for one.",
            ),
            click.option("--isolated", is_flag=True, help="Ignore every configuration file."),
        ),
    )


def verification_options(fn: F) -> F:
    """``--verify`` and the options that only mean something with it (check and grade)."""
    decorators = (
        click.option("--verify", is_flag=True, help="Look the references up (V rules; network)."),
        click.option(
            "--offline", is_flag=True, help="With --verify: use only the library and cache."
        ),
        click.option(
            "--library",
            "library_path",
            type=click.Path(dir_okay=False, path_type=Path),
            help="With --verify: the library file [default: user cache].",
        ),
        click.option(
            "--strict-network",
            is_flag=True,
            help="With --verify: exit 3 if a service was unreachable.",
        ),
        click.option(
            "--contact-email", metavar="EMAIL", help="With --verify: contact sent to the services."
        ),
    )
    return _apply(fn, decorators)


def parse_as_of(value: str | None) -> dt.date | None:
    """The ``--as-of`` date, or None for "today"; a bad date is a usage error."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"expected YYYY-MM-DD, got {value!r}", param_hint="--as-of"
        ) from None
