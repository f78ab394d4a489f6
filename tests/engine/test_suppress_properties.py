"""Property tests: any source text parses into directives and regions without an exception."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from replylint.engine import load_rules
from replylint.engine.suppress import parse_directives, parse_suppressions

from .builders import document

PIECES = st.sampled_from(
    [
        "<!-- replylint: disable=Y101 -->",
        "<!-- replylint: enable -->",
        "<!-- replylint: disable-next-line=P101,Q1 -- why -->",
        "<!-- replylint: disable-file -->",
        "<!-- replylint: disable=Z999 -->",
        "%% replylint: disable=X001",
        "%% replylint: enable=Y101",
        "<!--",
        "-->",
        "--",
        "=",
        ",",
        "\n",
        "\r\n",
        " ",
        "text",
        "<p>",
    ]
)
SOURCES = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=30).map("".join)


@settings(max_examples=150, deadline=None)
@given(SOURCES)
def test_any_source_parses(source: str) -> None:
    directives = parse_directives(source)
    for d in directives:
        assert 0 <= d.source_start < d.source_end <= len(source)
    doc = document(source)
    sup = parse_suppressions(doc, load_rules())
    for region in sup.regions:
        assert 0 <= region.start <= len(doc.text)
        assert region.start <= region.end <= len(doc.text)
    assert len(sup.anchors) == len(directives)
