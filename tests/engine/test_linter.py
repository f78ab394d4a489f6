"""The linter: parameters, severities, presets, per-file ignores, ordering, failures."""

from __future__ import annotations

from pathlib import Path

import pytest

from replylint.config import CliOverrides
from replylint.engine import CheckFailed, load_settings
from replylint.model import Severity

from .builders import reply


def codes(diags) -> list[str]:
    return [d.code for d in diags]


def test_lint_runs_selected_rules_sorted_by_position(make_linter) -> None:
    diags = make_linter().lint(reply("ugly and bad, then ugly again"))
    assert codes(diags) == ["T102", "T101", "T102"]
    assert [d.span.start for d in diags] == sorted(d.span.start for d in diags)
    assert diags[1].fix is not None and diags[1].fix.applicability == "safe"


def test_disabled_rule_runs_only_when_selected(make_linter) -> None:
    assert codes(make_linter(select=("T1",)).lint(reply("meh"))) == []
    assert codes(make_linter(select=("T1",), extend_select=("T201",)).lint(reply("meh"))) == [
        "T201"
    ]


def test_params_merge_rule_defaults_under_settings(make_linter) -> None:
    linter = make_linter(select=("T301",), params={"recency_years": 7, "min_words": 10})
    (d,) = linter.lint(reply("text"))
    assert d.data["recency_years"] == 7
    assert d.data["own"] == "x"
    assert d.data["min_words"] == 10


def test_severity_override(make_linter) -> None:
    linter = make_linter(severity={"T1": Severity.INFO, "bad-word": Severity.WARNING})
    sev = {d.code: d.severity for d in linter.lint(reply("bad ugly"))}
    assert sev == {"T101": Severity.WARNING, "T102": Severity.INFO}


def test_max_severity_caps_everything_but_input(make_linter) -> None:
    linter = make_linter(max_severity=Severity.WARNING)
    assert {d.severity for d in linter.lint(reply("bad ugly"))} == {Severity.WARNING}
    assert linter.input_error(None, "x").severity is Severity.ERROR


def test_per_file_ignores(make_linter, tmp_path: Path) -> None:
    linter = make_linter(per_file_ignores={"week03/*": ("T101",)})
    inside = reply("bad ugly", path=str(tmp_path / "week03" / "a.md"))
    outside = reply("bad ugly", path=str(tmp_path / "week04" / "a.md"))
    assert codes(linter.lint(inside)) == ["T102"]
    assert codes(linter.lint(outside)) == ["T101", "T102"]


def test_a_failing_check_names_rule_and_file(tmp_path: Path) -> None:
    from replylint.config import Settings
    from replylint.engine import Linter

    from .kinds import PACK, write_pack

    path = write_pack(tmp_path, PACK.replace('"test.word"', '"test.boom"', 1))
    linter = Linter(Settings(select=("T101",), packs=(path,)))
    with pytest.raises(CheckFailed, match=r"x\.md: rule T101 \(test.boom\) failed: RuntimeError"):
        linter.lint(reply("bad", path="x.md"))


def test_input_error_is_x003(make_linter) -> None:
    d = make_linter().input_error(None, "x.md: the input is empty")
    assert (d.code, d.name, d.category, d.severity) == (
        "X003",
        "input-not-parsed",
        "input",
        Severity.ERROR,
    )


def test_draft_preset_caps_severity(tmp_path: Path, pack: Path) -> None:
    settings = load_settings(
        tmp_path, CliOverrides(preset="draft", isolated=True, packs=(str(pack),))
    )
    assert settings.max_severity is Severity.WARNING
    assert settings.params["recency_years"] == 5
    from replylint.engine import Linter

    linter = Linter(
        type(settings)(**{**settings.__dict__, "select": ("T",)})  # only the test rules
    )
    found = linter.lint(reply("bad ugly"))
    assert found and Severity.ERROR not in {d.severity for d in found}


def test_default_preset_is_discussion_reply(tmp_path: Path) -> None:
    settings = load_settings(tmp_path, CliOverrides(isolated=True))
    assert settings.preset == "discussion-reply"
    assert settings.max_severity is None
    assert settings.params["recency_years"] == 5
    assert settings.params["follow_up"] == "question"


def test_a_failing_check_is_a_finding_when_not_strict(tmp_path: Path) -> None:
    from replylint.config import Settings
    from replylint.engine import Linter

    from .kinds import PACK, write_pack

    path = write_pack(tmp_path, PACK.replace('"test.word"', '"test.boom"', 1))
    linter = Linter(Settings(select=("T1",), packs=(path,)), strict=False)
    diags = linter.lint(reply("bad ugly", path="x.md"))
    assert codes(diags) == ["X003", "T102"]
    assert "rule T101 (test.boom) failed: RuntimeError: kaboom" in diags[0].message


def test_rules_share_one_memo_that_lint_lets_go(make_linter) -> None:
    linter = make_linter()
    memos = {id(linter.context(code).memo) for code in ("T101", "T102")}
    assert len(memos) == 1
    one = reply("ugly")
    linter.context("T101").shared(one)["seen"] = True
    linter.lint(one)
    assert linter.context("T101").shared(one) == {}
