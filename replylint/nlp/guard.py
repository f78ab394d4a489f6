"""Where sentences may and must start: outside parentheses, after paragraph breaks, after "al.".

``plan_sentence_starts`` is pure (text in, character offsets out); the spaCy component in
``components.py`` applies the plan to tokens before the sentencizer runs. The sentencizer keeps
values that are already set, so the plan wins.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from .. import patterns

__all__ = ["SentencePlan", "paren_ranges", "plan_sentence_starts"]

_PAREN_OR_BREAK = patterns.compile(r"[()\n]")
# Each pattern's match ends where a sentence must start. They are written to scan a long run
# of blanks (masked text) once, not once per character or line in it.
_AFTER_ABBREV = patterns.compile(r"(?<![\p{L}.])(?:al|ed|eds|n\.d)\.[ \t]++(?=\p{Lu}\p{Ll})")
# From the start of a run of blanks that holds an empty line to the text after the run.
_PARAGRAPH = patterns.compile(r"(?<!\s)(?>\s*?\n[ \t]*+\n)\s*+(?=\S)")
_LIST_ITEM = patterns.compile(r"\n[ \t]*+(?=(?:[-*•+]|\d{1,2}[.)])[ \t])")
_AFTER_COLON = patterns.compile(r":[ \t]*+\n[ \t]*+(?=\S)")
# A line break before a capital; ``_after_text`` checks the line before it is not blank.
_SINGLE_BREAK = patterns.compile(r"\n[ \t]*+(?=\p{Lu})")
_LOWER_AFTER_QMARK = patterns.compile(r"[?!][\"')\]]*[ \t]+(?=\p{Ll})")
_BEFORE_PAREN = patterns.compile(r"[.!?][\"')\]]*\s*\(\Z")
_PUNCT_IN_PAREN = patterns.compile(r"[.!?;…][.!?\"'\]]*\s*(?=[^\s)])")
_CAPITAL_AFTER = patterns.compile(r"[ \t]+(?=\p{Lu})")
_HEADING_WORDS = 8


@dataclass(frozen=True)
class SentencePlan:
    #: Offsets of characters whose token must start a sentence.
    start: tuple[int, ...]
    #: Offsets of characters whose token must not start a sentence.
    keep: tuple[int, ...]


def paren_ranges(text: str) -> list[tuple[int, int]]:
    """Inside of each balanced outermost parenthesis, ``(`` excluded and ``)`` included.

    The depth resets at every line break, so an unclosed ``(`` or a list marker such as
    ``1)`` cannot swallow the rest of the text.
    """
    out: list[tuple[int, int]] = []
    stack: list[int] = []
    for m in _PAREN_OR_BREAK.finditer(text):
        ch = m.group(0)
        if ch == "(":
            stack.append(m.start())
        elif ch == ")":
            if stack:
                opened = stack.pop()
                if not stack:
                    out.append((opened + 1, m.end()))
        else:
            stack.clear()
    return out


def _inside(ranges: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and ranges[i][0] <= pos < ranges[i][1]


def _after_text(text: str, newline: int) -> bool:
    """Whether the line ending at ``newline`` ends in a non-blank (spaces and tabs aside)."""
    i = newline - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i >= 0 and not text[i].isspace()


def _heading_like(text: str, newline: int) -> bool:
    line_start = text.rfind("\n", 0, newline) + 1
    line = text[line_start:newline].strip()
    return bool(line) and line[-1] not in ".!?:;,\"'" and len(line.split()) <= _HEADING_WORDS


def plan_sentence_starts(text: str) -> SentencePlan:
    """The sentence-start constraints for ``text``."""
    ranges = paren_ranges(text)
    range_starts = [a for a, _ in ranges]
    forced: list[int] = []
    for rx in (_AFTER_ABBREV, _PARAGRAPH, _LIST_ITEM, _AFTER_COLON):
        for m in rx.finditer(text):
            if not _inside(ranges, range_starts, m.end()):
                forced.append(m.end())
    for m in _SINGLE_BREAK.finditer(text):
        if _after_text(text, m.start()) and _heading_like(text, m.start()):
            forced.append(m.end())
    keep = [m.end() for m in _LOWER_AFTER_QMARK.finditer(text)]
    for a, b in ranges:
        # The sentencizer only starts a sentence after sentence punctuation, so only the
        # positions after such punctuation (inside, or just before the "(") need a veto.
        if _BEFORE_PAREN.search(text, max(0, a - 8), a):
            # "…care. (Smith, 2020) Nurses…": the parenthesis stays with the sentence before
            # it, and a capitalised word after it starts the next one.
            keep.append(a)
            after = _CAPITAL_AFTER.match(text, b)
            if after:
                forced.append(after.end())
        keep.extend(m.end() for m in _PUNCT_IN_PAREN.finditer(text, a, b))
    starts = set(forced)
    return SentencePlan(tuple(sorted(starts)), tuple(sorted(set(keep) - starts)))
