"""``replylint library import FILE...`` and ``library stats``: the verification library."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:  # pragma: no cover
    from ..verify.library import Library

__all__ = ["library_group"]

_LIBRARY_HELP = "Library file [default: $XDG_CACHE_HOME/replylint/library.sqlite]."


def _open(path: Path | None) -> Library:
    from ..verify.library import Library, default_library_path

    return Library(path or default_library_path())


@click.group(
    "library", short_help="Import works into the local library that offline --verify uses."
)
def library_group() -> None:
    """The local library of works that `check --verify --offline` verifies against."""


@library_group.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--library", "library", type=click.Path(dir_okay=False, path_type=Path), help=_LIBRARY_HELP
)
def import_command(files: tuple[Path, ...], library: Path | None) -> None:
    """Import OpenAlex JSON/JSONL, Crossref JSON, CSL-JSON, PubMed XML, RIS or BibTeX files.

    Re-importing a file updates its works instead of adding them twice.
    """
    with _open(library) as lib:
        total = 0
        for path in files:
            n = lib.import_file(path)
            total += n
            click.echo(f"{path}: {n} works")
            if not n:
                click.echo(
                    f"replylint: warning: {path}: no works recognised (expected OpenAlex, "
                    "Crossref, CSL-JSON, PubMed XML, Europe PMC, RIS or BibTeX)",
                    err=True,
                )
        stats = lib.stats()
    click.echo(f"imported {total} works; the library holds {stats.works} records ({stats.path})")


@library_group.command("stats")
@click.option(
    "--library", "library", type=click.Path(dir_okay=False, path_type=Path), help=_LIBRARY_HELP
)
def stats_command(library: Path | None) -> None:
    """Count the works and cached lookups in the library."""
    from ..errors import UsageError
    from ..verify.library import default_library_path

    path = library or default_library_path()
    if not path.exists():
        raise UsageError(
            f"no library at {path}; create one with `replylint library import FILE...`"
        )
    with _open(path) as lib:
        s = lib.stats()
    click.echo(f"library: {s.path}")
    click.echo(f"works: {s.works} records, {s.distinct_dois} distinct DOIs")
    for source, n in sorted(s.by_source.items()):
        click.echo(f"  {source}: {n}")
    click.echo(f"cached lookups: {s.lookups}")
