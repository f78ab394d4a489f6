"""Fixtures for the verifier: a library built from the real records, cassette clients."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import httpx
import pytest

from replylint.model import Author, Reference, RefField, RuleMeta, Span
from replylint.verify.http import HttpClient
from replylint.verify.library import Library
from replylint.verify.verifier import Verifier, existence_rules
from replylint.verify.work import Work
from tests.conftest import shared_path
from tests.verify.cassettes import Cassette

#: Real OpenAlex work sets imported into the test library (small ones, to stay fast).
LIBRARY_SETS = ("Sep_2021", "Donners_2021")


@pytest.fixture(scope="session")
def v_rules() -> dict[str, RuleMeta]:
    return existence_rules()


@pytest.fixture(scope="session")
def library_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A library of real works: two SYNERGY OpenAlex sets and the PubMed efetch files."""
    path = tmp_path_factory.mktemp("library") / "library.sqlite"
    with Library(path) as lib:
        for name in LIBRARY_SETS:
            lib.import_file(shared_path("synergy-openalex", name, "works_1.zip"))
        for xml in sorted(shared_path("pubmed-efetch-xml", "pmid_xml").glob("*.xml")):
            lib.import_file(xml)
    return path


@pytest.fixture()
def library(library_path: Path, tmp_path: Path) -> Iterator[Library]:
    """A private copy of the session library (tests may write lookups into it)."""
    copy = tmp_path / "library.sqlite"
    with Library(library_path) as src:
        src._db.execute("PRAGMA wal_checkpoint(FULL)")
    copy.write_bytes(library_path.read_bytes())
    with Library(copy) as lib:
        yield lib


@pytest.fixture()
def offline_verifier(library: Library, v_rules: dict[str, RuleMeta]) -> Verifier:
    return Verifier(None, library, offline=True, rules=v_rules)


class NoSleep:
    """An injected clock and sleep: records the waits, never waits."""

    def __init__(self) -> None:
        self.now = 0.0
        self.waits: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds


@pytest.fixture()
def no_sleep() -> NoSleep:
    return NoSleep()


@pytest.fixture()
def make_client(no_sleep: NoSleep) -> Callable[..., HttpClient]:
    def make(source: Cassette | Callable[[httpx.Request], httpx.Response], **kw: Any) -> HttpClient:
        """A client answering from a cassette, or from a handler serving recorded files."""
        kw.setdefault("contact_email", "replylint-tests@example.org")
        kw.setdefault("api_keys", {})
        transport = (
            source.transport if isinstance(source, Cassette) else httpx.MockTransport(source)
        )
        return HttpClient(
            transport=transport,
            clock=no_sleep.clock,
            sleep=no_sleep.sleep,
            jitter=lambda: 0.0,
            **kw,
        )

    return make


def cassette_files(*parts: str) -> list[Path]:
    return [shared_path(*p.split("/")) for p in parts]


def entry_from_work(
    work: Work,
    *,
    doi: bool | str = True,
    text: str | None = None,
    start: int = 0,
    **changes: Any,
) -> Reference:
    """A parsed reference entry written from a real record; ``changes`` mutate fields.

    ``doi``: True writes the record's DOI, False none, a string writes that (mutated) DOI.
    """
    authors = tuple(Author(family=a.family, given=a.given) for a in work.authors)
    ref = Reference(
        span=Span(start, start + 10),
        text="",
        parsed=True,
        authors=authors,
        year=str(work.year) if work.year else None,
        title=work.title,
        source=work.container,
        volume=work.volume,
        doi=doi if isinstance(doi, str) else (work.doi if doi else None),
        kind="journal-article",
    )
    ref = dataclasses.replace(ref, **changes)
    body = text or _entry_text(ref)
    fields = {}
    if ref.year and f"({ref.year})." in body:
        i = start + body.index(f"({ref.year}).")
        fields["date"] = RefField(f"({ref.year}).", Span(i, i + len(ref.year) + 3))
    if ref.doi and f"https://doi.org/{ref.doi}" in body:
        url = f"https://doi.org/{ref.doi}"
        i = start + body.index(url)
        fields["doi"] = RefField(url, Span(i, i + len(url)))
    return dataclasses.replace(ref, text=body, span=Span(start, start + len(body)), fields=fields)


def _entry_text(ref: Reference) -> str:
    names = ", ".join(
        f"{a.family}, {a.given[0]}." if a.given else a.family for a in ref.authors[:3]
    )
    out = f"{names} ({ref.year}). {ref.title}. {ref.source}"
    if ref.volume:
        out += f", {ref.volume}"
    out += "."
    if ref.doi:
        out += f" https://doi.org/{ref.doi}"
    return out


def codes(diags: Sequence[Any]) -> list[str]:
    return sorted(d.code for d in diags)
