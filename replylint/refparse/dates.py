"""The date element of a reference entry: ``(2021).``, ``(2021a).``, ``(2021, March 3).``,
``(n.d.).``, ``(in press).``, and the tolerated bare ``2021.`` without parentheses."""

from __future__ import annotations

from typing import NamedTuple

import regex

from .. import patterns
from ..lazyre import lazy_compile

__all__ = ["DateElement", "find_date", "normalise_year"]

_SPACES = patterns.compile(r"\s+")
_HYPHEN_LETTER_END = patterns.compile(r"-([a-z])$")
_DIGIT = patterns.compile(r"\d")
_RANGE_SEPARATOR = patterns.compile(r"[-–/]")

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
_SEASON = r"(?:Spring|Summer|Fall|Autumn|Winter)"
_DAY = r"\d{1,2}(?:\s*[-–]\s*\d{1,2})?"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)(?:[-–/](?:1[5-9]\d\d|20\d\d))?[a-z]?"
_NODATE = r"(?:n\.\s?d\.(?:-[a-z])?|n\.d(?![a-z])|nd|no\s+date|N\.\s?D\.)"
_PRESS = r"(?:in\s+press(?:-[a-z])?|forthcoming)"
_CORE = rf"""
    (?P<year>{_YEAR})(?:\s*,\s*(?:{_MONTH}(?:\s+{_DAY})?|{_SEASON}|{_DAY}\s+{_MONTH}))?
  | (?:{_MONTH}(?:\s+{_DAY})?,?|{_SEASON})\s+(?P<year>{_YEAR})
  | (?P<nd>{_NODATE})
  | (?P<press>{_PRESS})
"""
# A date in parentheses, then the element's period (or, tolerated, none before a capital).
# After the period anything may follow, a line break included (an entry wrapped after its year).
_PAREN = patterns.compile(
    rf"""(?xi)\(\s*(?:{_CORE})\s*\)(?P<dot>\s*\.)?
    (?=\s*$|(?(dot)[\s\S]|\s+[\p{{Lu}}\p{{N}}"'“‘*_<\[(]))""",
)
# Tolerated form without parentheses: "Smith, J. 2021. Title." (after an element end).
_BARE = lazy_compile(
    rf"""(?xi)(?<=(?:^|[.])\s+|^)(?:(?P<year>{_YEAR})|(?P<nd>{_NODATE})|(?P<press>{_PRESS}))
    (?P<dot>\.)(?=\s+\S)"""
)


#: The "nd", "press" and "year" groups of _PAREN by number (the regex module looks a group name
#: up anew on every call) and of the rarely used _BARE by name (it is compiled on first use).
_PAREN_GROUPS = tuple(_PAREN.groupindex[name] for name in ("nd", "press", "year"))
_BARE_GROUPS = ("nd", "press", "year")


class DateElement(NamedTuple):
    """A date element in local offsets: ``span`` covers it as written (parentheses, period)."""

    year: str
    span: tuple[int, int]
    parenthesised: bool


def normalise_year(raw: str) -> str:
    """The year as the model writes it: '2021a', 'n.d.', 'n.d.-a', 'in press'."""
    low = _SPACES.sub(" ", raw.strip().lower())
    suffix = ""
    m = _HYPHEN_LETTER_END.search(low)
    if m and not _DIGIT.match(low):
        suffix = "-" + m.group(1)
        low = low[: m.start()]
    if low in {"n.d.", "n. d.", "n.d", "nd", "no date"}:
        return "n.d." + suffix
    if low in {"in press", "forthcoming"}:
        return low + suffix
    return low


def _element(m: regex.Match[str], parenthesised: bool) -> DateElement:
    nd, press, raw = m.group(*(_PAREN_GROUPS if parenthesised else _BARE_GROUPS))
    if nd:
        year = normalise_year(nd)
    elif press:
        year = normalise_year(press)
    else:
        year = raw
        # "2020/2021" or "2020-2021": keep the later (republication) year as written.
        if "-" in raw or "–" in raw or "/" in raw:
            parts = _RANGE_SEPARATOR.split(raw)
            year = parts[-1] if len(parts) > 1 and len(parts[-1]) >= 4 else raw
    return DateElement(year, m.span(), parenthesised)


def find_date(text: str, start: int = 0, end: int | None = None) -> DateElement | None:
    """The first date element in ``text[start:end]``, preferring the parenthesised form."""
    end = len(text) if end is None else end
    m = _PAREN.search(text, start, end)
    if m:
        return _element(m, True)
    b = _BARE.search(text, start, end)
    if b:
        return _element(b, False)
    return None
