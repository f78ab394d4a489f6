"""``replylint grade``: formats, --out, exit codes, stderr summary, no progress bar off a tty."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from replylint.cli import main
from tests.support.cli import _shared_analyzer  # noqa: F401  (autouse fixture)

from .cases import materialise


@pytest.fixture()
def grade(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    monkeypatch.chdir(tmp_path)

    def run(*args: str) -> Result:
        return CliRunner().invoke(main, ["grade", *args], catch_exceptions=False)

    return run


def test_csv_to_stdout_and_summary_on_stderr(tmp_path: Path, grade) -> None:
    export = materialise("canvas-view.json", tmp_path)
    result = grade(str(export), "--as-of", "2026-11-25")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["post_id"] for r in rows] == ["502", "504", "503"]
    assert "Graded 3 of 3 posts" in result.stderr
    assert "suggestions" in result.stderr
    assert "Grading" not in result.stderr  # no progress bar when stderr is not a terminal
    assert "Imani" not in result.stdout


@pytest.mark.parametrize("fmt", ["csv", "json", "html"])
def test_out_file(tmp_path: Path, grade, fmt: str) -> None:
    export = materialise("moodle-forum.csv", tmp_path)
    out = tmp_path / f"grades.{fmt}"
    result = grade(
        str(export), "--format", fmt, "--out", str(out), "--as-of", "2026-11-25", "--quiet"
    )
    assert result.exit_code == 0
    assert result.stdout == "" and result.stderr == ""
    text = out.read_text(encoding="utf-8")
    if fmt == "json":
        assert [r["post_id"] for r in json.loads(text)["replies"]] == ["72", "73"]
    elif fmt == "html":
        assert text.startswith("<!DOCTYPE html>") and "http://" not in text.replace(
            'xmlns="http://www.w3.org/2000/svg"', ""
        )
    else:
        assert text.splitlines()[0].startswith("post_id,author_id,topic")


def test_show_names(tmp_path: Path, grade) -> None:
    export = materialise("moodle-forum.csv", tmp_path)
    result = grade(str(export), "--show-names", "--as-of", "2026-11-25")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[0]["author_name"] == "Emeka Strand"


def test_unreadable_input_exits_2_after_grading_the_rest(tmp_path: Path, grade) -> None:
    good = materialise("brightspace-posts.json", tmp_path)
    bad = tmp_path / "broken.json"
    bad.write_text("[{", encoding="utf-8")
    result = grade(str(bad), str(good), "--as-of", "2026-11-25")
    assert result.exit_code == 2
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["post_id"], r["status"]) for r in rows] == [
        (str(bad), "not-graded"),
        ("9101", "graded"),
        ("9102", "graded"),
    ]
    assert "not graded:" in result.stderr and "invalid JSON" in result.stderr


def test_empty_reply_rows_do_not_change_the_exit_code(tmp_path: Path, grade) -> None:
    export = materialise("replies.csv", tmp_path)
    result = grade(str(export), "--as-of", "2026-11-25")
    assert result.exit_code == 0
    rows = {r["post_id"]: r for r in csv.DictReader(io.StringIO(result.stdout))}
    assert rows["p3"]["status"] == "not-graded" and "empty" in rows["p3"]["findings"]
    assert "note:" in result.stderr  # the unreadable date of p4


def test_unknown_rubric_and_bad_as_of_are_usage_errors(tmp_path: Path, grade) -> None:
    export = materialise("replies.csv", tmp_path)
    result = grade(str(export), "--rubric", "nope")
    assert result.exit_code == 2 and "unknown rubric `nope`" in result.stderr
    result = grade(str(export), "--as-of", "25/11/2026")
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.stderr
    result = grade(str(export), "--format", "xml")
    assert result.exit_code == 2


def test_rubric_file_applying_to_every_post(tmp_path: Path, grade) -> None:
    rubric = tmp_path / "all.toml"
    rubric.write_text(
        '[rubric]\nname = "all-posts"\napplies_to = "all"\n'
        '[[criterion]]\nid = "follow-up"\nrules = ["Q"]\n'
        '[[criterion.rating]]\nlevel = "Asks"\npoints = 1\nmax_errors = 0\n'
        '[[criterion.rating]]\nlevel = "Does not ask"\npoints = 0\n',
        encoding="utf-8",
    )
    export = materialise("canvas-view.json", tmp_path)
    result = grade(str(export), "--rubric", str(rubric), "--as-of", "2026-11-25")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["post_id"] for r in rows] == ["501", "502", "504", "503", "510"]
    assert rows[0]["follow-up_level"] == "Asks" and rows[3]["follow-up_level"] == "Does not ask"


def test_every_option_is_documented(grade) -> None:
    from replylint.cli.grade import grade_command
    from tests.conftest import ROOT

    docs = (ROOT / "docs" / "grading.md").read_text(encoding="utf-8")
    help_text = grade("--help").stdout
    for param in grade_command.params:
        for opt in getattr(param, "opts", []):
            if opt.startswith("-"):
                assert opt in help_text, opt
                assert f"`{opt}" in docs, f"{opt} is not documented in docs/grading.md"
