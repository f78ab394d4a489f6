"""Follow-up questions: direct ("?") and indirect ("I wonder whether…"), not inside quotes."""

from __future__ import annotations

from typing import Any

import pytest

from replylint.nlp import extract


def _questions(nlp: Any, text: str) -> list[tuple[str, str]]:
    return [(q.text, q.form) for q in extract(nlp(text)).questions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Burnout is common. What did your unit change first?",
            [("What did your unit change first?", "direct")],
        ),
        (
            "Have you seen this on your unit? Did it help?",
            [("Have you seen this on your unit?", "direct"), ("Did it help?", "direct")],
        ),
        (
            'Is this what "patient-centred care" means?',
            [('Is this what "patient-centred care" means?', "direct")],
        ),
        (
            "Would this work in rural clinics (Putra, 2023)?",
            [("Would this work in rural clinics (Putra, 2023)?", "direct")],
        ),
        ("Really?!", [("Really?!", "direct")]),
        ("What do you think? :)", [("What do you think? :)", "direct")]),
        (
            "Is burnout inevitable? (Brooks Carthon et al., 2021) Staffing matters.",
            [("Is burnout inevitable? (Brooks Carthon et al., 2021)", "direct")],
        ),
        (
            "I wonder whether smaller hospitals can afford it.",
            [("I wonder whether smaller hospitals can afford it.", "indirect")],
        ),
        ("I wonder if staffing is the key.", [("I wonder if staffing is the key.", "indirect")]),
        (
            "I am curious about how your unit handled it.",
            [("I am curious about how your unit handled it.", "indirect")],
        ),
        (
            "I'm curious whether the changes lasted.",
            [("I'm curious whether the changes lasted.", "indirect")],
        ),
        (
            "I would be interested to know what your manager did.",
            [("I would be interested to know what your manager did.", "indirect")],
        ),
        (
            "I'd be interested to hear more about your unit.",
            [("I'd be interested to hear more about your unit.", "indirect")],
        ),
        (
            "It would be interesting to explore this in rural clinics.",
            [("It would be interesting to explore this in rural clinics.", "indirect")],
        ),
        (
            "It would be interesting to know how long nurses stayed.",
            [("It would be interesting to know how long nurses stayed.", "indirect")],
        ),
        (
            "I'd like to know how you measured it.",
            [("I'd like to know how you measured it.", "indirect")],
        ),
    ],
)
def test_questions_found(nlp: Any, text: str, expected: list[tuple[str, str]]) -> None:
    assert _questions(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Burnout is common in nursing.",
        'The author asked, "Why do nurses leave?" The answer was staffing.',
        'She asked "why now?" and then left the unit.',
        "The paper is titled (Why nurses leave?, 2021) in the list.",
        "I wondered about this for a while.",
        "It would be interesting. Staffing matters.",
        "I know whether it works.",
        "Nurses question the policy every day.",
        "",
        "   \n\n  ",
    ],
)
def test_not_questions(nlp: Any, text: str) -> None:
    assert _questions(nlp, text) == []


def test_question_in_masked_region_is_not_seen(nlp: Any) -> None:
    body = "Staffing matters. "
    prompt = "What do you think?"
    text = " " * len(prompt) + "\n\n" + body
    assert _questions(nlp, text) == []


def test_question_spans_are_offsets(nlp: Any) -> None:
    text = "Intro line\n\nStaffing matters. What would you change first?\n"
    (question,) = extract(nlp(text)).questions
    assert text[question.span.start : question.span.end] == question.text
    assert question.text == "What would you change first?"


def test_question_in_quote_with_indirect_sentence(nlp: Any) -> None:
    text = 'I wonder how the author would answer "why now?"'
    assert _questions(nlp, text) == [(text, "indirect")]
