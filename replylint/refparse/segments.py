"""Where one element of an entry ends: the period (or ? !) that is not an abbreviation."""

from __future__ import annotations

import re
from collections.abc import Sequence

import regex

from .. import patterns

__all__ = ["Boundary", "boundaries", "mask_emphasis", "strip_span"]

_LETTERS = patterns.compile(r"[\p{L}]+")
_ET_AT_END = patterns.compile(r"\bet\s*$")

#: Words whose period is an abbreviation, not the end of an element.
_ABBREVIATIONS = frozenset(
    [
        "vs",
        "v",
        "e.g",
        "i.e",
        "al",
        "dr",
        "mr",
        "mrs",
        "ms",
        "st",
        "no",
        "nos",
        "vol",
        "vols",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "corp",
        "approx",
        "cf",
        "fig",
        "figs",
        "pp",
        "p",
        "ed",
        "eds",
        "rev",
        "dept",
        "univ",
        "assn",
        "assoc",
        "natl",
        "int",
        "intl",
        "govt",
        "est",
        "ca",
    ]
)
_DOTTED = patterns.compile(r"(?:\p{L}\.)+\p{L}$")
_CAMEL = patterns.compile(r"\p{Ll}+\p{Lu}")
# Matched right to left ("(?r)"): the run of word characters that ends at ``endpos`` is found
# in one pass, where a left-to-right search would retry from every start before it.
_LAST_WORD = patterns.compile(r"(?r)([\p{L}\p{N}.]+)$")

#: A class of ASCII characters only, which both engines read alike: the standard library's
#: finds them in about half the time, which counts for a search run on every element.
_MARKS = re.compile(r"[()\[\]{}.?!]")

#: (position of the end mark, where the next element starts, strong?)
Boundary = tuple[int, int, bool]


def strip_span(text: str, start: int, end: int, chars: str = " \t\r\n") -> tuple[int, int]:
    """``start``/``end`` moved inwards past ``chars``."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def _kind(text: str, start: int, i: int, nxt: int, end: int) -> bool | None:
    """True for a strong boundary, False for a weak one, None for no boundary."""
    # the word after is read only when it starts with a lowercase letter (it starts at
    # ``nxt`` or is empty, and an empty word or a capital changes nothing below)
    if nxt < end and text[nxt].islower():
        word_after = _LETTERS.match(text, nxt, end)
        w = word_after.group() if word_after else ""
        if w and not _CAMEL.match(w) and w != "npj":
            return None  # "approx. two", "e.g. the" -- a capital or a camel-case name follows ends
    lw = _LAST_WORD.search(text, max(start, i - 40), i)
    if not lw:
        return True
    word = lw.group(1)
    low = word.lower()
    if low == "al" and _ET_AT_END.search(text[max(start, i - 6) : lw.start()]):
        return False
    if low in _ABBREVIATIONS and low != "al":
        return None if low in {"vol", "no", "pp", "p", "ed", "eds"} else False
    # a dotted abbreviation ("U.S") holds a period
    return not (("." in word and _DOTTED.search(word)) or (len(word) == 1 and word.isupper()))


def boundaries(
    text: str, start: int, end: int, skip: Sequence[tuple[int, int]] = ()
) -> list[Boundary]:
    """The end marks in ``text[start:end]`` outside brackets, with where the next part starts."""
    out: list[Boundary] = []
    depth = 0
    # only brackets and end marks matter; the characters between them are passed over
    for found in _MARKS.finditer(text, start, end):
        i = found.start()
        if skip and any(s <= i < e for s, e in skip):
            continue
        ch = text[i]
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in ".?!":
            j = i + 1
            while j < end and text[j] in "\"'”’*_":
                j += 1
            squeezed = (  # "Title of work.Journal, 5(1)": a missing space after the period
                ch == "."
                and j < end
                and text[j].isupper()
                and i >= 3
                and text[i - 3 : i].isalpha()
                and text[i - 3 : i].islower()
            )
            if j >= end or text[j].isspace() or squeezed:
                k = j
                while k < end and text[k].isspace():
                    k += 1
                strong = True if ch != "." else _kind(text, start, i, k, end)
                if strong is not None:
                    out.append((i, k, strong))
    return out


# Markdown emphasis typed as literal characters (a reply pasted as plain text): "*Journal*".
_EMPHASIS = patterns.compile(r"(?<![\w*/])([*_])(?=[^\s*_])([^*_\n]*?[^\s*_])\1(?![\w*/])")


def mask_emphasis(text: str, end: int) -> str:
    """``text`` with the ``*``/``_`` pairs of literal Markdown emphasis before ``end`` turned
    into spaces: same length and offsets, so the element patterns see "Journal, 9(3)"."""

    def blank(m: regex.Match[str]) -> str:
        return " " + m.group(2) + " "

    if text.find("*", 0, end) < 0 and text.find("_", 0, end) < 0:
        return text  # no emphasis character, so nothing the pattern could blank
    return _EMPHASIS.sub(blank, text[:end]) + text[end:]
