"""Ordering keys for the reference list (APA 7: letter by letter, nothing precedes something)."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from itertools import filterfalse

import regex

from .. import patterns

__all__ = ["fold", "sort_key", "title_key"]

_ARTICLE = patterns.compile(r"^(?:the|an?)\s+", regex.IGNORECASE)
_ARTICLE_FIRST = frozenset("AaTt")
_LEADING_NUMBER = patterns.compile(r"(\d+)\b")
#: The ASCII characters that are not letters or digits (deleted by ``bytes.translate``).
_ASCII_NOT_ALNUM = bytes(i for i in range(128) if not chr(i).isalnum())
_NUMBERS = {
    "1": "one", "2": "two", "3": "three", "4": "four", "5": "five",
    "6": "six", "7": "seven", "8": "eight", "9": "nine", "10": "ten",
}  # fmt: skip


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Letters and digits only, lowercased, without diacritics (``Bugueño`` -> ``bugueno``)."""
    if text.isascii():
        # NFKD leaves ASCII as it is and no ASCII character is combining; the bytes do the
        # deleting in one pass (``str.translate`` looks each character up in a mapping)
        return text.lower().encode("ascii").translate(None, _ASCII_NOT_ALNUM).decode("ascii")
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(filterfalse(unicodedata.combining, decomposed))
    return "".join(filter(str.isalnum, kept.lower()))


def title_key(title: str) -> str:
    """A no-author work sorts by its title, ignoring a leading A, An or The."""
    t = title.strip()
    if t[:1] in _ARTICLE_FIRST:  # only "A", "a", "T", "t" start a match, case-insensitive
        t = _ARTICLE.sub("", t)
    # only a number written in ASCII digits can be one of _NUMBERS
    m = _LEADING_NUMBER.match(t) if t[:1].isascii() and t[:1].isdigit() else None
    if m and m.group(1) in _NUMBERS:
        t = _NUMBERS[m.group(1)] + t[m.end() :]
    return fold(t)


def sort_key(
    first_element: str,
    names: tuple[str, ...] = (),
    year: str | None = None,
    title: str = "",
    initials: str = "",
) -> tuple[object, ...]:
    """The APA 7 ordering key of an entry.

    ``first_element`` is the first author's surname (or the group name, or the title of a
    no-author work), ``initials`` the first author's initials, ``names`` the following authors
    (surname and initials), ``year`` the date element. Comparing folded surnames gives "nothing
    precedes something" for free: ``brown`` < ``browning``; the initials come second, so
    ``An, J.`` sorts before ``Anagnostis, P.``.
    """
    y = (year or "").lower()
    if y.startswith("n.d"):
        year_key: tuple[int, str] = (0, y)
    elif y.startswith("in press"):
        year_key = (2, y)
    else:
        year_key = (1, y)
    return (fold(first_element), fold(initials), len(names) > 0,
            tuple(fold(n) for n in names), year_key, title_key(title))  # fmt: skip
