"""``check --verify --offline`` with no library to look in: a clear usage error, not a warning
that every (real) reference does not exist."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from tests.qa.replies import correct_reply

Run = Callable[..., Result]


def test_offline_with_a_missing_library_is_a_usage_error(run_cli: Run, tmp_path: Path) -> None:
    (tmp_path / "reply.md").write_text(correct_reply("md"), encoding="utf-8")
    args = ["check", "--isolated", "--as-of", "2026-11-25", "--verify", "--offline"]
    result = run_cli(*args, "--library", "corse.sqlite", "reply.md")  # a typo in the name
    assert result.exit_code == 2
    assert "corse.sqlite" in result.stderr and "library import" in result.stderr
    assert "V103" not in result.stdout
    assert not (tmp_path / "corse.sqlite").exists()  # no empty library left behind
