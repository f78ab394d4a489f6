"""split_sections: data-driven cases in tests/cases/sections, invariants, properties."""

from __future__ import annotations

import itertools
import tomllib
from pathlib import Path
from typing import Any

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from replylint import sections
from replylint.model import Document, Sections, Span
from replylint.readers import parse_text
from replylint.sections import is_entry_start, split_sections
from tests.support.records import apa_reference, expand, recent_articles, usable

CASES = Path(__file__).parent / "cases" / "sections"


def _cases() -> list[tuple[str, dict[str, Any]]]:
    return [
        (p.stem, tomllib.loads(p.read_text(encoding="utf-8"))) for p in sorted(CASES.glob("*.toml"))
    ]


def _squash(text: str) -> str:
    return " ".join(text.split())


def _entry_text(doi: str) -> str:
    """The record's APA entry as plain text, normalised like a document's text."""
    return _squash(parse_text(apa_reference(recent_articles()[doi.lower()], "txt"), "txt").text)


def _document(case: dict[str, Any], name: str) -> Document:
    fmt = case["format"]
    return parse_text(expand(case["input"].lstrip("\n"), fmt), fmt, f"{name}.{fmt}")


def check_invariants(doc: Document, sections: Sections) -> None:
    """What analysis relies on, for any document."""
    text = doc.text
    spans = list(sections.body)
    for span in spans + list(sections.entries):
        assert 0 <= span.start < span.end <= len(text)
        piece = text[span.start : span.end]
        assert piece == piece.strip(), f"untrimmed span {piece!r}"
    for a, b in itertools.pairwise(spans):
        assert a.end <= b.start
    holes = [e.span for e in sections.excluded]
    if sections.heading is not None:
        holes.append(sections.heading)
    if sections.reference_list is not None:
        holes.append(sections.reference_list)
        for entry in sections.entries:
            assert sections.reference_list.contains(entry)
    for span in spans:
        for hole in holes:
            assert not span.overlaps(hole), (
                text[span.start : span.end],
                text[hole.start : hole.end],
            )
    entries = list(sections.entries)
    for a, b in itertools.pairwise(entries):
        assert a.end <= b.start
    assert bool(entries) == bool(sections.entry_split)


CASE_LIST = _cases()


def test_there_are_enough_section_cases() -> None:
    assert len(CASE_LIST) >= 20
    assert {c["format"] for _, c in CASE_LIST} == {"txt", "md", "html"}


@pytest.mark.parametrize(("name", "case"), CASE_LIST, ids=[n for n, _ in CASE_LIST])
def test_section_case(name: str, case: dict[str, Any]) -> None:
    doc = _document(case, name)
    sections = split_sections(doc)
    expect = case["expect"]
    check_invariants(doc, sections)

    heading = doc.slice(sections.heading) if sections.heading else ""
    assert heading == expect["heading"]

    found = [_squash(doc.slice(e)) for e in sections.entries]
    assert found == [_entry_text(doi) for doi in expect["entries"]]
    assert sections.entry_split == expect["entry_split"]

    body = [doc.slice(s) for s in sections.body]
    for needle in expect.get("body", []):
        assert any(needle in piece for piece in body), f"{needle!r} not in body {body}"
    for needle in expect.get("not_body", []):
        assert not any(needle in piece for piece in body), f"{needle!r} in body"

    excluded = [
        (e.kind, doc.slice(e.span)) for e in sections.excluded if e.span != sections.heading
    ]
    assert len(excluded) == len(expect["excluded"]), excluded
    for kind, start in expect["excluded"]:
        assert any(k == kind and t.startswith(start) for k, t in excluded), (kind, start, excluded)


def test_heading_is_excluded_too() -> None:
    doc = parse_text(expand("Text here.\n\nReferences\n{{ref:10.2147/prbm.s458199}}"), "txt")
    sections = split_sections(doc)
    assert sections.heading is not None
    assert any(e.kind == "heading" and e.span == sections.heading for e in sections.excluded)


def test_whole_reply_cases_keep_invariants(tmp_path: Path) -> None:
    from replylint.readers import read_path
    from tests.support.cases import materialise, reply_cases

    for case in reply_cases():
        doc = read_path(materialise(case, tmp_path))
        sections = split_sections(doc)
        check_invariants(doc, sections)
        assert len(sections.entries) == len(case.entries), case.name


@pytest.mark.parametrize(
    "line",
    [
        "Smith, J., & Lee, K. (2020). Title.",
        "Del Río Olvera, F. J. (2022). Title.",
        "1. Medina-de la Cruz, O. (2023). Title.",
        "World Health Organization. (2021). Report title.",
        "van der Berg, A. (n.d.). Title.",
    ],
)
def test_entry_start_shapes(line: str) -> None:
    assert is_entry_start(line)


@pytest.mark.parametrize(
    "line",
    [
        "Smith (2020) found that burnout fell.",
        "As Smith and Lee (2020) argue, the alliance matters.",
        "Nurses report burnout (Yang et al., 2024).",
        "References to older studies are common.",
    ],
)
def test_body_lines_are_not_entry_starts(line: str) -> None:
    assert not is_entry_start(line)


def test_body_only_document() -> None:
    doc = parse_text("Just one short reply with no sources.", "txt")
    sections = split_sections(doc)
    assert [doc.slice(s) for s in sections.body] == ["Just one short reply with no sources."]
    assert sections.entries == () and sections.heading is None and sections.excluded == ()


def test_hand_built_document_without_paragraphs() -> None:
    text = "Body.\n\nReferences\n" + _entry_text("10.2147/prbm.s458199")
    doc = Document("x", "txt", text, text, list(range(len(text) + 1)))
    sections = split_sections(doc)
    assert [doc.slice(s) for s in sections.body] == ["Body."]
    assert len(sections.entries) == 1


def test_hard_wrapped_entries_join_continuation_lines() -> None:
    first = apa_reference(recent_articles()["10.1097/ncq.0000000000000475"])
    second = apa_reference(recent_articles()["10.2147/prbm.s458199"])
    cut = first.index("System-Level")
    wrapped = f"{first[:cut].rstrip()}\n    {first[cut:]}"
    doc = parse_text(f"Body text.\n\nReferences\n{wrapped}\n{second}\n", "txt")
    sections = split_sections(doc)
    assert [_squash(doc.slice(e)) for e in sections.entries] == [
        _squash(first),
        _squash(second),
    ]
    assert sections.entry_split == "lines"


def test_non_apa_lines_under_a_heading_are_one_entry_each() -> None:
    # MLA-style lines (no "(YEAR)." after the authors): each line is its own entry.
    lines = ["Smith, John. A Title. Journal, 2020.", "Lee, Kim. Another Title. Press, 2019."]
    doc = parse_text("Body.\n\nWorks Cited\n" + "\n".join(lines), "txt")
    sections = split_sections(doc)
    assert [doc.slice(e) for e in sections.entries] == lines


_PIECES = st.sampled_from(
    [
        *"abcXYZ .,:;()&\n\n\t>*-#\"'“”\u00a0\u00ad0123456789",
        "References",
        "Smith, J. ",
        "(2020). ",
        "Thanks,",
        "Prompt:",
        "https://doi.org/10.1/x",
        "<p>",
        "</p>",
        "<br>",
        "<blockquote>",
        "**",
        "_",
        "Lee, K., & ",
        "Jane",
    ]
)
_TEXT = st.lists(_PIECES, max_size=120).map("".join)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(_TEXT, st.sampled_from(["txt", "md", "html"]))
def test_split_sections_never_crashes(text: str, fmt: str) -> None:
    if not text.strip():
        return
    try:
        doc = parse_text(text, fmt)
    except Exception as exc:  # only the documented error is allowed
        from replylint.errors import InputError

        assert isinstance(exc, InputError)
        return
    check_invariants(doc, split_sections(doc))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_split_sections_on_any_unicode(text: str) -> None:
    doc = Document("x", "txt", text, text, list(range(len(text) + 1)))
    check_invariants(doc, split_sections(doc))


def test_spans_are_spans() -> None:
    assert Span(0, 0).contains(Span(0, 0))


def test_no_heading_entries_with_doi_on_its_own_line() -> None:
    entries = [
        apa_reference(recent_articles()[doi])
        for doi in ("10.2147/prbm.s458199", "10.3390/bs14060428")
    ]
    wrapped = "\n".join(e.replace(" https://doi.org", "\nhttps://doi.org") for e in entries)
    doc = parse_text(f"Burnout and motivation are linked.\n\n{wrapped}\n", "txt")
    sections = split_sections(doc)
    check_invariants(doc, sections)
    assert [_squash(doc.slice(e)) for e in sections.entries] == [_squash(e) for e in entries]
    assert [doc.slice(s) for s in sections.body] == ["Burnout and motivation are linked."]


def test_body_ending_in_prose_after_a_blank_line_is_not_swallowed() -> None:
    entry = apa_reference(recent_articles()["10.2147/prbm.s458199"])
    doc = parse_text(f"Intro text.\n\n{entry}\n\nA closing paragraph of prose.\n", "txt")
    sections = split_sections(doc)
    assert sections.entries == ()
    assert len(sections.body) == 3


def _pubmed_records() -> list[dict[str, Any]]:
    """PubMed records (real, read at test time) in the shape ``apa_reference`` takes."""
    import json

    from tests.conftest import shared_path
    from tests.support.records import usable

    out = []
    path = shared_path("pubmed-efetch-xml", "records_slim.jsonl")
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        raw = rec.get("authors") or []
        if (
            not raw
            or not rec.get("doi")
            or not all(isinstance(a, dict) and a.get("last") for a in raw)
        ):
            continue
        authors = [
            {"family": a["last"], "given": a.get("fore") or a.get("initials") or ""} for a in raw
        ]
        shaped = {
            "doi": rec["doi"],
            "authors": authors,
            "authors_complete": True,
            "title": rec["title"],
            "container_title": rec["journal"],
            "year": rec["year"],
            "volume": rec.get("volume"),
            "issue": rec.get("issue"),
            "page": rec.get("pages"),
        }
        if usable(shaped):
            out.append(shaped)
    return out


def test_pubmed_entries_start_like_entries_and_split_from_one_block() -> None:
    records = _pubmed_records()
    assert len(records) > 100
    entries = [_squash(parse_text(apa_reference(r), "txt").text) for r in records]
    assert all(is_entry_start(e) for e in entries)
    for k in range(0, len(entries) - 2, 3):
        window = entries[k : k + 3]
        for joiner in (" ", "\n"):
            doc = parse_text("Body.\n\nReferences\n" + joiner.join(window), "txt")
            assert [doc.slice(e) for e in split_sections(doc).entries] == window


_ENTRIES = [apa_reference(r) for r in list(recent_articles().values())[:40] if usable(r)][:12]
_PLAIN_BOUNDARY = regex.compile(rf"(?<=\S)\s+(?={sections._PERSON_HEAD})")


def _block_cuts(text: str, boundary: Any) -> list[Span]:
    saved = sections._BOUNDARY
    sections._BOUNDARY = boundary
    try:
        doc = Document("x", "txt", text, text, list(range(len(text) + 1)))
        return sections._Splitter(doc).block_split(0, len(text))
    finally:
        sections._BOUNDARY = saved


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(range(len(_ENTRIES))),
            st.sampled_from([" ", "  ", ", ", " and ", " doi: 10.1/x ", " https://a.b/c "]),
            st.integers(min_value=0, max_value=400),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_block_boundaries_are_those_of_the_plain_pattern(parts: list[tuple[int, str, int]]) -> None:
    # The boundary pattern asks for the period or link before the author run; the cuts
    # block_split makes must be those of the plain "whitespace before an author run".
    pieces = []
    for index, separator, at in parts:
        entry = _ENTRIES[index]
        at = min(at, len(entry))
        pieces.append(entry[:at] + separator + entry[at:])
    text = " ".join(pieces)
    assert _block_cuts(text, sections._BOUNDARY) == _block_cuts(text, _PLAIN_BOUNDARY)


def test_marker_first_lists_every_ascii_start_of_a_marker() -> None:
    starts = {ch for ch in map(chr, range(128)) if sections._MARKER_ONLY.match(ch, partial=True)}
    assert starts == set(sections._MARKER_FIRST)


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    return [*parts, pattern[start:]]


def _openings(item: str) -> list[str]:
    """``item`` with a leading ``(?:a|b)`` group spelt out, one string per alternative."""
    if not item.startswith("(?:"):
        return [item]
    depth = 0
    for i, ch in enumerate(item):
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0:
            rest = item[i + 1 :]
            return [o for alt in _alternatives(item[3:i]) for o in _openings(alt + rest)]
    raise AssertionError(item)


def test_chrome_first_words_open_every_chrome_item() -> None:
    for item in _openings(f"(?:{sections._CHROME_ITEM})"):
        if item.startswith(r"\d"):
            continue
        words = [w for w in sections._CHROME_FIRST_WORDS if item.startswith(w)]
        # the word is written out: no quantifier makes its last letter optional
        assert any(item[len(w) : len(w) + 1] not in ("?", "*", "{") for w in words), item


@pytest.mark.parametrize(
    "line", ["Read more", "  **Word count: 250**", "Reply | Like", "12 words 1 page", "Hi all"]
)
def test_chrome_pre_check_agrees_with_the_pattern(line: str) -> None:
    core = line.strip().strip(sections._CHROME_TRIM).strip()
    assert sections._chrome(line) == (sections._CHROME.fullmatch(core) is not None)


def test_heading_first_lists_every_first_letter_of_a_heading_word() -> None:
    firsts = {
        ch
        for ch in map(chr, range(0x10000))
        if ch not in " \t#*_"
        and (
            sections._HEADING.match(ch, partial=True)
            or sections._INLINE_HEADING.match(ch, partial=True)
        )
    }
    assert firsts == set(sections._HEADING_FIRST)
