"""Markdown: markup out of ``text``, emphasis into italics, block quotes and headings recorded.

Decisions (kept small on purpose; replies are prose, not documentation):

* ``*x*`` / ``_x_`` become italics; ``**x**`` / ``__x__`` are dropped without italics; the
  markers are removed from ``text``. Underscores inside words and anything inside URLs and code
  spans are literal.
* ``[text](url)`` becomes ``text (url)`` when the URL differs from the link text (so a DOI link in
  a reference stays visible), else ``text``; ``![alt](src)`` becomes ``alt``; ``<url>`` becomes
  ``url``.
* ``#`` heading markers, setext underlines, thematic breaks, code fences and ``-``/``+``/``*``
  bullets are removed; numbered-list markers are kept. Headings and ``>`` block quotes are
  recorded in ``Document.blocks``. A block quote ends at the first line without ``>`` (no lazy
  continuation: a reply written right under a quote is not swallowed by it).
* HTML comments are removed from ``text``; they stay in ``Document.source`` (suppression
  comments are read from there). Entities are decoded; ``<em>``/``<i>`` give italics, ``<br>`` a
  new line, other inline tags are dropped.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ..model import Document, Span
from .normalize import TextBuilder, finish, source_text

__all__ = ["parse_markdown"]

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_NOT_NL = re.compile(r"[^\n]")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+|$)")
_ATX_CLOSE = re.compile(r"(?:[ \t]+#+)?[ \t]*$")
_BQ = re.compile(r"(?: {0,3}>[ \t]?)+")
_BULLET = re.compile(r"[ \t]*[-+*][ \t]+(?=\S)")
_HR = re.compile(r" {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_SETEXT = re.compile(r" {0,3}(?:=+|-+)[ \t]*$")
#: Every character that ``_BQ``, ``_FENCE``, ``_SETEXT``, ``_HR``, ``_ATX`` or ``_BULLET`` can
#: match first after leading spaces and tabs.
_BLOCK_MARKS = ">`~=-*_#+"
_INLINE_TAGS = (
    "em|i|cite|strong|b|u|s|span|sup|sub|br|a|font|mark|small|big|del|ins|abbr|code|kbd|q"
)
#: The inline markup, one named group per kind (the group that matched is ``lastgroup``).
_INLINE_MARKUP = (
    r"(?P<esc>\\[!-/:-@\[-`{-~])"
    r"|(?P<brk>\\(?=\n))"
    r"|(?P<code>(?P<ticks>`+)(?P<cbody>[^`](?:.*?[^`])?)(?P=ticks)(?!`))"
    r"|(?P<auto><(?:https?|ftp)://[^\s<>]+>)"
    r"|(?P<link>(?P<img>!?)\[(?P<ltext>[^\[\]]*)\]"
    r"\((?P<lurl>[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'))?[ \t]*\))"
    r"|(?P<url>(?:https?://|www\.)(?:[^\s<>()\[\]*_]|[*_]+(?=[^\s<>()\[\]*_])|\([^\s()]*\))+)"
    r"|(?P<ent>&(?:\#[0-9]{1,7}|\#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)"
    r"|(?P<tag><(?P<close>/?)(?P<tname>" + _INLINE_TAGS + r")\b[^<>\n]*>)"
    r"|(?P<delim>\*+|_+)"
)
#: The lookahead lists every character an alternative can start with (``h``/``w`` match either
#: case under ``re.I``, like the ``https?``/``www`` they stand for), so it rejects a position
#: exactly when every alternative would fail there, without trying them one by one.
_INLINE = re.compile(r"(?=[\\`<!\[hw&*_])(?:" + _INLINE_MARKUP + ")", re.S | re.I)
_ITALIC_TAGS = frozenset({"em", "i", "cite"})
#: The characters an ``_INLINE`` match can start with, but for the "h" and "w" of a URL.
_MARKUP_FIRST = "\\`<![&*_"


def _may_hold_markup(text: str) -> bool:
    """False when ``_INLINE`` cannot match in ``text``: none of its first characters, and no
    "http" or "www." in any case (the only characters ``re.I`` matches to "h", "t", "p" or "w"
    are their ASCII cases, which lower-case to them)."""
    for c in _MARKUP_FIRST:
        if c in text:
            return True
    low = text.lower()
    return "http" in low or "www." in low


@dataclass
class _Delim:
    char: str
    count: int
    origins: list[int]
    can_open: bool
    can_close: bool


@dataclass
class _Line:
    start: int  # in the stripped intermediate string
    end: int
    bq: bool
    kind: str  # "blank", "para", "heading", "code"


def _strip_blocks(work: str) -> tuple[str, list[int], list[_Line]]:
    """Remove block markup line by line; keep new lines. Returns text, origins, line records."""
    pieces: list[str] = []  # joined with the new lines between them
    origins: list[int] = []
    recs: list[_Line] = []
    length = 0
    fence: str | None = None
    pos = 0
    lines = work.split("\n")
    last = len(lines) - 1
    for idx, line in enumerate(lines):
        start = pos
        size = len(line)
        pos += size + 1
        c, cend, bq, kind = 0, size, False, "para"
        if fence is not None:
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence, kind, cend = None, "blank", 0
            else:
                kind = "code"
        elif (head := line.lstrip(" \t")[:1]) not in _BLOCK_MARKS:
            # The line starts (after spaces and tabs) with a character no block pattern below
            # can start with (and is not empty: "" is in every string). It can only be blank
            # when that character is a NUL or whitespace.
            if (head == "\x00" or head.isspace()) and not line.replace("\x00", "").strip():
                kind, cend = "blank", 0
            else:
                # The whole line is kept: its characters and new line map one to one.
                pieces.append(line)
                origins.extend(range(start, pos if idx < last else pos - 1))
                recs.append(_Line(length, length + size, bq, kind))
                length += size + 1
                continue
        else:
            m = _BQ.match(line)
            if m:
                bq, c = True, m.end()
            rest = line[c:]
            prev = recs[-1] if recs else None
            if not rest.replace("\x00", "").strip():
                kind, cend = "blank", c
            elif fm := _FENCE.match(rest):
                fence, kind, cend = fm.group(1), "blank", c
            elif _SETEXT.match(rest) and prev is not None and prev.kind == "para" and prev.bq == bq:
                prev.kind = "heading"
                kind, cend = "blank", c
            elif _HR.match(rest):
                kind, cend = "blank", c
            elif hm := _ATX.match(rest):
                kind = "heading"
                c += hm.end()
                close = _ATX_CLOSE.search(line, c)
                cend = close.start() if close else len(line)
                cend = max(cend, c)
            elif bm := _BULLET.match(rest):
                c += bm.end()
        piece = line[c:cend]
        pieces.append(piece)
        origins.extend(range(start + c, start + cend))
        recs.append(_Line(length, length + len(piece), bq, kind))
        length += len(piece) + 1
        if idx < last:
            origins.append(start + size)
    return "\n".join(pieces), origins, recs


def _chunks(recs: list[_Line]) -> list[tuple[int, int, str]]:
    """Runs of lines processed together for inline markup: paragraphs, headings, code."""
    out: list[tuple[int, int, str]] = []
    first: _Line | None = None  # the first line of the open run, if any
    end = 0  # the end of the open run's last line
    for rec in recs:
        kind = rec.kind
        if first is not None and (
            kind == "blank" or kind == "heading" or kind != first.kind or rec.bq != first.bq
        ):
            out.append((first.start, end, first.kind))
            first = None
        if kind == "blank":
            continue
        if kind == "heading":  # a heading is a run of its own
            out.append((rec.start, rec.end, kind))
            continue
        if first is None:
            first = rec
        end = rec.end
    if first is not None:
        out.append((first.start, end, first.kind))
    return out


def _inline(s: str, o: list[int], lo: int, hi: int, out: TextBuilder, italics: list[Span]) -> None:
    """Emit ``s[lo:hi]`` without inline markup; record italic spans (builder offsets)."""
    if not _may_hold_markup(s[lo:hi]):  # prose without markup is emitted as it is
        out.add_mapped(s[lo:hi], o[lo:hi])
        return
    items: list[tuple[str, list[int]] | _Delim | tuple[str, int]] = []
    delims: dict[int, _Delim] = {}  # the delimiter runs among ``items``, by index

    def lit(a: int, b: int) -> None:
        if b > a:
            items.append((s[a:b], o[a:b]))

    def scan(a: int, b: int) -> None:
        last = a
        for m in _INLINE.finditer(s, a, b):
            ms, me = m.span()
            # The alternatives are named groups that enclose any groups of their own, so the
            # last group to close is the alternative that matched.
            kind = m.lastgroup
            if kind == "delim":  # the most common markup: emphasis
                if ms > last:
                    items.append((s[last:ms], o[last:ms]))
                char = s[ms]
                before = s[ms - 1] if ms > lo else " "
                after = s[me] if me < hi else " "
                before_space, after_space = before.isspace(), after.isspace()
                before_punct = not before_space and not before.isalnum()
                after_punct = not after_space and not after.isalnum()
                left = not after_space and (not after_punct or before_space or before_punct)
                right = not before_space and (not before_punct or after_space or after_punct)
                if char == "_":
                    can_open = left and (not right or before_punct)
                    can_close = right and (not left or after_punct)
                else:
                    can_open, can_close = left, right
                delims[len(items)] = delim = _Delim(char, me - ms, o[ms:me], can_open, can_close)
                items.append(delim)
            elif kind == "esc":
                lit(last, ms)
                lit(ms + 1, me)
            elif kind == "brk":
                lit(last, ms)
            elif kind == "code":
                lit(last, ms)
                lit(m.start("cbody"), m.end("cbody"))
            elif kind == "auto":
                lit(last, ms)
                lit(ms + 1, me - 1)
            elif kind == "link":
                lit(last, ms)
                text = m.group("ltext")
                url = m.group("lurl")
                scan(m.start("ltext"), m.end("ltext"))
                if not m.group("img") and url and url.strip("<>") != text.strip():
                    bracket = m.end("ltext")
                    items.append((" ", [o[bracket]]))
                    lit(bracket + 1, me)
            elif kind == "url":
                lit(last, me)
            elif kind == "ent":
                lit(last, ms)
                entity = m.group()
                decoded = html.unescape(entity)
                if decoded == entity:
                    lit(ms, me)
                else:
                    items.append((decoded, [o[ms]] * len(decoded)))
            elif kind == "tag":
                lit(last, ms)
                name = m.group("tname").lower()
                if name == "br":
                    items.append(("\n", [o[ms]]))
                elif name in _ITALIC_TAGS:
                    items.append(("close" if m.group("close") else "open", o[ms]))
            last = me
        lit(last, b)

    scan(lo, hi)

    # Pair delimiters (CommonMark's algorithm, without the rule of three).
    pairs: list[tuple[int, int, int]] = []
    stack: list[int] = []
    for idx, run in delims.items():
        if run.can_close:
            while run.count and stack:
                # The nearest opener of the same character.
                j = len(stack) - 1
                while j >= 0 and delims[stack[j]].char != run.char:
                    j -= 1
                if j < 0:
                    break
                opener = delims[stack[j]]
                use = 2 if opener.count >= 2 and run.count >= 2 else 1
                opener.count -= use
                run.count -= use
                pairs.append((stack[j], idx, use))
                del stack[j + 1 :]
                if not opener.count:
                    del stack[j]
        if run.count and run.can_open:
            stack.append(idx)

    after: dict[int, int] = {}
    before: dict[int, int] = {}
    html_open: list[int] = []
    built = out.origins()  # the builder's own list: its length is the length built so far
    for idx, item in enumerate(items):
        if isinstance(item, _Delim):
            before[idx] = len(built)
            if item.count:
                out.add_mapped(item.char * item.count, item.origins[: item.count])
            after[idx] = len(built)
        elif isinstance(item[1], int):
            if item[0] == "open":
                html_open.append(len(built))
            elif html_open:
                start = html_open.pop()
                italics.append(Span(start, len(built)))
        else:
            out.add_mapped(item[0], item[1])
    for open_idx, close_idx, use in pairs:
        if use == 1 and before[close_idx] > after[open_idx]:
            italics.append(Span(after[open_idx], before[close_idx]))


def parse_markdown(decoded: str, path: str) -> Document:
    """A ``Document`` for Markdown (see the module docstring for what is kept)."""
    source = source_text(decoded)
    work = source
    if "<!--" in work:
        work = _COMMENT.sub(lambda m: _NOT_NL.sub("\x00", m.group()), work)
    s, o, recs = _strip_blocks(work)
    builder = TextBuilder()
    italics: list[Span] = []
    checkpoints: dict[int, int] = {}
    built = builder.origins()  # the builder's own list: its length is the length built so far
    cursor = 0
    for a, b, kind in _chunks(recs):
        builder.add_mapped(s[cursor:a], o[cursor:a])
        checkpoints[a] = len(built)
        if kind == "code":
            builder.add_mapped(s[a:b], o[a:b])
        else:
            _inline(s, o, a, b, builder, italics)
        checkpoints[b] = len(built)
        cursor = b
    builder.add_mapped(s[cursor:], o[cursor:])

    blocks: list[tuple[Span, str]] = []
    run: list[_Line] = []
    for rec in [*recs, _Line(0, 0, False, "blank")]:
        if rec.kind == "heading" and rec.end > rec.start:
            blocks.append((Span(checkpoints[rec.start], checkpoints[rec.end]), "heading"))
        if rec.bq:
            if rec.kind != "blank":
                run.append(rec)
            continue
        if run:
            start, end = checkpoints.get(run[0].start), checkpoints.get(run[-1].end)
            if start is not None and end is not None and end > start:
                blocks.append((Span(start, end), "blockquote"))
            run = []
    return finish(
        builder,
        path=path,
        fmt="md",
        source=source,
        italics=italics,
        blocks=blocks,
        carries_italics=True,
    )
