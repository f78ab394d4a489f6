"""The README shows what replylint really prints, and the commands CI and users run."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from replylint.cli import main
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_sample_output_is_real(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    block = re.search(r"```console\n\$ (replylint .*?)\n(.*?)```", README, flags=re.S)
    assert block, "README has no console sample"
    command, shown = block.group(1), block.group(2)
    args = command.split()[1:]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 1
    assert result.output == shown


def test_readme_names_the_two_setup_commands() -> None:
    assert "make example" in README and "make test" in README
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "examples/draft.md" in makefile and "examples/reply.md" in makefile
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci


def test_example_reply_passes_the_rubric(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(
        main, ["check", "--as-of", "2026-11-25", "examples/reply.md"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
