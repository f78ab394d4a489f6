"""The inside of a citation parenthesis: authors, years, locator, prefix, "as cited in".

Pure functions over a string and character offsets; ``citations.py`` assembles the results.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from .. import patterns
from .locators import LocatorMatch, YearMatch, match_locator, match_year, search_year
from .names import MONTHS, PARTICLE, is_group_name, is_name

__all__ = [
    "CITED_IN",
    "ETAL",
    "Authors",
    "Work",
    "parse_authors",
    "parse_segment",
    "parse_work",
    "segments",
    "split_works",
    "strip_span",
]

_PREFIX = patterns.compile(
    r"(?i:see\s+also|but\s+see|see|e\.g\.,?|i\.e\.,?|cf\.,?|for\s+example,?|"
    r"for\s+a\s+review,?\s+see|as\s+reviewed\s+in|compare|also)\s+"
)
# The characters a match of ``_PREFIX`` can start with: the first letters of its words in
# every case IGNORECASE matches them in ("ſ" is an "s", "İ" an "i").
_PREFIX_FIRST = frozenset("sSſbBeEiIİcCfFaA")
CITED_IN = patterns.compile(
    r"\s*,?\s*\b(?P<w>(?i:(?:as\s+)?(?:cited|quoted|reported|discussed|summarized|reviewed)"
    r"\s+(?:in|by)))\s+"
)
_MORE_YEAR = patterns.compile(r"\s*,\s*")
_LOC_SEP = patterns.compile(r"\s*(?P<sep>[,:])\s*|(?P<sep>\s)\s*")
_WORK_SPLIT = patterns.compile(
    rf"(?<=(?:1[6-9]|20)\d\d[a-z]?|n\.d\.|press)\s*(?:,|\band\b|&)\s*(?={PARTICLE}\s|\p{{Lu}})"
)
_TAIL = patterns.compile(
    r"\s*,\s*(?i:for\s+(?:a\s+)?reviews?|for\s+(?:an\s+)?(?:example|overview|discussion|details?)"
    r"|emphasis\s+(?:added|in\s+original)|italics\s+added|original\s+emphasis)\s*\Z"
)
_BARE_PAGES = patterns.compile(r"\d+(?:\s*[-–]\s*\d+)?(?!\d)")
ETAL = r"(?:et\.?\s*al\b\.?|etal\b\.?|et\s+all\b\.?)"
_ETAL_END = patterns.compile(rf"(?P<comma>\s*,)?\s*(?P<etal>{ETAL})\s*\Z")
_ABBR_END = patterns.compile(r"\s*\[(?P<abbr>[^\[\]]{1,20})\]\s*\Z")
_ET_AL_BARE = patterns.compile(r"et\s+al")
_SEP = patterns.compile(r"\s*,\s*(?:&|and\b)\s*|\s*,\s*|\s+(?:&|and)\s+|\s*&\s*")
_INITIALS_ONLY = patterns.compile(r"\p{Lu}\.(?:\s*-?\p{Lu}\.)*+\Z")
_LEADING_INITIALS = patterns.compile(r"\p{Lu}\.(?:\s*-?\p{Lu}\.)*+\s+")
_QUOTED_TITLE = patterns.compile(r"\"(?P<t>[^\"]+?),?\"\Z")
_PERSONAL = patterns.compile(
    r"(?P<auth>[^,]+?),\s*personal\s+communication,\s*(?P<date>[^,]*,?\s*)", regex.IGNORECASE
)


@dataclass
class Authors:
    """The author element of one work, with offsets in the text."""

    names: tuple[str, ...]
    start: int
    end: int
    et_al: bool = False
    et_al_span: tuple[int, int] | None = None
    abbreviation: str | None = None
    abbreviation_span: tuple[int, int] | None = None
    flags: set[str] = field(default_factory=set)


@dataclass
class Work:
    """One cited work as parsed, before it becomes a ``Citation``."""

    start: int
    end: int
    authors: Authors | None
    year: YearMatch | None
    locator: tuple[str, int, int] | None = None
    prefix: tuple[str, int, int] | None = None
    secondary: bool = False
    style: str = "apa"
    flags: set[str] = field(default_factory=set)


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _ends_in(text: str, start: int, end: int, chars: str) -> bool:
    """Whether the last non-space character of ``text[start:end]`` is one of ``chars``.

    A cheap test before a pattern that ends with one of ``chars`` and then only white space
    (``str.isspace`` holds for every white space character a pattern matches).
    """
    while end > start and text[end - 1].isspace():
        end -= 1
    return end > start and text[end - 1] in chars


def _etal_flags(form: str) -> set[str]:
    form = " ".join(form.split())
    if form == "et al.":
        return set()
    flags = {"et-al-form"}
    if _ET_AL_BARE.fullmatch(form):
        flags.add("et-al-no-period")
    return flags


def parse_authors(text: str, start: int, end: int, *, narrative: bool) -> Authors | None:
    """Author names in ``text[start:end]`` (already stripped), or None if they are not names."""
    s, e = strip_span(text, start, end)
    if s >= e:
        return None
    chunk = text[s:e]
    q = _QUOTED_TITLE.match(chunk) if chunk[0] == '"' else None
    if q:
        return Authors((q.group("t").strip(),), s, e)
    flags: set[str] = set()
    abbreviation = abbr_span = None
    # ``s:e`` is stripped, so a match of ``_ABBR_END`` ends with the "]" at ``e - 1``.
    m = _ABBR_END.search(text, s, e) if text[e - 1] == "]" else None
    if m:
        abbreviation = m.group("abbr").strip()
        abbr_span = m.span("abbr")
        e = m.start()
    et_al = False
    et_span = None
    m = _ETAL_END.search(text, s, e) if _ends_in(text, s, e, "l.") else None
    comma_before = False
    if m:
        et_al = True
        et_span = m.span("etal")
        flags |= _etal_flags(m.group("etal"))
        comma_before = bool(m.group("comma"))
        e = m.start()
    s, e = strip_span(text, s, e)
    if s >= e:
        return None
    body = text[s:e]
    if is_group_name(body):
        if abbreviation is None and et_al:
            return None
        return Authors((body,), s, e, et_al, et_span, abbreviation, abbr_span, flags)
    names: list[str] = []
    first = last = None
    pos = s
    used_and = used_amp = False
    pieces: list[tuple[int, int]] = []
    # Every separator holds ",", "&" or "and".
    has_sep = "," in body or "&" in body or "and" in body
    for sep in _SEP.finditer(text, s, e) if has_sep else ():
        pieces.append((pos, sep.start()))
        word = sep.group(0).strip(" ,")
        used_and |= word == "and"
        used_amp |= word == "&"
        pos = sep.end()
    pieces.append((pos, e))
    for ps, pe in pieces:
        ps, pe = strip_span(text, ps, pe)
        piece = text[ps:pe]
        if not piece:
            return None
        dotted = piece[1:2] == "."  # initials start with a capital and "."
        if dotted and _INITIALS_ONLY.match(piece):
            flags.add("initials")
            continue
        lead = _LEADING_INITIALS.match(piece) if dotted else None
        if lead:
            flags.add("initials")
            ps += lead.end()
            piece = text[ps:pe]
        if not is_name(piece):
            return None
        names.append(piece)
        first = ps if first is None else first
        last = pe
    if not names or first is None or last is None:
        return None
    if narrative and used_amp and len(names) >= 2:
        flags.add("ampersand-in-narrative")
    if not narrative and used_and and len(names) >= 2:
        flags.add("and-in-parentheses")
    if len(names) >= 3 and not et_al:
        flags.add("all-authors-listed")
    if et_al and comma_before and len(names) == 1:
        flags.add("comma-before-et-al")
    if abbreviation is not None and len(names) > 1:
        return None
    return Authors(tuple(names), first, last, et_al, et_span, abbreviation, abbr_span, flags)


def parse_work(text: str, start: int, end: int, *, narrative: bool = False) -> list[Work] | None:
    """``authors, year[, year…][, locator]`` in ``text[start:end]``; authors may be absent."""
    s, e = strip_span(text, start, end)
    if s >= e:
        return None
    extra: set[str] = set()
    auth_end_limit = None
    # ``_PERSONAL`` holds "communication", whose "mmun" matches only ASCII letters of either
    # case under IGNORECASE.
    pc = _PERSONAL.match(text, s, e) if "mmun" in text[s:e].lower() else None
    if pc:
        extra.add("personal-communication")
        auth_end_limit = pc.end("auth")
        year = search_year(text, pc.end(), e)
    else:
        year = search_year(text, s, e)
    if year is None:
        return None
    a_s, a_e = strip_span(text, s, auth_end_limit if auth_end_limit is not None else year.start)
    authors: Authors | None = None
    if a_s < a_e:
        had_comma = text[a_e - 1] == "," or text[a_e - 2 : a_e] == ',"'
        while a_e > a_s and text[a_e - 1] in ", ":
            a_e -= 1
        authors = parse_authors(text, a_s, a_e, narrative=narrative)
        if authors is None:
            return None
        if pc:
            authors.flags.discard("initials")
        elif not had_comma:
            extra.add("no-comma-before-year")
    years = [year]
    pos = year.end
    while True:
        sep = _MORE_YEAR.match(text, pos, e)
        nxt = match_year(text, sep.end(), e) if sep else None
        if nxt is None:
            break
        years.append(nxt)
        pos = nxt.end
    if len(years) > 1 and "no-comma-before-year" in extra:
        return None  # "(Healthy People 2030, 2020)": the first number belongs to a name
    locator = None
    loc_flags: frozenset[str] = frozenset()
    sep = _LOC_SEP.match(text, pos, e)
    if sep:
        loc = match_locator(text, sep.end(), e)
        if loc is None and sep.group("sep") == ":":
            bare = _BARE_PAGES.match(text, sep.end(), e)
            loc = LocatorMatch(bare.group(0), bare.start(), bare.end()) if bare else None
        if loc is not None:
            locator = (loc.value, loc.start, loc.end)
            loc_flags = loc.flags | ({"locator-form"} if sep.group("sep") != "," else set())
            pos = loc.end
    if strip_span(text, pos, e)[0] != e:
        return None
    if authors is not None and authors.names[0] in MONTHS and "no-comma-before-year" in extra:
        return None
    works: list[Work] = []
    for i, y in enumerate(years):
        w_start = (a_s if authors else y.start) if i == 0 else y.start
        w_end = y.end
        work = Work(w_start, w_end, authors, y, flags=set(y.flags) | extra)
        if authors is not None:
            work.flags |= authors.flags
        works.append(work)
    if locator is not None:
        works[-1].locator = locator
        works[-1].end = locator[2]
        works[-1].flags |= loc_flags
    return works


def parse_segment(
    text: str, start: int, end: int, *, narrative: bool = False
) -> tuple[list[Work], bool] | None:
    """One ``;``-separated segment: prefix, work(s), optional "as cited in" work.

    Returns the works and whether the primary part had no author (for the caller to fill in).
    """
    s, e = strip_span(text, start, end)
    if s >= e:
        return None
    prefix = None
    m = _PREFIX.match(text, s, e) if text[s] in _PREFIX_FIRST else None
    if m:
        prefix = (m.group(0).strip(), s, s + len(m.group(0).rstrip()))
        s = m.end()
    tail = _TAIL.search(text, s, e) if _maybe_tail(text, s, e) else None
    if tail:
        e = tail.start()
    cited = CITED_IN.search(text, s, e) if _maybe_cited(text, s, e) else None
    p_end = cited.start() if cited else e
    works: list[Work] = []
    authorless = False
    if strip_span(text, s, p_end)[0] < p_end:
        primary = parse_work(text, s, p_end, narrative=narrative)
        if primary is None:
            return None
        authorless = primary[0].authors is None
        works.extend(primary)
    if cited:
        secondary = parse_work(text, cited.end(), e)
        if secondary is None or secondary[0].authors is None:
            return None
        form = " ".join(cited.group("w").lower().split())
        for w in secondary:
            w.secondary = True
            if form != "as cited in":
                w.flags.add("secondary-form")
        works.extend(secondary)
    if not works:
        return None
    if prefix is not None:
        works[0].prefix = prefix
    return works, authorless


def _maybe_cited(text: str, start: int, end: int) -> bool:
    chunk = text[start:end].lower()
    return (
        "cited" in chunk
        or "quoted" in chunk
        or "reported" in chunk
        or "discussed" in chunk
        or "summarized" in chunk
        or "reviewed" in chunk
    )


def _maybe_tail(text: str, start: int, end: int) -> bool:
    """False when ``_TAIL`` cannot match in ``text[start:end]``.

    Each of its phrases follows a "," and holds "for", "emph" or "tal", whose letters match
    only their ASCII upper and lower case under IGNORECASE.
    """
    chunk = text[start:end]
    if "," not in chunk:
        return False
    chunk = chunk.lower()
    return "for" in chunk or "emph" in chunk or "tal" in chunk


def segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The ``;``-separated parts of ``text[start:end]``."""
    out = []
    pos = start
    semi = text.find(";", start, end)
    while semi >= 0:
        out.append((pos, semi))
        pos = semi + 1
        semi = text.find(";", pos, end)
    out.append((pos, end))
    return out


def split_works(text: str, start: int, end: int) -> list[Work]:
    """Works run together with "," or "and" instead of ";": "(A, 2020, B & C, 2021)"."""
    cuts = list(_WORK_SPLIT.finditer(text, start, end))
    if not cuts:
        return []
    works: list[Work] = []
    pos = start
    bounds = []
    for c in cuts:
        bounds.append((pos, c.start()))
        pos = c.end()
    bounds.append((pos, end))
    for s, e in bounds:
        parsed = parse_segment(text, s, e)
        if parsed is None or parsed[1]:
            return []
        works.extend(parsed[0])
    for w in works:
        w.flags.add("works-separator")
    return works
