"""Property tests: the importers and the comparison never raise on any input."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from replylint.errors import InputError
from replylint.model import Author, Reference, Span
from replylint.verify.compare import compare, is_same_work
from replylint.verify.importers import parse_works
from replylint.verify.importers.bibtex import parse_bibtex
from replylint.verify.importers.ris import parse_ris
from replylint.verify.work import Work, WorkAuthor

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.text())
def test_bibtex_never_raises(text: str) -> None:
    parse_bibtex(text)
    parse_bibtex("@article{k," + text)


@FAST
@given(st.text())
def test_ris_never_raises(text: str) -> None:
    parse_ris(text)
    parse_ris("TY  - JOUR\nTI  - " + text + "\nER  - \n")


@FAST
@given(st.text(), st.sampled_from(["x.json", "x.xml", "x.ris", "x.bib", "x.txt", "x.jsonl"]))
def test_parse_works_raises_only_input_errors(text: str, name: str) -> None:
    with contextlib.suppress(InputError):
        parse_works(text, name)


@FAST
@given(
    title=st.text(max_size=120),
    family=st.text(max_size=30),
    year=st.one_of(st.none(), st.text(max_size=8)),
    source=st.one_of(st.none(), st.text(max_size=60)),
)
def test_compare_never_raises(
    title: str, family: str, year: str | None, source: str | None
) -> None:
    entry = Reference(
        span=Span(0, 1),
        text=title,
        parsed=True,
        authors=(Author(family),),
        year=year,
        title=title,
        source=source,
    )
    work = Work(
        source="crossref",
        title="Vasomotor symptoms of menopause",
        authors=(WorkAuthor("Lee", "Emma"),),
        year=2022,
        container="American journal of physiology. Heart and circulatory physiology",
    )
    compare(entry, work)
    is_same_work(entry, work)
