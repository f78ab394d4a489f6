"""Selectors: ALL, family letters, code prefixes, codes, names; specificity."""

from __future__ import annotations

from pathlib import Path

import pytest

from replylint.config import ConfigError
from replylint.engine import load_rules
from replylint.engine.selection import file_ignores, resolve, select_rules, severity_overrides
from replylint.model import RuleMeta, Severity


@pytest.fixture()
def rules(pack: Path) -> dict[str, RuleMeta]:
    return {c: r for c, r in load_rules([pack]).items() if c[0] in "TX"}


def sel(rules: dict[str, RuleMeta], **kw: object) -> list[str]:
    return sorted(select_rules(rules, **kw))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("selector", "codes"),
    [
        ("T", {"T101", "T102", "T201", "T301"}),
        ("T1", {"T101", "T102"}),
        ("t10", {"T101", "T102"}),
        ("T101", {"T101"}),
        ("t101", {"T101"}),
        ("bad-word", {"T101"}),
        ("ALL", {"T101", "T102", "T201", "T301", "X001", "X002", "X003"}),
    ],
)
def test_resolve(rules: dict[str, RuleMeta], selector: str, codes: set[str]) -> None:
    assert resolve(selector, rules) == codes


@pytest.mark.parametrize("selector", ["Z", "T9", "T1011", "T10x", "no-such-rule", ""])
def test_unknown_selector(rules: dict[str, RuleMeta], selector: str) -> None:
    with pytest.raises(ConfigError, match=r"^`select`: unknown rule selector "):
        resolve(selector, rules, where="`select`")


def test_default_selection_is_the_enabled_rules(rules: dict[str, RuleMeta]) -> None:
    assert sel(rules, select=None) == ["T101", "T102", "X001", "X002", "X003"]


def test_select_replaces_the_default(rules: dict[str, RuleMeta]) -> None:
    assert sel(rules, select=["T1"]) == ["T101", "T102"]
    assert sel(rules, select=["T"]) == ["T101", "T102", "T201", "T301"]


def test_extend_select_adds_disabled_rules(rules: dict[str, RuleMeta]) -> None:
    assert "T201" in sel(rules, select=None, extend_select=["meh-word"])


def test_ignore(rules: dict[str, RuleMeta]) -> None:
    assert sel(rules, select=None, ignore=["X", "T102"]) == ["T101"]


def test_more_specific_selector_wins(rules: dict[str, RuleMeta]) -> None:
    assert sel(rules, select=["T101"], ignore=["T"]) == ["T101"]
    assert sel(rules, select=["T"], ignore=["T101"]) == ["T102", "T201", "T301"]
    assert sel(rules, select=["T1"], ignore=["T1"]) == []


def test_severity_overrides_most_specific(rules: dict[str, RuleMeta]) -> None:
    out = severity_overrides({"T": Severity.INFO, "T101": Severity.WARNING}, rules)
    assert out["T101"] is Severity.WARNING
    assert out["T102"] is Severity.INFO
    assert "X001" not in out


def test_file_ignores(rules: dict[str, RuleMeta], tmp_path: Path) -> None:
    per_file = {"week03/*": ["T101"], "*.txt": ["ugly-word"], "notes.md": ["X"]}
    week = tmp_path / "week03" / "a.md"
    assert file_ignores(str(week), per_file, rules, tmp_path) == {"T101"}
    assert file_ignores(str(tmp_path / "b.txt"), per_file, rules, tmp_path) == {"T102"}
    assert file_ignores(str(tmp_path / "sub" / "notes.md"), per_file, rules, tmp_path) == {
        "X001",
        "X002",
        "X003",
    }
    assert file_ignores(str(tmp_path / "c.md"), per_file, rules, tmp_path) == set()
