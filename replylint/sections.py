"""Split a document into body, reference list and excluded parts (pure, line-based).

* The reference list starts at the last heading line "References", "Reference", "Reference
  List", "Works Cited", "Bibliography" (also "Literature Cited", and "Sources" or "Resources"
  when an entry follows; any case, with or without a colon, bold or ``#`` markers left in plain
  text), or, without a heading, at a trailing run of lines that start like an APA entry
  (``Surname, I. (YEAR).`` or ``Organisation. (YEAR).``). A body paragraph that merely contains
  a citation does not start like an entry, so it is not swallowed.
* Entries are split on blank lines, on single new lines (a line that starts like an entry, or
  any line when the list has no such line), and inside one pasted block at the start of the next
  ``Surname, I.`` author run after an entry's final period or its DOI/URL.
* Excluded from the body: block quotes (a quoted instructor prompt when it opens the reply), a
  leading "Prompt:" / "Discussion question:" / "Initial post:" / "Re:" paragraph or a leading
  paragraph in quotation marks, page chrome pasted from essay sites, a closing signature, labels
  such as "Response:", HTML comments left in plain text and ``%% replylint:`` directive lines.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Iterable, Sequence

import regex

from . import patterns
from .lazyre import lazy_compile
from .model import Document, Excluded, ExcludedKind, Sections, Span

__all__ = ["is_entry_start", "split_sections"]

# -- entry shapes -------------------------------------------------------------------------
_PARTICLE = r"(?:van|von|der|den|de|del|della|di|da|das|dos|du|la|le|lo|ter|ten|bin|al|el|y)"
_WORD = r"(?:[dl]['’])?\p{Lu}[\p{L}\p{M}'’\-\u2010\u2011]*"
#: The lookahead lets a particle be tried only where one can start (each starts with a lowercase
#: letter; under IGNORECASE both sides fold alike).
_SURNAME = rf"(?:(?=[a-z]){_PARTICLE}\s)*{_WORD}(?:\s(?:(?=[a-z]){_PARTICLE}\s)*{_WORD}){{0,3}}"
_INITIALS = r"\p{Lu}\.(?:[\s\-\u2010\u2011]{0,2}\p{Lu}\.){0,6}"
_AUTHOR = rf"{_SURNAME},\s{_INITIALS}"
_AUTHORS = rf"{_AUTHOR}(?:,?\s(?:&\s|and\s|\.\s\.\s\.\s)?{_AUTHOR}){{0,25}}(?:,?\s\(Eds?\.\))?"
_YEAR = r"\(\s*(?:\d{4}[a-z]?|n\.\s?d\.|in\spress)(?:,\s[^()\n]{0,40})?\s*\)"
_PERSON_HEAD = rf"{_AUTHORS},?\s?{_YEAR}"
_ORG_HEAD = rf"\p{{Lu}}[^\n()]{{1,150}}?\.\s?{_YEAR}\."
_MARKER = r"(?:[-*•◦▪‣–]\s+|\d{1,3}[.)]\s+|\[\d{1,3}\]\s*)"
#: A line that starts like an entry (list marker allowed); group ``start`` is where it begins.
_ENTRY_START = patterns.compile(rf"[ \t]*(?:{_MARKER})?(?P<start>)(?:{_PERSON_HEAD}|{_ORG_HEAD})")
#: The stricter shape used without a heading: the year parenthesis is followed by ". Text".
_STRICT_START = lazy_compile(rf"[ \t]*(?:{_MARKER})?(?:{_PERSON_HEAD}|{_ORG_HEAD[:-2]})\.\s+\S")
_LINK_END = r"(?:https?://|doi:\s?|www\.)\S+"
#: Inside one pasted block: whitespace after a period or a link, before the next person-author
#: run. ``block_split`` cuts only there, so asking for the period or link first changes no cut;
#: it spares the author-run lookahead (which reads on to the year) at every other space.
_BOUNDARY = lazy_compile(rf"(?=\s)(?<=\.|(?i:{_LINK_END}))\s+(?={_PERSON_HEAD})")
_YEAR_OPEN = patterns.compile(r"\(\s*(?:\d{4}|n\.\s?d\.|in\spress)")
_YEAR_THEN_PERIOD = patterns.compile(rf"{_YEAR}.*?\.", regex.S)
#: A line that leaves the author element open, and a line that opens with a given-name initial.
_AUTHOR_LIST_OPEN = patterns.compile(r"(?:,|&|\band)[ \t]*$")
_INITIAL_FIRST = patterns.compile(r"[ \t]*\p{Lu}\.(?:[ \t]*\p{Lu}\.)*(?:,|[ \t]+&)")
_ENDS_WITH_LINK = patterns.compile(rf"{_LINK_END}$", regex.I)
_MARKER_ONLY = patterns.compile(rf"[ \t]*{_MARKER}(?=\S)")
#: The ASCII characters ``_MARKER_ONLY`` can start with (a marker's other first characters are
#: not ASCII). "" is in the string too, so an empty span is left to the pattern.
_MARKER_FIRST = " \t-*[0123456789"

# -- headings and labels -------------------------------------------------------------------
_HEADING_WORDS = (
    r"references?(?:[ \t]+(?:list|cited))?|works?[ \t]+cited|bibliography|literature[ \t]+cited"
    r"|sources(?:[ \t]+cited)?|resources"
)
#: The letters a heading word can start with (without case; "ſ" matches "s").
_HEADING_FIRST = "rRwWbBlLsSſ"
_WEAK_HEADING = patterns.compile(r"(?:re)?sources(?:[ \t]+cited)?", regex.I)
_EMPH = r"(?:\*\*|__|\*|_)?"
_HEADING = patterns.compile(
    rf"[ \t]*(?:\#{{1,6}}[ \t]*)?{_EMPH}[ \t]*(?P<word>{_HEADING_WORDS})"
    rf"(?:[ \t]*\([^()\n]{{1,30}}\))?[ \t]*:?[ \t]*{_EMPH}[ \t]*:?[ \t]*",
    regex.I,
)
_INLINE_HEADING = patterns.compile(
    rf"[ \t]*{_EMPH}(?:{_HEADING_WORDS}){_EMPH}[ \t]*:[ \t]*{_EMPH}[ \t]*"
    rf"(?=(?:{_PERSON_HEAD}|{_ORG_HEAD}))",
    regex.I,
)
_RESPONSE_LABEL = patterns.compile(
    r"[ \t]*(?:\*\*)?(?i:(?:my\s+)?(?:response|reply|answer)(?:\s+to\s+[^:\n]{1,60})?)"
    r"(?:\*\*)?\s*:\s*(?:\*\*)?\s*"
)
_PROMPT_LABEL = patterns.compile(
    r"[ \t]*(?:\*\*)?(?i:prompt|discussion(?:\s+(?:question|prompt|topic|board(?:\s+question)?))?"
    r"|dq|initial\s+post|original\s+post|instructions?|topic|re"
    # A bare "Question:" may open the student's own follow-up question; a numbered one is
    # the assignment's.
    r"|question(?=\s*\#?\d))"
    r"(?:\s*\#?\d{1,2})?\s*(?:\*\*)?\s*:"
)
#: An LMS subject line ("Re: Week 4 Discussion"): only that line is the prompt.
_SUBJECT = patterns.compile(r"[ \t]*(?i:re)[ \t]*:")
_LABEL_ONLY = patterns.compile(_PROMPT_LABEL.pattern + r"\s*(?:\*\*)?\s*$")

# -- chrome, signatures, comments ----------------------------------------------------------
_CHROME_ITEM = (
    r"need (?:assignment|homework|essay|writing|paper|nursing) help|click here to order(?: now)?"
    r"|order now|get access|related documents|related essays|popular essays"
    r"|show more(?: content)?|see more|read more|view more|continue reading|open document"
    r"|sign up to view(?: the)? full (?:document|essay)|get your (?:custom )?(?:essay|paper)[^\n]*"
    r"|check writing quality|report this document|essay sample|free essay(?: sample)?"
    r"|this essay has been submitted by a student[^\n]*|place (?:an |your )?order[^\n]*"
    r"|hire (?:a|an) (?:writer|expert)[^\n]*|download (?:this )?(?:essay|document|paper)[^\n]*"
    r"|copy to clipboard|cite this (?:essay|document|page)|scroll to continue"
    r"|reply|like|edit|delete|mark as (?:un)?read|(?:collapse|expand) (?:subdiscussion|thread)"
    r"|unlock (?:this|the full) (?:document|essay)[^\n]*|words?:? ?\d+|pages?:? ?\d+"
    r"|word count:? ?\d+"
    r"|\d+ words?(?: \d+ pages?)?"
)
_CHROME = patterns.compile(rf"(?:{_CHROME_ITEM})(?:[\W_]+(?:{_CHROME_ITEM}))*", regex.I)
_CHROME_TRIM = " \t.…*_#>:!?|•-–—"
#: The first word of every ``_CHROME_ITEM`` alternative (the one left, ``\d+ words``, opens
#: with a digit): a chrome line opens with one of them.
_CHROME_FIRST_WORDS = (
    "need",
    "click",
    "order",
    "get",
    "related",
    "popular",
    "show",
    "see",
    "read",
    "view",
    "continue",
    "open",
    "sign",
    "check",
    "report",
    "essay",
    "free",
    "this",
    "place",
    "hire",
    "download",
    "copy",
    "cite",
    "scroll",
    "reply",
    "like",
    "edit",
    "delete",
    "mark",
    "collapse",
    "expand",
    "unlock",
    "word",
    "page",
)
_NAME = r"(?:Dr|Mr|Mrs|Ms|Prof)\.|\p{Lu}[\p{L}\p{M}'’\-]+|\p{Lu}\."
_NAME_LINE = patterns.compile(
    rf"[ \t]*[-–—~]?\s*(?:{_NAME})(?:\s+(?:{_NAME})){{0,3}}"
    r"(?:,\s*\p{Lu}{2,}(?:[-/]\p{Lu}+)?)*[ \t]*"
)
_CLOSING = patterns.compile(
    r"[ \t]*[-–—~]?\s*(?i:thanks(?:\s+(?:again|so\s+much|for\s+sharing|for\s+reading))?"
    r"|thank\s+you(?:\s+(?:again|so\s+much|for\s+sharing|for\s+reading|all|everyone))?"
    r"|many\s+thanks|best(?:\s+(?:regards|wishes))?|kind(?:est)?\s+regards|warm(?:est)?\s+regards"
    r"|warmly|regards|respectfully(?:\s+submitted)?|sincerely(?:\s+yours)?|yours\s+truly|cheers"
    r"|blessings|take\s+care|all\s+the\s+best|with\s+gratitude|cordially)"
    rf"\s*[,.!]*\s*(?:[-–—~]?\s*(?:{_NAME})(?:\s+(?:{_NAME})){{0,3}}"
    r"(?:,\s*\p{Lu}{2,}(?:[-/]\p{Lu}+)?)*)?\s*[,.!]*[ \t]*"
)
_COMMENT = patterns.compile(r"<!--.*?-->", regex.S)
_WROTE = patterns.compile(r"[ \t]*[^\n]{1,80}\bwrote:[ \t]*", regex.I)
#: A plain-text suppression directive line (``%% replylint: disable=Y101``).
_DIRECTIVE = patterns.compile(r"[ \t]*%%[ \t]*replylint[ \t]*:", regex.I)
_GREETING = patterns.compile(
    r"[ \t]*(?i:hi|hello|hey|dear|greetings|good\s+(?:morning|afternoon|evening))\b"
    r"[^\n.?]{0,40}[,!.]?[ \t]*"
)
_QUOTED_PARAGRAPH = patterns.compile(r'\s*"[^"]{20,}"\s*', regex.S)
_BLANK_SPLIT = patterns.compile(r"\n[ \t]*\n")


def is_entry_start(line: str) -> bool:
    """Whether a line starts like an APA reference entry (``Surname, I. (YEAR)`` shapes)."""
    return _ENTRY_START.match(line) is not None


class _Lines:
    """The text's lines as (start, end) offsets, without their new lines."""

    def __init__(self, text: str) -> None:
        self.text = text
        #: Each line's text, ``text[starts[i] : ends[i]]``, and whether it is blank.
        self.texts: list[str] = text.split("\n")
        self.blanks: list[bool] = [not line.strip() for line in self.texts]
        #: The indices of the lines that are not blank, ascending.
        self.filled: list[int] = [i for i, blank in enumerate(self.blanks) if not blank]
        self.starts: list[int] = []
        self.ends: list[int] = []
        pos = 0
        for line in self.texts:
            self.starts.append(pos)
            pos += len(line)
            self.ends.append(pos)
            pos += 1

    def __len__(self) -> int:
        return len(self.starts)

    def line(self, i: int) -> str:
        return self.texts[i]

    def blank(self, i: int) -> bool:
        return self.blanks[i]

    def index(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def trimmed(self, i: int) -> Span:
        return _trim(self.text, self.starts[i], self.ends[i])


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def _chrome(line: str) -> bool:
    core = line.strip().strip(_CHROME_TRIM).strip()
    if not core:
        return False
    # An ASCII line matches the ASCII pattern without case exactly when its lower case does,
    # so it opens with an item's first word or an ASCII digit or is no chrome
    if (
        core.isascii()
        and not core[0].isdigit()
        and not core.lower().startswith(_CHROME_FIRST_WORDS)
    ):
        return False
    return _CHROME.fullmatch(core) is not None


def _is_name_line(line: str) -> bool:
    return len(line.strip()) <= 60 and _NAME_LINE.fullmatch(line) is not None


def _ends_sentence(line: str) -> bool:
    stripped = line.rstrip()
    return stripped.endswith((".", "?", "!", '"', ")", ":")) or bool(
        _ENDS_WITH_LINK.search(stripped)
    )


def _signature(lines: _Lines, idxs: Sequence[int]) -> int | None:
    """Position in ``idxs`` (non-blank line indices) where a closing signature starts."""
    if len(idxs) < 2:
        return None
    for k in range(max(1, len(idxs) - 3), len(idxs)):
        line = lines.line(idxs[k])
        if (
            len(line.strip()) <= 80
            and _CLOSING.fullmatch(line)
            and all(_is_name_line(lines.line(i)) for i in idxs[k + 1 :])
        ):
            return k
    last = lines.line(idxs[-1])
    before = lines.line(idxs[-2])
    if _is_name_line(last) and _ends_sentence(before) and not _ENTRY_START.match(last):
        return len(idxs) - 1
    return None


def _subtract(region: Span, holes: Iterable[Span]) -> list[Span]:
    out = []
    pos = region.start
    for hole in sorted(holes, key=lambda s: s.start):
        if hole.end <= pos or hole.start >= region.end:
            continue
        if hole.start > pos:
            out.append(Span(pos, hole.start))
        pos = max(pos, hole.end)
    if pos < region.end:
        out.append(Span(pos, region.end))
    return out


def _body_spans(doc: Document, regions: list[Span]) -> tuple[Span, ...]:
    text = doc.text
    cuts = sorted(set(doc.paragraphs))
    out: list[Span] = []
    for region in regions:
        inner = cuts[bisect.bisect_right(cuts, region.start) : bisect.bisect_left(cuts, region.end)]
        bounds = [region.start, *inner, region.end]
        for a, b in itertools.pairwise(bounds):
            pos = a
            for m in _BLANK_SPLIT.finditer(text, a, b):
                span = _trim(text, pos, m.start())
                if span.end > span.start:
                    out.append(span)
                pos = m.end()
            span = _trim(text, pos, b)
            if span.end > span.start:
                out.append(span)
    return tuple(out)


class _Splitter:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = doc.text
        self.lines = _Lines(doc.text)
        self.excluded: list[Excluded] = []
        self.skip: set[int] = set()  # line indices fully excluded

    # -- helpers ---------------------------------------------------------------------------
    def exclude(self, span: Span, kind: ExcludedKind) -> None:
        span = _trim(self.text, span.start, span.end)
        if span.end <= span.start:
            return
        self.excluded.append(Excluded(span, kind))
        first, last = self.lines.index(span.start), self.lines.index(max(span.end - 1, 0))
        for i in range(first, last + 1):
            line = self.lines.trimmed(i)
            if span.start <= line.start and line.end <= span.end:
                self.skip.add(i)

    def content(self, lo: int = 0, hi: int | None = None) -> list[int]:
        filled = self.lines.filled
        first = bisect.bisect_left(filled, lo)
        last = len(filled) if hi is None else bisect.bisect_left(filled, hi)
        return [i for i in filled[first:last] if i not in self.skip]

    # -- stages ----------------------------------------------------------------------------
    def structure(self, *, quotes: bool = True) -> None:
        lines = self.lines
        spans = [span for span, kind in self.doc.blocks if kind == "blockquote" and quotes]
        if self.doc.format == "txt" and quotes and ">" in self.text:  # else no line starts with ">"
            run: list[int] = []
            for i in range(len(lines) + 1):
                if i < len(lines) and lines.texts[i].lstrip().startswith(">"):
                    run.append(i)
                elif run:
                    spans.append(Span(lines.starts[run[0]], lines.ends[run[-1]]))
                    run = []
        if "<!--" in self.text:
            for m in _COMMENT.finditer(self.text):
                self.exclude(Span(m.start(), m.end()), "comment")
        # A directive line holds "%%": without one in the text, no line can be one.
        directives = "%%" in self.text
        for i in lines.filled:
            line = lines.texts[i]
            if directives and _DIRECTIVE.match(line):
                self.exclude(lines.trimmed(i), "comment")
            elif _chrome(line):
                self.exclude(lines.trimmed(i), "chrome")
        for span in sorted(spans, key=lambda s: s.start):
            before = [
                i
                for i in self.content(0, lines.index(span.start))
                if not _GREETING.fullmatch(lines.line(i))
            ]
            # "On Monday, Jane Doe wrote:" introduces the quote and goes with it.
            if before and _WROTE.fullmatch(lines.line(before[-1])):
                span = Span(lines.starts[before.pop()], span.end)
            opens = not before or _PROMPT_LABEL.match(self.text, span.start, span.end)
            self.exclude(span, "prompt" if opens else "blockquote")

    def heading(self) -> tuple[Span | None, int]:
        """The reference heading span and the first offset after it (or -1)."""
        lines = self.lines
        for i in reversed(lines.filled):
            if i in self.skip:
                continue
            line = lines.texts[i]
            # both heading patterns read only spaces, "#", "*" and "_" before the heading word
            first = line.lstrip(" \t#*_")[:1]
            if not first or first not in _HEADING_FIRST:
                continue
            m = _HEADING.fullmatch(line)
            if m:
                if not _WEAK_HEADING.fullmatch(m.group("word")):
                    return lines.trimmed(i), lines.ends[i]
                # "Sources" / "Resources" head a reference list only when an entry follows.
                following = self.content(i + 1)
                if following and _ENTRY_START.match(lines.line(following[0])):
                    return lines.trimmed(i), lines.ends[i]
            m = _INLINE_HEADING.match(line) if ":" in line else None  # it needs the colon
            if m:
                start = lines.starts[i]
                return _trim(self.text, start, start + m.end()), start + m.end()
        return None, -1

    def trailing_run(self) -> int | None:
        """Line index where a heading-less trailing run of entries starts."""
        lines = self.lines
        idxs = self.content()
        if not idxs:
            return None
        sig = _signature(lines, idxs)
        if sig is not None and sig > 0 and _ENTRY_START.match(lines.line(idxs[sig - 1])):
            idxs = idxs[:sig]
        start: int | None = None
        # Non-start lines seen since the last start (scanning upwards): they continue an entry
        # only if an entry start sits above them with no blank line in between.
        cont = 0
        for k in range(len(idxs) - 1, -1, -1):
            i = idxs[k]
            nxt = idxs[k + 1] if k + 1 < len(idxs) else None
            gap_below = nxt is not None and any(lines.blanks[i + 1 : nxt])
            if cont and gap_below:
                break
            if self.starts_entry(idxs, k, _STRICT_START):
                start, cont = i, 0
                continue
            cont += 1
            if cont > 8:  # a long entry hard-wrapped at 60-70 columns
                break
        return start

    def entries(self, region_start: int) -> tuple[list[Span], str, int]:
        """Entry spans after ``region_start``, how they were split, and where the list ends."""
        lines = self.lines
        first_line = lines.index(region_start)
        idxs = [i for i in self.content(first_line) if lines.ends[i] > region_start]
        if not idxs:
            return [], "", region_start
        sig = _signature(lines, idxs)
        if sig is not None and sig > 0:
            for i in idxs[sig:]:
                self.exclude(lines.trimmed(i), "signature")
            idxs = idxs[:sig]
        # The lines that start an entry, worked out when a line follows another without a
        # blank line between them (a one-line list or blank-line breaks never need them).
        starts: set[int] | None = None
        groups: list[list[int]] = []
        how = set()
        prev: int | None = None
        for i in idxs:
            if prev is None:
                groups.append([i])
            elif any(lines.blanks[prev + 1 : i]):
                groups.append([i])
                how.add("blank-lines")
            else:
                if starts is None:
                    starts = {j for k, j in enumerate(idxs) if self.starts_entry(idxs, k)}
                if any(j in self.skip for j in range(prev + 1, i)) or (
                    (i in starts and not self.wrapped_authors(groups[-1], i))
                    or not starts
                    or _ENDS_WITH_LINK.search(lines.line(prev).rstrip())
                ):
                    groups.append([i])
                    how.add("lines")
                else:
                    groups[-1].append(i)
            prev = i
        spans: list[Span] = []
        for group in groups:
            start = max(lines.starts[group[0]], region_start)
            end = lines.ends[group[-1]]
            parts = self.block_split(start, end)
            if len(parts) > 1:
                how.add("block")
            spans.extend(parts)
        spans = [s for s in (self.unmark(s) for s in spans) if s.end > s.start]
        if "block" in how:
            split = "block"
        elif "blank-lines" in how:
            split = "blank-lines"
        else:
            split = "lines"
        return spans, split, lines.ends[idxs[-1]]

    def starts_entry(
        self, idxs: list[int], k: int, shape: regex.Pattern[str] = _ENTRY_START
    ) -> bool:
        """Line ``idxs[k]`` starts an entry, also when its authors wrap onto the next lines."""
        lines = self.lines
        text = lines.texts[idxs[k]]
        matched = shape.match(text) is not None  # for the text as it is now
        for j in range(k + 1, min(k + 8, len(idxs))):
            if matched or idxs[j] != idxs[j - 1] + 1:
                break
            if not self.wrapped_authors(idxs[k:j], idxs[j]):
                break
            text += " " + lines.texts[idxs[j]].strip()
            matched = shape.match(text) is not None
        return matched

    def wrapped_authors(self, group: list[int], i: int) -> bool:
        """Line ``i`` continues the author element of the entry begun by ``group``: no year yet,
        and the line before ends with ``,``/``&``/``and`` or this one opens with an initial."""
        lines = self.lines
        if _YEAR_OPEN.search(self.text, lines.starts[group[0]], lines.ends[group[-1]]):
            return False
        return bool(
            _AUTHOR_LIST_OPEN.search(lines.line(group[-1])) or _INITIAL_FIRST.match(lines.line(i))
        )

    def block_split(self, start: int, end: int) -> list[Span]:
        text = self.text
        # each year opens with its own "(": fewer than two of them, fewer than two years
        if text.count("(", start, end) < 2 or len(_YEAR_OPEN.findall(text, start, end)) < 2:
            return [_trim(text, start, end)]
        out: list[Span] = []
        cur = start
        for m in _BOUNDARY.finditer(text, start, end):
            piece = text[cur : m.start()]
            if not _YEAR_THEN_PERIOD.search(piece):
                continue
            if text[m.start() - 1] == "." or _ENDS_WITH_LINK.search(piece):
                out.append(_trim(text, cur, m.start()))
                cur = m.end()
        out.append(_trim(text, cur, end))
        return out

    def unmark(self, span: Span) -> Span:
        first = self.text[span.start : min(span.start + 1, span.end)]
        if first.isascii() and first not in _MARKER_FIRST:
            return span
        m = _MARKER_ONLY.match(self.text, span.start, span.end)
        if m and _ENTRY_START.match(self.text, span.start, span.end):
            return Span(m.end(), span.end)
        return span

    def prompt_and_labels(self, body_end: int) -> None:
        lines = self.lines
        last_line = lines.index(body_end) if body_end < len(self.text) else len(lines)
        idxs = self.content(0, last_line)
        # A response label, a subject line and a prompt label all end with a colon: a line
        # without one is none of them.
        label_line: int | None = None
        for i in idxs[:12]:
            line = lines.texts[i]
            if ":" in line and _RESPONSE_LABEL.fullmatch(line):
                label_line = i
                break
        if not idxs:
            return
        first = idxs[0]
        first_text = lines.texts[first]
        colon = ":" in first_text
        paragraphs = self._paragraph_ends()
        prompt: Span | None = None
        if colon and _SUBJECT.match(first_text):
            prompt = Span(lines.starts[first], lines.ends[first])
        elif colon and _PROMPT_LABEL.match(first_text):
            end = paragraphs(lines.starts[first])
            if _LABEL_ONLY.match(first_text) and lines.index(end) == first:
                nxt = [i for i in idxs if i > first]
                if nxt:
                    end = paragraphs(lines.starts[nxt[0]])
            prompt = Span(lines.starts[first], end)
        elif first_text.lstrip()[:1] == '"':  # after spaces, a quoted paragraph opens with '"'
            end = paragraphs(lines.starts[first])
            quoted = _QUOTED_PARAGRAPH.fullmatch(self.text, lines.starts[first], end)
            if quoted and any(lines.starts[i] >= end for i in idxs):
                prompt = Span(lines.starts[first], end)
        if label_line is not None:
            if label_line != first:
                end = lines.starts[label_line]
                if prompt is not None:
                    end = max(end, prompt.end)
                prompt = Span(lines.starts[first], end)
            self.exclude(lines.trimmed(label_line), "heading")
        if prompt is not None:
            holes = [e.span for e in self.excluded]
            for part in _subtract(prompt, holes):
                self.exclude(part, "prompt")

    def _paragraph_ends(self) -> Callable[[int], int]:
        """A function: offset -> end of the paragraph containing it (before a blank line or
        the next paragraph start)."""
        text = self.text
        starts = sorted(set(self.doc.paragraphs))

        def end_of(offset: int) -> int:
            m = _BLANK_SPLIT.search(text, offset)
            end = m.start() if m else len(text)
            k = bisect.bisect_right(starts, offset)
            if k < len(starts) and starts[k] < end:
                end = starts[k]
            return end

        return end_of

    def body_signature(self, body_end: int) -> None:
        lines = self.lines
        last_line = lines.index(body_end) if body_end < len(self.text) else len(lines)
        idxs = self.content(0, last_line)
        idxs = [i for i in idxs if lines.starts[i] < body_end]
        sig = _signature(lines, idxs)
        if sig is not None:
            start = lines.starts[idxs[sig]]
            end = min(lines.ends[idxs[-1]], body_end)
            for part in _subtract(Span(start, end), [e.span for e in self.excluded]):
                self.exclude(part, "signature")


def split_sections(doc: Document) -> Sections:
    """Where the body, the reference list and the excluded parts of ``doc`` lie."""
    sections = _split(doc, quotes=True)
    if not sections.body and any(e.kind in ("blockquote", "prompt") for e in sections.excluded):
        # A reply written wholly inside a block quote (an editor's indent button): its text is
        # the body, not a quotation.
        retry = _split(doc, quotes=False)
        if retry.body:
            return retry
    return sections


def _split(doc: Document, *, quotes: bool) -> Sections:
    sp = _Splitter(doc)
    text = doc.text
    sp.structure(quotes=quotes)
    heading, after = sp.heading()
    entries: list[Span] = []
    split = ""
    ref_list: Span | None = None
    if heading is not None:
        body_end = heading.start
        entries, split, _ = sp.entries(after)
    else:
        start_line = sp.trailing_run()
        if start_line is not None:
            body_end = sp.lines.starts[start_line]
            entries, split, _ = sp.entries(body_end)
        else:
            body_end = len(text)
    if entries:
        ref_list = Span(entries[0].start, entries[-1].end)
    sp.body_signature(body_end)
    sp.prompt_and_labels(body_end)
    excluded = sorted(sp.excluded, key=lambda e: (e.span.start, e.span.end))
    holes = [e.span for e in excluded]
    if heading is not None:
        excluded.append(Excluded(heading, "heading"))
        excluded.sort(key=lambda e: (e.span.start, e.span.end))
    body = _body_spans(doc, _subtract(Span(0, body_end), holes))
    return Sections(
        body=body,
        excluded=tuple(excluded),
        heading=heading,
        reference_list=ref_list,
        entries=tuple(entries),
        entry_split=split if entries else "",
    )
