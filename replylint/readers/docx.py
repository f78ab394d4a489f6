"""DOCX (python-docx): paragraphs and italic runs; a line is a paragraph.

``source`` is the paragraphs joined by new lines (so line = paragraph number, column = character
in the paragraph); a manual line break inside a paragraph is kept as U+2028 in ``source`` and
becomes a new line in ``text``. Italics come from the run, else its character style, else the
paragraph style (including base styles). Paragraphs styled "Quote", "Intense Quote" or "Block
Text", or indented on the left without a hanging indent, are recorded as block quotes; "Heading
n" and "Title" paragraphs as headings. Table cells are read row by row.
"""

from __future__ import annotations

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


def _style_italic(style: Any, cache: dict[str, bool | None]) -> bool | None:
    """The italic setting a style (or one of its base styles) gives, or None."""
    seen = 0
    key = getattr(style, "style_id", None)
    if key is not None and key in cache:
        return cache[key]
    value: bool | None = None
    current = style
    while current is not None and seen < 20:
        font = getattr(current, "font", None)
        italic = getattr(font, "italic", None) if font is not None else None
        if italic is not None:
            value = bool(italic)
            break
        current = getattr(current, "base_style", None)
        seen += 1
    if key is not None:
        cache[key] = value
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


def _runs(paragraph: Any) -> Iterator[Any]:
    for item in paragraph.iter_inner_content():
        if hasattr(item, "runs") and not hasattr(item, "font"):
            yield from item.runs
        else:
            yield item


def _kind(paragraph: Any) -> str | None:
    style = paragraph.style
    name = (getattr(style, "name", None) or "").strip().lower()
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
        return "blockquote"
    return None


def parse_docx(data: bytes, path: str) -> Document:
    """A ``Document`` for a DOCX file's bytes; ``InputError`` if it is not a readable DOCX."""
    try:
        import docx
    except ImportError:  # pragma: no cover - python-docx is a dependency
        raise InputError(f"{path}: reading DOCX needs python-docx", path=path) from None
    try:
        document = docx.Document(io.BytesIO(data))
        pieces: list[str] = []
        italics: list[Span] = []
        blocks: list[tuple[Span, str]] = []
        starts: list[int] = []
        cache: dict[str, bool | None] = {}
        length = 0
        for number, paragraph in enumerate(_paragraphs(document)):
            if number:
                pieces.append("\n")
                length += 1
            para_start = length
            para_index = len(pieces)
            para_italic = _style_italic(paragraph.style, cache) or False
            for run in _runs(paragraph):
                text = (run.text or "").replace("\r", "\u2028").replace("\n", "\u2028")
                if not text:
                    continue
                italic = run.font.italic
                if italic is None:
                    italic = _style_italic(run.style, cache)
                if italic is None:
                    italic = para_italic
                if italic:
                    italics.append(Span(length, length + len(text)))
                pieces.append(text)
                length += len(text)
            if any(not p.isspace() for p in pieces[para_index:]):
                starts.append(para_start)
                kind = _kind(paragraph)
                if kind:
                    blocks.append((Span(para_start, length), kind))
    except InputError:
        raise
    except Exception as exc:
        raise InputError(f"{path}: not a readable DOCX file ({exc})", path=path) from None
    source = "".join(pieces)
    builder = TextBuilder()
    builder.add(source, 0)
    return finish(
        builder,
        path=path,
        fmt="docx",
        source=source,
        italics=italics,
        blocks=blocks,
        carries_italics=True,
        paragraphs=starts,
    )
