"""``replylint rule`` and ``replylint rules``: documentation from the rule metadata."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from replylint.docgen import render_rule
from replylint.engine import load_rules

Run = Callable[..., Result]


def test_rule_by_code_and_by_name(run_cli: Run) -> None:
    by_code = run_cli("rule", "X001")
    assert by_code.exit_code == 0
    assert by_code.output == render_rule(load_rules()["X001"])
    assert run_cli("rule", "unused-suppression").output == by_code.output
    assert run_cli("rule", "x001").output == by_code.output


def test_rule_json(run_cli: Run) -> None:
    data = json.loads(run_cli("rule", "X003", "--format", "json").output)
    assert data["code"] == "X003" and data["category"] == "input"
    assert data["severity"] == "error" and data["explanation"].startswith("## What it does")


def test_unknown_rule_exit_2(run_cli: Run) -> None:
    result = run_cli("rule", "Z999")
    assert result.exit_code == 2
    assert "unknown rule `Z999`" in result.stderr


def test_rules_table(run_cli: Run) -> None:
    result = run_cli("rules")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == len(load_rules())
    x001 = next(line for line in lines if line.startswith("X001"))
    assert "unused-suppression" in x001 and "warning" in x001


def test_rules_json(run_cli: Run) -> None:
    data = json.loads(run_cli("rules", "--format", "json").output)
    assert [r["code"] for r in data] == list(load_rules())
    assert {"code", "name", "category", "severity", "fix", "summary", "explanation"} <= set(data[0])


def test_rules_include_the_course_pack(run_cli: Run, tmp_path: Path) -> None:
    from tests.engine.kinds import write_pack

    write_pack(tmp_path, name="course.toml")
    (tmp_path / "replylint.toml").write_text('packs = ["course.toml"]\n')
    assert "T101" in run_cli("rules").output
    assert run_cli("rule", "bad-word").output.startswith("# bad-word (T101)")


def test_every_command_and_option_is_documented(run_cli: Run) -> None:
    from replylint.cli import main

    for name, command in main.commands.items():
        assert command.help, name
        for param in command.params:
            if param.param_type_name == "option":
                assert getattr(param, "help", None), f"{name} {param.name}"
