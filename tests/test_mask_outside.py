"""``mask_outside``: same result as blanking character by character."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from replylint.analysis import mask_outside
from replylint.model import Span


def _per_character(text: str, keep: list[Span]) -> str:
    chars = [c if c == "\n" else " " for c in text]
    for span in keep:
        chars[span.start : span.end] = text[span.start : span.end]
    return "".join(chars)


_spans = st.tuples(st.integers(0, 60), st.integers(0, 30)).map(lambda t: Span(t[0], t[0] + t[1]))


@given(st.text(alphabet="ab \n\r\t", max_size=50), st.lists(_spans, max_size=5))
def test_matches_per_character_masking(text: str, keep: list[Span]) -> None:
    assert mask_outside(text, keep) == _per_character(text, keep)


def test_keeps_new_lines_and_kept_spans() -> None:
    assert mask_outside("ab\ncd ef", [Span(3, 5)]) == "  \ncd   "
