"""Normalisation helpers: DOIs, titles, names, merging several descriptions of one work."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from replylint.verify.work import (
    Work,
    WorkAuthor,
    fold,
    merge_works,
    normalize_doi,
    split_full_name,
    title_key,
)


@pytest.mark.parametrize(
    ("raw", "doi"),
    [
        ("https://doi.org/10.7717/peerj.4375", "10.7717/peerj.4375"),
        ("http://dx.doi.org/10.1037/0003-066X.59.1.29", "10.1037/0003-066x.59.1.29"),
        ("doi:10.1016/S0140-6736(97)11096-0", "10.1016/s0140-6736(97)11096-0"),
        ("  10.3389/fpsyg.2024.1367516.  ", "10.3389/fpsyg.2024.1367516"),
        ("not a doi", None),
        ("", None),
        (None, None),
    ],
)
def test_normalize_doi(raw: str | None, doi: str | None) -> None:
    assert normalize_doi(raw) == doi


def test_title_key_ignores_case_markup_punctuation_and_ampersand() -> None:
    a = "Risk & Resilience: <i>A</i> Study of Nurses’ Burnout."
    b = "risk and resilience — a study of nurses burnout"
    assert title_key(a) == title_key(b)


def test_fold_removes_diacritics() -> None:
    assert fold("Del Río Olvera") == "del rio olvera"
    assert fold("Müller") == "muller"


@pytest.mark.parametrize(
    ("name", "family", "given"),
    [
        ("Jason Priem", "Priem", "Jason"),
        ("W. June Ruan", "Ruan", "W. June"),
        ("Ludwig van der Berg", "van der Berg", "Ludwig"),
        ("Smith, John", "Smith", "John"),
        ("Plato", "Plato", None),
    ],
)
def test_split_full_name(name: str, family: str, given: str | None) -> None:
    assert split_full_name(name) == (family, given)


def test_merge_prefers_structured_names_and_ors_flags() -> None:
    oa = Work(
        source="openalex",
        doi="10.1/x",
        title="T",
        authors=(WorkAuthor("Ruan", "W. June", full="W. June Ruan"),),
        year=2007,
        is_retracted=True,
        retraction_detail="flagged retracted by OpenAlex",
    )
    cr = Work(source="crossref", doi="10.1/x", authors=(WorkAuthor("Ruan", "W. J."),), year=2008)
    merged = merge_works([oa, cr])
    assert merged is not None
    assert merged.source == "crossref"
    assert merged.authors[0].given == "W. J."
    assert merged.title == "T"
    assert merged.is_retracted
    assert merged.all_years == (2007, 2008)
    assert merge_works([]) is None


def test_round_trip_through_dict() -> None:
    w = Work(
        source="pubmed",
        doi="10.1/x",
        title="T",
        authors=(WorkAuthor("WHO", group=True),),
        year=2020,
        years=(2019, 2020),
        is_peer_reviewed_venue=False,
        not_peer_reviewed_reason="an editorial",
    )
    assert Work.from_dict(w.to_dict()) == w


@given(st.text())
def test_normalisers_never_raise(text: str) -> None:
    normalize_doi(text)
    title_key(text)
    split_full_name(text)
