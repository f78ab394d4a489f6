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

from dataclasses import dataclass, field

import regex

from ..model import Citation, Span
from .locators import LocatorMatch, YearMatch, match_locator, match_year, search_year
from .names import (
    MLA_LABELS,
    MONTHS,
    NAME,
    NOT_AUTHORS,
    PARTICLE,
    STOP_WORDS,
    WORD,
    is_group_name,
    is_name,
)

__all__ = ["find_citations"]

_PAREN = regex.compile(r"\(((?:[^()\n]|\n(?![ \t]*\n)){1,400}+)\)")
# A parenthesis holding nested ones: "((Smith, 2020); Jones, 2021)".
_PAREN_NESTED = regex.compile(
    r"\(((?:[^()\n]|\([^()\n]*\))*?\([^()\n]*\)(?:[^()\n]|\([^()\n]*\)){0,400}+)\)"
)
_DATEISH = regex.compile(r"\d|n\.?\s?d\b|press|date|forthcoming", regex.IGNORECASE)
_NUMERIC = regex.compile(
    r"(?<=[\p{L}\p{N}.,;:)\"'][ \t]?)\[(\d{1,3}(?:\s*[-–,]\s*\d{1,3})*+)\](?![(:])"
)
_SEMI = regex.compile(r";")
_PREFIX = regex.compile(
    r"(?i:see\s+also|but\s+see|see|e\.g\.,?|i\.e\.,?|cf\.,?|for\s+example,?|"
    r"for\s+a\s+review,?\s+see|as\s+reviewed\s+in|compare|also)\s+"
)
_CITED_IN = regex.compile(
    r"\s*,?\s*\b(?P<w>(?i:(?:as\s+)?(?:cited|quoted|reported|discussed|summarized|reviewed)"
    r"\s+(?:in|by)))\s+"
)
_MORE_YEAR = regex.compile(r"\s*,\s*")
_LOC_SEP = regex.compile(r"\s*(?P<sep>[,:])\s*|(?P<sep>\s)\s*")
_WORK_SPLIT = regex.compile(
    rf"(?<=(?:1[6-9]|20)\d\d[a-z]?|n\.d\.|press)\s*(?:,|\band\b|&)\s*(?={PARTICLE}\s|\p{{Lu}})"
)
_TAIL = regex.compile(
    r"\s*,\s*(?i:for\s+(?:a\s+)?reviews?|for\s+(?:an\s+)?(?:example|overview|discussion|details?)"
    r"|emphasis\s+(?:added|in\s+original)|italics\s+added|original\s+emphasis)\s*\Z"
)
_BARE_PAGES = regex.compile(r"\d+(?:\s*[-–]\s*\d+)?(?!\d)")
_ETAL = r"(?:et\.?\s*al\b\.?|etal\b\.?|et\s+all\b\.?)"
_ETAL_END = regex.compile(rf"(?P<comma>\s*,)?\s*(?P<etal>{_ETAL})\s*\Z")
_ABBR_END = regex.compile(r"\s*\[(?P<abbr>[^\[\]]{1,20})\]\s*\Z")
_ABBR_FIRST = regex.compile(r"(\p{Lu}[\p{Lu}&\d]{1,9}),\s*")
_ET_AL_BARE = regex.compile(r"et\s+al")
_SEP = regex.compile(r"\s*,\s*(?:&|and\b)\s*|\s*,\s*|\s+(?:&|and)\s+|\s*&\s*")
_INITIALS_ONLY = regex.compile(r"\p{Lu}\.(?:\s*-?\p{Lu}\.)*+\Z")
_LEADING_INITIALS = regex.compile(r"\p{Lu}\.(?:\s*-?\p{Lu}\.)*+\s+")
_QUOTED_TITLE = regex.compile(r"\"(?P<t>[^\"]+?),?\"\Z")
_PERSONAL = regex.compile(
    r"(?P<auth>[^,]+?),\s*personal\s+communication,\s*(?P<date>[^,]*,?\s*)", regex.IGNORECASE
)
_MLA = regex.compile(
    rf"(?P<names>{NAME}(?:(?:\s*,\s*{NAME})*+\s*,?\s+(?:and|&)\s+{NAME})?)(?P<etal>\s+{_ETAL})?\s+"
    r"(?P<page>\d{1,4}(?:\s*[-–]\s*\d{1,4})?)\s*\Z"
)


def _reverse(pattern: str) -> regex.Pattern[str]:
    """Compile ``pattern`` (anchored at its end) to search backwards from the end.

    Backward search finds a name just before a parenthesis in time linear in the window;
    a forward search with an end anchor retries from every position.
    """
    plain = pattern.replace("*+", "*").replace("++", "+").replace("?+", "?")
    return regex.compile("(?r)" + plain)


_CONN = r"(?:of|for|and|on|the|in|to|at|&)"
_NARR_NAMES = _reverse(
    rf"(?P<names>{NAME}(?:(?:\s*,\s*{NAME})*+\s*,?\s+(?:and|&)\s+{NAME})?)"
    rf"(?P<etal>\s*,?\s*{_ETAL})?"
    r"(?P<poss>['’]s(?![\p{L}])|(?<=s)['’])?"
    r"(?P<comma>\s*,)?\s*\Z"
)
_NARR_GROUP = _reverse(
    rf"(?P<names>{WORD}(?:\s+(?:{_CONN}\s+)*+{WORD})*+)"
    r"(?P<poss>['’]s(?![\p{L}])|(?<=s)['’])?"
    r"(?P<comma>\s*,)?\s*\Z"
)
_LEAD_STOP = regex.compile(r"(?P<w>[\p{L}&]+)(?:\s*,)?\s+")
_INITIALS_BEFORE = regex.compile(r"\p{Lu}\.(?:\s*-?\p{Lu}\.)*+\s*\Z")
_WORDS = regex.compile(r"[\p{L}&]+")
_PARTICLE = regex.compile(rf"{PARTICLE}\Z")
_WINDOW = 160
# A line break after a comma ends a greeting ("Hello Sky,\n"), not a list of authors.
_COMMA_BREAK = regex.compile(r"(?r),[ \t]*\n\s*(?!and\b|&)")


@dataclass
class _Authors:
    names: tuple[str, ...]
    start: int
    end: int
    et_al: bool = False
    et_al_span: tuple[int, int] | None = None
    abbreviation: str | None = None
    abbreviation_span: tuple[int, int] | None = None
    flags: set[str] = field(default_factory=set)


@dataclass
class _Work:
    start: int
    end: int
    authors: _Authors | None
    year: YearMatch | None
    locator: tuple[str, int, int] | None = None
    prefix: tuple[str, int, int] | None = None
    secondary: bool = False
    style: str = "apa"
    flags: set[str] = field(default_factory=set)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _etal_flags(form: str) -> set[str]:
    form = " ".join(form.split())
    if form == "et al.":
        return set()
    flags = {"et-al-form"}
    if _ET_AL_BARE.fullmatch(form):
        flags.add("et-al-no-period")
    return flags


def _parse_authors(text: str, start: int, end: int, *, narrative: bool) -> _Authors | None:
    """Author names in ``text[start:end]`` (already stripped), or None if they are not names."""
    s, e = _strip(text, start, end)
    if s >= e:
        return None
    chunk = text[s:e]
    q = _QUOTED_TITLE.match(chunk)
    if q:
        return _Authors((q.group("t").strip(),), s, e)
    flags: set[str] = set()
    abbreviation = abbr_span = None
    m = _ABBR_END.search(text, s, e)
    if m:
        abbreviation = m.group("abbr").strip()
        abbr_span = m.span("abbr")
        e = m.start()
    et_al = False
    et_span = None
    m = _ETAL_END.search(text, s, e)
    comma_before = False
    if m:
        et_al = True
        et_span = m.span("etal")
        flags |= _etal_flags(m.group("etal"))
        comma_before = bool(m.group("comma"))
        e = m.start()
    s, e = _strip(text, s, e)
    if s >= e:
        return None
    body = text[s:e]
    if is_group_name(body):
        if abbreviation is None and et_al:
            return None
        return _Authors((body,), s, e, et_al, et_span, abbreviation, abbr_span, flags)
    names: list[str] = []
    first = last = None
    pos = s
    used_and = used_amp = False
    pieces: list[tuple[int, int]] = []
    for sep in _SEP.finditer(text, s, e):
        pieces.append((pos, sep.start()))
        word = sep.group(0).strip(" ,")
        used_and |= word == "and"
        used_amp |= word == "&"
        pos = sep.end()
    pieces.append((pos, e))
    for ps, pe in pieces:
        ps, pe = _strip(text, ps, pe)
        piece = text[ps:pe]
        if not piece:
            return None
        if _INITIALS_ONLY.match(piece):
            flags.add("initials")
            continue
        lead = _LEADING_INITIALS.match(piece)
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
    return _Authors(tuple(names), first, last, et_al, et_span, abbreviation, abbr_span, flags)


def _parse_work(text: str, start: int, end: int, *, narrative: bool = False) -> list[_Work] | None:
    """``authors, year[, year…][, locator]`` in ``text[start:end]``; authors may be absent."""
    s, e = _strip(text, start, end)
    if s >= e:
        return None
    extra: set[str] = set()
    auth_end_limit = None
    pc = _PERSONAL.match(text, s, e)
    if pc:
        extra.add("personal-communication")
        auth_end_limit = pc.end("auth")
        year = search_year(text, pc.end(), e)
    else:
        year = search_year(text, s, e)
    if year is None:
        return None
    a_s, a_e = _strip(text, s, auth_end_limit if auth_end_limit is not None else year.start)
    authors: _Authors | None = None
    if a_s < a_e:
        had_comma = text[a_e - 1] == "," or text[a_e - 2 : a_e] == ',"'
        while a_e > a_s and text[a_e - 1] in ", ":
            a_e -= 1
        authors = _parse_authors(text, a_s, a_e, narrative=narrative)
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
    if _strip(text, pos, e)[0] != e:
        return None
    if authors is not None and authors.names[0] in MONTHS and "no-comma-before-year" in extra:
        return None
    works: list[_Work] = []
    for i, y in enumerate(years):
        w_start = (a_s if authors else y.start) if i == 0 else y.start
        w_end = y.end
        work = _Work(w_start, w_end, authors, y, flags=set(y.flags) | extra)
        if authors is not None:
            work.flags |= authors.flags
        works.append(work)
    if locator is not None:
        works[-1].locator = locator
        works[-1].end = locator[2]
        works[-1].flags |= loc_flags
    return works


def _parse_segment(
    text: str, start: int, end: int, *, narrative: bool = False
) -> tuple[list[_Work], bool] | None:
    """One ``;``-separated segment: prefix, work(s), optional "as cited in" work.

    Returns the works and whether the primary part had no author (for the caller to fill in).
    """
    s, e = _strip(text, start, end)
    if s >= e:
        return None
    prefix = None
    m = _PREFIX.match(text, s, e)
    if m:
        prefix = (m.group(0).strip(), s, s + len(m.group(0).rstrip()))
        s = m.end()
    tail = _TAIL.search(text, s, e)
    if tail:
        e = tail.start()
    cited = _CITED_IN.search(text, s, e) if _maybe_cited(text, s, e) else None
    p_end = cited.start() if cited else e
    works: list[_Work] = []
    authorless = False
    if _strip(text, s, p_end)[0] < p_end:
        primary = _parse_work(text, s, p_end, narrative=narrative)
        if primary is None:
            return None
        authorless = primary[0].authors is None
        works.extend(primary)
    if cited:
        secondary = _parse_work(text, cited.end(), e)
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
    return any(
        w in chunk for w in ("cited", "quoted", "reported", "discussed", "summarized", "reviewed")
    )


def _segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    pos = start
    for m in _SEMI.finditer(text, start, end):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    return out


def _strip_leading_stop(text: str, start: int, end: int) -> int:
    """Skip sentence starters and connectors ("According to the") before a name."""
    while True:
        m = _LEAD_STOP.match(text, start, end)
        if not m:
            return start
        w = m.group("w")
        if w in STOP_WORDS or w in MONTHS or w == "&" or (w.islower() and not _PARTICLE.match(w)):
            start = m.end()
            continue
        return start


def _match_abbreviation(words: list[tuple[str, int]], abbr: str) -> int | None:
    """Index into ``words`` where the spelled-out name of ``abbr`` starts, if any."""
    letters = abbr.replace("&", "").upper()
    for i in range(len(words) - 1, -1, -1):
        word, _ = words[i]
        if not word[0].isupper() or word in STOP_WORDS:
            continue
        initials = "".join(w[0] for w, _ in words[i:] if w[0].isupper())
        if initials[0] != letters[0]:
            continue
        it = iter(initials)
        if all(ch in it for ch in letters):
            return i
    return None


@dataclass
class _Narrative:
    start: int
    authors: _Authors
    flags: set[str]


def _narrative_before(text: str, paren: int, abbr: str | None) -> _Narrative | None:
    """The author name(s) written just before the parenthesis at ``paren``."""
    w0 = max(0, paren - _WINDOW)
    group = _NARR_GROUP.search(text, w0, paren)
    if group:
        g_s = _strip_leading_stop(text, group.start("names"), group.end("names"))
        g_e = group.end("names")
        flags = {"narrative-comma"} if group.group("comma") else set()
        if abbr is not None:
            words = [(m.group(0), m.start()) for m in _WORDS.finditer(text, g_s, g_e)]
            i = _match_abbreviation(words, abbr)
            if i is not None:
                s = words[i][1]
                return _Narrative(s, _Authors((text[s:g_e],), s, g_e, abbreviation=abbr), flags)
            return None
        if g_s < g_e and is_group_name(text[g_s:g_e]):
            return _Narrative(g_s, _Authors((text[g_s:g_e],), g_s, g_e), flags)
    if abbr is not None:
        return None
    m = _NARR_NAMES.search(text, w0, paren)
    if not m:
        return None
    n_s = m.start("names")
    cut = _COMMA_BREAK.search(text, n_s, m.end("names"))
    if cut:
        n_s = cut.end()
    n_s = _strip_leading_stop(text, n_s, m.end("names"))
    if text[n_s : m.end("names")].startswith(("and ", "& ")):
        return None
    names_end = m.end("etal") if m.group("etal") else m.end("names")
    authors = _parse_authors(text, n_s, names_end, narrative=True)
    if authors is None or all(w in NOT_AUTHORS for n in authors.names for w in n.split()):
        return None
    flags = {"narrative-comma"} if m.group("comma") else set()
    start = authors.start
    before = _INITIALS_BEFORE.search(text, max(w0, start - 20), start)
    if before:
        flags.add("initials")
        start = before.start()
    return _Narrative(start, authors, flags)


def _year_first(text: str, start: int, end: int) -> tuple[str | None, str | None]:
    """Whether a parenthesis reads like a narrative's: "(2021…)", "(WHO, 2020)", "(as cited…)".

    Returns (abbreviation or None, kind) with kind "year", "abbr", "cited" or None.
    """
    s, _ = _strip(text, start, end)
    if match_year(text, s, end) is not None:
        return None, "year"
    if _CITED_IN.match(text, s, end):
        return None, "cited"
    m = _ABBR_FIRST.match(text, s, end)
    if m and match_year(text, m.end(), end):
        return m.group(1), "abbr"
    return None, None


def _to_citation(
    text: str,
    work: _Work,
    span: tuple[int, int],
    *,
    narrative: bool,
    group: int,
    extra_flags: set[str] | None = None,
) -> Citation:
    parts: dict[str, Span] = {}
    a = work.authors
    if a is not None:
        parts["authors"] = Span(a.start, a.end)
        if a.et_al_span:
            parts["et_al"] = Span(*a.et_al_span)
        if a.abbreviation_span:
            parts["abbreviation"] = Span(*a.abbreviation_span)
    if work.year is not None:
        parts["year"] = Span(work.year.start, work.year.end)
    if work.locator is not None:
        parts["locator"] = Span(work.locator[1], work.locator[2])
    if work.prefix is not None:
        parts["prefix"] = Span(work.prefix[1], work.prefix[2])
    flags = set(work.flags) | (extra_flags or set())
    return Citation(
        span=Span(*span),
        text=text[span[0] : span[1]],
        authors=a.names if a else (),
        et_al=a.et_al if a else False,
        year=work.year.value if work.year else None,
        narrative=narrative,
        group=group,
        locator=work.locator[0] if work.locator else None,
        prefix=work.prefix[0] if work.prefix else None,
        secondary=work.secondary,
        abbreviation=a.abbreviation if a else None,
        style=work.style,
        flags=frozenset(flags),
        parts=parts,
    )


def _parse_narrative(text: str, ps: int, pe: int, group: int) -> list[Citation] | None:
    abbr, kind = _year_first(text, ps + 1, pe - 1)
    if kind is None:
        return None
    narr = _narrative_before(text, ps, abbr)
    if narr is None:
        return [] if kind == "year" else None
    segs = _segments(text, ps + 1, pe - 1)
    if abbr is not None:
        s, _ = _strip(text, *segs[0])
        a_end = s + len(abbr)
        comma = text.index(",", a_end)
        segs[0] = (comma + 1, segs[0][1])
        narr.authors.abbreviation_span = (s, a_end)
    works: list[_Work] = []
    for i, (s, e) in enumerate(segs):
        parsed = _parse_segment(text, s, e, narrative=i == 0)
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
                anchor = _Work(narr.start, pe, narr.authors, None, flags=set(narr.authors.flags))
                seg_works.insert(0, anchor)
        elif seg_works[0].authors is None:
            continue
        works.extend(seg_works)
    out = []
    for i, w in enumerate(works):
        span = (narr.start, pe) if i == 0 else (w.start, w.end)
        narrative = i == 0 or (w.authors is narr.authors and not w.secondary)
        out.append(
            _to_citation(
                text,
                w,
                span,
                narrative=narrative,
                group=group,
                extra_flags=narr.flags if narrative else None,
            )
        )
    return out


def _parse_mla(text: str, ps: int, pe: int, group: int) -> list[Citation]:
    out = []
    works = []
    for s, e in _segments(text, ps + 1, pe - 1):
        s, e = _strip(text, s, e)
        m = _MLA.match(text, s, e)
        if not m:
            return []
        names = m.group("names")
        words = names.split()
        if any(w in MLA_LABELS or w in STOP_WORDS or w in MONTHS or w.isupper() for w in words):
            return []
        authors = _parse_authors(
            text,
            m.start("names"),
            m.end("etal") if m.group("etal") else m.end("names"),
            narrative=False,
        )
        if authors is None:
            return []
        authors.flags.discard("and-in-parentheses")
        w = _Work(s, e, authors, None, locator=(m.group("page"), *m.span("page")), style="mla")
        works.append(w)
    for w in works:
        span = (ps, pe) if len(works) == 1 else (w.start, w.end)
        out.append(_to_citation(text, w, span, narrative=False, group=group))
    return out


def _parse_paren(text: str, ps: int, pe: int, group: int) -> list[Citation]:
    """The citations in the parenthesis ``text[ps:pe]`` (parentheses included)."""
    narrative = _parse_narrative(text, ps, pe, group)
    if narrative is not None:
        return narrative
    works: list[_Work] = []
    for s, e in _segments(text, ps + 1, pe - 1):
        parsed = _parse_segment(text, s, e)
        if parsed is None:
            works.extend(_split_works(text, s, e))
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
        out.append(_to_citation(text, w, span, narrative=False, group=group))
    return out


def _split_works(text: str, start: int, end: int) -> list[_Work]:
    """Works run together with "," or "and" instead of ";": "(A, 2020, B & C, 2021)"."""
    cuts = list(_WORK_SPLIT.finditer(text, start, end))
    if not cuts:
        return []
    works: list[_Work] = []
    pos = start
    bounds = []
    for c in cuts:
        bounds.append((pos, c.start()))
        pos = c.end()
    bounds.append((pos, end))
    for s, e in bounds:
        parsed = _parse_segment(text, s, e)
        if parsed is None or parsed[1]:
            return []
        works.extend(parsed[0])
    for w in works:
        w.flags.add("works-separator")
    return works


def _parse_outer(text: str, ps: int, pe: int, group: int) -> list[Citation]:
    """The works of a parenthesis around nested ones, outside the nested ones.

    Nested parentheses are parsed on their own; each remaining work keeps its own segment.
    """
    out = []
    for s, e in _segments(text, ps + 1, pe - 1):
        if "(" in text[s:e] or ")" in text[s:e]:
            continue
        parsed = _parse_segment(text, s, e)
        if parsed is None or parsed[1]:
            continue
        for w in parsed[0]:
            out.append(_to_citation(text, w, (w.start, w.end), narrative=False, group=group))
    return out


def _numeric(text: str, m: regex.Match[str], group: int) -> Citation:
    return Citation(
        span=Span(m.start(), m.end()),
        text=m.group(0),
        authors=(),
        et_al=False,
        year=None,
        narrative=False,
        group=group,
        style="numeric",
    )


def find_citations(text: str) -> list[Citation]:
    """Every in-text citation in ``text``, in order; groups numbered from 0."""
    events: list[tuple[int, int, regex.Match[str]]] = []
    for m in _PAREN.finditer(text):
        if _DATEISH.search(text, m.start(1), m.end(1)):
            events.append((m.start(), 0, m))
    if text.count("(") > text.count(")", 0, text.find("(") + 1) + 1:
        for m in _PAREN_NESTED.finditer(text):
            events.append((m.start(), 2, m))
    if "[" in text:
        for m in _NUMERIC.finditer(text):
            events.append((m.start(), 1, m))
    events.sort(key=lambda ev: ev[0])
    out: list[Citation] = []
    group = 0
    for _, kind, m in events:
        if kind == 1:
            found = [_numeric(text, m, group)]
        elif kind == 2:
            found = _parse_outer(text, m.start(), m.end(), group)
        else:
            found = _parse_paren(text, m.start(), m.end(), group)
        if found:
            out.extend(found)
            group += 1
    out.sort(key=lambda c: (c.span.start, c.span.end))
    return out
