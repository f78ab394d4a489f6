"""Reference-entry parsing: data-driven cases, every usable real record, and properties."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from replylint.model import Document, Reference, Span
from replylint.references import parse_reference, parse_reference_text
from tests.support.records import (
    apa_reference,
    common_record,
    expand_entry,
    expected_fields,
    markup_document,
    pubmed_records,
    usable_records,
)

CASES_DIR = Path(__file__).parent / "cases" / "references"
PREFIX = "References\n\n"


def _load_cases() -> list[dict[str, Any]]:
    cases = []
    for path in sorted(CASES_DIR.glob("*-forms.toml")):
        with path.open("rb") as fh:
            for case in tomllib.load(fh)["case"]:
                case["file"] = path.name
                cases.append(case)
    return cases


CASES = _load_cases()


def _parse_in_document(
    entry: str, fmt: str, reader: bool = False
) -> tuple[Document, Span, Reference]:
    """Parse ``entry`` placed after a heading, so field offsets must be document offsets.

    ``reader``: build the document with the real reader for the format instead of the
    test-support stand-in (the entry is then found in the reader's normalised text)."""
    if reader:
        from replylint.readers import parse_text

        source = PREFIX + entry + "\n"
        if fmt == "html":
            source = f"<p>References</p>\n<p>{entry}</p>\n"
        document = parse_text(source, fmt)
        text = document.text
        start = text.index("References") + len("References")
        while text[start].isspace():
            start += 1
        end = len(text.rstrip())
        span = Span(start, end)
        return document, span, parse_reference(document, span)
    document = markup_document(PREFIX + entry + "\n", fmt)
    start = document.text.index(PREFIX) + len(PREFIX)
    span = Span(start, len(document.text) - 1)
    return document, span, parse_reference(document, span)


def _build(case: dict[str, Any]) -> tuple[str, str]:
    fmt = case.get("format", "txt")
    entry = expand_entry(case["entry"], case.get("expand_format", fmt))
    for old, new in case.get("replace", []):
        assert old in entry, f"mutation target {old!r} not in {entry!r}"
        entry = entry.replace(old, new, 1)
    return entry, fmt


KINDS = {"journal-article", "book", "chapter", "report", "webpage", "preprint", "unknown"}


def assert_invariants(document: Document, span: Span, ref: Reference) -> None:
    assert ref.span == span
    assert ref.kind in KINDS
    assert ref.text == document.slice(span)
    for name, f in ref.fields.items():
        assert span.contains(f.span), name
        assert document.slice(f.span) == f.value, name
    for a in ref.authors:
        assert a.span is not None and span.contains(a.span)
        assert a.family
    if not ref.parsed:
        assert ref.problem
        assert not ref.authors and ref.title is None and ref.year is None


_SIMPLE = ("kind", "year", "title", "source", "volume", "issue", "pages", "article_number")


@pytest.mark.parametrize("reader", [False, True], ids=["support", "reader"])
@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_entry_case(case: dict[str, Any], reader: bool) -> None:
    entry, fmt = _build(case)
    if reader and case.get("reader") is False:
        pytest.skip(case.get("reader_note", "the reader rewrites this form"))
    document, span, ref = _parse_in_document(entry, fmt, reader=reader)
    assert_invariants(document, span, ref)
    expect = case.get("expect", {})
    if "parsed" in expect:
        assert ref.parsed is expect["parsed"], ref.problem
    elif "problem_contains" not in expect:
        assert ref.parsed, ref.problem
    for key in (*_SIMPLE, "doi", "url"):
        if key in expect:
            assert getattr(ref, key) == (expect[key] or None), key
    families = [a.family for a in ref.authors]
    if "authors" in expect:
        assert families == expect["authors"]
    if "n_authors" in expect:
        assert len(ref.authors) == expect["n_authors"]
    if "authors_contains" in expect:
        assert expect["authors_contains"] in families
    if "last_author" in expect:
        assert families[-1] == expect["last_author"]
    if "first_given" in expect:
        assert ref.authors[0].given == expect["first_given"]
    if "group" in expect:
        assert ref.authors[0].group is expect["group"]
    for flag in ("authors_ellipsis", "authors_et_al"):
        if flag in expect:
            assert getattr(ref, flag) is expect[flag]
    if "authors_value_contains" in expect:
        assert expect["authors_value_contains"] in ref.fields["authors"].value
    if "problem_contains" in expect:
        assert not ref.parsed
        assert expect["problem_contains"] in (ref.problem or "")
    for name, value in case.get("fields", {}).items():
        if value == "-":
            assert name not in ref.fields, name
        else:
            assert name in ref.fields, name
            assert ref.fields[name].value == value, name
    for name, value in case.get("italic", {}).items():
        want = None if value == "none" else value
        assert ref.fields[name].italic is want, name


# --- every usable real record, in each markup -------------------------------------------------

RECORDS = usable_records()


def _check_record(record: dict[str, Any], fmt: str, reader: bool = False) -> None:
    document, span, ref = _parse_in_document(apa_reference(record, fmt), fmt, reader=reader)
    assert_invariants(document, span, ref)
    want = expected_fields(record)
    assert ref.parsed, ref.problem
    assert ref.kind == "journal-article"
    assert [a.family for a in ref.authors] == want["authors"]
    for key in ("year", "title", "source", "volume", "issue", "pages", "article_number"):
        assert getattr(ref, key) == want[key], key
    assert (ref.doi or "").lower() == want["doi"].lower()
    assert ref.fields["doi"].value.startswith("https://doi.org/")
    if fmt == "txt":
        assert all(f.italic is None for f in ref.fields.values())
    else:
        assert ref.fields["source"].italic is True
        assert ref.fields["volume"].italic is True
        assert ref.fields["title"].italic is False
        assert ref.fields["authors"].italic is False
        assert ref.fields["doi"].italic is False
        if "issue" in ref.fields:
            assert ref.fields["issue"].italic is False


@pytest.mark.parametrize("reader", [False, True], ids=["support", "reader"])
@pytest.mark.parametrize("fmt", ["txt", "md", "html"])
@pytest.mark.parametrize("record", RECORDS, ids=[r["doi"] for r in RECORDS])
def test_every_usable_record(record: dict[str, Any], fmt: str, reader: bool) -> None:
    _check_record(record, fmt, reader)


def test_enough_real_records() -> None:
    assert len(RECORDS) >= 18


def test_pubmed_records_parse_back() -> None:
    """Every PubMed record written as APA 7 parses back field for field (bar a known few)."""
    commons = [c for c in (common_record(r) for r in pubmed_records()) if c]
    failures = []
    for common in commons:
        try:
            _check_record(common, "md")
        except AssertionError as exc:
            failures.append((common["doi"], str(exc)[:80]))
    assert len(commons) >= 150
    assert len(failures) <= len(commons) // 100, failures


# --- properties ---------------------------------------------------------------------------------

_ENTRYISH = st.lists(
    st.sampled_from(
        [*"AaBbZz .,;:&()[]-–?!'\"/0123456789…*\n", "et al.", "doi:", "(2020).", "In ", "(Eds.)"]
    ),
    max_size=80,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), _ENTRYISH))
def test_never_crashes_and_spans_inside(text: str) -> None:
    ref = parse_reference_text(text)
    document = Document(
        path="<entry>", format="txt", text=text, source=text, origin=range(len(text) + 1)
    )
    assert_invariants(document, Span(0, len(text)), ref)


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(RECORDS or [{}]),
    st.integers(min_value=0, max_value=40),
    st.integers(min_value=0, max_value=40),
)
def test_truncated_real_entries_never_crash(record: dict[str, Any], cut: int, keep: int) -> None:
    if not record:
        return
    entry = apa_reference(record)
    text = entry[cut : max(cut, len(entry) - keep)]
    ref = parse_reference_text(text)
    document = Document(
        path="<entry>", format="txt", text=text, source=text, origin=range(len(text) + 1)
    )
    assert_invariants(document, Span(0, len(text)), ref)


def test_empty_entry() -> None:
    ref = parse_reference_text("")
    assert not ref.parsed and ref.problem


def test_doi_normalised_but_field_as_written() -> None:
    entry = expand_entry("{{ref:10.1097/ncq.0000000000000475}}").replace(
        "https://doi.org/", "https://dx.doi.org/"
    )
    ref = parse_reference_text(entry)
    assert ref.doi == "10.1097/ncq.0000000000000475"
    assert ref.fields["doi"].value == "https://dx.doi.org/10.1097/ncq.0000000000000475"


@pytest.mark.parametrize("wrap", ["\n", "\r\n", "\n    "])
def test_entry_wrapped_right_after_its_date(wrap: str) -> None:
    """An editor's wrap right after "(2024)." keeps the date, title and source."""
    entry = expand_entry("{{ref:10.3389/fpsyg.2024.1367516}}")
    ref = parse_reference_text(entry.replace("(2024). ", "(2024)." + wrap, 1))
    assert ref.parsed and ref.year == "2024" and ref.problem is None
    assert ref.title == parse_reference_text(entry).title
    assert ref.source == "Frontiers in Psychology"


@pytest.mark.parametrize(
    "doi", ["10.1128/msystems.01299-23", "10.3389/fpsyg.2024.1367516", "10.1073/pnas.2305772120"]
)
def test_markdown_entry_read_as_plain_text(doi: str) -> None:
    """Literal *asterisk* italics (Markdown pasted as plain text) do not hide the elements."""
    from tests.qa.replies import entry

    plain = parse_reference_text(entry(doi, "txt"))
    marked = parse_reference_text(entry(doi, "md"))
    assert "*" in marked.text and marked.parsed and marked.problem is None
    for name in ("title", "source", "volume", "issue", "pages", "article_number", "doi", "kind"):
        assert getattr(marked, name) == getattr(plain, name), name
    assert marked.fields["source"].value == plain.source


def test_underscores_in_links_and_words_are_kept() -> None:
    entry = "Wang, A. (2024). A _snake_case_ title. *J*, *3*(1), 1–9. https://example.org/a_b_c"
    ref = parse_reference_text(entry)
    assert ref.source == "J" and ref.url == "https://example.org/a_b_c"
    assert ref.title == "A _snake_case_ title"


@given(st.text(alphabet="ab *_/\n.,", max_size=40))
def test_mask_emphasis_keeps_offsets(text: str) -> None:
    from replylint.refparse.segments import mask_emphasis

    masked = mask_emphasis(text, len(text))
    assert len(masked) == len(text)
    assert all(a == b or (a in "*_" and b == " ") for a, b in zip(text, masked, strict=True))


def test_case_count() -> None:
    assert len(CASES) >= 60


@pytest.mark.parametrize(
    "text",
    [
        "Author, A. A. (2020). " + "U.S. " * 700,
        "Author, A. A. (2020). Title. " + ", ".join(["Word word"] * 300) + ".",
        ", ".join(["Smith, J. A."] * 250) + " (2020). Title. Journal, 1(1), 1.",
        "(" * 1500 + "2020" + ")" * 1500,
        "Author, A. A. (2020). " + "Why? " * 700,
    ],
    ids=["dotted", "commas", "many-names", "parentheses", "questions"],
)
def test_adversarial_entries_are_fast(text: str) -> None:
    import time

    started = time.perf_counter()
    parse_reference_text(text)
    assert time.perf_counter() - started < 2.0


def test_overlong_entry_is_unparsed() -> None:
    from replylint.references import MAX_ENTRY

    ref = parse_reference_text("Author, A. A. (2020). " + "word " * MAX_ENTRY)
    assert not ref.parsed and "longer than" in (ref.problem or "")


@pytest.mark.parametrize(
    ("entry", "want"),
    [
        (
            "Smith, J. (2020). Title of the work. Journal of Things, Section B, 12(3), 45–67.",
            {"source": "Journal of Things, Section B", "volume": "12", "pages": "45–67"},
        ),
        (
            "Smith, J. (2020). Title of the work. Journal of Things 12(3), 45–67.",
            {"source": "Journal of Things", "volume": "12", "issue": "3"},
        ),
        (
            "Yıldız, İ. (2020). Title of the work. Journal of Things, 12(3), 45–67. "
            "HTTPS://DOI.ORG/10.1234/abc.5",
            {"doi": "10.1234/abc.5", "doi_field": "HTTPS://DOI.ORG/10.1234/abc.5"},
        ),
        (
            "Smith, J. (2020). Title of the work. Journal of Things, 12(3), 45–67. "
            "Doi: 10.1234/abc.5",
            {"doi": "10.1234/abc.5", "doi_field": "Doi: 10.1234/abc.5"},
        ),
        (
            "World Health Organization. (2021). Title of the page. www.who.int/page",
            {"url": "www.who.int/page", "kind": "webpage"},
        ),
        (
            "Evans, E., Eaton, E. K., et al. (2020). Title of the work. Journal, 12(3), 45–67.",
            {"authors": [("Evans", "E."), ("Eaton", "E. K.")], "et_al": True},
        ),
        (
            "Smith, J., Jr., & Evans, E.  K. (2020). Title of the work. Journal, 12(3), 45–67.",
            {"authors": [("Smith", "J., Jr."), ("Evans", "E. K.")], "et_al": False},
        ),
        (
            "Smith, J. (2020). Nursing care in the U.S. Health system. Journal, 12(3), 45–67.",
            {"title": "Nursing care in the U.S. Health system", "source": "Journal"},
        ),
        (
            "Smith, J. (Ed.). (2020). Title of the book (2nd ed.). Publisher Name.",
            {"title": "Title of the book", "edition": "2nd ed.", "editors": "(Ed.)."},
        ),
    ],
    ids=[
        "source-with-comma",
        "volume-after-space",
        "doi-uppercase-prefix-dotted-capital-i",
        "doi-label",
        "www-url",
        "et-al-after-e-names",
        "suffix-and-double-space",
        "abbreviation-in-title",
        "editors-and-edition",
    ],
)
def test_element_patterns_read_as_written(entry: str, want: dict[str, Any]) -> None:
    """Elements whose patterns skip ahead (to a link's start, a name's first character, a
    closing bracket, a word end) still read what they read when scanned throughout."""
    ref = parse_reference_text(entry)
    assert ref.parsed
    got: dict[str, Any] = {
        "source": ref.source,
        "volume": ref.volume,
        "issue": ref.issue,
        "pages": ref.pages,
        "title": ref.title,
        "doi": ref.doi,
        "url": ref.url,
        "kind": ref.kind,
        "et_al": ref.authors_et_al,
        "authors": [(a.family, a.given) for a in ref.authors],
    }
    for name in ("doi", "edition", "editors"):
        got[f"{name}_field" if name == "doi" else name] = (
            ref.fields[name].value if name in ref.fields else None
        )
    assert {k: got[k] for k in want} == want


def test_preprint_doi_starts_open_every_preprint_doi_alternative() -> None:
    from replylint.refparse import kinds

    head = "(?i)^10\\.(?:"
    pattern = kinds._PREPRINT_DOI.pattern
    assert pattern.startswith(head) and pattern.endswith(")")
    for alternative in pattern[len(head) : -1].split("|"):
        written = "10." + alternative.replace("\\.", ".")
        assert written.startswith(kinds._PREPRINT_DOI_STARTS), alternative


def test_preprint_words_are_in_every_preprint_name() -> None:
    from replylint.refparse import kinds

    head = "(?i)\\b(?:"
    pattern = kinds._PREPRINT_NAME.pattern
    assert pattern.startswith(head) and pattern.endswith(")\\b")
    for alternative in pattern[len(head) : -3].split("|"):
        assert any(word in alternative for word in kinds._PREPRINT_WORDS), alternative
