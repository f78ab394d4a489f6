"""``pbpaste | replylint check --fix - | pbcopy``: the text always comes back, and the report
describes the fixed text."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from click.testing import Result

from tests.qa.replies import correct_reply

AS_OF = "2026-11-25"
Run = Callable[..., Result]


def draft() -> str:
    """The correct reply with two safe-fixable slips a student makes."""
    text = correct_reply("txt")
    return text.replace("(Stefana et al., 2024)", "(Stefana, et al., 2024)").replace(
        "(Krystal et al., 2023)", "(Krystal et al. 2023)"
    )


def test_fixed_text_on_stdout_and_the_report_is_about_it(run_cli: Run) -> None:
    result = run_cli("check", "--isolated", "--as-of", AS_OF, "--fix", "-", input=draft())
    assert result.stdout == correct_reply("txt")
    assert "C101" not in result.stderr and "C107" not in result.stderr
    assert "All checks passed!" in result.stderr
    assert result.exit_code == 0


def test_clean_text_passes_through_unchanged(run_cli: Run) -> None:
    """Nothing to fix: stdout still carries the reply, not the report in its place."""
    text = correct_reply("txt")
    result = run_cli("check", "--isolated", "--as-of", AS_OF, "--fix", "-", input=text)
    assert result.stdout == text
    assert "All checks passed!" in result.stderr and result.exit_code == 0


def test_remaining_findings_after_a_stdin_fix_set_the_exit_code(run_cli: Run) -> None:
    text = (
        draft()
        .replace("How does your unit decide", "I wonder how your unit decides")
        .replace("a protocol?", "a protocol.")
    )
    result = run_cli("check", "--isolated", "--as-of", AS_OF, "--fix", "-", input=text)
    assert "(Stefana et al., 2024)" in result.stdout
    assert "C101" not in result.stderr
    assert result.exit_code in (0, 1)


def test_hidden_fix_count_is_singular_for_one(run_cli: Run) -> None:
    text = correct_reply("md").replace(
        "Joaquim et al. (2022)", "Joaquim, Longhini and Palese (2022)"
    )
    result = run_cli(
        "check", "--isolated", "--as-of", AS_OF, "--stdin-filename", "r.md", "-", input=text
    )
    assert "1 hidden fix can be enabled" in result.stdout, result.stdout


def test_word_file_on_stdin_says_why_it_is_not_fixed(
    run_cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.qa import replies

    monkeypatch.setattr(
        replies, "BODY", replies.BODY.replace("(Krystal et al., 2023)", "(Krystal et al. 2023)")
    )
    data = replies.word_docx()
    result = run_cli("check", "--isolated", "--as-of", AS_OF, "--fix", "-", input=data)
    assert "C107" in result.stdout
    assert "standard input" in result.stderr and "--fix" in result.stderr
