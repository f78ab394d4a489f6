"""Narrative citations: the author names written just before a year in parentheses.

The names are found by searching backwards from the parenthesis ("Smith and Jones (2020)",
"the World Health Organization (WHO, 2020)", "According to Stefana et al. (2024)").
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .. import patterns
from .locators import YEAR
from .names import DOTTED, MONTHS, NAME, NOT_AUTHORS, PARTICLE, STOP_WORDS, WORD, is_group_name
from .works import CITED_IN, ETAL, Authors, parse_authors, strip_span

__all__ = ["Narrative", "narrative_before", "year_first"]


def _reverse(pattern: str) -> regex.Pattern[str]:
    """Compile ``pattern`` (anchored at its end) to search backwards from the end.

    Backward search finds a name just before a parenthesis in time linear in the window;
    a forward search with an end anchor retries from every position.
    """
    plain = pattern.replace("*+", "*").replace("++", "+").replace("?+", "?")
    return patterns.compile("(?r)" + plain)


_CONN = r"(?:of|for|and|on|the|in|to|at|&)"
_NARR_NAMES = _reverse(
    rf"(?P<names>{NAME}(?:(?:\s*,\s*{NAME})*+\s*,?\s+(?:and|&)\s+{NAME})?)"
    rf"(?P<etal>\s*,?\s*{ETAL})?"
    r"(?P<poss>['’]s(?![\p{L}])|(?<=s)['’])?"
    r"(?P<comma>\s*,)?\s*\Z"
)
_NARR_GROUP = _reverse(
    rf"(?P<names>(?:{DOTTED}\s*)?{WORD}(?:\s+(?:{_CONN}\s+)*+{WORD})*+)"
    r"(?P<poss>['’]s(?![\p{L}])|(?<=s)['’])?"
    r"(?P<comma>\s*,)?\s*\Z"
)
_DOTTED_BEFORE = patterns.compile(rf"{DOTTED}\s*\Z")
_LEAD_STOP = patterns.compile(r"(?P<w>[\p{L}&]+)(?:\s*,)?\s+")
_INITIALS_BEFORE = patterns.compile(r"\p{Lu}\.(?:\s*-?\p{Lu}\.)*+\s*\Z")
_WORDS = patterns.compile(r"[\p{L}&]+")
_PARTICLE = patterns.compile(rf"{PARTICLE}\Z")
_WINDOW = 160
# A line break after a greeting ("Hello Sky,\n") ends it; it does not continue a list of authors.
_COMMA_BREAK = patterns.compile(r"(?r),[ \t]*\n\s*(?!and\b|&)")
_ABBR_FIRST = patterns.compile(r"(\p{Lu}[\p{Lu}&\d]{1,9}),\s*")
# The characters a match of ``YEAR`` can start with ("1", "2", "n.d.", "nd", "ND", "in press"
# in any case IGNORECASE matches, "forthcoming").
_YEAR_FIRST = frozenset("12nNiIİf")
# The characters a match of ``CITED_IN`` can start with at a non-space: "," and the first
# letters of its words in every case IGNORECASE matches them in ("ſ" is an "s").
_CITED_FIRST = frozenset(",aAcCqQrRdDsSſ")


_GREETINGS = frozenset(
    {"Hi", "Hello", "Hey", "Dear", "Greetings", "Good", "Thanks", "Thank", "Howdy", "Morning"}
)


def _greeting_line(text: str, comma: int) -> bool:
    """Whether the line that ends at ``comma`` is a salutation ("Hi Maria,")."""
    words = text[text.rfind("\n", 0, comma) + 1 : comma].split()
    return bool(words) and len(words) <= 4 and words[0].strip(",!") in _GREETINGS


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
            # "Department of Health and Human Services (HHS)": take in the head of the name.
            while i >= 2 and words[i - 1][0] in ("of", "for") and words[i - 2][0][0].isupper():
                i -= 2
            return i
    return None


@dataclass
class Narrative:
    start: int
    authors: Authors
    flags: set[str]


def narrative_before(text: str, paren: int, abbr: str | None) -> Narrative | None:
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
                dotted = _DOTTED_BEFORE.search(text, max(g_s, s - 12), s)
                s = dotted.start() if dotted else s
                return Narrative(s, Authors((text[s:g_e],), s, g_e, abbreviation=abbr), flags)
            return None
        if g_s < g_e and is_group_name(text[g_s:g_e]):
            return Narrative(g_s, Authors((text[g_s:g_e],), g_s, g_e), flags)
    if abbr is not None:
        return None
    m = _NARR_NAMES.search(text, w0, paren)
    if not m:
        return None
    n_s = m.start("names")
    # The break is a "," then a new line, inside the names.
    has_break = "\n" in text[n_s : m.end("names")]
    cut = _COMMA_BREAK.search(text, n_s, m.end("names")) if has_break else None
    if cut and _greeting_line(text, cut.start()):
        n_s = cut.end()
    n_s = _strip_leading_stop(text, n_s, m.end("names"))
    if text[n_s : m.end("names")].startswith(("and ", "& ")):
        return None
    names_end = m.end("etal") if m.group("etal") else m.end("names")
    authors = parse_authors(text, n_s, names_end, narrative=True)
    if authors is None or all(w in NOT_AUTHORS for n in authors.names for w in n.split()):
        return None
    flags = {"narrative-comma"} if m.group("comma") else set()
    start = authors.start
    lo = max(w0, start - 20)
    # Initials end with "." and then only white space (all of it ``str.isspace``).
    dotted = text[lo:start].rstrip().endswith(".")
    before = _INITIALS_BEFORE.search(text, lo, start) if dotted else None
    if before:
        flags.add("initials")
        start = before.start()
    return Narrative(start, authors, flags)


def year_first(text: str, start: int, end: int) -> tuple[str | None, str | None]:
    """Whether a parenthesis reads like a narrative's: "(2021…)", "(WHO, 2020)", "(as cited…)".

    Returns (abbreviation or None, kind) with kind "year", "abbr", "cited" or None.
    """
    s, _ = strip_span(text, start, end)
    if s >= end:  # each pattern below needs a character
        return None, None
    first = text[s]  # not white space (``str.isspace`` holds for all ``\s``)
    if first in _YEAR_FIRST and YEAR.match(text, s, end):  # see ``match_year``
        return None, "year"
    if first in _CITED_FIRST and CITED_IN.match(text, s, end):
        return None, "cited"
    # The second character of an ``_ABBR_FIRST`` match is a capital, a digit or "&", none of
    # them lower case.
    m = _ABBR_FIRST.match(text, s, end) if not text[s + 1 : s + 2].islower() else None
    if m and YEAR.match(text, m.end(), end):
        return m.group(1), "abbr"
    return None, None
