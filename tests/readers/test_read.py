"""read_path and parse_bytes: every format from a real file, DOCX built here, stdin, errors."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

from replylint.errors import InputError, UsageError
from replylint.readers import FORMATS, detect_format, parse_bytes, parse_text, read_path
from replylint.sections import split_sections
from tests.support.records import apa_reference, cite, expand, recent_articles

DOI = "10.3390/bs14060428"


def _record() -> dict:
    return dict(recent_articles()[DOI])


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("a.txt", "txt"),
        ("a.TXT", "txt"),
        ("a.md", "md"),
        ("a.markdown", "md"),
        ("a.html", "html"),
        ("a.htm", "html"),
        ("a.docx", "docx"),
        ("a.rst", "txt"),
        ("noext", "txt"),
        ("-", "txt"),
    ],
)
def test_detect_format(name: str, fmt: str) -> None:
    assert detect_format(name) == fmt
    assert fmt in FORMATS


@pytest.mark.parametrize("fmt", ["txt", "md", "html"])
def test_read_each_text_format(tmp_path: Path, fmt: str) -> None:
    body = "Autonomy matters {{cite:" + DOI + "}}.\n\nReferences\n\n{{ref:" + DOI + "}}\n"
    if fmt == "html":
        body = (
            "<p>Autonomy matters {{cite:"
            + DOI
            + "}}.</p><p>References</p><p>{{ref:"
            + DOI
            + "}}</p>"
        )
    path = tmp_path / f"reply.{fmt}"
    path.write_text(expand(body, fmt), encoding="utf-8")
    doc = read_path(path)
    assert doc.format == fmt and doc.path == str(path)
    citation = cite(_record())
    start = doc.text.index(citation)
    line, col = doc.position(start)
    assert doc.source.splitlines()[line - 1][col - 1 :].startswith(citation)
    sections = split_sections(doc)
    assert len(sections.entries) == 1
    if fmt != "txt":
        assert [doc.slice(s) for s in doc.italics] == ["Behavioral Sciences", "14"]


def _docx_bytes() -> bytes:
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Inches

    rec = _record()
    document = docx.Document()
    document.add_paragraph("Hi Jo,")
    para = document.add_paragraph("Autonomy supports motivation ")
    para.add_run(cite(rec))
    para.add_run(". See the ")
    para.add_run("conceptual").italic = True
    para.add_run(" review.")
    document.add_paragraph("")
    document.add_paragraph("A quoted passage from the prompt.", style="Quote")
    indented = document.add_paragraph("An indented block quote.")
    indented.paragraph_format.left_indent = Inches(0.5)
    emphasis = document.styles.add_style("Emph", WD_STYLE_TYPE.CHARACTER)
    emphasis.font.italic = True
    styled = document.add_paragraph("Style italics: ")
    styled.add_run("inherited", style="Emph")
    broken = document.add_paragraph("first line")
    broken.add_run().add_break()
    broken.add_run("second\u00adline")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "cell A"
    table.cell(0, 1).text = "cell B"
    document.add_heading("References", level=1)
    entry = apa_reference(rec, "txt")
    journal = rec["container_title"]
    head, tail = entry.split(journal, 1)
    ref = document.add_paragraph(head)
    ref.paragraph_format.left_indent = Inches(0.5)
    ref.paragraph_format.first_line_indent = Inches(-0.5)
    ref.add_run(journal).italic = True
    ref.add_run(tail)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_paragraphs_italics_blocks_and_positions(tmp_path: Path) -> None:
    path = tmp_path / "reply.docx"
    path.write_bytes(_docx_bytes())
    doc = read_path(path)
    assert doc.format == "docx" and doc.carries_italics
    lines = doc.source.split("\n")
    assert lines[0] == "Hi Jo,"
    italics = [doc.slice(s) for s in doc.italics]
    assert "conceptual" in italics
    assert "inherited" in italics
    assert _record()["container_title"] in italics
    kinds = [(kind, doc.slice(span)) for span, kind in doc.blocks]
    assert ("blockquote", "A quoted passage from the prompt.") in kinds
    assert ("blockquote", "An indented block quote.") in kinds
    assert ("heading", "References") in kinds
    # A hanging-indent reference is not a block quote.
    assert not any(k == "blockquote" and "(2024)" in t for k, t in kinds)
    # Line = paragraph number, column = character in the paragraph.
    citation = cite(_record())
    assert doc.position(doc.text.index(citation)) == (2, len("Autonomy supports motivation ") + 1)
    assert "first line\nsecondline" in doc.text
    assert doc.position(doc.text.index("secondline")) == (7, 12)
    assert doc.position(doc.text.index("line", doc.text.index("second"))) == (7, 19)
    assert "cell A" in doc.text and "cell B" in doc.text
    sections = split_sections(doc)
    assert sections.heading is not None and doc.slice(sections.heading) == "References"
    assert [doc.slice(e) for e in sections.entries] == [apa_reference(_record(), "txt")]
    excluded = {(e.kind, doc.slice(e.span)) for e in sections.excluded}
    assert ("prompt", "A quoted passage from the prompt.") not in excluded  # not at the start
    assert ("blockquote", "A quoted passage from the prompt.") in excluded


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04not really a zip",
        b"plain text, not a docx",
        b"\x00\x01\x02",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
    ],
    ids=["bad-zip", "text", "binary", "ole-doc"],
)
def test_corrupt_docx(data: bytes) -> None:
    with pytest.raises(InputError, match="DOCX"):
        parse_bytes(data, "docx", "bad.docx")


def test_zip_without_word_document_is_not_docx() -> None:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(InputError, match="DOCX"):
        parse_bytes(buffer.getvalue(), "docx", "bad.docx")


def test_empty_docx() -> None:
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with pytest.raises(InputError, match="empty"):
        parse_bytes(buffer.getvalue(), "docx", "empty.docx")
    with pytest.raises(InputError, match="empty"):
        parse_bytes(b"", "docx", "empty.docx")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_path(tmp_path / "nope.md")


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="directory"):
        read_path(tmp_path)


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any file"
)
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("text")
    path.chmod(0)
    try:
        with pytest.raises(InputError, match="permission"):
            read_path(path)
    finally:
        path.chmod(0o600)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        read_path(path)


def test_unknown_extension_reads_as_text(tmp_path: Path) -> None:
    path = tmp_path / "reply.post"
    path.write_text("*not italics in plain text*", encoding="utf-8")
    doc = read_path(path)
    assert doc.format == "txt" and doc.text == "*not italics in plain text*"
    assert doc.italics == () and not doc.carries_italics


def test_format_override(tmp_path: Path) -> None:
    path = tmp_path / "reply.post"
    path.write_text("*italics*", encoding="utf-8")
    doc = read_path(path, "md")
    assert doc.text == "italics" and len(doc.italics) == 1


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


@pytest.mark.parametrize(
    ("data", "fmt", "text"),
    [
        (b"Plain reply (Yang et al., 2024).", "txt", "Plain reply (Yang et al., 2024)."),
        (b"<p>Hi&nbsp;there</p>", "html", "Hi there"),
        ("\ufeffBOM \u201cquote\u201d".encode(), "txt", 'BOM "quote"'),
    ],
)
def test_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes, fmt: str, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(data))
    doc = read_path("-")
    assert doc.path == "-" and doc.format == fmt and doc.text == text


def test_stdin_docx(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(_docx_bytes()))
    assert read_path("-").format == "docx"


def test_empty_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(b""))
    with pytest.raises(InputError, match="empty"):
        read_path("-")


def test_unknown_format_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown input format"):
        parse_text("x", "rtf")
    with pytest.raises(UsageError):
        parse_bytes(b"x", "pdf", "x.pdf")
    with pytest.raises(UsageError):
        parse_text("x", "docx")


def test_text_with_nul_is_binary() -> None:
    with pytest.raises(InputError, match="binary"):
        parse_text("a\x00b", "txt")


def test_docx_wholly_indented_reply_is_not_a_block_quote() -> None:
    import docx
    from docx.shared import Inches

    document = docx.Document()
    for text in ["First paragraph of the reply.", "Second paragraph.", "Third paragraph."]:
        document.add_paragraph(text).paragraph_format.left_indent = Inches(0.5)
    buffer = io.BytesIO()
    document.save(buffer)
    doc = parse_bytes(buffer.getvalue(), "docx", "x.docx")
    assert doc.blocks == ()
    assert len(split_sections(doc).body) == 3


def test_html_reply_wholly_in_a_blockquote_is_the_body() -> None:
    html = "<blockquote><p>My whole reply, indented by the editor.</p><p>Second.</p></blockquote>"
    doc = parse_text(html, "html")
    sections = split_sections(doc)
    assert [doc.slice(s) for s in sections.body] == [
        "My whole reply, indented by the editor.",
        "Second.",
    ]


def test_stdin_without_a_byte_buffer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("Text from a text-only stream."))
    assert read_path("-").text == "Text from a text-only stream."


def test_decomposed_accents_are_composed_and_keep_positions() -> None:
    # "Muñoz" typed as "n" + combining tilde (as some Mac and PDF copies give it).
    doc = parse_text("(Contreras-Mun\u0303oz et al., 2025) and Ri\u0301o.", "txt")
    assert doc.text == "(Contreras-Muñoz et al., 2025) and Río."
    assert doc.position(doc.text.index("ñ")) == (1, 14)
    assert doc.position(doc.text.index("oz")) == (1, 16)
    assert doc.end_position(doc.text.index("Río") + 3) == (1, 41)
