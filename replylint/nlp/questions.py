"""Follow-up questions: sentences ending in "?" and indirect questions ("I wonder whether…")."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

import regex

from .. import patterns

__all__ = ["INDIRECT", "find_questions"]

_APOS = r"['’]"
#: Indirect question openers a reply uses to ask its readers something.
INDIRECT = patterns.compile(
    rf"\bI(?:\s+(?:also\s+)?(?:wonder|am\s+wondering|was\s+wondering|have\s+wondered)"
    rf"|{_APOS}m\s+(?:also\s+)?wondering)\s+(?:whether|if|how|what|why|who|when|where|which)\b"
    rf"|\bI(?:\s+am|{_APOS}m)\s+(?:also\s+)?(?:really\s+)?curious\s+"
    rf"(?:about|whether|if|how|what|why|to\s+(?:know|hear|learn|see))\b"
    rf"|\bI(?:\s+would|{_APOS}d)\s+(?:also\s+)?(?:be\s+)?(?:very\s+|really\s+)?"
    rf"(?:interested|curious)\s+(?:to\s+(?:know|hear|learn|see)|in\s+(?:knowing|hearing|learning))\b"
    rf"|\bit\s+would\s+be\s+(?:very\s+|really\s+)?(?:interesting|helpful|useful|worthwhile)\s+"
    rf"to\s+(?:know|explore|learn|see|hear|examine|investigate|find\s+out|understand)\b"
    rf"|\bI(?:\s+would|{_APOS}d)\s+(?:also\s+)?(?:like|love)\s+to\s+"
    rf"(?:know|hear|learn|understand|find\s+out)\b",
    regex.IGNORECASE,
)
_TRAILING = frozenset(" \t\n)]\"'*_:;-")


def _maybe_indirect(text: str, start: int, end: int) -> bool:
    """False when ``INDIRECT`` cannot match in ``text[start:end]``.

    Each of its openers holds "wonder", "curious" or "would"/"'d" (these letters match only
    their ASCII upper and lower case under IGNORECASE).
    """
    chunk = text[start:end].lower()
    return "wonder" in chunk or "cur" in chunk or "would" in chunk or "'d" in chunk or "’d" in chunk


class _Spans:
    """Sorted spans with a fast "which span covers this offset" lookup."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]
        self.reach: list[int] = []
        furthest = -1
        for _, b in self.spans:
            furthest = max(furthest, b)
            self.reach.append(furthest)

    def covering(self, pos: int) -> tuple[int, int] | None:
        """The span with the latest start that covers ``pos``, if any."""
        i = bisect.bisect_right(self.starts, pos) - 1
        if i < 0 or self.reach[i] <= pos:
            return None
        while i >= 0:
            a, b = self.spans[i]
            if b > pos:
                return a, b
            i -= 1
        return None


def _last_mark(text: str, s: int, e: int, tails: _Spans) -> int:
    """Offset of the last character that ends the sentence, skipping a trailing citation."""
    j = e - 1
    while j >= s:
        if text[j] in _TRAILING:
            j -= 1
            continue
        tail = tails.covering(j)
        if tail is None or tail[0] <= s:
            return j
        j = tail[0] - 1
    return j


def find_questions(
    text: str,
    sentences: Sequence[tuple[int, int]],
    blocked: Sequence[tuple[int, int]] = (),
    tails: Sequence[tuple[int, int]] = (),
) -> list[tuple[int, int, str]]:
    """``(start, end, form)`` of each question among ``sentences``.

    A "?" inside a ``blocked`` span (a quotation or a citation) does not make a question; a
    ``tails`` span (a citation) at the end of a sentence is looked past: "Why? (Smith, 2020)".
    """
    blocked_spans = _Spans(blocked)
    tail_spans = _Spans(tails)
    out: list[tuple[int, int, str]] = []
    # Lower-casing maps each character on its own (but a capital sigma, in no opener word), so
    # a sentence's lower-cased text is part of the whole text's: when the whole text has no
    # opener word, no sentence has one.
    indirect = _maybe_indirect(text, 0, len(text))
    for s, e in sentences:
        j = _last_mark(text, s, e, tail_spans)
        k = j
        while k >= s and text[k] in "?!":
            k -= 1
        marks = text[k + 1 : j + 1]
        if "?" in marks and blocked_spans.covering(j) is None:
            out.append((s, e, "direct"))
            continue
        for m in INDIRECT.finditer(text, s, e) if indirect and _maybe_indirect(text, s, e) else ():
            if blocked_spans.covering(m.start()) is None:
                out.append((s, e, "indirect"))
                break
    return out
