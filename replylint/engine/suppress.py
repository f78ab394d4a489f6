"""Inline suppressions written in the document source.

Markdown/HTML comments::

    <!-- replylint: disable=Y101 -- a seminal theory -->   ... <!-- replylint: enable -->
    <!-- replylint: disable-next-line=P101 -->
    <!-- replylint: disable-file=Q101 -->

and the same directives on a line of their own for plain text: ``%% replylint: disable=Y101``.
Codes, prefixes and rule names are accepted, separated by commas; no list means every rule.
Comments are read from ``Document.source`` (readers may drop them from the text) and mapped
to text offsets through ``Document.origin``.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import regex

from .. import patterns
from ..errors import ConfigError
from ..model import Diagnostic, Document, RuleMeta, Span
from .selection import resolve

__all__ = [
    "Directive",
    "Region",
    "Suppressions",
    "parse_directives",
    "parse_suppressions",
]

_CODE_SEPARATOR = patterns.compile(r"[\s,]+")

_ACTIONS = r"(?P<action>disable-next-line|disable-file|disable|enable)"
_COMMENT = patterns.compile(
    r"<!--[ \t]*replylint[ \t]*:[ \t]*" + _ACTIONS + r"(?!\w)(?!-(?!->))[ \t]*"
    r"(?:=[ \t]*(?P<codes>[\w-]+(?:[ \t]*,[ \t]*[\w-]+)*))?[ \t\r\n]*"
    r"(?:--(?!>)[ \t]*(?P<reason>(?:(?!-->).)*?))?[ \t\r\n]*-->",
    regex.IGNORECASE | regex.DOTALL,
)
_PLAIN = patterns.compile(
    r"^[ \t]*%%[ \t]*replylint[ \t]*:[ \t]*" + _ACTIONS + r"(?![\w-])[ \t]*"
    r"(?:=[ \t]*(?P<codes>[\w-]+(?:[ \t]*,[ \t]*[\w-]+)*))?[ \t]*"
    r"(?:--[ \t]*(?P<reason>[^\n]*?))?[ \t]*\r?$",
    regex.IGNORECASE | regex.MULTILINE,
)


@dataclass(frozen=True)
class Directive:
    """One ``replylint:`` comment as written."""

    action: str
    #: Selectors as written; empty means every rule.
    selectors: tuple[str, ...]
    reason: str | None
    #: ``[start, end)`` of the comment in ``Document.source``.
    source_start: int
    source_end: int


def parse_directives(source: str) -> list[Directive]:
    """Every suppression directive in a document source, in order."""
    found: list[Directive] = []
    for pattern, literal in ((_COMMENT, "<!--"), (_PLAIN, "%%")):
        if literal not in source:  # every directive of this form has it
            continue
        for m in pattern.finditer(source):
            codes = m.group("codes") or ""
            selectors = tuple(s for s in _CODE_SEPARATOR.split(codes) if s)
            reason = (m.group("reason") or "").strip() or None
            found.append(
                Directive(m.group("action").lower(), selectors, reason, m.start(), m.end())
            )
    found.sort(key=lambda d: (d.source_start, -d.source_end))
    kept: list[Directive] = []
    for d in found:  # a directive written inside another one is part of its text
        if not kept or d.source_start >= kept[-1].source_end:
            kept.append(d)
    return kept


@dataclass
class Region:
    """Where one selector of one directive suppresses findings (text offsets ``[start, end)``)."""

    directive: int
    selector: str | None
    #: Codes suppressed; None means every rule.
    codes: frozenset[str] | None
    start: int
    end: int
    #: The region runs to the end of the document (a finding at the very end is inside).
    to_end: bool = False
    used: bool = False

    def covers(self, diag: Diagnostic) -> bool:
        if self.codes is not None and diag.code not in self.codes:
            return False
        pos = diag.span.start
        return self.start <= pos < self.end or (self.to_end and pos >= self.start)


@dataclass
class Suppressions:
    """The directives of one document, resolved to regions, and what they did."""

    directives: list[Directive]
    regions: list[Region]
    #: ``(directive index, selector)`` naming no known rule.
    unknown: list[tuple[int, str]] = field(default_factory=list)
    #: Text offset of each directive (where findings about it are reported).
    anchors: list[int] = field(default_factory=list)

    def apply(
        self, diagnostics: Iterable[Diagnostic], *, explicit_only: bool = False
    ) -> list[Diagnostic]:
        """The diagnostics no region covers; marks the regions that suppressed something.

        ``explicit_only`` ignores regions that name no rule (for findings about directives).
        """
        if not self.regions:
            return list(diagnostics)  # nothing suppresses and nothing is marked used
        kept: list[Diagnostic] = []
        for diag in diagnostics:
            hit = False
            for region in self.regions:
                if explicit_only and region.codes is None:
                    continue
                if region.covers(diag):
                    region.used = True
                    hit = True
            if not hit:
                kept.append(diag)
        return kept

    def unused(self) -> list[Region]:
        return [r for r in self.regions if not r.used]

    def suppressed_spans(self) -> list[Span]:
        """Text ranges where some rule is suppressed (fixers keep out of them)."""
        return [Span(r.start, r.end) for r in self.regions]


def _text_offset(origin: Sequence[int], source_offset: int) -> int:
    """The first text offset whose source offset is at or after ``source_offset``."""
    return min(bisect.bisect_left(origin, source_offset), len(origin) - 1)


def _anchor(document: Document, source_start: int) -> int:
    """Where findings about a directive point: the first text after it, or the last text
    before it when only that is on the comment's own line (comments are not in the text)."""
    after = _text_offset(document.origin, source_start)
    line = document.source_position(source_start)[0]
    if after < len(document.text) and document.position(after)[0] == line:
        return after
    before = after - 1
    if before >= 0 and document.position(before)[0] == line:
        return before
    return after


def _line_bounds(source: str, pos: int) -> tuple[int, int]:
    start = source.rfind("\n", 0, pos) + 1
    end = source.find("\n", pos)
    return start, len(source) if end == -1 else end


def _next_line(source: str, pos: int) -> tuple[int, int] | None:
    """The next non-blank source line after the line containing ``pos``."""
    _, end = _line_bounds(source, pos)
    while end < len(source):
        start = end + 1
        start, end = _line_bounds(source, start)
        if source[start:end].strip():
            return start, end
    return None


def parse_suppressions(document: Document, rules: Mapping[str, RuleMeta]) -> Suppressions:
    """Resolve a document's directives into regions of text offsets."""
    directives = parse_directives(document.source)
    origin = document.origin
    text_end = len(document.text)
    result = Suppressions(directives=directives, regions=[])
    open_regions: list[Region] = []
    for index, directive in enumerate(directives):
        anchor = _anchor(document, directive.source_start)
        result.anchors.append(anchor)
        after = _text_offset(origin, directive.source_end)
        selectors: list[tuple[str | None, frozenset[str] | None]] = []
        if directive.selectors:
            for written in directive.selectors:
                try:
                    selectors.append((written, frozenset(resolve(written, rules))))
                except ConfigError:
                    result.unknown.append((index, written))
        else:
            selectors.append((None, None))
        if directive.action == "enable":
            closing = {c for _, codes in selectors if codes for c in codes}
            for region in list(open_regions):
                if not directive.selectors or (region.codes and region.codes <= closing):
                    region.end = max(anchor, region.start)
                    region.to_end = False
                    open_regions.remove(region)
            continue
        if directive.action == "disable-file":
            bounds: tuple[int, int] | None = (0, text_end)
        elif directive.action == "disable-next-line":
            line = _next_line(document.source, directive.source_end)
            bounds = (
                None
                if line is None
                else (_text_offset(origin, line[0]), _text_offset(origin, line[1]))
            )
        else:
            bounds = (after, text_end)
        if bounds is None:
            bounds = (text_end, text_end)
        to_end = directive.action in ("disable", "disable-file")
        for sel, codes in selectors:
            region = Region(index, sel, codes, bounds[0], bounds[1], to_end)
            result.regions.append(region)
            if directive.action == "disable":
                open_regions.append(region)
    return result
