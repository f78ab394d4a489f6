"""An instructor running ``replylint grade`` on what they actually have: a folder of files,
an export that is not what it claims to be, a CSV of their own."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.qa.replies import correct_reply, word_docx

AS_OF = "2026-11-25"
Run = Callable[..., Result]


def rows(result: Result) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_folder_of_reply_files_is_graded_or_explained(run_cli: Run, tmp_path: Path) -> None:
    folder = tmp_path / "week3"
    folder.mkdir()
    (folder / "ana.md").write_text(correct_reply("md"), encoding="utf-8")
    (folder / "ben.docx").write_bytes(word_docx())
    result = run_cli("grade", "--as-of", AS_OF, "week3")
    graded = [r for r in rows(result) if r["status"] == "graded"]
    assert len(graded) == 2 or "--rubric" in result.stderr


def test_own_csv_with_excel_bom_and_multiline_text(run_cli: Run, tmp_path: Path) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["Author", "Text", "Date", "post_id", "parent_id"])
    writer.writerow(
        [
            "Ana Lopez",
            "Retracted studies worry me: how do nurses check the evidence and research "
            "before a protocol changes in practice?",
            "2026-10-01",
            "1",
            "",
        ]
    )
    writer.writerow(["Ben Ng", correct_reply("txt"), "2026-10-02", "2", "1"])
    writer.writerow(["Cy Doe", "", "2026-10-03", "3", "1"])
    (tmp_path / "export.csv").write_bytes(("\ufeff" + buf.getvalue()).encode("utf-8"))
    result = run_cli("grade", "--as-of", AS_OF, "export.csv")
    assert result.exit_code == 0
    by_id = {r["post_id"]: r for r in rows(result)}
    assert by_id["2"]["status"] == "graded" and by_id["2"]["total"] == by_id["2"]["points_possible"]
    assert by_id["3"]["status"] == "not-graded" and "X003" in by_id["3"]["findings"]
    assert "Ben Ng" not in result.stdout  # names only with --show-names


@pytest.mark.parametrize(
    "name, content",
    [("topic.json", b'{"view": [ broken'), ("export.csv", b"name,body\nAna,hello\n")],
)
def test_unreadable_export_exits_2(run_cli: Run, tmp_path: Path, name: str, content: bytes) -> None:
    (tmp_path / name).write_bytes(content)
    result = run_cli("grade", "--as-of", AS_OF, name)
    assert [r["status"] for r in rows(result)] == ["not-graded"]
    assert result.exit_code == 2


def test_binary_file_gets_a_not_graded_row(run_cli: Run, tmp_path: Path) -> None:
    (tmp_path / "scan.txt").write_bytes(bytes(range(256)) * 4)
    result = run_cli("grade", "--as-of", AS_OF, "scan.txt")
    assert [r["status"] for r in rows(result)] == ["not-graded"]
    assert "X003" in rows(result)[0]["findings"] and "1 not readable" in result.stderr
