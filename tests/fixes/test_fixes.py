"""Applying fixes: source mapping, markup, overlaps, suppressions, idempotence, DOCX runs."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from replylint.engine import load_rules
from replylint.fixes import SourceEdit, apply_source_edits, plan_fixes, unified_diff
from replylint.fixloop import fix_document
from replylint.model import Diagnostic, Document, Edit, Fix, Span
from replylint.readers import parse_bytes, parse_text
from tests.apa.support import reply_of, run_rule
from tests.support import records

R_CODES = [f"R{n}" for n in range(101, 118)]
RULES = load_rules()


def ref_lint(document: Document) -> list[Diagnostic]:
    reply = reply_of("", document=document)
    return [d for code in R_CODES for d in run_rule(code, reply)]


@pytest.fixture(scope="module")
def md_entry() -> str:
    entries = [e for _, _, e in records.correct_corpus("md")]
    return next(e for e in entries if re.search(r"\*, \*\d+\*\(\d+\), \d+–\d+\. https", e))


def _fix(text: str, old: str, new: str, at: int = 0) -> Fix:
    start = text.index(old, at)
    return Fix((Edit(Span(start, start + len(old)), new),), "safe", f"{old}->{new}")


def test_markdown_edit_touches_only_the_hyphen(md_entry: str) -> None:
    mutated = re.sub(r"(\d)–(\d+\. https)", r"\1-\2", md_entry)  # mutation: hyphen range
    document = parse_text("Text.\n\nReferences\n\n" + mutated + "\n", "md", "r.md")
    hyphen = document.text.rindex("-", 0, document.text.index("https"))
    plan = plan_fixes(document, [Fix((Edit(Span(hyphen, hyphen + 1), "–"),), "safe", "dash")])
    assert plan.source == "Text.\n\nReferences\n\n" + md_entry + "\n"
    assert len(plan.edits) == 1 and plan.edits[0].end - plan.edits[0].start == 1


def test_edit_across_markup_is_skipped() -> None:
    document = parse_text("<p>A <em>Journal</em> name here.</p>", "html", "r.html")
    start = document.text.index("A Journal")
    fix = Fix((Edit(Span(start, start + len("A Journal")), "The Journal"),), "safe", "x")
    plan = plan_fixes(document, [fix])
    assert not plan.changed
    assert plan.skipped == ((fix, "markup"),)


def test_html_entity_is_replaced_whole() -> None:
    document = parse_text("<p>Smith and Jones &amp; Lee</p>", "html", "r.html")
    amp = document.text.index("&")
    plan = plan_fixes(document, [Fix((Edit(Span(amp, amp + 1), "and"),), "safe", "x")])
    assert plan.source == "<p>Smith and Jones and Lee</p>"


def test_overlapping_fixes_first_wins() -> None:
    document = parse_text("one two three\n", "txt", "r.txt")
    first = _fix(document.text, "one two", "1 2")
    second = _fix(document.text, "two three", "2 3")
    plan = plan_fixes(document, [second, first])
    assert plan.source == "1 2 three\n"
    assert plan.skipped == ((second, "overlap"),)


def test_protected_spans_are_never_edited() -> None:
    document = parse_text("one two three\n", "txt", "r.txt")
    fix = _fix(document.text, "two", "2")
    plan = plan_fixes(document, [fix], protected=[Span(4, 7)])
    assert not plan.changed
    assert plan.skipped == ((fix, "suppressed"),)


def test_apply_source_edits_rejects_overlaps() -> None:
    assert apply_source_edits("abc", [SourceEdit(0, 1, "x"), SourceEdit(2, 2, "y")]) == "xbyc"
    with pytest.raises(ValueError):
        apply_source_edits("abc", [SourceEdit(0, 2, "x"), SourceEdit(1, 3, "y")])


def test_unified_diff() -> None:
    assert unified_diff("r.md", "a\n", "a\n") == ""
    assert "+b" in unified_diff("r.md", "a\n", "b\n")


def _mutated_reply(md_entry: str) -> tuple[str, str]:
    m = re.search(r"https://doi\.org/(\S+)$", md_entry)
    assert m
    bad = re.sub(r"(\d)–(\d+\. https)", r"\1-\2", md_entry).replace(
        "https://doi.org/", "Retrieved from doi:"
    )  # mutations: hyphen range, "Retrieved from", doi: label
    good = "Text.\n\nReferences\n\n" + md_entry + "\n"
    return "Text.\n\nReferences:\n\n" + bad + "\n", good


def test_fix_loop_restores_the_entry_and_is_idempotent(md_entry: str) -> None:
    bad, good = _mutated_reply(md_entry)
    document = parse_text(bad, "md", "r.md")
    outcome = fix_document(document, ref_lint, RULES)
    assert outcome.final.source == good
    assert {code for code, _ in outcome.applied} == {"R101", "R108", "R109", "R111"}
    again = fix_document(outcome.final, ref_lint, RULES)
    assert not again.changed
    fixed_codes = {"R101", "R108", "R109", "R111"}
    assert not fixed_codes & {d.code for d in ref_lint(outcome.final)}


def test_unsafe_fixes_only_on_request(md_entry: str) -> None:
    from replylint.apa.sentence_case import to_title_case
    from replylint.references import parse_reference_text

    plain = md_entry.replace("*", "")
    title = parse_reference_text(plain).title or ""
    mutated = md_entry.replace(title, to_title_case(title), 1)  # mutation: Title Case
    document = parse_text("Text.\n\nReferences\n\n" + mutated + "\n", "md", "r.md")
    assert not fix_document(document, ref_lint, RULES).changed
    outcome = fix_document(document, ref_lint, RULES, unsafe=True)
    assert outcome.changed
    assert "R106" not in {d.code for d in ref_lint(outcome.final)}


def test_no_fix_inside_a_suppressed_region(md_entry: str) -> None:
    bad, _ = _mutated_reply(md_entry)
    head, refs = bad.split("References:\n\n")
    suppressed = head + "References:\n\n<!-- replylint: disable=R111 -->\n" + refs
    document = parse_text(suppressed, "md", "r.md")
    outcome = fix_document(document, ref_lint, RULES)
    assert {code for code, _ in outcome.applied} == {"R101", "R108", "R109"}
    assert re.search(r"\d-\d+\. https", outcome.final.source)


def _docx(paragraphs: list[list[tuple[str, bool]]]) -> bytes:
    import docx

    document = docx.Document()
    for runs in paragraphs:
        para = document.add_paragraph()
        for text, italic in runs:
            para.add_run(text).italic = italic
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_fixes_keep_runs_and_italics(md_entry: str) -> None:
    bad, good = _mutated_reply(md_entry)
    paragraphs = []
    for line in bad.split("\n"):
        if not line.strip():
            continue
        runs, pos = [], 0
        for m in re.finditer(r"\*([^*]+)\*", line):
            runs.append((line[pos : m.start()], False))
            runs.append((m.group(1), True))
            pos = m.end()
        runs.append((line[pos:], False))
        paragraphs.append([r for r in runs if r[0]])
    data = _docx(paragraphs)
    document = parse_bytes(data, "docx", "r.docx")
    outcome = fix_document(document, ref_lint, RULES, docx_data=data)
    assert outcome.docx_bytes is not None
    fixed = parse_bytes(outcome.docx_bytes, "docx", "r.docx")
    assert fixed.text.split() == good.replace("*", "").split()
    italic_text = [fixed.text[s.start : s.end] for s in fixed.italics]
    assert italic_text == [t for p in paragraphs for t, it in p if it]


def test_docx_round_trip_on_disk(tmp_path: Path, md_entry: str) -> None:
    bad, _ = _mutated_reply(md_entry)
    data = _docx([[(line, False)] for line in bad.replace("*", "").split("\n") if line])
    path = tmp_path / "reply.docx"
    path.write_bytes(data)
    document = parse_bytes(path.read_bytes(), "docx", str(path))
    outcome = fix_document(document, ref_lint, RULES, docx_data=path.read_bytes())
    assert outcome.changed and "https://doi.org/" in outcome.final.text


def test_docx_case_change_across_runs_keeps_each_runs_italics() -> None:
    from replylint.docx_fixes import apply_docx_edits

    # placeholder title with an italic species name split over runs, as Word stores it
    data = _docx(
        [[("Resistance In Isolates Of ", False), ("Botrytis cinerea", True), (".", False)]]
    )
    document = parse_bytes(data, "docx", "r.docx")
    title = document.text.rstrip(".")
    new = "Resistance in isolates of Botrytis cinerea"
    out = apply_docx_edits(data, [SourceEdit(0, len(title), new)])
    fixed = parse_bytes(out, "docx", "r.docx")
    assert fixed.text.strip() == new + "."
    assert [fixed.text[s.start : s.end] for s in fixed.italics] == ["Botrytis cinerea"]


def test_fixes_left_for_markup_are_reported() -> None:
    from replylint.cli.fix import FixRun, write_show_fixes
    from replylint.model import Severity

    document = parse_text("<p>A <em>Journal</em> name.</p>", "html", "r.html")
    start = document.text.index("A Journal")
    fix = Fix((Edit(Span(start, start + 9), "The Journal"),), "safe", "Rename")
    finding = Diagnostic(
        "R999", "x", "reference-format", Severity.WARNING, "m", fix.edits[0].span, fix
    )
    outcome = fix_document(document, lambda doc: [finding], {})
    assert not outcome.changed
    assert outcome.skipped == [("R999", fix, "markup")]
    out = io.StringIO()
    write_show_fixes(FixRun({"r.html": outcome}), out)
    assert "No fixes applied." in out.getvalue()
    assert "r.html: R999 Rename: it would cross formatting" in out.getvalue()
