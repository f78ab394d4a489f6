"""The data-driven citation cases in tests/cases/citations, on the finder and the pipeline."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from replylint.model import Citation
from replylint.nlp import extract
from replylint.nlp.citations import find_citations
from tests.support.records import expand

CASE_DIR = Path(__file__).resolve().parents[1] / "cases" / "citations"
FIELDS = ("authors", "year", "narrative", "et_al", "locator", "prefix", "secondary", "abbreviation")


def _load() -> list[dict[str, Any]]:
    cases = []
    for path in sorted(CASE_DIR.glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8")):
            case["file"] = path.stem
            cases.append(case)
    return cases


CASES = _load()


def _check(text: str, found: Sequence[Citation], expected: list[dict[str, Any]]) -> None:
    got = [(c.text, c.authors, c.year, c.narrative, sorted(c.flags)) for c in found]
    assert len(found) == len(expected), got
    base = found[0].group if found else 0
    for cit, exp in zip(found, expected, strict=True):
        assert cit.text == exp["text"], got
        assert text[cit.span.start : cit.span.end] == cit.text
        for name in FIELDS:
            if name in exp:
                value = getattr(cit, name)
                value = list(value) if isinstance(value, tuple) else value
                assert value == exp[name], (name, cit)
        assert sorted(cit.flags) == sorted(exp.get("flags", [])), cit
        assert cit.style == exp.get("style", "apa"), cit
        if "group" in exp:
            assert cit.group - base == exp["group"], cit
        for part in cit.parts.values():
            # Shared parts (the author of a second year, a prefix) may lie before the span.
            assert 0 <= part.start <= part.end <= len(text)
            assert part.end <= cit.span.end or part.start >= cit.span.start


def test_case_counts() -> None:
    by_file: dict[str, int] = {}
    for case in CASES:
        by_file[case["file"]] = by_file.get(case["file"], 0) + 1
    assert len(CASES) >= 80
    assert by_file["negatives"] >= 20
    assert len({c["id"] for c in CASES}) == len(CASES), "case ids must be unique"


@pytest.mark.parametrize("case", CASES, ids=[f"{c['file']}:{c['id']}" for c in CASES])
def test_finder(case: dict[str, Any]) -> None:
    text = expand(case["text"])
    _check(text, find_citations(text), case["citations"])


@pytest.mark.parametrize("case", CASES, ids=[f"{c['file']}:{c['id']}" for c in CASES])
def test_pipeline(case: dict[str, Any], nlp: Any) -> None:
    text = expand(case["text"])
    _check(text, extract(nlp(text)).citations, case["citations"])
