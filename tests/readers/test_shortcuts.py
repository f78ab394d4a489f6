"""The readers' cheap pre-checks agree with the patterns they stand in for."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from replylint.readers import html, markdown, normalize

_SETTINGS = settings(max_examples=400, deadline=None)
_PIECES = [
    *"aZh w.\\`<>![]()&#;*_~=-+:/\"' \t\n\r\f0",
    *("http://", "HTTPS://", "www.", "WWW.", "&amp;", "<em>", "</I>", "<br>", "\u00a0"),
]
_MARKUP_TEXT = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


def test_only_nul_and_cr_are_ascii_among_the_normalised_characters() -> None:
    # ``_normalise`` skips its scans for an ASCII text without NUL and CR.
    deletable = set(normalize._DELETABLE.pattern[1:-1])
    mapped = set(normalize._REPLACEMENT)
    assert {ch for ch in deletable | mapped if ch.isascii()} == {"\x00", "\r"}
    assert all(normalize._DELETE.match(ch) or ch == "\r" for ch in deletable)


def test_mapped_characters_are_replaced_as_translate_would() -> None:
    text = "".join(normalize._REPLACEMENT) + "plain\r\n"
    assert normalize._TRANSLATED.sub(normalize._replace, text) == text.translate(
        normalize._ONE_TO_ONE
    )


@_SETTINGS
@given(_MARKUP_TEXT)
def test_inline_lookahead_changes_no_match(text: str) -> None:
    bare = re.compile(markdown._INLINE_MARKUP, re.S | re.I)
    found = [(m.span(), m.lastgroup, m.groups()) for m in markdown._INLINE.finditer(text)]
    assert found == [(m.span(), m.lastgroup, m.groups()) for m in bare.finditer(text)]


@_SETTINGS
@given(_MARKUP_TEXT)
def test_block_marks_cover_every_block_pattern(line: str) -> None:
    patterns = (
        markdown._BQ,
        markdown._FENCE,
        markdown._SETEXT,
        markdown._HR,
        markdown._ATX,
        markdown._BULLET,
    )
    if any(p.match(line) for p in patterns):
        first = line.lstrip(" \t")[:1]
        assert first
        assert first in markdown._BLOCK_MARKS


@_SETTINGS
@given(_MARKUP_TEXT)
def test_whitespace_runs_found_by_substring_tests(text: str) -> None:
    # ``_emit`` tests for a run that way when the text has no leading whitespace.
    text = text.lstrip(" \t\n\r\f")
    by_substring = any(mark in text for mark in ("\n", "\t", "\r", "\f", "  "))
    assert by_substring == bool(html._SPACE_FIX.search(text))
