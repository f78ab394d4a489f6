"""Property tests: any text or bytes parse without crashing; the origin map stays sane."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from replylint.errors import InputError
from replylint.readers import parse_bytes, parse_text
from replylint.sections import split_sections
from tests.readers.test_cases import assert_origin_sane

_MARKUP = st.sampled_from(
    [
        *"ab Z.,;:()[]!&#*_`>-\n\n\t\r<>/\"'",
        "\u00a0",
        "\u00ad",
        "\u200b",
        "\u2019",
        "\u201c",
        "\ufeff",
        "\u2028",
        "é",
        "<p>",
        "</p>",
        "<br>",
        "<em>",
        "</em>",
        "<i>",
        "</i>",
        "<blockquote>",
        "</blockquote>",
        "<!--",
        "-->",
        "&amp;",
        "&nbsp;",
        "&#8217;",
        "&bogus;",
        "&",
        "<span style='font-style:italic'>",
        "</span>",
        "<script>",
        "</script>",
        "<pre>",
        "</pre>",
        "```",
        "**",
        "](",
        "[x](http://a.b)",
        "https://doi.org/10.1/a_b",
        "# ",
        "> ",
        "- ",
        "1. ",
        "References",
        "Smith, J. (2020). ",
    ]
)
_MARKED_UP = st.lists(_MARKUP, max_size=80).map("".join)
_SETTINGS = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(text: str, fmt: str) -> None:
    try:
        doc = parse_text(text, fmt)
    except InputError:
        return
    assert_origin_sane(doc)
    for span in doc.italics:
        assert 0 <= span.start < span.end <= len(doc.text)
    for span, _kind in doc.blocks:
        assert 0 <= span.start < span.end <= len(doc.text)
    split_sections(doc)


@_SETTINGS
@given(st.one_of(_MARKED_UP, st.text(max_size=200)), st.sampled_from(["txt", "md", "html"]))
def test_any_text_parses(text: str, fmt: str) -> None:
    _check(text, fmt)


@_SETTINGS
@given(st.binary(max_size=300), st.sampled_from(["txt", "md", "html", "docx"]))
def test_any_bytes_parse_or_raise_input_error(data: bytes, fmt: str) -> None:
    try:
        doc = parse_bytes(data, fmt, "x")
    except InputError:
        return
    assert_origin_sane(doc)


@_SETTINGS
@given(st.text(max_size=200))
def test_plain_text_maps_every_character_to_its_source(text: str) -> None:
    try:
        doc = parse_text(text, "txt")
    except InputError:
        return
    for i, ch in enumerate(doc.text):
        src = doc.source[doc.origin[i]]
        if ch == src:
            continue
        # Only the documented normalisations change a character: quotes, spaces, line breaks,
        # and a letter composed with the accents that followed it.
        composed = unicodedata.normalize("NFD", ch)[:1] == unicodedata.normalize("NFD", src)[:1]
        assert ch in " '\"\n" or composed, (ch, src, unicodedata.name(src, "?"))
