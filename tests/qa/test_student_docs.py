"""docs/students.md shows what a student will see: the example finding is real output for
examples/draft.md, and the rubric numbers are the preset's."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable

from click.testing import Result

from tests.conftest import ROOT

STUDENTS = ROOT / "docs" / "students.md"
Run = Callable[..., Result]


def test_example_finding_is_real_output(run_cli: Run) -> None:
    doc = STUDENTS.read_text(encoding="utf-8")
    (block,) = re.findall(r"```text\n(.*?)```", doc, flags=re.S)
    example = "\n".join(line[3:] if line.startswith("   ") else line for line in block.splitlines())
    draft = ROOT / "examples" / "draft.md"
    result = run_cli("check", "--isolated", "--as-of", "2026-11-25", "--no-color", str(draft))
    output = result.stdout.replace(str(draft), "examples/draft.md")
    assert example.strip() in output


def test_rubric_numbers_match_the_preset() -> None:
    doc = STUDENTS.read_text(encoding="utf-8")
    preset = tomllib.loads((ROOT / "rules" / "presets" / "discussion-reply.toml").read_text())
    params = preset["params"]
    words = {"1": 1, "one": 1, "2": 2, "two": 2}
    m = re.search(r"at least\s+(\w+)\s+peer-reviewed", doc)
    assert m and words[m.group(1)] == params["min_peer_reviewed"]
    m = re.search(r"sources\s+from the last (\d+) years", doc)
    assert m and int(m.group(1)) == params["recency_years"]
    if params["follow_up"] == "question":  # an idea alone does not satisfy Q101 by default
        assert "a follow-up question or an idea" not in re.sub(r"\s+", " ", doc)
