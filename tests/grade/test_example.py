"""The bundled example export: it grades, and every reference in it is a real record, faithfully."""

from __future__ import annotations

import html
import json
import re
import unicodedata

import pytest

from tests.conftest import ROOT
from tests.support.records import recent_articles

EXAMPLE = ROOT / "examples" / "canvas-topic.json"


def messages() -> list[str]:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    out: list[str] = []

    def walk(nodes: list[dict]) -> None:
        for node in nodes:
            out.append(node["message"])
            walk(node.get("replies") or [])

    walk(data["view"])
    return out


def plain(fragment: str) -> str:
    text = html.unescape(re.sub(r"<[^>]+>", "", fragment))
    return unicodedata.normalize("NFC", text.replace("\u2019", "'"))


def test_example_has_four_to_six_replies_with_one_or_two_references() -> None:
    msgs = messages()
    assert 5 <= len(msgs) <= 7  # one initial post and 4-6 replies
    for msg in msgs:
        n = len(re.findall(r"https://doi\.org/", msg))
        assert n <= 2


def test_every_reference_is_copied_from_its_record() -> None:
    records = recent_articles()
    entries = [
        plain(p)
        for msg in messages()
        for p in re.findall(r"<p>([^<]*?(?:<em>.*?)?https://doi\.org/\S+?)</p>", msg)
    ]
    assert entries
    for entry in entries:
        doi = re.search(r"https://doi\.org/(\S+)$", entry).group(1)  # type: ignore[union-attr]
        rec = records[doi.lower()]
        assert rec["authors_complete"]
        for author in rec["authors"]:
            assert author["family"] in entry, (doi, author)
            assert f"{author['family']}, {author['given'][0]}." in entry, (doi, author)
        assert f"({rec['year']})." in entry
        title = rec["title"].replace("\u2019", "'").lower()
        assert title in entry.lower(), doi
        assert f"{rec['container_title']}, {rec['volume']}" in entry
        if rec["issue"]:
            assert f"{rec['volume']}({rec['issue']})" in entry
        if rec["page"]:
            assert rec["page"].replace("-", "–") in entry
        if rec["article_number"]:
            assert f"Article {rec['article_number']}" in entry


@pytest.mark.parametrize("fmt", ["csv"])
def test_example_grades(analyzer, fmt: str) -> None:
    import datetime as dt

    from replylint.cli.grade import run_grade
    from replylint.config import CliOverrides
    from replylint.grade import load_rubric

    run = run_grade(
        [str(EXAMPLE)],
        load_rubric("discussion-reply"),
        overrides=CliOverrides(isolated=True, as_of=dt.date(2026, 11, 25)),
        analyzer=analyzer,
    )
    assert len(run.replies) == 5 and run.skipped == 1
    by_id = {r.submission.id: r for r in run.replies}
    assert all(r.as_of.year == 2025 for r in run.replies)
    codes = {i: {e.code for c in r.grade.criteria for e in c.evidence} for i, r in by_id.items()}
    assert "C101" in codes["3103"]  # (Bellanti, et al., 2021)
    assert "C104" in codes["3106"]  # McAnally & Hagger (2024) in running text
    assert "Q101" in codes["3104"]  # no follow-up question
    weak = by_id["3104"].grade
    assert weak.criterion("citations").level == "Missing"  # type: ignore[union-attr]

    # docs/grading.md shows this run's summary and one of its JSON records
    from replylint.cli.grade import summary_lines
    from replylint.report.grade_json import grade_document

    docs = (ROOT / "docs" / "grading.md").read_text(encoding="utf-8")
    first, second = summary_lines(run, 2.3)[:2]
    assert first in docs and second.split(".")[0] in docs
    record = next(r for r in grade_document(run)["replies"] if r["post_id"] == "3103")
    cites = record["criteria"][0]
    ev = cites["evidence"][0]
    shown = (
        f'"status": "graded", "total": {record["total"]},',
        f'"words": {record["words"]}, "citations": {record["citations"]},',
        f'"text": "{ev["text"]}", "line": {ev["line"]}, "column": {ev["column"]}}}',
        f'"id": "citations", "level": "{cites["level"]}", "points": {cites["points"]},',
    )
    for snippet in shown:
        assert snippet in docs, snippet
