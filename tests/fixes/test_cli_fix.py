"""``replylint check --fix / --unsafe-fixes / --diff / --show-fixes``."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.support import records

AS_OF = "2026-11-25"
Run = Callable[..., Result]
ONLY = "R101,R106,R108,R109,R111,C109,C110"


@pytest.fixture(scope="module")
def entry() -> str:
    entries = [e for _, _, e in records.correct_corpus("md")]
    return next(
        e
        for e in entries
        if re.match(r"[A-Z][a-z]+, [A-Z]\. (?:[A-Z]\. )?\(\d{4}\)", e)
        and re.search(r", \d+–\d+\. https", e)
    )


def _texts(entry: str) -> tuple[str, str]:
    name = entry.split(",")[0]
    year = re.search(r"\((\d{4})\)", entry).group(1)  # type: ignore[union-attr]
    good = f"Staffing shaped the outcome ({name}, {year}, p. 5).\n\nReferences\n\n{entry}\n"
    bad_entry = re.sub(r"(\d)–(\d+\. https)", r"\1-\2", entry).replace(
        "https://doi.org/", "doi:"
    )  # mutations: hyphen range, doi: label
    bad = f"Staffing shaped the outcome ({name}, {year}, pg. 5).\n\nReferences:\n\n{bad_entry}\n"
    return good, bad


def test_diff_writes_nothing_and_exits_one(run_cli: Run, tmp_path: Path, entry: str) -> None:
    _, bad = _texts(entry)
    path = tmp_path / "reply.md"
    path.write_text(bad, encoding="utf-8")
    result = run_cli("check", "reply.md", "--as-of", AS_OF, "--select", ONLY, "--diff")
    assert result.exit_code == 1
    assert "-References:" in result.output and "+References" in result.output
    assert "Would fix 4 findings." in result.output
    assert path.read_text(encoding="utf-8") == bad


def test_fix_writes_the_file_and_rechecks_clean(run_cli: Run, tmp_path: Path, entry: str) -> None:
    good, bad = _texts(entry)
    path = tmp_path / "reply.md"
    path.write_text(bad, encoding="utf-8")
    result = run_cli(
        "check", "reply.md", "--as-of", AS_OF, "--select", ONLY, "--fix", "--show-fixes"
    )
    assert path.read_text(encoding="utf-8") == good
    assert result.exit_code == 0, result.output
    assert "Fixed:" in result.output and "R108" in result.output
    again = run_cli("check", "reply.md", "--as-of", AS_OF, "--select", ONLY, "--diff")
    assert again.exit_code == 0
    assert "Would fix 0 findings." in again.output


def test_unsafe_fixes_need_the_flag(run_cli: Run, tmp_path: Path, entry: str) -> None:
    from replylint.apa.sentence_case import to_title_case
    from replylint.references import parse_reference_text

    title = parse_reference_text(entry.replace("*", "")).title or ""
    good, _ = _texts(entry)
    bad = good.replace(title, to_title_case(title), 1)  # mutation: Title Case title
    path = tmp_path / "reply.md"
    path.write_text(bad, encoding="utf-8")
    run_cli("check", "reply.md", "--as-of", AS_OF, "--select", ONLY, "--fix")
    assert path.read_text(encoding="utf-8") == bad
    run_cli("check", "reply.md", "--as-of", AS_OF, "--select", ONLY, "--fix", "--unsafe-fixes")
    assert path.read_text(encoding="utf-8") == good


def test_crlf_and_bom_are_kept(run_cli: Run, tmp_path: Path, entry: str) -> None:
    good, bad = _texts(entry)
    path = tmp_path / "reply.txt"
    path.write_bytes(b"\xef\xbb\xbf" + bad.replace("*", "").replace("\n", "\r\n").encode())
    run_cli("check", "reply.txt", "--as-of", AS_OF, "--select", ONLY, "--fix")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data[3:].decode() == good.replace("*", "").replace("\n", "\r\n")


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("cp1252", b""), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")],
)
def test_fixed_file_keeps_its_encoding(
    run_cli: Run, tmp_path: Path, entry: str, encoding: str, bom: bytes
) -> None:
    good, bad = _texts(entry)
    good, bad = good.replace("*", ""), bad.replace("*", "")
    if encoding == "cp1252":  # a Word-style curly apostrophe, byte 0x92 in cp1252
        good, bad = good.replace("shaped", "\u2019shaped"), bad.replace("shaped", "\u2019shaped")
    path = tmp_path / "reply.txt"
    path.write_bytes(bom + bad.encode(encoding))
    run_cli("check", "reply.txt", "--as-of", AS_OF, "--select", ONLY, "--fix")
    data = path.read_bytes()
    assert data.startswith(bom)
    assert data[len(bom) :].decode(encoding) == good


def test_fix_from_standard_input_prints_the_fixed_text(run_cli: Run, entry: str) -> None:
    good, bad = _texts(entry)
    result = run_cli(
        "check",
        "-",
        "--stdin-filename",
        "reply.md",
        "--as-of",
        AS_OF,
        "--select",
        ONLY,
        "--fix",
        input=bad,
    )
    assert result.stdout == good


def test_hidden_unsafe_fixes_are_counted(run_cli: Run, tmp_path: Path, entry: str) -> None:
    from replylint.apa.sentence_case import to_title_case
    from replylint.references import parse_reference_text

    title = parse_reference_text(entry.replace("*", "")).title or ""
    good, _ = _texts(entry)
    (tmp_path / "reply.md").write_text(good.replace(title, to_title_case(title), 1))  # mutation
    result = run_cli("check", "reply.md", "--as-of", AS_OF, "--select", ONLY)
    assert "1 hidden fix can be enabled with the `--unsafe-fixes` option" in result.output


def test_fix_a_docx_file(run_cli: Run, tmp_path: Path, entry: str) -> None:
    import docx

    good, bad = _texts(entry)
    document = docx.Document()
    for line in bad.split("\n"):
        if not line.strip():
            continue
        para = document.add_paragraph()
        for k, piece in enumerate(line.split("*")):
            if piece:
                para.add_run(piece).italic = k % 2 == 1
    path = tmp_path / "reply.docx"
    document.save(str(path))
    run_cli("check", "reply.docx", "--as-of", AS_OF, "--select", ONLY, "--fix")
    fixed = docx.Document(str(path))
    text = "\n".join(p.text for p in fixed.paragraphs)
    assert text.split() == good.replace("*", "").split()
    italic = [r.text for p in fixed.paragraphs for r in p.runs if r.italic]
    assert italic == [p for line in good.split("\n") for p in line.split("*")[1::2]]
