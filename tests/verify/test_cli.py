"""``replylint library`` and ``replylint check --verify`` end to end (offline, or recordings)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner, Result

from replylint.cli import main
from replylint.verify import run as verify_run_module
from replylint.verify.apa_format import format_apa_reference
from replylint.verify.importers import read_works
from tests.conftest import shared_path
from tests.support.cli import _shared_analyzer  # noqa: F401  (autouse fixture)

AS_OF = "2026-11-25"
PMID_FILE = ("pubmed-efetch-xml", "pmid_xml", "36367692.xml")


@pytest.fixture()
def run_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))

    def run(*args: str) -> Result:
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return run


def reply(tmp_path: Path, *, year: int | None = None) -> Path:
    """A Markdown reply citing the real PubMed record; ``year`` mutates the entry's year."""
    (work,) = read_works(shared_path(*PMID_FILE))
    entry = format_apa_reference(work, "md")
    cited = work.year
    if year is not None:
        entry = entry.replace(f"({work.year}).", f"({year}).")  # mutation: the year
        cited = year
    text = (
        "Vasomotor symptoms are tied to autonomic dysfunction and cardiovascular risk "
        f"(Lee et al., {cited}). Would screening for them change care?\n\n"
        f"References\n\n{entry}\n"
    )
    path = tmp_path / "reply.md"
    path.write_text(text, encoding="utf-8")
    return path


def test_library_import_and_stats(run_cli: Callable[..., Result], tmp_path: Path) -> None:
    result = run_cli("library", "import", "--library", "lib.sqlite", str(shared_path(*PMID_FILE)))
    assert result.exit_code == 0, result.output
    assert "1 works" in result.output
    again = run_cli("library", "import", "--library", "lib.sqlite", str(shared_path(*PMID_FILE)))
    assert "holds 1 records" in again.output
    stats = run_cli("library", "stats", "--library", "lib.sqlite")
    assert "pubmed: 1" in stats.output


def test_library_stats_without_a_library_is_a_usage_error(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    result = run_cli("library", "stats", "--library", "missing.sqlite")
    assert result.exit_code == 2
    assert "no library at" in result.output and "library import" in result.output
    assert not (tmp_path / "missing.sqlite").exists()


def test_library_default_path_is_the_user_cache(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    run_cli("library", "import", str(shared_path(*PMID_FILE)))
    assert (tmp_path / "cache" / "replylint" / "library.sqlite").exists()


def test_library_import_bad_file_is_exit_2(run_cli: Callable[..., Result], tmp_path: Path) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("not bibliographic")
    result = run_cli("library", "import", "--library", "lib.sqlite", str(bad))
    assert result.exit_code == 2


def test_check_verify_offline(run_cli: Callable[..., Result], tmp_path: Path) -> None:
    run_cli("library", "import", "--library", "lib.sqlite", str(shared_path(*PMID_FILE)))
    good = run_cli(
        "check", "--as-of", AS_OF, "--format", "json", "--select", "V", "--verify",
        "--offline", "--library", "lib.sqlite", str(reply(tmp_path)),
    )  # fmt: skip
    assert good.exit_code == 0, good.output
    assert json.loads(good.output)["files"][0]["diagnostics"] == []
    bad = run_cli(
        "check", "--as-of", AS_OF, "--format", "json", "--select", "V", "--verify",
        "--offline", "--library", "lib.sqlite", str(reply(tmp_path, year=2019)),
    )  # fmt: skip
    assert bad.exit_code == 1
    (d,) = json.loads(bad.output)["files"][0]["diagnostics"]
    assert d["code"] == "V102" and d["category"] == "existence"
    assert "2022" in d["message"] and d["fix"]["applicability"] == "unsafe"


def test_verify_options_need_verify(run_cli: Callable[..., Result], tmp_path: Path) -> None:
    result = run_cli("check", "--offline", str(reply(tmp_path)))
    assert result.exit_code == 2
    assert "only meaningful with --verify" in result.output


def test_strict_network_exits_3_when_services_are_down(
    run_cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("network is unreachable (synthesized)")

    from replylint.verify.http import HttpClient

    def client(contact: str | None, options: Any) -> HttpClient:
        transport = httpx.MockTransport(down)
        return HttpClient(contact_email=contact, transport=transport, max_retries=0)

    monkeypatch.setattr(verify_run_module, "_client", client)
    args = ["check", "--as-of", AS_OF, "--select", "V", "--verify", "--library", "lib.sqlite"]
    lenient = run_cli(*args, str(reply(tmp_path)))
    assert lenient.exit_code == 0
    assert "could not verify" in lenient.output
    strict = run_cli(*args, "--strict-network", str(reply(tmp_path)))
    assert strict.exit_code == 3


def test_grade_verify_offline(run_cli: Callable[..., Result], tmp_path: Path) -> None:
    run_cli("library", "import", "--library", "lib.sqlite", str(shared_path(*PMID_FILE)))
    import csv

    batch = tmp_path / "replies.csv"
    text = reply(tmp_path, year=2019).read_text(encoding="utf-8")
    with batch.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["author", "text", "date", "post_id", "parent_id"])
        writer.writerow(["student-1", text, "2026-11-20", "r1", "p1"])
    result = run_cli(
        "grade", str(batch), "--as-of", AS_OF, "--format", "json", "-q",
        "--verify", "--offline", "--library", "lib.sqlite",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert '"code": "V102"' in result.output
    plain = run_cli("grade", str(batch), "--as-of", AS_OF, "--format", "json", "-q")
    assert '"code": "V102"' not in plain.output


def test_ignore_and_suppression_apply_to_verification(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    run_cli("library", "import", "--library", "lib.sqlite", str(shared_path(*PMID_FILE)))
    path = reply(tmp_path, year=2019)
    args = ["check", "--as-of", AS_OF, "--format", "json", "--select", "V", "--verify"]
    args += ["--offline", "--library", "lib.sqlite"]
    ignored = run_cli(*args, "--ignore", "V102", str(path))
    assert json.loads(ignored.output)["files"][0]["diagnostics"] == []
    text = path.read_text(encoding="utf-8")
    path.write_text("<!-- replylint: disable=V102 -->\n" + text, encoding="utf-8")
    suppressed = run_cli(*args, str(path))
    codes = [d["code"] for d in json.loads(suppressed.output)["files"][0]["diagnostics"]]
    assert "V102" not in codes
    lowered = run_cli(*args, "--severity", "V102=warning", str(reply(tmp_path, year=2019)))
    (d,) = json.loads(lowered.output)["files"][0]["diagnostics"]
    assert d["severity"] == "warning" and lowered.exit_code == 0


def test_unsafe_fix_corrects_the_year(run_cli: Callable[..., Result], tmp_path: Path) -> None:
    run_cli("library", "import", "--library", "lib.sqlite", str(shared_path(*PMID_FILE)))
    path = reply(tmp_path, year=2019)
    args = ["check", "--as-of", AS_OF, "--select", "V", "--verify", "--offline"]
    args += ["--library", "lib.sqlite"]
    safe_only = run_cli(*args, "--fix", str(path))
    assert "(2019)." in path.read_text(encoding="utf-8") and safe_only.exit_code == 1
    fixed = run_cli(*args, "--fix", "--unsafe-fixes", str(path))
    text = path.read_text(encoding="utf-8")
    assert "(2022). Vasomotor" in text and "(2019)." not in text
    assert fixed.exit_code == 0, fixed.output
