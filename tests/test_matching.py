"""Citation <-> reference matching: data-driven cases over real entries, and the helpers."""

from __future__ import annotations

import string
import tomllib
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from replylint.matching import (
    SECONDARY_DETAIL,
    abbreviation_of,
    edit_distance,
    loose_key,
    match_citations,
    surname_key,
)
from replylint.model import Citation, Match, Reference, Span
from replylint.references import parse_reference
from tests.support.records import expand_entry, markup_document

CASES_FILE = Path(__file__).parent / "cases" / "references" / "matching.toml"
with CASES_FILE.open("rb") as _fh:
    CASES: list[dict[str, Any]] = tomllib.load(_fh)["case"]


def _reference(template: str, replace: list[list[str]] | None = None) -> Reference:
    entry = expand_entry(template, "md")
    for old, new in replace or []:  # a labelled mutation of a real entry
        assert old in entry, f"mutation target {old!r} not in {entry!r}"
        entry = entry.replace(old, new, 1)
    document = markup_document(entry, "md")
    return parse_reference(document, Span(0, len(document.text)))


def _citation(index: int, spec: dict[str, Any]) -> Citation:
    authors = tuple(spec.get("authors", ()))
    year = spec.get("year")
    text = f"({', '.join(authors)}, {year})"
    start = index * 40
    return Citation(
        span=Span(start, start + len(text)),
        text=text,
        authors=authors,
        et_al=spec.get("et_al", False),
        year=year,
        narrative=spec.get("narrative", False),
        group=spec.get("group", index),
        locator=spec.get("locator"),
        secondary=spec.get("secondary", False),
        abbreviation=spec.get("abbreviation"),
        style=spec.get("style", "apa"),
    )


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_matching_case(case: dict[str, Any]) -> None:
    references = [_reference(t, case.get("replace")) for t in case["entries"]]
    citations = [_citation(i, c) for i, c in enumerate(case["citations"])]
    matches = match_citations(citations, references)
    assert len(matches) == len(citations)
    for i, (match, want) in enumerate(zip(matches, case["expect"], strict=True)):
        assert match.citation == i
        assert match.kind == want["kind"], match
        assert match.reference == want.get("reference"), match
        if "candidates" in want:
            assert list(match.candidates) == want["candidates"], match
        if "detail" in want:
            assert match.detail == want["detail"], match
        if want["kind"] == "exact":
            assert match.reference is not None
        else:
            assert match.reference is None


def test_case_count() -> None:
    assert len(CASES) >= 30


def test_empty_inputs() -> None:
    assert match_citations([], []) == ()
    ref = _reference("{{ref:10.3390/risks11060101}}")
    assert match_citations([], [ref]) == ()


def test_secondary_detail_constant() -> None:
    refs = [_reference("{{ref:10.3390/risks11060101}}")]
    cites = [
        _citation(0, {"authors": ["Original"], "year": "1998", "group": 3}),
        _citation(1, {"authors": ["Melaku"], "year": "2023", "group": 3, "secondary": True}),
    ]
    assert match_citations(cites, refs)[0] == Match(
        citation=0, reference=None, kind="none", detail=SECONDARY_DETAIL
    )


# --- helpers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("", "", 0),
        ("abc", "", 3),
        ("smith", "smith", 0),
        ("smyth", "smith", 1),
        ("melaku", "melkau", 1),  # adjacent transposition counts once
        ("sulley", "sully", 1),
        ("kitten", "sitting", 3),
        ("ca", "abc", 3),  # optimal string alignment, not unrestricted Damerau
    ],
)
def test_edit_distance(a: str, b: str, distance: int) -> None:
    assert edit_distance(a, b) == distance
    assert edit_distance(b, a) == distance


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=12), st.text(max_size=12))
def test_edit_distance_bounds(a: str, b: str) -> None:
    d = edit_distance(a, b)
    assert abs(len(a) - len(b)) <= d <= max(len(a), len(b))
    assert (d == 0) == (a == b)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("O’Neill", "o'neill"),
        ("  Brooks   Carthon ", "brooks carthon"),
        ("Van den Berg", "van den berg"),
        ("Y.-J. Li", "li"),
        ("García", "garcía"),
        ("Example Nursing Council.", "example nursing council"),
    ],
)
def test_surname_key(name: str, key: str) -> None:
    assert surname_key(name) == key


def test_loose_key_strips_diacritics_only_for_near_tier() -> None:
    assert surname_key("García") != surname_key("Garcia")
    assert loose_key("García") == loose_key("Garcia") == "garcia"
    assert loose_key("Mas-Expósito") == loose_key("Mas Exposito")


def test_abbreviation_of() -> None:
    assert abbreviation_of("Example Nursing Council") == "ENC"
    assert abbreviation_of(
        "Guideline Development Panel for the Treatment of Depressive Disorders"
    ) == ("GDPTDD")


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(
                st.sampled_from(["Melaku", "Sulley", "Bayssie", "ENC", "Li", "x"]), max_size=3
            ),
            st.sampled_from([None, "2021", "2023", "2023a", "n.d.", "in press"]),
            st.booleans(),
            st.sampled_from(["apa", "mla", "numeric"]),
        ),
        max_size=6,
    )
)
def test_one_match_per_citation(specs: list[tuple[list[str], str | None, bool, str]]) -> None:
    refs = [_reference("{{ref:10.3390/risks11060101}}"), _reference("{{ref:10.7759/cureus.13287}}")]
    cites = [
        _citation(i, {"authors": a, "year": y, "et_al": e, "style": s})
        for i, (a, y, e, s) in enumerate(specs)
    ]
    matches = match_citations(cites, refs)
    assert [m.citation for m in matches] == list(range(len(cites)))
    for m, c in zip(matches, cites, strict=True):
        if c.style != "apa":
            assert m.kind != "exact"
        if m.kind == "exact":
            assert m.reference is not None and 0 <= m.reference < len(refs)
        else:
            assert m.reference is None


def _reference_surname_key(name: str) -> str:
    """``surname_key`` step by step, without its shortcuts."""
    s = unicodedata.normalize("NFC", name)
    s = s.translate(str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"}))
    s = s.translate(str.maketrans({"‐": "-", "‑": "-", "–": "-", "—": "-"}))
    s = regex.sub(r"\s+", " ", s).strip().strip('"“”*_,')
    s = regex.sub(r"^(?:\p{Lu}\.\s*(?:-\s*\p{Lu}\.\s*)?)+\s+(?=\p{L})", "", s)
    s = regex.sub(r"(?i)^the\s+", "", s) if len(s.split()) > 2 else s
    return s.rstrip(". ").casefold()


@given(st.text(alphabet="aBzé. -'`’–\t\n\xa0\u2003\x1cTtheHE", max_size=14))
def test_surname_key_shortcuts_change_nothing(name: str) -> None:
    assert surname_key(name) == _reference_surname_key(name)


@given(st.text(alphabet=string.ascii_letters, min_size=1, max_size=12))
def test_plain_ascii_names(name: str) -> None:
    assert surname_key(name) == _reference_surname_key(name) == name.lower()
    assert loose_key(name) == name.lower()
