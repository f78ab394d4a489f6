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

_PAREN = patterns.compile(r"[()]")
# Each pattern's match ends where a sentence must start. They are written to scan a long run
# of blanks (masked text) once, not once per character or line in it.
_AFTER_ABBREV = patterns.compile(r"(?<![\p{L}.])(?:al|ed|eds|n\.d)\.[ \t]++(?=\p{Lu}\p{Ll})")
# An empty line; ``_paragraph_starts`` takes the run of blanks around it to its end.
_EMPTY_LINE = patterns.compile(r"\n[ \t]*+\n")
_BLANKS = patterns.compile(r"\s*+")
_AFTER_COLON = patterns.compile(r":[ \t]*+\n[ \t]*+(?=\S)")
# Two kinds of line start in one scan, each a line break and the spaces and tabs after it:
# a list item (group 1 unset) and a line break before a capital (group 1 set; ``_after_text``
# checks the line before it is not blank). A list marker is no capital, so at most one of
# them matches at a line break.
_LINE_START = patterns.compile(r"\n[ \t]*+(?=(?:[-*•+]|\d{1,2}[.)])[ \t]|(\p{Lu}))")
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
    if "(" not in text:  # a ")" alone opens nothing
        return out
    stack: list[int] = []
    find = text.find
    last = 0
    for m in _PAREN.finditer(text):
        pos = m.start()
        # A line break since the last parenthesis empties the stack (a no-op when empty).
        if stack and find("\n", last, pos) >= 0:
            stack.clear()
        last = pos
        if text[pos] == "(":
            stack.append(pos)
        elif stack:
            opened = stack.pop()
            if not stack:
                out.append((opened + 1, pos + 1))
    return out


def _paragraph_starts(text: str) -> list[int]:
    """The end of each run of blanks that holds an empty line and has text after it.

    An empty line is a line break, spaces and tabs, and a line break; the run around it is
    its maximal run of ``\\s`` characters. The next empty line is searched for after the run.
    """
    out: list[int] = []
    n = len(text)
    search = _EMPTY_LINE.search
    blanks = _BLANKS.match
    m = search(text)
    while m is not None:
        run = blanks(text, m.end())
        end = run.end() if run is not None else m.end()
        if end == n:
            break
        out.append(end)
        m = search(text, end)
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


def _maybe_after_abbrev(text: str) -> bool:
    """False when ``_AFTER_ABBREV`` cannot match in ``text``.

    Each match holds "al", "ed", "eds" or "n.d", then "." and a space or tab.
    """
    return (
        "al. " in text
        or "ed. " in text
        or "ds. " in text
        or ".d. " in text
        or "al.\t" in text
        or "ed.\t" in text
        or "ds.\t" in text
        or ".d.\t" in text
    )


def plan_sentence_starts(text: str) -> SentencePlan:
    """The sentence-start constraints for ``text``."""
    ranges = paren_ranges(text)
    range_starts = [a for a, _ in ranges]
    # Sentence starts that are dropped inside parentheses.
    candidates = _paragraph_starts(text)
    if _maybe_after_abbrev(text):
        candidates.extend(m.end() for m in _AFTER_ABBREV.finditer(text))
    # ``_AFTER_COLON`` starts at a ":".
    if ":" in text:
        candidates.extend(m.end() for m in _AFTER_COLON.finditer(text))
    forced: list[int] = []
    for m in _LINE_START.finditer(text):
        if m.group(1) is None:  # a list item
            candidates.append(m.end())
        elif _after_text(text, m.start()) and _heading_like(text, m.start()):
            forced.append(m.end())
    if ranges:
        forced.extend(p for p in candidates if not _inside(ranges, range_starts, p))
    else:
        forced.extend(candidates)
    # ``_LOWER_AFTER_QMARK`` starts at a "?" or "!".
    keep = (
        [m.end() for m in _LOWER_AFTER_QMARK.finditer(text)] if "?" in text or "!" in text else []
    )
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
