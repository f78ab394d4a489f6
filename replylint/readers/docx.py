"""DOCX (python-docx): paragraphs and italic runs; a line is a paragraph.

``source`` is the paragraphs joined by new lines (so line = paragraph number, column = character
in the paragraph); in ``text`` two non-empty paragraphs are separated by a blank line, as HTML
paragraphs are. A manual line break inside a paragraph is kept as U+2028 in ``source`` and
becomes a new line in ``text``. Italics come from the run, else its character style, else the
paragraph style (including base styles). Paragraphs styled "Quote", "Intense Quote" or "Block
Text", or indented on the left without a hanging indent, are recorded as block quotes; "Heading
n" and "Title" paragraphs as headings. Table cells are read row by row.
"""

from __future__ import annotations

import bisect
import io
from collections.abc import Iterator
from typing import Any

from ..errors import InputError
from ..model import Document, Span
from .normalize import TextBuilder, finish

__all__ = ["parse_docx"]

_QUOTE_STYLES = frozenset(("quote", "intense quote", "block text"))
#: 0.4 inch in EMU: APA block quotes are indented 0.5 inch.
_QUOTE_INDENT = 365760


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALSE = frozenset(("0", "false", "off"))


class _Styles:
    """Style names and inherited italics by style id, read once per document from the XML.

    python-docx's ``paragraph.style`` / ``run.style`` scan the whole style table on every call,
    which costs more than reading the rest of a reply; one dictionary is enough here.
    """

    def __init__(self, document: Any) -> None:
        self.by_id: dict[str, Any] = {}
        self.default_paragraph: str | None = None
        for element in document.styles.element.iterchildren(_W + "style"):
            style_id = element.get(_W + "styleId")
            if style_id is None:
                continue
            self.by_id[style_id] = element
            if (
                self.default_paragraph is None
                and element.get(_W + "type") == "paragraph"
                and element.get(_W + "default") in ("1", "true", "on")
            ):
                self.default_paragraph = style_id
        self._italic: dict[str, bool | None] = {}

    def name(self, style_id: str | None) -> str:
        element = self.by_id.get(style_id or self.default_paragraph or "")
        if element is None:
            return ""
        name = element.find(_W + "name")
        return (name.get(_W + "val") or "").strip().lower() if name is not None else ""

    def italic(self, style_id: str | None) -> bool | None:
        """The italic setting a style (or one of its base styles) gives, or None."""
        if not style_id:
            return None
        if style_id in self._italic:
            return self._italic[style_id]
        value: bool | None = None
        element = self.by_id.get(style_id)
        for _ in range(20):
            if element is None:
                break
            italic = element.find(f"{_W}rPr/{_W}i")
            if italic is not None:
                value = (italic.get(_W + "val") or "1").lower() not in _FALSE
                break
            based = element.find(_W + "basedOn")
            element = self.by_id.get(based.get(_W + "val")) if based is not None else None
        self._italic[style_id] = value
        return value


def _paragraphs(doc: Any) -> Iterator[Any]:
    """Body paragraphs in order, table cells row by row (merged cells once)."""
    for block in doc.iter_inner_content():
        if hasattr(block, "rows"):
            seen: set[int] = set()
            for row in block.rows:
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    yield from cell.paragraphs
        else:
            yield block


#: Paragraph children whose runs Word does not show: tracked deletions and moved-away text.
_HIDDEN = frozenset({_W + "del", _W + "moveFrom", _W + "pPr", _W + "sdtPr"})


def _runs(paragraph: Any) -> Iterator[Any]:
    """The runs Word shows, in order: also those inside hyperlinks, tracked insertions, content
    controls, smart tags and simple fields (python-docx lists only top-level runs and links)."""
    from docx.text.run import Run

    def walk(element: Any) -> Iterator[Any]:
        for child in element.iterchildren():
            if child.tag == _W + "r":
                yield Run(child, paragraph)
            elif child.tag not in _HIDDEN:
                yield from walk(child)

    yield from walk(paragraph._p)


def _kind(paragraph: Any, styles: _Styles) -> str | None:
    name = styles.name(paragraph._p.style)
    if name in _QUOTE_STYLES or name.endswith(" quote"):
        return "blockquote"
    if name.startswith("heading") or name == "title":
        return "heading"
    fmt = paragraph.paragraph_format
    left, first = fmt.left_indent, fmt.first_line_indent
    ppr = paragraph._p.pPr
    numbered = ppr is not None and ppr.numPr is not None
    if (
        left is not None
        and left >= _QUOTE_INDENT
        and (first is None or first >= 0)
        and not numbered
        and not name.startswith("list")
    ):
        return "indented"
    return None


def parse_docx(data: bytes, path: str) -> Document:
    """A ``Document`` for a DOCX file's bytes; ``InputError`` if it is not a readable DOCX."""
    try:
        import docx
    except ImportError:  # pragma: no cover - python-docx is a dependency
        raise InputError(f"{path}: reading DOCX needs python-docx", path=path) from None
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(
            f"{path}: not a readable DOCX file (an old .doc file or a password-protected "
            "document); save it as an unprotected .docx",
            path=path,
        )
    try:
        document = docx.Document(io.BytesIO(data))
        pieces: list[str] = []
        italics: list[Span] = []
        blocks: list[tuple[Span, str]] = []
        starts: list[int] = []
        styles = _Styles(document)
        length = 0
        for number, paragraph in enumerate(_paragraphs(document)):
            if number:
                pieces.append("\n")
                length += 1
            para_start = length
            para_index = len(pieces)
            para_italic = styles.italic(paragraph._p.style or styles.default_paragraph) or False
            for run in _runs(paragraph):
                text = (run.text or "").replace("\r", "\u2028").replace("\n", "\u2028")
                if not text:
                    continue
                italic = run.font.italic
                if italic is None:
                    italic = styles.italic(run._r.style)
                if italic is None:
                    italic = para_italic
                if italic:
                    italics.append(Span(length, length + len(text)))
                pieces.append(text)
                length += len(text)
            if any(not p.isspace() for p in pieces[para_index:]):
                starts.append(para_start)
                kind = _kind(paragraph, styles)
                if kind:
                    blocks.append((Span(para_start, length), kind))
    except InputError:
        raise
    except Exception as exc:
        raise InputError(f"{path}: not a readable DOCX file ({exc})", path=path) from None
    # Indentation marks a block quote only when most paragraphs are not indented (a reply typed
    # wholly indented is still the reply).
    indented = sum(kind == "indented" for _span, kind in blocks)
    keep_indented = indented * 2 <= len(starts)
    blocks = [
        (span, "blockquote" if kind == "indented" else kind)
        for span, kind in blocks
        if kind != "indented" or keep_indented
    ]
    source = "".join(pieces)
    # Two non-empty paragraphs are separated by a blank line in ``text`` (as in HTML), both new
    # lines coming from the one new line between them in ``source``.
    builder = TextBuilder()
    doubled: list[int] = []
    pos = 0
    for line in source.split("\n"):
        end = pos + len(line)
        builder.add(line, pos)
        if end < len(source):
            builder.add("\n", end)
            after = source.find("\n", end + 1)
            following = source[end + 1 : len(source) if after == -1 else after]
            if line.strip() and following.strip():
                builder.add_at("\n", end)
                doubled.append(end)
        pos = end + 1

    def shift(offset: int) -> int:
        return offset + bisect.bisect_left(doubled, offset)

    return finish(
        builder,
        path=path,
        fmt="docx",
        source=source,
        italics=[Span(shift(i.start), shift(i.end)) for i in italics],
        blocks=[(Span(shift(b.start), shift(b.end)), kind) for b, kind in blocks],
        carries_italics=True,
        paragraphs=[shift(p) for p in starts],
    )
