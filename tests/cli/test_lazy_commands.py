"""The top-level group imports subcommands on demand; its listed short help must stay true."""

from __future__ import annotations

import subprocess
import sys

from replylint.cli import _COMMANDS, main


def test_listed_short_help_matches_each_command() -> None:
    for name, command in main.commands.items():
        assert command.get_short_help_str(limit=200) == _COMMANDS[name][2], name


def test_check_does_not_import_grade_or_library() -> None:
    code = (
        "import sys\n"
        "from replylint.cli import main\n"
        "main.get_command(None, 'check')\n"
        "print(sorted(m for m in ('replylint.cli.grade', 'replylint.cli.library', "
        "'replylint.grade') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_python_dash_m_runs_the_command_line() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "replylint", "rule", "R101"], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert "(R101)" in out.stdout.splitlines()[0]
    usage = subprocess.run(
        [sys.executable, "-m", "replylint", "nope"], capture_output=True, text=True
    )
    assert usage.returncode == 2
    assert "Usage: replylint" in usage.stderr
