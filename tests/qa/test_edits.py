"""Data-driven edits of the correct reply (tests/cases/qa/edits.json): what must be flagged,
what must be left alone. A case with ``route`` is a known problem in a module still being
written; it stays a strict xfail until that module is fixed."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from tests.conftest import ROOT
from tests.qa.replies import correct_reply

AS_OF = "2026-11-25"
Run = Callable[..., Result]
CASES: list[dict[str, Any]] = json.loads(
    (ROOT / "tests" / "cases" / "qa" / "edits.json").read_text(encoding="utf-8")
)


def _param(case: dict[str, Any]) -> Any:
    marks = [pytest.mark.xfail(strict=True, reason=case["route"])] if "route" in case else []
    return pytest.param(case, id=case["id"], marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_edit(run_cli: Run, tmp_path: Path, case: dict[str, Any]) -> None:
    text = correct_reply(case["fmt"])
    if "cut_at" in case:
        text = text[: text.index(case["cut_at"])]
    for old, new in case["replace"]:
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / f"reply.{case['fmt']}"
    path.write_text(text, encoding="utf-8")
    result = run_cli("check", "--isolated", "--as-of", AS_OF, "--format", "json", path.name)
    diags = json.loads(result.stdout)["files"][0]["diagnostics"]
    found = {d["code"] for d in diags if d["severity"] in ("error", "warning")}
    expect = case["expect"]
    for wanted in expect["codes"]:
        assert found & set(wanted.split("|")), (wanted, diags)
    if not expect["codes"]:
        assert found == set(), diags
    assert not found & set(expect.get("absent", [])), diags
    if "hint_of" in expect:
        hints = [d["hint"] for d in diags if d["code"] == expect["hint_of"]]
        assert hints and all(h == expect["hint"] for h in hints), hints
