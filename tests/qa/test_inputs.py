"""Bad input is a clear X003 finding and exit code 2, never a traceback; the batch goes on."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.qa.replies import correct_reply

AS_OF = "2026-11-25"
Run = Callable[..., Result]

BAD: dict[str, tuple[bytes | None, str]] = {
    "empty.md": (b"", "empty"),
    "blank.txt": (b"  \n\n \r\n", "empty"),
    "junk.txt": (bytes(range(256)) * 8, "binary"),
    "broken.docx": (b"PK\x03\x04 not really a zip", "DOCX"),
    "reply.pdf.txt": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n\x00\x00", "PDF"),
    "missing.md": (None, "no such file"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_is_reported_and_the_batch_goes_on(
    run_cli: Run, tmp_path: Path, name: str
) -> None:
    content, words = BAD[name]
    if content is not None:
        (tmp_path / name).write_bytes(content)
    (tmp_path / "good.md").write_text(correct_reply("md"), encoding="utf-8")
    result = run_cli("check", "--isolated", "--as-of", AS_OF, "--format", "json", name, "good.md")
    assert result.exit_code == 2
    files = {f["path"]: f for f in json.loads(result.stdout)["files"]}
    (bad,) = files[name]["diagnostics"]
    assert bad["code"] == "X003" and words in bad["message"]
    assert files["good.md"]["diagnostics"] == [] and files["good.md"]["citations"]
    assert name in result.stderr  # one line a person can read, even with a machine format


def test_missing_file_hint_does_not_blame_the_encoding(run_cli: Run) -> None:
    """A typo in the path is not fixed by saving the file as UTF-8."""
    result = run_cli("check", "--isolated", "--format", "json", "reply.md")
    (diag,) = json.loads(result.stdout)["files"][0]["diagnostics"]
    assert "UTF-8" not in diag["hint"] and "path" in diag["hint"]


def test_folder_with_mixed_files(run_cli: Run, tmp_path: Path) -> None:
    folder = tmp_path / "week3"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.md").write_text(correct_reply("md"), encoding="utf-8")
    (folder / "sub" / "b.txt").write_text(correct_reply("txt"), encoding="utf-8")
    (folder / "c.txt").write_bytes(b"Caf\xe9 con leche, \x93por favor\x94.\n")  # Windows-1252
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4\x00\x00")
    (folder / ".hidden.md").write_text("not a reply", encoding="utf-8")
    result = run_cli("check", "--isolated", "--as-of", AS_OF, "--format", "json", "week3")
    paths = sorted(f["path"] for f in json.loads(result.stdout)["files"])
    assert paths == ["week3/a.md", "week3/c.txt", "week3/sub/b.txt"]
    assert result.exit_code == 1  # c.txt is a reply with findings, not unreadable


def test_huge_input_is_checked(run_cli: Run, tmp_path: Path) -> None:
    """A huge paste (a whole document pasted by mistake) is checked, not a crash. 250 kB keeps
    the suite fast; 1 MB was also run by hand (about 30 s of CPU)."""
    body, refs = correct_reply("txt").split("References")
    text = body * (250_000 // len(body)) + "References" + refs
    (tmp_path / "huge.txt").write_text(text, encoding="utf-8")
    result = run_cli("check", "--isolated", "--as-of", AS_OF, "--statistics", "huge.txt")
    assert result.exit_code in (0, 1) and "L102" in result.stdout


@pytest.mark.parametrize(
    "name, content, message",
    [
        (
            "reply.rtf",
            b"{\\rtf1\\ansi Hello}",
            "not text: this is an RTF file; save it as .docx or .txt",
        ),
        ("reply.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), "save it as .docx"),
    ],
)
def test_wrong_file_type_message_reads_as_advice(
    run_cli: Run, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    (tmp_path / name).write_bytes(content)
    result = run_cli("check", "--isolated", "--format", "json", name)
    (diag,) = json.loads(result.stdout)["files"][0]["diagnostics"]
    assert diag["message"].endswith(message), diag["message"]


def test_misspelt_config_key_suggests_the_right_one(run_cli: Run, tmp_path: Path) -> None:
    (tmp_path / "replylint.toml").write_text('ignroe = ["P103"]\n', encoding="utf-8")
    (tmp_path / "reply.md").write_text(correct_reply("md"), encoding="utf-8")
    result = run_cli("check", "reply.md")
    assert result.exit_code == 2
    assert "unknown key `ignroe`" in result.stderr and "did you mean `ignore`?" in result.stderr


@pytest.mark.parametrize(
    "selector, suggestion",
    [("et-al-coma", "et-al-comma"), ("source-to-old", "source-too-old")],
)
def test_misspelt_rule_selector_suggests_a_rule(
    run_cli: Run, tmp_path: Path, selector: str, suggestion: str
) -> None:
    (tmp_path / "reply.md").write_text(correct_reply("md"), encoding="utf-8")
    result = run_cli("check", "--isolated", "--ignore", selector, "reply.md")
    assert result.exit_code == 2
    assert f"did you mean `{suggestion}`?" in result.stderr, result.stderr


def test_rule_with_a_misspelt_name_suggests_one(run_cli: Run) -> None:
    result = run_cli("rule", "et-al-coma")
    assert result.exit_code == 2
    assert "did you mean `et-al-comma`?" in result.stderr, result.stderr
