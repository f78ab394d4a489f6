"""split_sections over a matrix of real-world shapes: format x heading x entry separation x extra.

Every reply is built from real records; each combination must give exactly the records' entries,
keep the reply's own text in the body and keep the pasted extra out of it.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from replylint.readers import parse_text
from replylint.sections import split_sections
from tests.support.records import apa_reference, cite, usable_records
from tests.test_sections import check_invariants

HEADINGS = {
    "txt": ["References", "References:", "REFERENCES", "Works Cited", "Bibliography", None],
    "md": ["References", "**References**", "## References", "**Reference List:**", None],
    "html": ["<p>References</p>", "<p><strong>References:</strong></p>", "<h2>Works Cited</h2>",
             "<h3>Bibliography</h3>", None],
}  # fmt: skip
SEPARATIONS = ["blank-lines", "lines", "block"]
EXTRAS = [None, "prompt", "chrome", "signature"]
EXTRA_TEXT = {
    "prompt": "Prompt: What helps nurses stay in their jobs?",
    "chrome": "Need Assignment Help?",
    "signature": "Thanks,",
}

CASES = [
    (fmt, heading, sep, extra)
    for fmt, headings in HEADINGS.items()
    for heading, sep, extra in itertools.product(headings, SEPARATIONS, EXTRAS)
]


def _records(seed: int) -> list[dict]:
    records = usable_records()
    return [records[(seed + k * 7) % len(records)] for k in range(3)]


def _reply(fmt: str, heading: str | None, sep: str, extra: str | None, seed: int) -> str:
    records = _records(seed)
    refs = [apa_reference(r, fmt) for r in records]
    sentence = f"Good work environments matter {cite(records[0])}. What do you think?"
    if fmt == "html":
        parts = []
        if extra == "prompt":
            parts.append(f"<p>{EXTRA_TEXT['prompt']}</p>")
        parts += ["<p>Hi Sam,</p>", f"<p>{sentence}</p>"]
        if extra == "chrome":
            parts.append(f"<p>{EXTRA_TEXT['chrome']}</p>")
        if extra == "signature":
            parts.append("<p>Thanks,<br>Jamie</p>")
        if heading:
            parts.append(heading)
        if sep == "blank-lines":
            parts += [f"<p>{r}</p>" for r in refs]
        elif sep == "lines":
            parts.append("<p>" + "<br>".join(refs) + "</p>")
        else:
            parts.append("<p>" + " ".join(refs) + "</p>")
        return "\n".join(parts)
    lines = []
    if extra == "prompt":
        lines += [EXTRA_TEXT["prompt"], ""]
    lines += ["Hi Sam,", "", sentence, ""]
    if extra == "chrome":
        lines += [EXTRA_TEXT["chrome"], ""]
    if extra == "signature":
        lines += ["Thanks,", "Jamie", ""]
    if heading:
        lines += [heading, ""]
    joiner = {"blank-lines": "\n\n", "lines": "\n", "block": " "}[sep]
    lines.append(joiner.join(refs))
    return "\n".join(lines) + "\n"


def _squash(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(
    ("fmt", "heading", "sep", "extra"),
    CASES,
    ids=[f"{f}-{h or 'no-heading'}-{s}-{e or 'plain'}" for f, h, s, e in CASES],
)
def test_matrix(fmt: str, heading: str | None, sep: str, extra: str | None) -> None:
    seed = CASES.index((fmt, heading, sep, extra))
    doc = parse_text(_reply(fmt, heading, sep, extra, seed), fmt)
    sections = split_sections(doc)
    check_invariants(doc, sections)
    expected = [_squash(apa_reference(r, "txt")) for r in _records(seed)]
    assert [_squash(doc.slice(e)) for e in sections.entries] == expected
    assert (sections.heading is not None) == (heading is not None)
    body = " ".join(doc.slice(s) for s in sections.body)
    assert "Hi Sam," in body and "What do you think?" in body
    if extra:
        assert EXTRA_TEXT[extra] not in body
        assert extra in {e.kind for e in sections.excluded}
    if extra == "signature":
        assert "Jamie" not in body
    assert sections.entry_split == sep


DOCX_CASES = list(
    itertools.product(["References", "Works Cited:", None], ["lines", "block"], EXTRAS)
)


@pytest.mark.parametrize(
    ("heading", "sep", "extra"),
    DOCX_CASES,
    ids=[f"docx-{h or 'no-heading'}-{s}-{e or 'plain'}" for h, s, e in DOCX_CASES],
)
def test_docx_matrix(heading: str | None, sep: str, extra: str | None, tmp_path: Path) -> None:
    from replylint.readers import read_path
    from tests.support.cases import write_docx

    seed = DOCX_CASES.index((heading, sep, extra))
    # One Word paragraph per line; Markdown *italics* become italic runs.
    source = _reply("md", heading, "lines" if sep == "lines" else "block", extra, seed)
    path = write_docx(source.replace("\n\n", "\n"), tmp_path / "reply.docx")
    doc = read_path(path)
    sections = split_sections(doc)
    check_invariants(doc, sections)
    expected = [_squash(apa_reference(r, "txt")) for r in _records(seed)]
    assert [_squash(doc.slice(e)) for e in sections.entries] == expected
    body = " ".join(doc.slice(s) for s in sections.body)
    assert "What do you think?" in body
    if extra:
        assert EXTRA_TEXT[extra] not in body
    for entry in sections.entries:
        journal_italic = any(entry.contains(i) for i in doc.italics)
        assert journal_italic
