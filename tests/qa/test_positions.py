"""Positions are where the text is in the file as written: CRLF, BOM, tabs, HTML entities
(columns in the HTML source), Word (paragraph number as the line)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.qa import replies
from tests.qa.replies import correct_reply, lms_html

AS_OF = "2026-11-25"
Run = Callable[..., Result]
GOOD, BAD = "(Krystal et al., 2023)", "(Krystal, et al., 2023)"


def _where(source: str, needle: str) -> tuple[int, int]:
    """1-based line and column of ``needle`` in ``source`` (any line ending)."""
    before = source[: source.index(needle)].replace("\r\n", "\n").lstrip("\ufeff")
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


FORMS: dict[str, Callable[[], str]] = {
    "crlf.txt": lambda: correct_reply("txt").replace(GOOD, BAD).replace("\n", "\r\n"),
    "bom.md": lambda: "\ufeff" + correct_reply("md").replace(GOOD, BAD),
    "tab.txt": lambda: correct_reply("txt").replace(GOOD, BAD).replace("\nrate", "\n\trate"),
    "lms.html": lambda: (
        lms_html()
        .replace(GOOD, BAD)
        .replace("clinician matters", "clinician&nbsp;matters &amp; more")
    ),
}


@pytest.mark.parametrize("name", sorted(FORMS))
def test_position_in_the_file(run_cli: Run, tmp_path: Path, name: str) -> None:
    source = FORMS[name]()
    (tmp_path / name).write_bytes(source.encode("utf-8"))
    result = run_cli("check", "--isolated", "--as-of", AS_OF, "--format", "json", name)
    (diag,) = json.loads(result.stdout)["files"][0]["diagnostics"]
    line, col = _where(source, BAD)
    assert (diag["code"], diag["line"], diag["column"]) == ("C101", line, col)
    assert diag["end_column"] - diag["column"] == len(BAD)


def test_docx_line_is_the_paragraph(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(replies, "BODY", replies.BODY.replace(GOOD, BAD))
    (tmp_path / "reply.docx").write_bytes(replies.word_docx())
    result = run_cli("check", "--isolated", "--as-of", AS_OF, "--format", "json", "reply.docx")
    (diag,) = json.loads(result.stdout)["files"][0]["diagnostics"]
    paragraphs = [p.replace("\n", " ") for p in replies.BODY.split("\n\n")]
    (index,) = [i for i, p in enumerate(paragraphs) if BAD in p]
    column = paragraphs[index].replace("psychotherapy", "psycho\u00adtherapy").index(BAD) + 1
    assert (diag["line"], diag["column"]) == (index + 1, column)
