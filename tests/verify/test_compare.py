"""Entry-versus-record comparison: what differs, and what must not be called different."""

from __future__ import annotations

import dataclasses

import pytest

from replylint.model import Author, Reference, Span
from replylint.verify.compare import (
    compare,
    entry_year,
    is_same_work,
    journal_matches,
    surname_matches,
    title_similarity,
)
from replylint.verify.work import Work, WorkAuthor

# A real record (PubMed 36367692, Am J Physiol Heart Circ Physiol 2022), as PubMed gives it.
RECORD = Work(
    source="pubmed",
    doi="10.1152/ajpheart.00477.2022",
    title="Vasomotor symptoms of menopause, autonomic dysfunction, and cardiovascular disease",
    authors=(WorkAuthor("Lee", "Emma"), WorkAuthor("Anselmo", "Miguel")),
    year=2022,
    years=(2022,),
    container="American journal of physiology. Heart and circulatory physiology",
    container_short="Am J Physiol Heart Circ Physiol",
)


def entry(**kw: object) -> Reference:
    base = Reference(
        span=Span(0, 10),
        text="",
        parsed=True,
        authors=(Author("Lee", "E."), Author("Anselmo", "M.")),
        year="2022",
        title="Vasomotor symptoms of menopause, autonomic dysfunction, and cardiovascular disease",
        source="American Journal of Physiology. Heart and Circulatory Physiology",
        doi="10.1152/ajpheart.00477.2022",
    )
    return dataclasses.replace(base, **kw)  # type: ignore[arg-type]


def test_the_entry_as_written_from_the_record_agrees() -> None:
    assert compare(entry(), RECORD) == []


@pytest.mark.parametrize(
    "source",
    [
        "Am J Physiol Heart Circ Physiol",
        "American Journal of Physiology - Heart and Circulatory Physiology",
        "Am. J. Physiol. Heart Circ. Physiol.",
    ],
)
def test_journal_forms_that_name_the_same_journal(source: str) -> None:
    assert compare(entry(source=source), RECORD) == []


def test_title_with_different_case_and_trailing_period_agrees() -> None:
    title = "Vasomotor Symptoms of Menopause, Autonomic Dysfunction, and Cardiovascular Disease."
    assert compare(entry(title=title), RECORD) == []


def test_one_title_word_changed_is_a_mismatch() -> None:
    # Mutation of the real record: "menopause" -> "pregnancy".
    title = "Vasomotor symptoms of pregnancy, autonomic dysfunction, and cardiovascular disease"
    (m,) = compare(entry(title=title), RECORD)
    assert m.field == "title" and not m.minor
    assert m.actual == RECORD.title


def test_wrong_first_author_is_a_mismatch() -> None:
    # Mutation: the second author's surname put first.
    (m,) = compare(entry(authors=(Author("Anselmo", "M."),)), RECORD)
    assert m.field == "first author" and m.actual == "Lee"


def test_wrong_year_is_a_mismatch_and_names_the_real_year() -> None:
    (m,) = compare(entry(year="2019"), RECORD)
    assert (m.field, m.written, m.actual, m.minor) == ("year", "2019", "2022", False)


def test_year_one_after_a_single_known_year_is_minor() -> None:
    (m,) = compare(entry(year="2023"), RECORD)
    assert m.minor and "online" in (m.note or "")


def test_year_matching_the_online_date_of_a_two_date_record_agrees() -> None:
    record = dataclasses.replace(RECORD, year=2022, years=(2021, 2022))
    assert compare(entry(year="2021"), record) == []


def test_no_date_entry_is_not_compared_on_year() -> None:
    assert compare(entry(year="n.d."), RECORD) == []
    assert entry_year("2022a") == 2022
    assert entry_year("in press") is None


def test_subtitle_left_out_is_minor() -> None:
    record = dataclasses.replace(RECORD, title="Burnout in nurses: A systematic review")
    (m,) = compare(entry(title="Burnout in nurses"), record)
    assert m.minor and m.note == "subtitle left out"


def test_wrong_journal_is_a_mismatch() -> None:
    (m,) = compare(entry(source="Journal of Advanced Nursing"), RECORD)
    assert m.field == "journal"


@pytest.mark.parametrize(
    ("written", "author"),
    [
        (
            "Del Río Olvera",
            WorkAuthor(
                "Olvera", "Francisco Javier Del Río", full="Francisco Javier Del Río Olvera"
            ),
        ),
        ("Del Rio Olvera", WorkAuthor("Del Río Olvera", "Francisco Javier")),
        ("Fusar-Poli", WorkAuthor("Fusar-Poli", "Paolo")),
        ("Fusar Poli", WorkAuthor("Fusar-Poli", "Paolo")),
        ("van der Valk", WorkAuthor("van der Valk", "Eline")),
        ("Muller", WorkAuthor("Müller", "Anna")),
        ("World Health Organization", WorkAuthor("World Health Organization", group=True)),
    ],
)
def test_surname_forms_that_name_the_author(written: str, author: WorkAuthor) -> None:
    assert surname_matches(written, author)


def test_a_different_surname_does_not_match() -> None:
    assert not surname_matches("Smith", WorkAuthor("Lee", "Emma"))
    assert not surname_matches("Smith", WorkAuthor("Lee", "Emma", full="Emma Lee"))


def test_journal_match_uses_the_short_title_too() -> None:
    assert journal_matches("Am J Physiol Heart Circ Physiol", RECORD)
    assert not journal_matches("Nursing Outlook", RECORD)


def test_title_alone_never_identifies_a_work() -> None:
    # Same title, but another author and a far year: not the same work.
    stranger = entry(authors=(Author("Smith", "J."),), year="2001")
    assert is_same_work(stranger, RECORD) == 0.0
    assert is_same_work(entry(), RECORD) > 0.9
    assert title_similarity(RECORD.title, RECORD.title) == 1.0
    assert title_similarity(None, RECORD.title) == 0.0


def test_a_repository_venue_is_not_compared_with_the_journal() -> None:
    # Mutation of the real record: hosted by a repository as OpenAlex may report it.
    record = dataclasses.replace(
        RECORD,
        container="PubMed Central",
        container_short=None,
        is_peer_reviewed_venue=False,
        not_peer_reviewed_reason="hosted by a repository, not a journal",
    )
    assert compare(entry(), record) == []
