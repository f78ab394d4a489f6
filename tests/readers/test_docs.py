"""docs/inputs.md describes what the readers and the section splitter actually do."""

from __future__ import annotations

from pathlib import Path

import pytest

from replylint.readers import FORMATS, parse_text
from replylint.sections import split_sections

DOC = Path(__file__).resolve().parents[2] / "docs" / "inputs.md"


def test_every_format_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    for fmt in FORMATS:
        assert f"`.{fmt}`" in text


@pytest.mark.parametrize(
    "heading", ["References", "Reference", "Reference List", "Works Cited", "Bibliography"]
)
def test_documented_headings_are_recognised(heading: str) -> None:
    assert f"`{heading}`" in DOC.read_text(encoding="utf-8")
    doc = parse_text(f"Body.\n\n{heading}:\nAnything at all.", "txt")
    sections = split_sections(doc)
    assert sections.heading is not None and doc.slice(sections.heading) == f"{heading}:"


@pytest.mark.parametrize(
    "chrome", ["Need Assignment Help?", "Click here to ORDER NOW", "…show more content…"]
)
def test_documented_chrome_is_excluded(chrome: str) -> None:
    assert chrome in DOC.read_text(encoding="utf-8")
    doc = parse_text(f"Body text.\n{chrome}\nMore body text.", "txt")
    assert [e.kind for e in split_sections(doc).excluded] == ["chrome"]
