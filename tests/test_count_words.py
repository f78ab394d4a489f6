"""``count_words``: the same count as matching words one by one."""

from __future__ import annotations

import regex
from hypothesis import given
from hypothesis import strategies as st

from replylint.analysis import count_words

_WORD = regex.compile(r"[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*")


def _one_by_one(text: str) -> int:
    return sum(1 for _ in _WORD.finditer(text))


@given(st.text(alphabet="aZ09é²一 \n\t-'’_.,—", max_size=60))
def test_matches_counting_words_one_by_one(text: str) -> None:
    assert count_words(text) == _one_by_one(text)


@given(st.text(max_size=40))
def test_matches_counting_words_one_by_one_on_any_text(text: str) -> None:
    assert count_words(text) == _one_by_one(text)


def test_joined_words_count_once() -> None:
    assert count_words("don't stop well-being -- a-'b 3.5 x_y") == 9
    assert count_words("l’été — ça va-t-il?") == 3
    assert count_words("") == 0
