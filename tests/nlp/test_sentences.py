"""Sentence boundaries: the pitfalls measured in the research notes (§4.3) and line breaks."""

from __future__ import annotations

from typing import Any

import pytest

from replylint.nlp import extract
from replylint.nlp.guard import paren_ranges, plan_sentence_starts


def _sentences(nlp: Any, text: str) -> list[str]:
    return [text[s.start : s.end] for s in extract(nlp(text)).sentences]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Warren et al. (2016) found barriers. Nurses agreed.",
            ["Warren et al. (2016) found barriers.", "Nurses agreed."],
        ),
        (
            "Barriers are common (Warren et al., 2016). Nurses agreed.",
            ["Barriers are common (Warren et al., 2016).", "Nurses agreed."],
        ),
        (
            "It is quoted (Finkelman, 2019, p. 45). Then more.",
            ["It is quoted (Finkelman, 2019, p. 45).", "Then more."],
        ),
        ("See Vol. 3 of the series. Then more.", ["See Vol. 3 of the series.", "Then more."]),
        ("It is covered (pp. 12-14). Then more.", ["It is covered (pp. 12-14).", "Then more."]),
        ("It is undated (n.d.). Then more.", ["It is undated (n.d.).", "Then more."]),
        (
            "Use e.g. short words, i.e. plain ones, in the U.S. Then more.",
            ["Use e.g. short words, i.e. plain ones, in the U.S. Then more."],
        ),
        (
            "J. K. Rowling wrote books. Then more.",
            ["J. K. Rowling wrote books.", "Then more."],
        ),
        (
            "The finding came from Smith et al. The next study disagreed.",
            ["The finding came from Smith et al.", "The next study disagreed."],
        ),
        (
            "An aside (this one. And more) stays whole. Next.",
            ["An aside (this one. And more) stays whole.", "Next."],
        ),
        (
            "It was done (see the 2nd ed. Chapter 3) well. Next.",
            ["It was done (see the 2nd ed. Chapter 3) well.", "Next."],
        ),
        (
            "Stefana et. al. (2024) asked patients. Next.",
            ["Stefana et. al. (2024) asked patients.", "Next."],
        ),
        (
            "Burnout fell. (Brooks Carthon et al., 2021) Staffing matters.",
            ["Burnout fell. (Brooks Carthon et al., 2021)", "Staffing matters."],
        ),
        (
            'She asked "why now?" and left. Next.',
            ['She asked "why now?" and left.', "Next."],
        ),
    ],
)
def test_sentence_pitfalls(nlp: Any, text: str, expected: list[str]) -> None:
    assert _sentences(nlp, text) == expected


def test_paragraph_break_starts_a_sentence(nlp: Any) -> None:
    text = "Discussion reply\n\nStaffing matters a lot\n\nNext paragraph here."
    assert _sentences(nlp, text) == [
        "Discussion reply",
        "Staffing matters a lot",
        "Next paragraph here.",
    ]


def test_heading_line_and_list_items(nlp: Any) -> None:
    text = "Three changes\nFirst, staffing is key.\n- fewer double shifts\n- more breaks"
    assert _sentences(nlp, text) == [
        "Three changes",
        "First, staffing is key.",
        "- fewer double shifts",
        "- more breaks",
    ]


def test_hard_wrapped_sentence_is_not_split(nlp: Any) -> None:
    text = (
        "Your post on nurse burnout made me think about how much of the problem sits in\n"
        "the work environment rather than in individual nurses.\n"
    )
    assert _sentences(nlp, text) == [text.strip()]


def test_unbalanced_parenthesis_does_not_swallow_the_rest(nlp: Any) -> None:
    text = "Staffing (as noted. Nurses agreed.\n1) Next item. Another sentence."
    sents = _sentences(nlp, text)
    assert "Another sentence." in sents
    assert "Nurses agreed." in sents


def test_paren_ranges_reset_at_line_breaks() -> None:
    text = "a (b\nc) d (e) f"
    assert paren_ranges(text) == [(text.index("e"), text.index(")", text.index("e")) + 1)]


def test_plan_has_no_starts_inside_parentheses() -> None:
    text = "Barriers are common (Warren et al. The end, 2016). Nurses."
    plan = plan_sentence_starts(text)
    inside = paren_ranges(text)[0]
    assert not any(inside[0] <= p < inside[1] for p in plan.start)


def test_sentences_skip_masked_regions(nlp: Any) -> None:
    body = "Staffing matters."
    text = " " * 30 + "\n\n" + body + "\n\n" + " " * 20
    (sent,) = extract(nlp(text)).sentences
    assert text[sent.start : sent.end] == body
