"""The data every stage shares: documents, citations, references, replies and diagnostics.

Everything here is immutable and free of I/O. Offsets are character offsets into
``Document.text`` (the normalised plain text); ``Document.position`` maps them back to the
1-based line and column of the file as the user wrote it.
"""

from __future__ import annotations

import bisect
import datetime as _dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

__all__ = [
    "CATEGORIES",
    "Author",
    "Citation",
    "Diagnostic",
    "Document",
    "Edit",
    "Excluded",
    "Fix",
    "Match",
    "Question",
    "Quote",
    "RefField",
    "Reference",
    "Reply",
    "RuleMeta",
    "Sections",
    "Severity",
    "Span",
]

#: The fixed category vocabulary (DESIGN §4). Every diagnostic has exactly one.
CATEGORIES: tuple[str, ...] = (
    "citation-format",
    "reference-format",
    "citation-match",
    "recency",
    "peer-review",
    "follow-up",
    "quotation",
    "length",
    "existence",
    "input",
)


class Severity(StrEnum):
    """How serious a finding is; ordered ``INFO < WARNING < ERROR``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls(value.strip().lower())
        except ValueError:
            raise ValueError(
                f"unknown severity {value!r}; expected one of: error, warning, info"
            ) from None


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` in ``Document.text``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span {self.start}..{self.end}")

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def shift(self, delta: int) -> Span:
        return Span(self.start + delta, self.end + delta)


@dataclass(frozen=True)
class Document:
    """One input as plain text, with the way back to the original file.

    ``text`` is the extracted plain text, normalised for matching: curly quotes become straight
    quotes, non-breaking and other exotic spaces become plain spaces, soft hyphens and
    zero-width characters are removed. ``origin[i]`` is the offset in ``source`` of the
    character ``text[i]`` came from (``origin`` has ``len(text) + 1`` items, the last one being
    the end of the source), so positions always point at the characters the user wrote.

    ``source`` is the file as text: the HTML source for HTML, the paragraphs joined by new
    lines for DOCX (so a line is a paragraph).
    """

    path: str
    format: str
    text: str
    source: str
    origin: Sequence[int]
    italics: tuple[Span, ...] = ()
    #: Offsets in ``text`` that start a paragraph (a block in HTML/DOCX, a line run in text).
    paragraphs: tuple[int, ...] = ()
    #: Whether the input format can carry italics at all (md, html, docx).
    carries_italics: bool = False
    #: Structural regions the reader saw, as ``(span, kind)`` with kind "blockquote" or
    #: "heading" (additive; sections use them to keep block quotes out of the body).
    blocks: tuple[tuple[Span, str], ...] = ()
    _line_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        if len(self.origin) != len(self.text) + 1:
            raise ValueError("origin must have len(text) + 1 items")
        starts = [0]
        find = self.source.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        object.__setattr__(self, "_line_starts", tuple(starts))

    def source_offset(self, offset: int) -> int:
        """The offset in ``source`` of text offset ``offset`` (clamped)."""
        offset = max(0, min(offset, len(self.text)))
        return self.origin[offset]

    def source_position(self, source_offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset in ``source``."""
        line = bisect.bisect_right(self._line_starts, source_offset) - 1
        return line + 1, source_offset - self._line_starts[line] + 1

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) in the original file of text offset ``offset``."""
        return self.source_position(self.source_offset(offset))

    def end_position(self, end: int) -> tuple[int, int]:
        """1-based (line, column) just past the character before ``end`` (for span ends)."""
        if end <= 0:
            return self.position(0)
        line, col = self.source_position(self.origin[min(end, len(self.text)) - 1])
        return line, col + 1

    def is_italic(self, span: Span) -> bool | None:
        """True if the whole span is italic, False if not, None when the format cannot tell."""
        if not self.carries_italics:
            return None
        pos = span.start
        while pos < span.end and self.text[pos].isspace():
            pos += 1
        end = span.end
        while end > pos and self.text[end - 1].isspace():
            end -= 1
        if pos >= end:
            return False
        for it in self.italics:
            if it.start <= pos < it.end:
                pos = it.end
                # allow whitespace between adjacent italic runs
                while pos < end and self.text[pos].isspace():
                    pos += 1
                if pos >= end:
                    return True
        return False

    def slice(self, span: Span) -> str:
        return self.text[span.start : span.end]


ExcludedKind = Literal["prompt", "blockquote", "chrome", "signature", "heading", "comment"]


@dataclass(frozen=True)
class Excluded:
    """A region kept out of the body, and why."""

    span: Span
    kind: ExcludedKind


@dataclass(frozen=True)
class Sections:
    """Where the body, the reference list and the excluded parts of a document lie."""

    body: tuple[Span, ...]
    excluded: tuple[Excluded, ...] = ()
    #: The reference-list heading as written ("References:", "**Works Cited**"), if any.
    heading: Span | None = None
    #: The whole reference list (heading excluded), if any.
    reference_list: Span | None = None
    #: One span per reference entry, in document order.
    entries: tuple[Span, ...] = ()
    #: How the entries were split: "blank-lines", "lines", "block" (one pasted block), or "".
    entry_split: str = ""


@dataclass(frozen=True)
class Citation:
    """One cited work in the text. A parenthesis with several works gives several citations."""

    span: Span
    text: str
    #: Surnames (or group names) as written, in order; "" never appears.
    authors: tuple[str, ...]
    et_al: bool
    #: "2022", "2022a", "n.d.", "in press", or None when no year was written.
    year: str | None
    narrative: bool
    #: Citations from one parenthesis share a group number; narrative citations get their own.
    group: int
    locator: str | None = None
    prefix: str | None = None
    #: True for the secondary source named after "as cited in".
    secondary: bool = False
    #: Group-author abbreviation, e.g. "WHO" in "(World Health Organization [WHO], 2020)".
    abbreviation: str | None = None
    #: "apa", "mla" (author page, no year) or "numeric" ([3]).
    style: str = "apa"
    #: Malformations found while extracting, for rules to report, e.g. "comma-before-et-al",
    #: "et-al-no-period", "et-al-form", "and-in-parentheses", "ampersand-in-narrative",
    #: "no-comma-before-year", "initials", "nd-form", "locator-form".
    flags: frozenset[str] = frozenset()
    #: Sub-spans by role: "authors", "year", "locator", "et_al" (offsets in Document.text).
    parts: Mapping[str, Span] = field(default_factory=dict)


@dataclass(frozen=True)
class Question:
    span: Span
    text: str
    #: "direct" (ends with ?) or "indirect" ("I wonder whether ...").
    form: str = "direct"


@dataclass(frozen=True)
class Quote:
    """A direct quotation in the body (quotation marks or a block quote)."""

    span: Span
    text: str
    words: int
    block: bool = False


@dataclass(frozen=True)
class Author:
    family: str
    given: str | None = None
    group: bool = False
    span: Span | None = None


@dataclass(frozen=True)
class RefField:
    """One element of a reference entry as written, with its span and italics."""

    value: str
    span: Span
    #: True/False when the input carries italics, None when it cannot tell (plain text).
    italic: bool | None = None


@dataclass(frozen=True)
class Reference:
    """One reference-list entry. Unparsed entries keep ``text`` and ``parsed=False``."""

    span: Span
    text: str
    parsed: bool
    authors: tuple[Author, ...] = ()
    #: The entry elides authors 20..n-1 with ". . ." (APA's 21+ author form).
    authors_ellipsis: bool = False
    #: "et al." written in the author element (not APA 7).
    authors_et_al: bool = False
    #: "2022", "2022a", "n.d.", "in press", or None.
    year: str | None = None
    title: str | None = None
    source: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    article_number: str | None = None
    doi: str | None = None
    url: str | None = None
    #: "journal-article", "book", "chapter", "report", "webpage", "preprint", "unknown".
    kind: str = "unknown"
    #: Each element as written: "authors", "date", "title", "source", "volume", "issue",
    #: "pages", "article_number", "doi", "url", "publisher", "edition", ...
    fields: Mapping[str, RefField] = field(default_factory=dict)
    #: Why parsing failed, when ``parsed`` is False.
    problem: str | None = None

    @property
    def first_author(self) -> str | None:
        return self.authors[0].family if self.authors else None


MatchKind = Literal["exact", "near-author", "near-year", "ambiguous", "none"]


@dataclass(frozen=True)
class Match:
    """How one citation relates to the reference list."""

    citation: int
    #: Index of the matched entry (exact matches only), else None.
    reference: int | None
    kind: MatchKind
    #: Entries that nearly match (near misses) or all entries that match (ambiguous).
    candidates: tuple[int, ...] = ()
    #: Human detail of a near miss: "Smyth ~ Smith", "2019 ~ 2020".
    detail: str | None = None


@dataclass(frozen=True)
class Reply:
    """The one analysis of a reply that every rule reads."""

    document: Document
    sections: Sections
    citations: tuple[Citation, ...]
    references: tuple[Reference, ...]
    matches: tuple[Match, ...]
    questions: tuple[Question, ...]
    quotes: tuple[Quote, ...]
    #: Sentence spans of the body (from the spaCy pipeline).
    sentences: tuple[Span, ...]
    #: Words in the body (reference list, quoted prompt and block quotes excluded).
    words: int
    as_of: _dt.date
    #: The post this reply answers, when known (``--post`` or the parent in an export).
    post: Reply | None = None

    def body_text(self) -> str:
        return "\n".join(self.document.slice(s) for s in self.sections.body)

    def match_for(self, citation_index: int) -> Match | None:
        for m in self.matches:
            if m.citation == citation_index:
                return m
        return None


FixSafety = Literal["safe", "unsafe", "none"]


@dataclass(frozen=True)
class Edit:
    """Replace ``Document.text[span]`` with ``content``."""

    span: Span
    content: str


@dataclass(frozen=True)
class Fix:
    edits: tuple[Edit, ...]
    applicability: Literal["safe", "unsafe"]
    message: str


@dataclass(frozen=True)
class RuleMeta:
    """A rule's metadata: the single source for messages, ``replylint rule``, docs and SARIF."""

    code: str
    name: str
    category: str
    severity: Severity
    summary: str
    explanation: str = ""
    fix: FixSafety = "none"
    criterion: str | None = None
    check: str = ""
    params: Mapping[str, object] = field(default_factory=dict)
    enabled: bool = True
    needs_network: bool = False
    pack: str = "builtin"


@dataclass(frozen=True)
class Diagnostic:
    """One finding. ``span`` is in ``Document.text``; reporters turn it into line/column."""

    code: str
    name: str
    category: str
    severity: Severity
    message: str
    span: Span
    fix: Fix | None = None
    #: How to fix it, in words (shown under the finding).
    hint: str | None = None
    criterion: str | None = None
    #: Extra structured detail (e.g. the exempted work, the real metadata).
    data: Mapping[str, object] = field(default_factory=dict)
