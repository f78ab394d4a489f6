"""HTML as LMSs export it: blocks become paragraphs, ``<br>`` a new line, ``<em>``/``<i>``
italics, entities decoded; positions point into the HTML source.

Decisions: whitespace collapses as a browser shows it; ``<script>``, ``<style>``, ``<title>`` and
``<template>`` are dropped; comments are dropped from ``text`` and stay in ``Document.source``
(suppression comments are read from there); link text is kept, ``href`` is not (the reader sees
the text). ``<blockquote>`` and ``<h1>``-``<h6>`` are recorded in ``Document.blocks``.
"""

from __future__ import annotations

import re
from html import entities, unescape
from html.parser import HTMLParser

from ..errors import InputError
from ..model import Document, Span
from .normalize import TextBuilder, finish, source_text

__all__ = ["parse_html"]

_PARAGRAPH_TAGS = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "table",
        "ul",
        "ol",
        "dl",
        "section",
        "article",
        "header",
        "footer",
        "hr",
        "figure",
        "address",
        "aside",
        "main",
        "nav",
        "form",
        "fieldset",
        "center",
        "details",
        "summary",
        "body",
        "html",
    ]
)
_LINE_TAGS = frozenset(["li", "tr", "dt", "dd", "figcaption", "caption"])
_CELL_TAGS = frozenset(("td", "th"))
_SKIP_TAGS = frozenset(("script", "style", "title", "template"))
_ITALIC_TAGS = frozenset(("em", "i", "cite", "var", "dfn"))
_VOID_TAGS = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
        "param",
        "keygen",
    ]
)
_HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
_ITALIC_STYLE = re.compile(r"(?<![-\w])font-style\s*:\s*(?:italic|oblique)", re.I)
#: The whitespace a browser collapses (HTML's ASCII whitespace).
_HTML_SPACE = " \t\n\r\f"
#: Whitespace a browser shows differently: any run but a single plain space.
_SPACE_FIX = re.compile(r"[\t\n\r\f][ \t\n\r\f]*| [ \t\n\r\f]+")
#: Two whitespace characters in a row: without any, every ``_SPACE_FIX`` run is one character.
_SPACE_PAIR = re.compile(r"[ \t\n\r\f]{2}")


class _Extractor(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.src = source
        self.size = len(source)
        #: Source offset of the token being handled (see ``updatepos``).
        self.at = 0
        self.out = TextBuilder()
        #: The builder's origins (its own list, so ``len`` of it is the length built so far).
        self.origin = self.out.origins()
        self.italics: list[Span] = []
        self.blocks: list[tuple[Span, str]] = []
        self.stack: list[tuple[str, bool]] = []
        self.italic = 0
        self.skip = 0
        self.pre = 0
        self.pending = 0
        self.pending_at = 0
        self.italic_start: int | None = None
        self.open_blocks: dict[str, tuple[int, int | None]] = {}

    # positions -------------------------------------------------------------
    def updatepos(self, i: int, j: int) -> int:
        """The parser's position hook: it has consumed its buffer up to ``j``.

        Called once per token, after its handler (the handler sees the token's start). The
        whole source is fed at once and the parser only drops consumed text from the front of
        its buffer, so the buffer is always the source's tail and ``j`` maps to a source offset
        directly. Replaces the base class's line/column bookkeeping (``getpos`` is not used).
        """
        self.at = self.size - len(self.rawdata) + j
        return j

    # emission --------------------------------------------------------------
    def _break(self, level: int, at: int, add: bool = False) -> None:
        if not len(self.origin):
            return
        new = min(self.pending + level, 2) if add else max(self.pending, level)
        if new > self.pending:
            if not self.pending:
                self.pending_at = at
            self.pending = new

    def _flush(self) -> None:
        if self.pending and len(self.origin):
            self.out.rstrip_spaces()
            self.out.add_at("\n" * self.pending, self.pending_at)
        self.pending = 0
        if self.open_blocks:
            for name, (depth, start) in list(self.open_blocks.items()):
                if start is None:
                    self.open_blocks[name] = (depth, len(self.origin))

    def _emit(self, data: str, start: int = -1, *, mapped: bool = True) -> None:
        """Emit text that is ``source[start:...]`` (mapped) or came from one offset; ``start``
        defaults to the current token's offset."""
        if self.skip or not data:
            return
        if start < 0:
            start = self.at
        out, origin = self.out, self.origin
        if self.pre or not mapped:
            self._flush()
            begin = len(origin)
            if mapped:
                out.add(data, start)
            else:
                out.add_at(data, start)
            if self.italic:
                self._italic_from(begin)
            return
        skip = len(data) - len(data.lstrip(_HTML_SPACE))
        space = bool(skip and len(origin)) and not self.pending and out.last_char() not in " \n\t"
        if skip == len(data):
            if space:
                begin = len(origin)
                out.add(" ", start)
                if self.italic:
                    self._italic_from(begin)
            return
        if self.pending or self.open_blocks:  # else there is nothing to flush
            self._flush()
        begin = len(origin)
        if space:
            out.add(" ", start)
        # Without leading whitespace, ``_SPACE_FIX`` finds a run exactly when the text holds a
        # tab, new line, CR or form feed, or two spaces in a row (plain substring tests).
        if not (
            skip or "\n" in data or "\t" in data or "\r" in data or "\f" in data or "  " in data
        ):
            out.add(data, start)
        elif not _SPACE_PAIR.search(data, skip):
            # No run is longer than one character: each tab, new line, CR or form feed becomes
            # a space in its place (a lone space is no run), one to one.
            body = data[skip:]
            for ch in "\t\n\r\f":
                if ch in body:
                    body = body.replace(ch, " ")
            out.add(body, start + skip)
        else:
            # Each whitespace run that a browser shows differently becomes one space that
            # points at the run's first character.
            parts: list[str] = []
            offsets: list[int] = []
            last = skip
            for m in _SPACE_FIX.finditer(data, skip):
                run = m.start()
                parts.append(data[last:run])
                parts.append(" ")
                offsets.extend(range(start + last, start + run))
                offsets.append(start + run)
                last = m.end()
            parts.append(data[last:])
            offsets.extend(range(start + last, start + len(data)))
            out.add_mapped("".join(parts), offsets)
        if self.italic:
            self._italic_from(begin)

    def _italic_from(self, begin: int) -> None:
        if self.italic and len(self.origin) > begin:
            if self.italics and self.italics[-1].end == begin:
                self.italics[-1] = Span(self.italics[-1].start, len(self.origin))
            else:
                self.italics.append(Span(begin, len(self.origin)))

    # parser callbacks ------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        at = self.at
        if tag == "br":
            if not self.skip:
                self._break(1, at, add=True)
            return
        if tag in _PARAGRAPH_TAGS:
            self._break(2, at)
        elif tag in _LINE_TAGS:
            self._break(1, at)
        elif tag in _CELL_TAGS and len(self.origin) and self.out.last_char() not in " \n\t":
            self.out.add_at(" ", at)
        if tag in _VOID_TAGS:
            return
        italic = tag in _ITALIC_TAGS
        if attrs and not italic:
            style = next((v for k, v in attrs if k == "style" and v), "")
            italic = bool(style and _ITALIC_STYLE.search(style))
        self.stack.append((tag, italic))
        self.italic += italic
        self.skip += tag in _SKIP_TAGS
        self.pre += tag == "pre"
        if tag == "blockquote" or tag in _HEADINGS:
            kind = "blockquote" if tag == "blockquote" else "heading"
            depth, start = self.open_blocks.get(kind, (0, None))
            self.open_blocks[kind] = (depth + 1, start)

    def handle_endtag(self, tag: str) -> None:
        at = self.at
        for k in range(len(self.stack) - 1, -1, -1):
            if self.stack[k][0] == tag:
                for name, italic in self.stack[k:]:
                    self.italic -= italic
                    self.skip -= name in _SKIP_TAGS
                    self.pre -= name == "pre"
                del self.stack[k:]
                break
        else:
            if tag not in _PARAGRAPH_TAGS and tag not in _LINE_TAGS:
                return
        if tag in _PARAGRAPH_TAGS:
            self._break(2, at)
        elif tag in _LINE_TAGS:
            self._break(1, at)
        if tag == "blockquote" or tag in _HEADINGS:
            kind = "blockquote" if tag == "blockquote" else "heading"
            depth, start = self.open_blocks.get(kind, (0, None))
            if depth <= 1:
                self.open_blocks.pop(kind, None)
                if start is not None and len(self.origin) > start:
                    self.blocks.append((Span(start, len(self.origin)), kind))
            else:
                self.open_blocks[kind] = (depth - 1, start)

    handle_data = _emit

    def handle_entityref(self, name: str) -> None:
        at = self.at
        raw = "&" + name
        if self.src.startswith(";", at + len(raw)):
            raw += ";"
        value = entities.html5.get(name + ";")
        if value is None and name in entities.name2codepoint:
            value = chr(entities.name2codepoint[name])
        if value is None:
            self._emit(raw, at)
        elif self.pre or not value.isspace():
            self._emit(value, at, mapped=False)
        else:
            self._emit(" ", at)

    def handle_charref(self, name: str) -> None:
        at = self.at
        value = unescape(f"&#{name};")
        if value.isspace() and not self.pre:
            self._emit(" ", at)
        else:
            self._emit(value, at, mapped=False)


def parse_html(decoded: str, path: str) -> Document:
    """A ``Document`` for an HTML fragment or page (see the module docstring)."""
    source = source_text(decoded)
    parser = _Extractor(source)
    try:
        parser.feed(source)
        parser.close()
    except Exception as exc:  # html.parser is lenient; anything it raises means garbage
        raise InputError(f"{path}: could not read the HTML ({exc})", path=path) from None
    end = len(parser.out)
    for kind, (_depth, start) in parser.open_blocks.items():
        if start is not None and end > start:
            parser.blocks.append((Span(start, end), kind))
    return finish(
        parser.out,
        path=path,
        fmt="html",
        source=source,
        italics=parser.italics,
        blocks=parser.blocks,
        carries_italics=True,
    )
