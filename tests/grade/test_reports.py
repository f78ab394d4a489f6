"""Grade reports: CSV and JSON parsed back, privacy by default, escaping."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from replylint.config import CliOverrides
from replylint.grade import GradeRun, load_rubric
from replylint.report.grade_csv import grade_columns, write_grade_csv
from replylint.report.grade_html import highlight_text, write_grade_html
from replylint.report.grade_json import grade_document, write_grade_json

from .cases import materialise, write_rows

AS_OF = dt.date(2026, 11, 25)
NAMES = ("Rowan Pike", "Imani Brookfield", "Tomasz Wren", "Leila Ashgrove")
XSS = '<script>document.title="pwned"</script><img src=x onerror="alert(1)">'


def run_for(paths: list[str], analyzer, *, show_names: bool = False) -> GradeRun:
    from replylint.cli.grade import run_grade

    return run_grade(
        paths,
        load_rubric("discussion-reply"),
        overrides=CliOverrides(isolated=True, as_of=AS_OF),
        show_names=show_names,
        analyzer=analyzer,
    )


@pytest.fixture(scope="module")
def canvas(tmp_path_factory, analyzer) -> GradeRun:
    path = materialise("canvas-view.json", tmp_path_factory.mktemp("canvas"))
    return run_for([str(path)], analyzer)


def render(run: GradeRun, writer) -> str:
    buf = io.StringIO()
    writer(run, buf)
    return buf.getvalue()


def test_csv_parses_back(canvas: GradeRun) -> None:
    rows = list(csv.DictReader(io.StringIO(render(canvas, write_grade_csv))))
    assert [r["post_id"] for r in rows] == ["502", "504", "503"]
    assert list(rows[0]) == grade_columns(canvas)
    for row in rows:
        assert row["status"] == "graded"
        points = [float(row[f"{c.id}_points"]) for c in canvas.rubric.criteria]
        assert float(row["total"]) == sum(points)
        assert row["points_possible"] == "20"
        for crit in canvas.rubric.criteria:
            assert row[f"{crit.id}_level"] in {r.level for r in crit.ratings}
    assert rows[2]["as_of"] == "2021-10-11" and rows[2]["parent_id"] == "501"
    assert rows[0]["author_id"] == "9002"


def test_json_parses_back(canvas: GradeRun) -> None:
    doc = json.loads(render(canvas, write_grade_json))
    assert doc["as_of"] == "2026-11-25"
    assert doc["rubric"]["name"] == "discussion-reply"
    assert doc["rubric"]["points_possible"] == 20
    assert doc["summary"] == {
        "replies": 3,
        "graded": 3,
        "not_graded": 0,
        "skipped": 2,
        "levels": doc["summary"]["levels"],
    }
    levels = doc["summary"]["levels"]
    assert set(levels) == {c.id for c in canvas.rubric.criteria}
    assert all(sum(v.values()) == 3 for v in levels.values())
    first = doc["replies"][0]
    assert first["post_id"] == "502" and first["status"] == "graded"
    assert sum(c["points"] for c in first["criteria"]) == first["total"]
    for crit in first["criteria"]:
        for ev in crit["evidence"]:
            assert {"code", "name", "severity", "message", "text", "line", "column"} <= set(ev)
    assert grade_document(canvas) == doc


def test_names_only_with_show_names(canvas: GradeRun, analyzer, tmp_path: Path) -> None:
    for writer in (write_grade_csv, write_grade_json, write_grade_html):
        out = render(canvas, writer)
        assert not any(name in out for name in NAMES), writer.__name__
        assert "author_name" not in out
    named = run_for([str(materialise("canvas-view.json", tmp_path))], analyzer, show_names=True)
    rows = list(csv.DictReader(io.StringIO(render(named, write_grade_csv))))
    assert rows[0]["author_name"] == "Imani Brookfield"
    assert "Imani Brookfield" in render(named, write_grade_html)
    assert json.loads(render(named, write_grade_json))["replies"][0]["author_name"]


def test_every_export_format_grades(tmp_path: Path, analyzer) -> None:
    paths = [
        str(materialise(name, tmp_path))
        for name in (
            "canvas-view.json",
            "moodle-forum.csv",
            "brightspace-posts.json",
            "replies.csv",
            "replies-dir",
        )
    ]
    run = run_for(paths, analyzer)
    ids = [(r.submission.source.rsplit("/", 1)[-1], r.submission.id) for r in run.replies]
    assert ids == [
        ("canvas-view.json", "502"),
        ("canvas-view.json", "504"),
        ("canvas-view.json", "503"),
        ("moodle-forum.csv", "72"),
        ("moodle-forum.csv", "73"),
        ("brightspace-posts.json", "9101"),
        ("brightspace-posts.json", "9102"),
        ("replies.csv", "p2"),
        ("replies.csv", "p3"),
        ("replies.csv", "p4"),
        ("reply-a.md", "reply-a.md"),
        ("reply-b.txt", "reply-b.txt"),
    ]
    # the directory's files have no parent id but are replies: only initial posts are skipped
    assert run.skipped == 2 + 1 + 1 + 1
    empty = next(r for r in run.replies if r.submission.id == "p3")
    assert not empty.grade.graded and empty.grade.problems[0].code == "X003"
    assert run.notes and "not a date" in run.notes[0]


def test_an_unreadable_export_gets_a_row(tmp_path: Path, analyzer) -> None:
    bad = tmp_path / "broken.json"
    bad.write_text("{", encoding="utf-8")
    good = materialise("brightspace-posts.json", tmp_path)
    run = run_for([str(bad), str(good)], analyzer)
    assert run.failed_inputs == [str(bad)]
    assert not run.replies[0].grade.graded
    assert "invalid JSON" in run.replies[0].grade.problems[0].message
    assert [r.grade.graded for r in run.replies[1:]] == [True, True]


def test_spreadsheet_formulas_are_neutralised(tmp_path: Path, analyzer) -> None:
    path = write_rows(
        tmp_path / "f.csv",
        [
            {
                "post_id": "1",
                "parent_id": "",
                "author": "A",
                "date": "2025-01-01",
                "topic": "=cmd|' /C calc'!A0",
                "text": "Root post.",
            },
            {
                "post_id": "2",
                "parent_id": "1",
                "author": "B",
                "date": "2025-01-02",
                "topic": "=cmd|' /C calc'!A0",
                "text": "A reply? Yes.",
            },
        ],
    )
    run = run_for([str(path)], analyzer, show_names=True)
    rows = list(csv.reader(io.StringIO(render(run, write_grade_csv))))
    assert rows[1][rows[0].index("topic")] == "'=cmd|' /C calc'!A0"


def test_student_markup_is_escaped(tmp_path: Path, analyzer) -> None:
    path = write_rows(
        tmp_path / "x.csv",
        [
            {
                "post_id": "1",
                "parent_id": "",
                "author": XSS,
                "date": "2025-01-01",
                "topic": XSS,
                "text": "Root post.",
            },
            {
                "post_id": "2",
                "parent_id": "1",
                "author": XSS,
                "date": "2025-01-02",
                "topic": XSS,
                "text": f"I disagree. {XSS} What do you think?",
            },
        ],
    )
    run = run_for([str(path)], analyzer, show_names=True)
    page = render(run, write_grade_html)
    assert "<script>document" not in page and "<img src=x" not in page
    assert page.count("<script>") == 1  # the page's own script only
    assert "&lt;script&gt;" in page


def test_highlight_text_nests_overlaps_and_escapes() -> None:
    out = highlight_text("a <b> (Smith, 2020) c", [(6, 19, "cite"), (7, 12, "find")])
    assert out == (
        'a &lt;b&gt; <span class="cite">(</span><span class="cite find">Smith'
        '</span><span class="cite">, 2020)</span> c'
    )
    assert highlight_text("abc", [(2, 9, "x"), (1, 1, "y")]) == "abc"


def test_level_colours_are_shared_by_name() -> None:
    from replylint.report.grade_html import distribution_svg, level_colours

    rubric = load_rubric("discussion-reply")
    colours = level_colours(rubric)
    assert list(colours) == ["Exemplary", "Proficient", "Developing", "Missing"]
    assert len(set(colours.values())) == 4
    svg = distribution_svg(rubric, [])
    assert svg.startswith("<svg") and svg.count('<span><i style="background:') == 4
