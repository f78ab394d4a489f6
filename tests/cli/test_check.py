"""``replylint check``: text and JSON output, statistics, exit codes, inputs, configuration."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.support.records import apa_reference, cite, usable_records

AS_OF = "2026-11-25"
Run = Callable[..., Result]


def record() -> dict:
    return dict(usable_records()[0])


def reply_md(with_question: bool = True) -> str:
    """A short Markdown reply citing one real article, with its reference entry."""
    rec = record()
    question = "\nWhat would you try first on your unit?\n" if with_question else "\n"
    return (
        "Hi Sam,\n\n"
        "Thank you for the clear summary of the practice environment.\n"
        f"Recent work supports your point {cite(rec)}.\n"
        f"{question}\n"
        "References\n\n"
        f"{apa_reference(rec, 'md')}\n"
    )


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_version(run_cli: Run) -> None:
    result = run_cli("--version")
    assert result.exit_code == 0 and "0.1.0" in result.output


def test_json_contract(run_cli: Run, tmp_path: Path) -> None:
    src = reply_md()
    write(tmp_path / "reply.md", src)
    result = run_cli("check", "reply.md", "--format", "json", "--as-of", AS_OF)
    data = json.loads(result.output)
    assert set(data) >= {"replylint", "as_of", "files"}
    assert data["as_of"] == AS_OF
    (f,) = data["files"]
    assert set(f) >= {
        "path",
        "format",
        "words",
        "citations",
        "references",
        "questions",
        "diagnostics",
    }
    assert (f["path"], f["format"]) == ("reply.md", "md")
    assert isinstance(f["words"], int) and f["words"] > 10
    lines = src.split("\n")
    (c,) = f["citations"]
    assert set(c) >= {
        "text",
        "authors",
        "et_al",
        "year",
        "narrative",
        "group",
        "line",
        "column",
        "end_line",
        "end_column",
        "reference",
    }
    assert c["reference"] == 0 and isinstance(c["year"], str)
    # 1-based positions in the file as written
    assert lines[c["line"] - 1][c["column"] - 1 : c["end_column"] - 1] == c["text"]
    (r,) = f["references"]
    assert set(r) >= {
        "text",
        "authors",
        "year",
        "title",
        "source",
        "volume",
        "issue",
        "pages",
        "article_number",
        "doi",
        "url",
        "kind",
        "line",
        "end_line",
    }
    assert lines[r["line"] - 1].startswith(record()["authors"][0]["family"])
    assert all(set(a) == {"family", "given"} for a in r["authors"])
    (q,) = f["questions"]
    assert lines[q["line"] - 1].startswith("What would you try")
    for d in f["diagnostics"]:
        assert set(d) >= {
            "code",
            "name",
            "category",
            "severity",
            "message",
            "line",
            "column",
            "end_line",
            "end_column",
            "fix",
        }
        assert d["line"] >= 1 and d["column"] >= 1


def test_json_positions_in_html_source(run_cli: Run, tmp_path: Path) -> None:
    rec = record()
    src = (
        "<div>\n<p>Hi Sam,</p>\n"
        f"<p>Recent work <em>supports</em> your point {cite(rec)}.</p>\n"
        "<p>What would you try first?</p>\n"
        f"<p><strong>References</strong></p>\n<p>{apa_reference(rec, 'html')}</p>\n</div>\n"
    )
    write(tmp_path / "reply.html", src)
    data = json.loads(run_cli("check", "reply.html", "--format", "json", "--as-of", AS_OF).output)
    (c,) = data["files"][0]["citations"]
    line = src.split("\n")[c["line"] - 1]
    assert line[c["column"] - 1 : c["end_column"] - 1] == c["text"]
    assert data["files"][0]["format"] == "html"


TEXT_HEAD = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]\d{3}) ")


def test_text_output_shape(run_cli: Run, tmp_path: Path) -> None:
    write(tmp_path / "reply.md", reply_md(with_question=False))
    result = run_cli("check", "reply.md", "--as-of", AS_OF, "--select", "Q101,L101")
    assert result.exit_code == 1
    out = result.output
    heads = [m for m in map(TEXT_HEAD.match, out.splitlines()) if m]
    assert {m["code"] for m in heads} == {"Q101", "L101"}
    assert all(m["path"] == "reply.md" for m in heads)
    assert re.search(r"^\s*\d+ \| ", out, re.M)  # the source line
    assert re.search(r"^\s+\| \s*\^+ error: no-follow-up-question$", out, re.M)
    assert "= help: " in out
    assert out.rstrip().endswith("Found 2 errors.")
    assert "\x1b[" not in out  # not a terminal: no colour


def test_quiet_prints_findings_only(run_cli: Run, tmp_path: Path) -> None:
    write(tmp_path / "reply.md", reply_md(with_question=False))
    result = run_cli("check", "reply.md", "--as-of", AS_OF, "--select", "Q101", "--quiet")
    assert result.exit_code == 1
    assert "Q101" in result.output and "Found" not in result.output


def test_clean_run(run_cli: Run, tmp_path: Path) -> None:
    write(tmp_path / "reply.md", reply_md())
    result = run_cli("check", "reply.md", "--as-of", AS_OF, "--select", "Q101,C101,M101")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "All checks passed!"


def test_statistics(run_cli: Run, tmp_path: Path) -> None:
    write(tmp_path / "a.md", reply_md(with_question=False))
    write(tmp_path / "b.md", reply_md(with_question=False))
    result = run_cli("check", ".", "--as-of", AS_OF, "--select", "Q101,L101", "--statistics")
    lines = result.output.strip().splitlines()
    assert re.fullmatch(r"2\tL101\t\[ \] too-short", lines[0])
    assert re.fullmatch(r"2\tQ101\t\[ \] no-follow-up-question", lines[1])
    assert lines[-1] == "Found 4 errors."
    as_json = run_cli(
        "check", ".", "--as-of", AS_OF, "--select", "Q101", "--statistics", "--format", "json"
    )
    assert json.loads(as_json.output) == [
        {"code": "Q101", "name": "no-follow-up-question", "count": 2, "fixable": 0}
    ]


def test_fail_on(run_cli: Run, tmp_path: Path) -> None:
    write(tmp_path / "reply.md", reply_md(with_question=False))
    args = ("check", "reply.md", "--as-of", AS_OF, "--select", "Q101", "--quiet")
    assert run_cli(*args).exit_code == 1
    assert run_cli(*args, "--severity", "Q101=warning").exit_code == 0
    assert run_cli(*args, "--severity", "Q101=warning", "--fail-on", "warning").exit_code == 1
    assert run_cli(*args, "--exit-zero").exit_code == 0


def test_draft_preset_never_fails(run_cli: Run, tmp_path: Path) -> None:
    write(tmp_path / "reply.md", reply_md(with_question=False))
    base = ("check", "reply.md", "--as-of", AS_OF, "--format", "json")
    assert run_cli(*base).exit_code == 1
    result = run_cli(*base, "--rubric", "draft")
    assert result.exit_code == 0
    diags = json.loads(result.output)["files"][0]["diagnostics"]
    assert diags and {d["severity"] for d in diags} <= {"warning", "info"}


def test_unreadable_input_is_x003_and_the_rest_is_checked(run_cli: Run, tmp_path: Path) -> None:
    write(tmp_path / "good.md", reply_md())
    write(tmp_path / "empty.md", "")
    write(tmp_path / "binary.txt", b"\x00\x01\x02PK\x00")
    result = run_cli(
        "check",
        "good.md",
        "empty.md",
        "binary.txt",
        "missing.md",
        "--format",
        "json",
        "--as-of",
        AS_OF,
    )
    assert result.exit_code == 2
    files = {f["path"]: f for f in json.loads(result.stdout)["files"]}
    assert files["good.md"]["words"] > 10 and files["good.md"]["citations"]
    for name in ("empty.md", "binary.txt", "missing.md"):
        (d,) = files[name]["diagnostics"]
        assert (d["code"], d["category"], d["severity"]) == ("X003", "input", "error")
        assert files[name]["words"] is None
    assert "missing.md" in result.stderr


def test_text_report_of_an_unreadable_file(run_cli: Run, tmp_path: Path) -> None:
    write(tmp_path / "empty.md", "")
    result = run_cli("check", "empty.md", "--as-of", AS_OF)
    assert result.exit_code == 2
    assert result.output.startswith("empty.md:1:1: X003 ")


def test_usage_errors_exit_2(run_cli: Run, tmp_path: Path) -> None:
    write(tmp_path / "reply.md", reply_md())
    bad_select = run_cli("check", "reply.md", "--select", "Z999")
    assert bad_select.exit_code == 2
    assert "`--select`: unknown rule selector `Z999`" in bad_select.stderr
    assert run_cli("check", "reply.md", "--as-of", "25/11/2026").exit_code == 2
    assert run_cli("check", "reply.md", "--format", "yaml").exit_code == 2
    assert run_cli("check").exit_code == 2
    assert run_cli("check", "reply.md", "--rubric", "nope").exit_code == 2
    assert run_cli("check", "reply.md", "--param", "recency_years=soon").exit_code == 2


def test_bad_config_exit_2_naming_the_key(run_cli: Run, tmp_path: Path) -> None:
    write(tmp_path / "reply.md", reply_md())
    write(tmp_path / "pyproject.toml", '[tool.replylint]\nfail-on = "sometimes"\n')
    result = run_cli("check", "reply.md")
    assert result.exit_code == 2
    assert "`tool.replylint.fail-on` must be one of error, warning, info" in result.stderr
    assert "Traceback" not in result.output


def test_config_file_is_used(run_cli: Run, tmp_path: Path) -> None:
    write(tmp_path / "reply.md", reply_md(with_question=False))
    write(tmp_path / "replylint.toml", 'select = ["Q101"]\n[severity]\nQ101 = "info"\n')
    result = run_cli("check", "reply.md", "--as-of", AS_OF, "--format", "json")
    diags = json.loads(result.output)["files"][0]["diagnostics"]
    assert [(d["code"], d["severity"]) for d in diags] == [("Q101", "info")]
    assert result.exit_code == 0


def test_closest_config_per_file(run_cli: Run, tmp_path: Path) -> None:
    write(tmp_path / "replylint.toml", 'select = ["Q101", "L101"]\n')
    write(tmp_path / "week1" / "a.md", reply_md(with_question=False))
    write(tmp_path / "week2" / "b.md", reply_md(with_question=False))
    write(
        tmp_path / "week2" / "replylint.toml", 'extend = "../replylint.toml"\nignore = ["Q101"]\n'
    )
    result = run_cli("check", ".", "--as-of", AS_OF, "--format", "json")
    codes = {
        f["path"]: [d["code"] for d in f["diagnostics"]] for f in json.loads(result.output)["files"]
    }
    assert codes == {
        str(Path("week1/a.md")): ["L101", "Q101"],
        str(Path("week2/b.md")): ["L101"],
    }


def test_per_file_ignores_from_config(run_cli: Run, tmp_path: Path) -> None:
    write(
        tmp_path / "replylint.toml",
        'select = ["Q101"]\n[per-file-ignores]\n"week03/*" = ["no-follow-up-question"]\n',
    )
    write(tmp_path / "week03" / "a.md", reply_md(with_question=False))
    write(tmp_path / "week04" / "a.md", reply_md(with_question=False))
    result = run_cli("check", ".", "--as-of", AS_OF, "--format", "json")
    codes = {
        f["path"]: [d["code"] for d in f["diagnostics"]] for f in json.loads(result.output)["files"]
    }
    assert codes[str(Path("week03/a.md"))] == []
    assert codes[str(Path("week04/a.md"))] == ["Q101"]


def test_directories_are_walked(run_cli: Run, tmp_path: Path) -> None:
    for name in ("a.md", "b.txt", "c.html", "sub/d.htm", ".hidden/e.md", "notes.pdf", "f.py"):
        write(tmp_path / "replies" / name, "<p>Hello there.</p>" if "htm" in name else "Hello.")
    result = run_cli("check", "replies", "--as-of", AS_OF, "--format", "json", "--select", "Q101")
    paths = [f["path"] for f in json.loads(result.output)["files"]]
    assert paths == [
        str(Path("replies/a.md")),
        str(Path("replies/b.txt")),
        str(Path("replies/c.html")),
        str(Path("replies/sub/d.htm")),
    ]


def test_stdin(run_cli: Run) -> None:
    result = run_cli(
        "check",
        "-",
        "--as-of",
        AS_OF,
        "--format",
        "json",
        "--select",
        "Q101",
        input=reply_md(with_question=False),
    )
    (f,) = json.loads(result.output)["files"]
    assert f["path"] == "-" and [d["code"] for d in f["diagnostics"]] == ["Q101"]
    named = run_cli(
        "check",
        "-",
        "--stdin-filename",
        "mine.md",
        "--as-of",
        AS_OF,
        "--format",
        "json",
        input=reply_md(),
    )
    (f,) = json.loads(named.output)["files"]
    assert (f["path"], f["format"]) == ("mine.md", "md")


def test_output_file(run_cli: Run, tmp_path: Path) -> None:
    write(tmp_path / "reply.md", reply_md(with_question=False))
    result = run_cli(
        "check", "reply.md", "--as-of", AS_OF, "--select", "Q101", "--output-file", "out.txt"
    )
    assert result.exit_code == 1 and result.output == ""
    assert "Q101" in (tmp_path / "out.txt").read_text(encoding="utf-8")


def test_suppressions_end_to_end(run_cli: Run, tmp_path: Path) -> None:
    src = reply_md(with_question=False)
    write(tmp_path / "a.md", src + "\n<!-- replylint: disable-file=Q101 -- a summary post -->\n")
    write(tmp_path / "b.txt", "%% replylint: disable-file=no-follow-up-question\n" + src)
    write(tmp_path / "c.html", f"<p>{src}</p>\n<!-- replylint: disable-file=Q101 -->\n")
    write(tmp_path / "d.md", reply_md() + "\n<!-- replylint: disable-file=Q101 -->\n")
    write(tmp_path / "e.md", reply_md() + "\n<!-- replylint: disable-next-line=Q1O1 -->\n")
    result = run_cli("check", ".", "--as-of", AS_OF, "--format", "json", "--select", "Q101,X")
    codes = {
        f["path"]: [d["code"] for d in f["diagnostics"]] for f in json.loads(result.output)["files"]
    }
    assert codes == {"a.md": [], "b.txt": [], "c.html": [], "d.md": ["X001"], "e.md": ["X002"]}
    files = {f["path"]: f for f in json.loads(result.output)["files"]}
    (x001,) = files["d.md"]["diagnostics"]
    assert (x001["end_line"], x001["end_column"]) == (x001["line"], x001["column"])


def test_post_is_passed_to_the_analysis(tmp_path: Path, analyzer: object) -> None:
    import datetime as dt

    from replylint.cli.check import run_check
    from replylint.config import CliOverrides

    write(tmp_path / "post.md", "Burnout among nurses is rising. What can managers do?\n")
    write(tmp_path / "reply.md", reply_md())
    run, _ = run_check(
        [str(tmp_path / "reply.md")],
        CliOverrides(isolated=True, as_of=dt.date(2026, 11, 25), select=("Q101",)),
        post=str(tmp_path / "post.md"),
        analyzer=analyzer,  # type: ignore[arg-type]
    )
    reply = run.files[0].reply
    assert reply is not None and reply.post is not None
    assert "Burnout among nurses" in reply.post.document.text


@pytest.mark.parametrize("no_color_env", [True, False])
def test_colour_only_on_a_terminal(no_color_env: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from replylint.report.text import color_enabled

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    if no_color_env:
        monkeypatch.setenv("NO_COLOR", "1")
    assert color_enabled(Tty()) is (not no_color_env)
    assert color_enabled(io.StringIO()) is False
    assert color_enabled(Tty(), force=False) is False


def test_text_colour_when_asked(tmp_path: Path, analyzer: object) -> None:
    import datetime as dt
    import io

    from replylint.cli.check import run_check
    from replylint.config import CliOverrides
    from replylint.report.text import write_text

    write(tmp_path / "reply.md", reply_md(with_question=False))
    run, _ = run_check(
        [str(tmp_path / "reply.md")],
        CliOverrides(isolated=True, as_of=dt.date(2026, 11, 25), select=("Q101",)),
        analyzer=analyzer,  # type: ignore[arg-type]
    )
    out = io.StringIO()
    write_text(run, out, color=True)
    assert "\x1b[31m" in out.getvalue()  # errors in red
    plain = io.StringIO()
    write_text(run, plain, color=False)
    assert "\x1b[" not in plain.getvalue()


def test_every_documented_format_exists() -> None:
    from replylint.cli.check import FORMAT_NAMES, _reporter

    for name in FORMAT_NAMES.split(", "):
        if name not in ("text", "concise"):
            assert callable(_reporter(name))


def test_many_files_go_through_one_pipeline_stream(tmp_path: Path) -> None:
    """All readable files are analysed in one ``analyze_many`` call (spaCy loaded once)."""
    import datetime as dt
    from dataclasses import replace

    from replylint.cli.check import run_check
    from replylint.config import CliOverrides
    from tests.engine.builders import reply

    calls: list[int] = []

    class CountingAnalyzer:
        def analyze_many(self, items):  # type: ignore[no-untyped-def]
            items = list(items)
            calls.append(len(items))
            for doc, as_of, _parent in items:
                yield replace(reply(doc.text, path=doc.path), document=doc, as_of=as_of)

    for name in ("a.md", "b.txt", "c.html"):
        write(tmp_path / name, "<p>Hello there.</p>" if name.endswith("html") else "Hello.")
    write(tmp_path / "empty.md", "")
    run, _ = run_check(
        [str(tmp_path)],
        CliOverrides(isolated=True, as_of=dt.date(2026, 11, 25), select=("Q101",)),
        analyzer=CountingAnalyzer(),  # type: ignore[arg-type]
    )
    assert calls == [3]
    assert [f.reply is not None for f in run.files] == [True, True, True, False]


def test_batch_freezes_the_heap_only_while_it_runs(tmp_path: Path) -> None:
    """The collector skips long-lived objects during a batch; afterwards the heap is as it was."""
    import datetime as dt
    import gc
    from dataclasses import replace

    from replylint.cli.check import run_check
    from replylint.config import CliOverrides
    from tests.engine.builders import reply

    seen: list[int] = []

    class FreezeWatchingAnalyzer:
        def analyze_many(self, items):  # type: ignore[no-untyped-def]
            for doc, as_of, _parent in items:
                seen.append(gc.get_freeze_count())
                yield replace(reply(doc.text, path=doc.path), document=doc, as_of=as_of)

    for name in ("a.md", "b.md"):
        write(tmp_path / name, "Hello.")
    overrides = CliOverrides(isolated=True, as_of=dt.date(2026, 11, 25), select=("Q101",))
    before = gc.get_freeze_count()
    run_check([str(tmp_path)], overrides, analyzer=FreezeWatchingAnalyzer())  # type: ignore[arg-type]
    assert before == 0 and gc.get_freeze_count() == 0
    assert seen and all(count > 0 for count in seen)

    # One file is no batch: nothing is frozen.
    seen.clear()
    run_check([str(tmp_path / "a.md")], overrides, analyzer=FreezeWatchingAnalyzer())  # type: ignore[arg-type]
    assert seen == [0]


def test_concise_format(run_cli: Run, tmp_path: Path) -> None:
    write(tmp_path / "reply.md", reply_md(with_question=False))
    result = run_cli(
        "check", "reply.md", "--as-of", AS_OF, "--select", "Q101", "--format", "concise"
    )
    lines = result.output.strip().splitlines()
    assert TEXT_HEAD.match(lines[0]) and lines[-1] == "Found 1 error."
    assert len(lines) == 2


def test_show_settings(run_cli: Run, tmp_path: Path) -> None:
    write(tmp_path / "week1" / "replylint.toml", 'ignore = ["Y"]\n[params]\nmin_words = 90\n')
    write(tmp_path / "week1" / "a.md", "Hello.")
    result = run_cli("check", "week1/a.md", "--show-settings", "--rubric", "draft")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["config_path"] == str((tmp_path / "week1" / "replylint.toml").resolve())
    assert data["preset"] == "draft" and data["max_severity"] == "warning"
    assert data["params"]["min_words"] == 90 and data["params"]["recency_years"] == 5
    assert "Y101" not in data["selected"] and "Q101" in data["selected"]
