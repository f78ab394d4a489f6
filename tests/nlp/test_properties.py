"""Property tests: any text goes through the pipeline without error, with sound offsets."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from replylint.nlp import extract
from replylint.nlp.citations import find_citations
from replylint.nlp.quotes import find_quotes

# Text that looks like citations often enough to exercise the parser.
PIECES = st.sampled_from(
    [
        "(",
        ")",
        "[",
        "]",
        ";",
        ",",
        ".",
        "?",
        "!",
        '"',
        "'",
        "&",
        " and ",
        " et al.",
        " et al",
        "et. al.",
        "Smith",
        "O'Neill",
        "van der",
        "García-López",
        "WHO",
        "[WHO]",
        " 2021",
        "2020a",
        "n.d.",
        "nd",
        "in press",
        "p. 4",
        "pp. 5–7",
        "para. 2",
        "as cited in ",
        "see ",
        "e.g., ",
        "\n",
        "\n\n",
        " ",
        "  ",
        "(n = 45)",
        "[3]",
        "1)",
        "'s",
        ":",
        "-",
        "Organization",
        "I wonder whether ",
        "?",
        "“",
        "”",
    ]
)
TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(PIECES, max_size=60).map("".join),
)
SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(TEXT)
def test_finder_spans_are_sound(text: str) -> None:
    for cit in find_citations(text):
        assert 0 <= cit.span.start <= cit.span.end <= len(text)
        assert cit.text == text[cit.span.start : cit.span.end]
        assert "" not in cit.authors
        for part in cit.parts.values():
            assert 0 <= part.start <= part.end <= len(text)


@SETTINGS
@given(TEXT)
def test_quotes_are_sound(text: str) -> None:
    last = -1
    for start, end, words in find_quotes(text):
        assert start > last
        assert text[start] == '"' and text[end - 1] == '"'
        assert words >= 1
        last = end - 1


@SETTINGS
@given(TEXT)
def test_pipeline_never_crashes(nlp: Any, text: str) -> None:
    result = extract(nlp(text))
    for cit in result.citations:
        assert cit.text == text[cit.span.start : cit.span.end]
    for q in result.questions:
        assert q.text == text[q.span.start : q.span.end]
    for quote in result.quotes:
        assert quote.text == text[quote.span.start : quote.span.end]
    for sent in result.sentences:
        assert 0 <= sent.start < sent.end <= len(text)
        assert text[sent.start : sent.end].strip() == text[sent.start : sent.end]
