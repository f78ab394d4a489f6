"""Find in-text citations in plain text: APA author-date, MLA author-page and numeric markers.

Pure functions over a string; the spaCy component in ``components.py`` only wraps them. Each
cited work becomes one ``Citation``. A work's span is the whole citation ("(Smith, 2021)",
"Smith et al. (2021)") when it is the only work there or the narrative's own work; the other
works of a parenthesis get their own segment ("Jones & Lee, 2020").

Besides the flags listed on ``Citation.flags``, the finder sets "narrative-comma"
("Smith et al., (2020)"), "works-separator" (works joined by "," or "and" instead of ";"),
"secondary-form" ("cited in" without "as"), "in-press-form" and "personal-communication".
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

import regex

from .. import patterns
from ..model import Citation
from .convert import citation_from_data
from .names import MLA_LABELS, MONTHS, NAME, STOP_WORDS
from .narrative import narrative_before, year_first
from .works import (
    ETAL,
    Work,
    parse_authors,
    parse_segment,
    segments,
    split_works,
    strip_span,
)

__all__ = ["find_citation_data", "find_citations"]

# A parenthesis of 1-400 characters within a paragraph; ``_parens`` finds its matches.
_PAREN = patterns.compile(r"\(((?:[^()\n]|\n(?![ \t]*\n)){1,400}+)\)")
# What ends the inside of a ``_PAREN``: a parenthesis or a line break before a blank line.
_PAREN_STOP = patterns.compile(r"[()]|\n(?=[ \t]*+\n)")
# A parenthesis holding nested ones: "((Smith, 2020); Jones, 2021)".
_PAREN_NESTED = patterns.compile(
    r"\(((?:[^()\n]|\([^()\n]*\))*?\([^()\n]*\)(?:[^()\n]|\([^()\n]*\)){0,400}+)\)"
)
_HAS_NESTED = patterns.compile(r"\([^()\n]*\(")
_DATEISH = patterns.compile(r"\d|n\.?\s?d\b|press|date|forthcoming", regex.IGNORECASE)
_NUMERIC = patterns.compile(
    r"(?<=[\p{L}\p{N}.,;:)\"'][ \t]?)\[(\d{1,3}(?:\s*[-–,]\s*\d{1,3})*+)\](?![(:])"
)


@functools.cache
def _mla() -> regex.Pattern[str]:
    """The MLA "(Name 12)" pattern, compiled on first use (~55 ms; most replies never need it)."""
    return patterns.compile(
        rf"(?P<names>{NAME}(?:(?:\s*,\s*{NAME})*+\s*,?\s+(?:and|&)\s+{NAME})?)(?P<etal>\s+{ETAL})?\s+"
        r"(?P<page>\d{1,4}(?:\s*[-–]\s*\d{1,4})?)\s*\Z"
    )


def _to_data(
    work: Work,
    span: tuple[int, int],
    *,
    narrative: bool,
    group: int,
    extra_flags: set[str] | None = None,
) -> dict[str, Any]:
    """A cited work as plain data, the form ``convert.citation_data`` gives a ``Citation``."""
    parts: dict[str, list[int]] = {}
    a = work.authors
    if a is not None:
        parts["authors"] = [a.start, a.end]
        if a.et_al_span:
            parts["et_al"] = list(a.et_al_span)
        if a.abbreviation_span:
            parts["abbreviation"] = list(a.abbreviation_span)
    if work.year is not None:
        parts["year"] = [work.year.start, work.year.end]
    if work.locator is not None:
        parts["locator"] = [work.locator[1], work.locator[2]]
    if work.prefix is not None:
        parts["prefix"] = [work.prefix[1], work.prefix[2]]
    flags = set(work.flags) | (extra_flags or set())
    return {
        "start": span[0],
        "end": span[1],
        "authors": list(a.names) if a else [],
        "et_al": a.et_al if a else False,
        "year": work.year.value if work.year else None,
        "narrative": narrative,
        "group": group,
        "locator": work.locator[0] if work.locator else None,
        "prefix": work.prefix[0] if work.prefix else None,
        "secondary": work.secondary,
        "abbreviation": a.abbreviation if a else None,
        "style": work.style,
        "flags": sorted(flags),
        "parts": parts,
    }


def _parse_narrative(text: str, ps: int, pe: int, group: int) -> list[dict[str, Any]] | None:
    abbr, kind = year_first(text, ps + 1, pe - 1)
    if kind is None:
        return None
    narr = narrative_before(text, ps, abbr)
    if narr is None:
        return [] if kind == "year" else None
    segs = segments(text, ps + 1, pe - 1)
    if abbr is not None:
        s, _ = strip_span(text, *segs[0])
        a_end = s + len(abbr)
        comma = text.index(",", a_end)
        segs[0] = (comma + 1, segs[0][1])
        narr.authors.abbreviation_span = (s, a_end)
    works: list[Work] = []
    for i, (s, e) in enumerate(segs):
        parsed = parse_segment(text, s, e, narrative=i == 0)
        if parsed is None:
            if i == 0:
                return []
            continue
        seg_works, authorless = parsed
        if i == 0:
            if not authorless and seg_works[0].authors is not None:
                return []
            for w in seg_works:
                if w.authors is None and not w.secondary:
                    w.authors = narr.authors
                    w.flags |= narr.authors.flags
            if seg_works[0].secondary:
                anchor = Work(narr.start, pe, narr.authors, None, flags=set(narr.authors.flags))
                seg_works.insert(0, anchor)
        elif seg_works[0].authors is None:
            continue
        works.extend(seg_works)
    out = []
    for i, w in enumerate(works):
        span = (narr.start, pe) if i == 0 else (w.start, w.end)
        narrative = i == 0 or (w.authors is narr.authors and not w.secondary)
        out.append(
            _to_data(
                w,
                span,
                narrative=narrative,
                group=group,
                extra_flags=narr.flags if narrative else None,
            )
        )
    return out


def _parse_mla(text: str, ps: int, pe: int, group: int) -> list[dict[str, Any]]:
    out = []
    works = []
    for s, e in segments(text, ps + 1, pe - 1):
        s, e = strip_span(text, s, e)
        m = _mla().match(text, s, e)
        if not m:
            return []
        names = m.group("names")
        words = names.split()
        if any(w in MLA_LABELS or w in STOP_WORDS or w in MONTHS or w.isupper() for w in words):
            return []
        authors = parse_authors(
            text,
            m.start("names"),
            m.end("etal") if m.group("etal") else m.end("names"),
            narrative=False,
        )
        if authors is None:
            return []
        authors.flags.discard("and-in-parentheses")
        w = Work(s, e, authors, None, locator=(m.group("page"), *m.span("page")), style="mla")
        works.append(w)
    for w in works:
        span = (ps, pe) if len(works) == 1 else (w.start, w.end)
        out.append(_to_data(w, span, narrative=False, group=group))
    return out


def _parse_paren(text: str, ps: int, pe: int, group: int) -> list[dict[str, Any]]:
    """The citations in the parenthesis ``text[ps:pe]`` (parentheses included)."""
    narrative = _parse_narrative(text, ps, pe, group)
    if narrative is not None:
        return narrative
    works: list[Work] = []
    for s, e in segments(text, ps + 1, pe - 1):
        parsed = parse_segment(text, s, e)
        if parsed is None:
            works.extend(split_works(text, s, e))
            continue
        seg_works, authorless = parsed
        if authorless:
            prev = works[-1].authors if works else None
            if prev is None:
                continue
            for w in seg_works:
                if w.authors is None:
                    w.authors = prev
        works.extend(seg_works)
    if not works:
        return _parse_mla(text, ps, pe, group)
    out = []
    for w in works:
        span = (ps, pe) if len(works) == 1 else (w.start, w.end)
        out.append(_to_data(w, span, narrative=False, group=group))
    return out


def _parse_outer(text: str, ps: int, pe: int, group: int) -> list[dict[str, Any]]:
    """The works of a parenthesis around nested ones, outside the nested ones.

    Nested parentheses are parsed on their own; each remaining work keeps its own segment.
    """
    out = []
    for s, e in segments(text, ps + 1, pe - 1):
        if "(" in text[s:e] or ")" in text[s:e]:
            continue
        parsed = parse_segment(text, s, e)
        if parsed is None or parsed[1]:
            continue
        for w in parsed[0]:
            out.append(_to_data(w, (w.start, w.end), narrative=False, group=group))
    return out


def _numeric(start: int, end: int, group: int) -> dict[str, Any]:
    return {
        "start": start,
        "end": end,
        "authors": [],
        "et_al": False,
        "year": None,
        "narrative": False,
        "group": group,
        "locator": None,
        "prefix": None,
        "secondary": False,
        "abbreviation": None,
        "style": "numeric",
        "flags": [],
        "parts": {},
    }


def _parens(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each match of ``_PAREN`` in ``text``, in order.

    The pattern takes at most 400 characters after "(" up to the first ``_PAREN_STOP`` and
    then needs ")": so it matches at a "(" exactly when the first stop after it is a ")"
    1-401 characters on. Jumping from "(" to the stop is faster than matching the inside one
    character at a time. A match holds no "(", so the next one starts after it. The search
    for the stop ends 401 characters on; a line break it cannot see to be a stop there is
    followed only by spaces and tabs up to that end, so no ")" comes in reach either way.
    """
    find = text.find
    search = _PAREN_STOP.search
    p = find("(")
    while p >= 0:
        stop = search(text, p + 1, p + 402)
        q = stop.start() if stop is not None else -1
        if p + 1 < q <= p + 401 and text[q] == ")":
            yield p, q + 1
            p = find("(", q + 1)
        else:
            p = find("(", p + 1)


def find_citations(text: str) -> list[Citation]:
    """Every in-text citation in ``text``, in order; groups numbered from 0."""
    return [citation_from_data(text, d) for d in find_citation_data(text)]


def find_citation_data(text: str) -> list[dict[str, Any]]:
    """``find_citations`` as plain data (``convert.citation_data``), without building objects."""
    events: list[tuple[int, int, int]] = []
    for start, end in _parens(text):
        if _DATEISH.search(text, start + 1, end - 1):
            events.append((start, 0, end))
    if _HAS_NESTED.search(text):
        for m in _PAREN_NESTED.finditer(text):
            events.append((m.start(), 2, m.end()))
    if "[" in text:
        for m in _NUMERIC.finditer(text):
            events.append((m.start(), 1, m.end()))
    events.sort(key=lambda ev: ev[0])
    out: list[dict[str, Any]] = []
    group = 0
    for start, kind, end in events:
        if kind == 1:
            found = [_numeric(start, end, group)]
        elif kind == 2:
            found = _parse_outer(text, start, end, group)
        else:
            found = _parse_paren(text, start, end, group)
        if found:
            out.extend(found)
            group += 1
    out.sort(key=lambda d: (d["start"], d["end"]))
    return out
