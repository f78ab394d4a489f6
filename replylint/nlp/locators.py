"""Years and locators inside citations: "2021a", "n.d.", "in press", "p. 45", "paras. 2–3"."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .. import patterns
from ..lazyre import lazy_compile

__all__ = ["YEAR", "LocatorMatch", "YearMatch", "match_locator", "match_year", "search_year"]

#: A year as written in a citation, including the malformed no-date forms.
YEAR = patterns.compile(
    r"(?<![\p{L}\p{N}])(?:"
    r"(?P<y>(?:1[6-9]|20)\d{2})(?P<ysuf>[a-rt-z])?(?![\p{L}\p{N}])"
    r"|(?P<nd>n\.d\.)(?:-(?P<ndsuf>[a-z])(?![\p{L}]))?"
    r"|(?P<ip>(?i:in\s+press)|forthcoming)(?:-(?P<ipsuf>[a-z]))?(?![\p{L}])"
    r"|(?P<bad>(?:n\.\s*d\b\.?|N\.\s*D\b\.?|n\.D\.|nd|ND|n/d|no\s+date)(?![\p{L}\p{N}]))"
    r")"
)


@dataclass(frozen=True)
class YearMatch:
    value: str
    start: int
    end: int
    flags: frozenset[str] = frozenset()


def _year_of(m: regex.Match[str]) -> YearMatch:
    start, end = m.span()
    y, nd, ip = m.group("y", "nd", "ip")
    if y:
        return YearMatch(m.group(0), start, end)  # the year and its letter
    if nd:
        value = "n.d." + (f"-{m.group('ndsuf')}" if m.group("ndsuf") else "")
        return YearMatch(value, start, end)
    if ip:
        value = "in press" + (f"-{m.group('ipsuf')}" if m.group("ipsuf") else "")
        flags = frozenset() if ip == "in press" else frozenset({"in-press-form"})
        return YearMatch(value, start, end, flags)
    return YearMatch("n.d.", start, end, frozenset({"nd-form"}))


def search_year(text: str, start: int, end: int) -> YearMatch | None:
    """The first year-like token in ``text[start:end]``."""
    m = YEAR.search(text, start, end)
    return _year_of(m) if m else None


def match_year(text: str, start: int, end: int) -> YearMatch | None:
    """A year-like token exactly at ``start``."""
    m = YEAR.match(text, start, end)
    return _year_of(m) if m else None


_NUM = r"(?:\d+[a-z]?|[ivxlcdm]+)(?![\p{L}\p{N}])"
_RANGE = rf"{_NUM}(?:\s*[-–—]\s*{_NUM})?"
_LIST = rf"{_RANGE}(?:\s*,\s*{_RANGE})*+"
_LOCATOR = lazy_compile(
    rf"(?:(?P<lab>(?i:pp?\.|pgs?\.?|pages?\b|paras?\.|paras?\b|par\.|¶+|pp?\b|chapters?\b|chap\.|"
    rf"ch\.|tables?\b|figures?\b|fig\.|slides?\b|sections?\b|sec\.|lines?\b|min\.|minutes?\b|"
    rf"articles?\b|art\.))(?P<sp>\s*)(?P<num>{_LIST})"
    rf"|(?P<time>\d{{1,2}}:\d{{2}}(?::\d{{2}})?)"
    rf"|(?P<sect>(?:\p{{Lu}}\p{{L}}+\s+){{1,4}}section,\s*paras?\.\s*{_RANGE}))"
)
_SEVERAL = patterns.compile(r"[-–—,]")
_GOOD_LABELS = frozenset({"p.", "pp.", "para.", "paras."})
_BAD_LABELS = frozenset(
    {"pg", "pg.", "pgs", "pgs.", "page", "pages", "para", "paras", "par.", "p", "pp"}
)


@dataclass(frozen=True)
class LocatorMatch:
    value: str
    start: int
    end: int
    flags: frozenset[str] = frozenset()


def match_locator(text: str, start: int, end: int) -> LocatorMatch | None:
    """A locator ("p. 45", "pp. 12–14", "para. 3", "Chapter 2", "01:12:08") at ``start``."""
    m = _LOCATOR.match(text, start, end)
    if not m:
        return None
    flags: set[str] = set()
    lab = (m.group("lab") or "").lower()
    if lab:
        num = m.group("num")
        several = bool(_SEVERAL.search(num))
        bad_label = lab in _BAD_LABELS or lab.startswith("¶")
        no_space = lab in _GOOD_LABELS and not m.group("sp")
        wrong_number = (lab == "p." and several) or (lab == "pp." and not several)
        if bad_label or no_space or wrong_number:
            flags.add("locator-form")
    return LocatorMatch(m.group(0), m.start(), m.end(), frozenset(flags))
