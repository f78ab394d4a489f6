"""Build ``Document.text`` and its origin map together, with one normalisation for all readers.

Readers append pieces of extracted text to a :class:`TextBuilder`, each piece with the source
offsets its characters came from. :func:`finish` then normalises the text for matching: curly
quotes to straight, exotic spaces to plain spaces, soft hyphens, zero-width characters and the
``\\r`` of ``\\r\\n`` removed, lone ``\\r`` and line/paragraph separators to ``\\n``, a letter
and its combining accents composed (NFC). Every character keeps pointing at the character the
user wrote. Dashes are kept as written.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Sequence

import regex

from .. import patterns
from ..model import Document, Span

__all__ = ["TextBuilder", "finish", "paragraph_starts", "source_text"]

_ONE_TO_ONE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00a0": " ",
        "\u202f": " ",
        "\u2000": " ",
        "\u2001": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u2004": " ",
        "\u2005": " ",
        "\u2006": " ",
        "\u2007": " ",
        "\u2008": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u205f": " ",
        "\u3000": " ",
        "\u1680": " ",
        "\r": "\n",
        "\u2028": "\n",
        "\u2029": "\n",
        "\u0085": "\n",
    }
)
#: Any character ``_ONE_TO_ONE`` maps, and what it maps to. Replacing the matches of this class
#: gives what ``str.translate`` gives (every mapping is one character to one character) without
#: a table look-up for every character of the text.
_TRANSLATED = re.compile("[" + "".join(re.escape(chr(code)) for code in _ONE_TO_ONE) + "]")
_REPLACEMENT = {chr(code): value for code, value in _ONE_TO_ONE.items()}
#: Characters dropped from ``text``: NUL, soft hyphen, zero-width characters, BOM, and the
#: carriage return of a CRLF pair.
_DELETE = re.compile("[\x00\u00ad\u200b\u200c\u200d\u2060\ufeff]+|\r(?=\n)")
#: The characters a ``_DELETE`` match can start with, as one class (searched much faster than
#: the alternation): a text without any has nothing to delete. A lone ``\r`` passes this test
#: but is not deleted; the loop then finds no match and keeps the text and origins as they are.
_DELETABLE = re.compile("[\x00\u00ad\u200b\u200c\u200d\u2060\ufeff\r]")
_COMBINING = patterns.compile(r"\P{M}\p{M}+")
_LONE_CR = re.compile(r"\r(?!\n)")
_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")
_LINE_START = re.compile(r"(?:^|\n)[ \t]*(?=\S)")


def source_text(decoded: str) -> str:
    """The decoded file as ``Document.source``: a lone CR becomes LF (same length) so that
    line numbers count every line break the user sees."""
    return _LONE_CR.sub("\n", decoded) if "\r" in decoded else decoded


class TextBuilder:
    """Accumulates extracted text and, for each character, its offset in the source."""

    __slots__ = ("_origin", "_parts")

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._origin: list[int] = []

    def __len__(self) -> int:
        return len(self._origin)

    def add(self, piece: str, start: int) -> None:
        """Append ``piece``, which is ``source[start : start + len(piece)]`` (one to one)."""
        if piece:
            self._parts.append(piece)
            self._origin.extend(range(start, start + len(piece)))

    def add_at(self, piece: str, offset: int) -> None:
        """Append ``piece`` whose characters all come from one source offset (an entity, a tag)."""
        if piece:
            self._parts.append(piece)
            self._origin.extend([offset] * len(piece))

    def add_mapped(self, piece: str, origins: Sequence[int]) -> None:
        """Append ``piece`` with explicit per-character source offsets."""
        if piece:
            self._parts.append(piece)
            self._origin.extend(origins)

    def text(self) -> str:
        if len(self._parts) > 1:
            self._parts = ["".join(self._parts)]
        return self._parts[0] if self._parts else ""

    def last_char(self) -> str:
        for part in reversed(self._parts):
            if part:
                return part[-1]
        return ""

    def rstrip_spaces(self) -> None:
        """Drop trailing spaces and tabs (before a line break the reader inserts)."""
        parts = self._parts
        while parts:  # from the last piece back, without joining the pieces
            last = parts[-1]
            stripped = last.rstrip(" \t")
            if len(stripped) == len(last):
                return
            del self._origin[len(self._origin) - (len(last) - len(stripped)) :]
            if stripped:
                parts[-1] = stripped
                return
            parts.pop()

    def origins(self) -> list[int]:
        """The source offsets so far: the builder's own list, which later pieces extend (and
        ``rstrip_spaces`` shortens) in place."""
        return self._origin


def paragraph_starts(text: str, *, lines: bool = False) -> tuple[int, ...]:
    """Offsets where paragraphs start: blocks after blank lines, or every line when ``lines``
    (or when the text has no blank line at all)."""
    if not lines and _BLANK_LINE.search(text.strip()):
        starts = [m.end() for m in _BLANK_LINE.finditer(text)]
        first = len(text) - len(text.lstrip())
        starts = [first, *starts]
        return tuple(s for s in starts if s < len(text))
    return tuple(m.end() for m in _LINE_START.finditer(text))


def _compose(m: regex.Match[str]) -> str:
    """NFC of a letter and its combining marks, padded with NULs (deleted next) to keep the
    length, so the composed letter points at the letter the user typed."""
    run = m.group()
    composed = unicodedata.normalize("NFC", run)
    if len(composed) > len(run):
        return run
    return composed + "\x00" * (len(run) - len(composed))


def _normalise(text: str, origin: list[int]) -> tuple[str, list[int], list[int]]:
    """Normalised text, its origin, and the sorted pre-normalisation offsets that were deleted."""
    deleted: list[int] = []
    if not unicodedata.is_normalized("NFC", text):
        text = _COMBINING.sub(_compose, text)
    # Of the characters deleted or mapped below only NUL and CR are ASCII, so an ASCII text
    # without those two has nothing to delete or map.
    plain = text.isascii() and "\x00" not in text and "\r" not in text
    if not plain and _DELETABLE.search(text):
        keep: list[str] = []
        new_origin: list[int] = []
        last = 0
        for m in _DELETE.finditer(text):
            keep.append(text[last : m.start()])
            new_origin.extend(origin[last : m.start()])
            deleted.extend(range(m.start(), m.end()))
            last = m.end()
        keep.append(text[last:])
        new_origin.extend(origin[last:])
        text = "".join(keep)
        origin = new_origin
    if not plain and _TRANSLATED.search(text):
        text = _TRANSLATED.sub(_replace, text)
    return text, origin, deleted


def _replace(m: re.Match[str]) -> str:
    return _REPLACEMENT[m.group()]


def finish(
    builder: TextBuilder,
    *,
    path: str,
    fmt: str,
    source: str,
    italics: Iterable[Span] = (),
    blocks: Iterable[tuple[Span, str]] = (),
    carries_italics: bool = False,
    paragraphs: Iterable[int] | None = None,
    line_paragraphs: bool = False,
) -> Document:
    """Normalise the built text and wrap it, with spans remapped, in a ``Document``.

    Spans and paragraph offsets are given in the builder's (pre-normalisation) coordinates.
    """
    raw = builder.text()
    text, origin, deleted = _normalise(raw, builder.origins())
    origin.append(len(source))

    def remap(offset: int) -> int:
        return offset - bisect.bisect_left(deleted, offset) if deleted else offset

    def spans(items: Iterable[Span]) -> list[Span]:
        out: list[Span] = []
        for span in items:
            start, end = span.start, span.end
            if deleted:  # else ``remap`` is the identity
                start, end = remap(start), remap(end)
            if end <= start:
                continue
            if out and start <= out[-1].end:
                out[-1] = Span(out[-1].start, max(end, out[-1].end))
            else:
                out.append(Span(start, end))
        return out

    block_list = []
    for span, kind in blocks:
        start, end = remap(span.start), remap(span.end)
        if end > start:
            block_list.append((Span(start, end), kind))
    block_list.sort(key=lambda b: (b[0].start, b[0].end))
    if paragraphs is None:
        para = paragraph_starts(text, lines=line_paragraphs)
    else:
        para = tuple(sorted({remap(p) for p in paragraphs if remap(p) < len(text)}))
    return Document(
        path=path,
        format=fmt,
        text=text,
        source=source,
        origin=origin,
        italics=tuple(spans(sorted(italics, key=lambda s: s.start))),
        paragraphs=para,
        carries_italics=carries_italics,
        blocks=tuple(block_list),
    )
