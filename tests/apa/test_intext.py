"""In-text rules C109-C115 on replies built from real records (mutations labelled)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from replylint.checks.apa_intext import fix_locator
from replylint.fixloop import fix_document
from replylint.model import Diagnostic, Document
from replylint.readers import parse_text
from tests.apa.support import AS_OF, _rules, run_rule
from tests.support import records

C_CODES = [f"C{n}" for n in range(109, 116)]


@pytest.fixture(scope="module")
def entry() -> str:
    entries = [e for _, _, e in records.correct_corpus("txt")]
    return next(e for e in entries if re.match(r"[A-Z][a-z]+, [A-Z]\. (?:[A-Z]\. )?\(\d{4}\)", e))


def _who(entry: str) -> tuple[str, str, str]:
    m = re.match(r"([^,]+), .*?\((\d{4})\).*?, (\d+)–\d+\. https", entry)
    assert m
    return m.group(1), m.group(2), m.group(3)


def reply_text(entry: str, body: str) -> str:
    return f"{body}\n\nReferences\n\n{entry}\n"


def lint(analyzer: Any, text: str, fmt: str = "txt") -> list[Diagnostic]:
    reply = analyzer.analyze(parse_text(text, fmt, f"r.{fmt}"), as_of=AS_OF)
    return [d for code in C_CODES for d in run_rule(code, reply)]


def codes(analyzer: Any, text: str, fmt: str = "txt") -> set[str]:
    return {d.code for d in lint(analyzer, text, fmt)}


@pytest.mark.parametrize(
    ("written", "good"),
    [
        ("pg. 5", "p. 5"),
        ("page 5", "p. 5"),
        ("p 5", "p. 5"),
        ("p.5", "p. 5"),
        ("pp. 5", "p. 5"),
        ("p. 5-7", "pp. 5–7"),
        ("pages 5-7", "pp. 5–7"),
        ("para 3", "para. 3"),
        ("¶ 3", "para. 3"),
        ("paras 3-4", "paras. 3–4"),
        ("p. 5", "p. 5"),
    ],
)
def test_fix_locator(written: str, good: str) -> None:
    assert fix_locator(written) == good


def test_correct_citations_are_clean(analyzer: Any, entry: str) -> None:
    name, year, page = _who(entry)
    body = (
        f"Nurses reported more strain in that period ({name}, {year}, p. {page}). "
        f"{name} ({year}) described the same pattern, e.g., in staffing. "
        f"Later work agrees (see {name}, {year})."
    )
    assert codes(analyzer, reply_text(entry, body)) == set()


@pytest.mark.parametrize(
    ("bad", "code"),
    [
        ("Strain rose ({name}, {year}, pg. {page}).", "C109"),
        ("Strain rose ({name}, nd).", "C110"),
        ("Strain rose. ({name}, {year})", "C112"),
        ("Strain rose ({name} {page}).", "C114"),
        ("Strain rose [1].", "C114"),
    ],
)
def test_mutations_are_found(analyzer: Any, entry: str, bad: str, code: str) -> None:
    name, year, page = _who(entry)
    text = reply_text(entry, bad.format(name=name, year=year, page=page))  # mutation
    assert code in codes(analyzer, text)


def test_secondary_source_wording(analyzer: Any, entry: str) -> None:
    name, year, _ = _who(entry)
    good = f"Freud (1900, as cited in {name}, {year}) said so."
    bad = f"Freud (1900, as quoted in {name}, {year}) said so."  # mutation
    assert "C113" not in codes(analyzer, reply_text(entry, good))
    assert "C113" in codes(analyzer, reply_text(entry, bad))


def test_citation_after_block_quote_is_fine(analyzer: Any, entry: str) -> None:
    name, year, page = _who(entry)
    quote = " ".join(["word"] * 45)
    text = reply_text(entry, f"Intro:\n\n> {quote}.\n\n({name}, {year}, p. {page})")
    assert "C112" not in codes(analyzer, text, "md")


def test_year_letters_must_match_the_list(analyzer: Any) -> None:
    entries = [e for _, _, e in records.correct_corpus("txt")]
    a = entries[0]
    b = next(e for e in entries[1:] if e[0] != a[0])
    head_a, rest_a = a.split(" (", 1)
    year = rest_a[:4]
    # mutation: b given a's authors and year, both lettered by title order
    twin = head_a + " (" + year + "b" + b.split(" (", 1)[1][4:]
    first = head_a + " (" + year + "a" + rest_a[4:]
    name = head_a.split(",")[0]
    body_bad = f"Strain rose ({name}, {year})."
    body_good = f"Strain rose ({name}, {year}a, {year}b)."
    listing = f"{first}\n\n{twin}"
    assert "C111" in codes(analyzer, reply_text(listing, body_bad))
    assert "C111" not in codes(analyzer, reply_text(listing, body_good))


def test_group_abbreviation_must_be_introduced(analyzer: Any) -> None:
    body_bad = (
        "Guidance changed (WHO, 2020). Later the World Health Organization (WHO, 2020) agreed."
    )
    body_good = "The World Health Organization (WHO, 2020) agreed. Guidance changed (WHO, 2020)."
    entry = "World Health Organization. (2020). Title of the report. https://www.example.org/report"
    assert "C115" in codes(analyzer, reply_text(entry, body_bad))
    assert "C115" not in codes(analyzer, reply_text(entry, body_good))


def test_safe_fixes_restore_the_citation(analyzer: Any, entry: str) -> None:
    name, year, page = _who(entry)
    good = reply_text(entry, f"Strain rose ({name}, {year}, p. {page}) and ({name}, n.d.).")
    bad = reply_text(entry, f"Strain rose ({name}, {year}, pg. {page}) and ({name}, nd).")

    def lint_doc(document: Document) -> list[Diagnostic]:
        reply = analyzer.analyze(document, as_of=AS_OF)
        return [d for code in C_CODES for d in run_rule(code, reply)]

    outcome = fix_document(parse_text(bad, "txt", "r.txt"), lint_doc, _rules())
    assert outcome.final.source == good
    assert not fix_document(outcome.final, lint_doc, _rules()).changed


def test_citation_after_period_unsafe_fix(analyzer: Any, entry: str) -> None:
    name, year, _ = _who(entry)
    bad = reply_text(entry, f"Strain rose. ({name}, {year})")

    def lint_doc(document: Document) -> list[Diagnostic]:
        reply = analyzer.analyze(document, as_of=AS_OF)
        return run_rule("C112", reply)

    document = parse_text(bad, "txt", "r.txt")
    assert not fix_document(document, lint_doc, _rules()).changed
    outcome = fix_document(document, lint_doc, _rules(), unsafe=True)
    assert outcome.final.source == reply_text(entry, f"Strain rose ({name}, {year}).")
