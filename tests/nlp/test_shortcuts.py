"""The finder's shortcuts give what the patterns they stand in for give."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from replylint.nlp import citations, names, narrative, questions, works

_PAREN_TEXT = st.lists(
    st.sampled_from(["(", ")", "a", " ", "\n", "\t", "\n\n", "\n \t\n", "x" * 150, "y" * 399]),
    max_size=14,
).map("".join)


@given(_PAREN_TEXT)
def test_parens_are_the_paren_pattern_matches(text: str) -> None:
    assert list(citations._parens(text)) == [m.span() for m in citations._PAREN.finditer(text)]


def test_parens_length_limit() -> None:
    for n in (399, 400, 401):
        text = "(" + "x" * n + ")"
        assert list(citations._parens(text)) == [m.span() for m in citations._PAREN.finditer(text)]


_NAME_TEXT = st.text(alphabet="aZéÉ'’- .İ", max_size=12) | st.sampled_from(
    ["Smith", "However", "May", "McAnally", "O'Neill", "García-López", "van der Berg", "X"]
)


@given(_NAME_TEXT)
def test_is_name_agrees_with_the_name_pattern(text: str) -> None:
    expected = bool(names._NAME_FULL.match(text)) and (
        text.split()[0] not in names.STOP_WORDS and text.split()[0] not in names.MONTHS
    )
    assert names.is_name(text) == expected


@given(_NAME_TEXT | st.sampled_from(["World Health Organization", "Department of Health"]))
def test_is_group_name_agrees_with_the_group_pattern(text: str) -> None:
    words = names._SPLIT.split(text)
    expected = (
        bool(names._GROUP_FULL.match(text))
        and words[0] not in names.STOP_WORDS
        and (
            any(w in names.GROUP_KEYWORDS for w in words)
            or bool(names._INNER_CONNECTOR.search(text))
        )
    )
    assert names.is_group_name(text) == expected


_SEGMENT = st.lists(
    st.sampled_from(
        [
            "Smith",
            ", ",
            " ",
            "et al.",
            "[WHO]",
            "2020",
            "for a review",
            "FOR EXAMPLE",
            "emphasis added",
            "Italics Added",
            ",",
            "\x1c",
        ]
    ),
    max_size=6,
).map("".join)


@given(_SEGMENT)
def test_tail_and_end_checks_never_skip_a_match(text: str) -> None:
    if works._TAIL.search(text):
        assert works._maybe_tail(text, 0, len(text))
    if works._ETAL_END.search(text):
        assert works._ends_in(text, 0, len(text), "l.")


@given(
    st.lists(
        st.sampled_from(
            [
                "I",
                "İ",
                "it",
                "IT",
                "I'd",
                "I’M",
                "would",
                "be",
                "also",
                "really",
                "wonder",
                "Wondering",
                "am",
                "curious",
                "about",
                "whether",
                "to",
                "know",
                "interested",
                "like",
                "LOVE",
                "helpful",
                "in",
                "hearing",
                "x",
            ]
        ),
        max_size=8,
    ).map(" ".join)
)
def test_indirect_check_never_skips_a_match(text: str) -> None:
    if questions.INDIRECT.search(text):
        assert questions._maybe_indirect(text, 0, len(text))


@given(st.text(alphabet="AB. -,\n\t\x1cand&", max_size=16))
def test_narrative_checks_never_skip_a_match(text: str) -> None:
    if narrative._INITIALS_BEFORE.search(text):
        assert text.rstrip().endswith(".")
    if narrative._COMMA_BREAK.search(text):
        assert "\n" in text


@given(st.text(alphabet="AaB. -", max_size=8))
def test_initials_patterns_need_a_period_second(text: str) -> None:
    if works._INITIALS_ONLY.match(text) or works._LEADING_INITIALS.match(text):
        assert text[1:2] == "."
