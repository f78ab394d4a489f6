"""Direct quotations in straight double quotes."""

from __future__ import annotations

from typing import Any

import pytest

from replylint.nlp import extract
from replylint.nlp.quotes import find_quotes


def _quotes(nlp: Any, text: str) -> list[tuple[str, int]]:
    return [(q.text, q.words) for q in extract(nlp(text)).quotes]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'She wrote that "the first session is the one that counts" (Del Río Olvera, 2022).',
            [('"the first session is the one that counts"', 8)],
        ),
        ('A "scare" quote.', [('"scare"', 1)]),
        ('He said, "Yes." Then "no" came later.', [('"Yes."', 1), ('"no"', 1)]),
        ('("quoted text")', [('"quoted text"', 2)]),
        ('Two: "one two" and "three four five".', [('"one two"', 2), ('"three four five"', 3)]),
        ('He said:"joined" here', [('"joined"', 1)]),
        (
            'A quote over\na hard wrap: "first half\nsecond half" done.',
            [('"first half\nsecond half"', 4)],
        ),
        ('Numbers count: "the 2 of us" too.', [('"the 2 of us"', 4)]),
    ],
)
def test_quotes_found(nlp: Any, text: str, expected: list[tuple[str, int]]) -> None:
    assert _quotes(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "No quotes here.",
        'A board 5" wide and 3" tall.',
        '" "',
        '"',
        'An open "quote that never closes\n\nNew paragraph with "a real one" later.',
    ],
)
def test_unbalanced_or_non_quotes(nlp: Any, text: str) -> None:
    found = _quotes(nlp, text)
    assert all(q[0] == '"a real one"' for q in found)


def test_unclosed_quote_does_not_swallow_next_paragraph() -> None:
    text = 'First "open and never closed.\n\nSecond paragraph "closed one" end.'
    assert [(text[s:e], w) for s, e, w in find_quotes(text)] == [('"closed one"', 2)]


def test_quote_span_is_offsets(nlp: Any) -> None:
    text = 'Intro.\n\nShe said "keep it short" twice.'
    (quote,) = extract(nlp(text)).quotes
    assert text[quote.span.start : quote.span.end] == quote.text == '"keep it short"'
    assert quote.block is False
