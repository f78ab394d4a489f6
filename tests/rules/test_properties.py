"""Property tests: the rubric rules never crash, and recency follows its definition exactly."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .build import Cite, Entry, make_reply, run
from .cases import RUBRIC_CODES

_PIECES = st.sampled_from(
    [
        "Burnout is common (Author et al., 2024). ",
        "Author & Writer (2021) agree. ",
        "(Smith and Jones, 2019; Adams, 2020, Lee 2021) ",
        '"a quoted passage of several words" ',
        "Have you considered this? ",
        "Research shows 40% agree. ",
        "References\n",
        "Author, A., & Writer, B. (2024). Title. Journal, 1(2), 3–4. https://doi.org/10.0000/x\n",
        "Wiki. (n.d.). In Wikipedia. https://en.wikipedia.org/wiki/X\n",
        "(, 2020) ((( ))) [1] et al. & and ; : ",
        "> Prompt: what now?\n",
        "\n\n",
    ]
)


@pytest.fixture(scope="module")
def linter(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from replylint.engine import Linter, load_settings

    base = load_settings(tmp_path_factory.mktemp("no-config"))
    return Linter(dataclasses.replace(base, select=RUBRIC_CODES))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.one_of(
        st.lists(_PIECES, max_size=12).map("".join),
        st.text(max_size=300),
    ),
    fmt=st.sampled_from(["txt", "md", "html"]),
)
def test_rules_never_crash(text: str, fmt: str, analyzer: Any, linter: Any) -> None:
    from replylint.errors import InputError
    from replylint.readers import parse_text

    try:
        document = parse_text(text, fmt, f"x.{fmt}")
    except InputError:
        return  # an empty or unreadable input is the reader's diagnostic, not a rule's
    reply = analyzer.analyze(document, as_of=dt.date(2026, 11, 25))
    for d in linter.lint(reply):
        assert 0 <= d.span.start <= d.span.end <= len(reply.document.text)
        assert d.message


@given(year=st.integers(1800, 2027), window=st.integers(1, 15))
def test_too_old_means_before_as_of_year_minus_window(year: int, window: int) -> None:
    text = f"A claim (Author, {year}).\nReferences\nAuthor, Z. ({year}). Title. Journal, 1(2), 3.\n"
    reply = make_reply(
        text,
        cites=[Cite(f"(Author, {year})", ("Author",), str(year), match="exact", reference=0)],
        entries=[Entry(f"Author, Z. ({year}). Title. Journal, 1(2), 3.", ["Author"], str(year))],
    )
    flagged = bool(run("Y101", reply, params={"recency_years": window}))
    assert flagged == (year < 2026 - window)


_WORDS = st.lists(
    st.sampled_from(["nurse", "staff", "shift", "burnout", "leader", "care"]),
    min_size=0,
    max_size=40,
)


@given(post=_WORDS, mine=_WORDS, run_len=st.integers(1, 15))
def test_copied_runs_are_real_runs_of_the_post(
    post: list[str], mine: list[str], run_len: int
) -> None:
    from replylint.checks.followup import copied_runs

    post_reply = make_reply(" ".join(post) + ".")
    reply = make_reply(" ".join(mine) + ".")
    post_text = " ".join(post)
    for span in copied_runs(reply, post_reply, run_len):
        words = reply.document.slice(span).split()
        assert len(words) >= run_len
        assert " ".join(words) in post_text


_MIXED = st.lists(
    st.sampled_from(["nurse", "staff", "shift", "burnout", "Leader", "care", "zebra", "quiet"]),
    min_size=0,
    max_size=40,
)


def _greedy_runs(words: list[str], post: list[str], run: int) -> list[list[str]]:
    """The runs the copied-words check reports, by brute force: from left to right, the longest
    repeat of at least ``run`` words starting at each word, then on past it."""
    out, i = [], 0
    while i <= len(words) - run:
        best = 0
        for p in range(len(post)):
            k = 0
            while i + k < len(words) and p + k < len(post) and words[i + k] == post[p + k]:
                k += 1
            best = max(best, k)
        if best >= run:
            out.append(words[i : i + best])
            i += best
        else:
            i += 1
    return out


@given(post=_WORDS, mine=_MIXED, run_len=st.integers(1, 6))
def test_copied_runs_are_the_greedy_runs(post: list[str], mine: list[str], run_len: int) -> None:
    from replylint.checks.followup import copied_runs

    reply = make_reply(" ".join(mine) + ".")
    found = [
        reply.document.slice(s).lower().split()
        for s in copied_runs(reply, make_reply(" ".join(post) + "."), run_len)
    ]
    assert found == _greedy_runs([w.lower() for w in mine], post, run_len)


_TRICKY = st.sampled_from([*"aZ09 '’-.\n", "é", "Σ", "ς", "İ", "ß", "²", "ǅ", "Ⅻ", "\u0307"])


@given(text=st.text(alphabet=_TRICKY, max_size=40), cut=st.integers(0, 40))
def test_span_words_are_the_words_of_span_tokens(text: str, cut: int) -> None:
    from replylint.checks.followup import _span_tokens, _span_words
    from replylint.model import Span

    cut = min(cut, len(text))
    spans = [Span(0, cut), Span(cut, len(text))]
    assert _span_words(text, spans) == _span_tokens(text, spans)[0]
