"""Data-driven reader cases (tests/cases/readers): text, italics, blocks and positions."""

from __future__ import annotations

import itertools
import tomllib
from pathlib import Path
from typing import Any

import pytest

from replylint.model import Document
from replylint.readers import parse_text
from tests.support.records import expand

CASES = Path(__file__).resolve().parents[1] / "cases" / "readers"
CASE_LIST = [
    (p.stem, tomllib.loads(p.read_text(encoding="utf-8"))) for p in sorted(CASES.glob("*.toml"))
]


def source_position(source: str, offset: int) -> tuple[int, int]:
    line = source.count("\n", 0, offset) + 1
    return line, offset - (source.rfind("\n", 0, offset) + 1) + 1


def assert_origin_sane(doc: Document) -> None:
    origin = list(doc.origin)
    assert len(origin) == len(doc.text) + 1
    assert origin[-1] == len(doc.source)
    assert all(a <= b for a, b in itertools.pairwise(origin))
    assert all(0 <= o <= len(doc.source) for o in origin)


def test_there_are_cases_for_each_text_format() -> None:
    assert {c["format"] for _, c in CASE_LIST} == {"txt", "md", "html"}


@pytest.mark.parametrize(("name", "case"), CASE_LIST, ids=[n for n, _ in CASE_LIST])
def test_reader_case(name: str, case: dict[str, Any]) -> None:
    fmt = case["format"]
    source = expand(case["source"], fmt)
    expect = case["expect"]
    doc = parse_text(source, fmt, f"{name}.{fmt}")
    assert_origin_sane(doc)
    assert doc.text == expand(expect["text"], "txt")
    assert [doc.slice(s) for s in doc.italics] == expect["italics"]
    assert [[kind, doc.slice(span)] for span, kind in doc.blocks] == expect["blocks"]
    assert doc.carries_italics == (fmt != "txt")
    clean_source = source.replace("\r\n", "\n").replace("\r", "\n")
    for in_text, in_source in expect["positions"]:
        start = doc.text.index(in_text)
        at = clean_source.index(in_source)
        assert doc.position(start) == source_position(clean_source, at), in_text
        end_line, end_col = doc.end_position(start + len(in_text))
        assert (end_line, end_col) > source_position(clean_source, at)
