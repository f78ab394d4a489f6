"""Every rule case in ``tests/cases/rules``: the codes it must produce, and no others."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .cases import RUBRIC_CODES, RuleCase, analyse, outcome, rule_cases, settings_for

CASES = rule_cases()


@pytest.fixture(scope="module")
def base_settings(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from replylint.engine import load_settings

    return load_settings(tmp_path_factory.mktemp("no-config"))


def test_every_rule_has_flagging_cases() -> None:
    flagged = {code.partition(":")[0] for c in CASES for code in c.expect}
    assert set(RUBRIC_CODES) - flagged == set()


def test_cases_cover_every_format_and_clean_replies() -> None:
    assert {c.fmt for c in CASES} == {"md", "txt", "html"}
    assert sum(1 for c in CASES if not c.expect) >= 8


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_rule_case(case: RuleCase, analyzer: Any, base_settings: Any, tmp_path: Path) -> None:
    from replylint.engine import Linter

    reply = analyse(case, analyzer)
    diagnostics = Linter(settings_for(case, base_settings)).lint(reply)
    missing, unexpected = outcome(case, diagnostics)
    shown = "\n".join(f"  {d.code} {d.severity.value}: {d.message}" for d in diagnostics)
    assert not missing and not unexpected, (
        f"missing {sorted(missing)}, unexpected {sorted(unexpected)}; found:\n{shown}"
    )


BENCH = rule_cases(Path(__file__).resolve().parents[2] / "benchmarks" / "cases" / "rubric")


def test_benchmark_has_twenty_correct_replies_in_three_formats() -> None:
    correct = [c for c in BENCH if not c.expect]
    assert len(correct) >= 20
    assert {c.fmt for c in correct} == {"md", "txt", "html"}


@pytest.mark.parametrize("case", BENCH, ids=[c.id for c in BENCH])
def test_benchmark_case(case: RuleCase, analyzer: Any, base_settings: Any) -> None:
    """The rubric benchmark's replies, as tests: planted codes found, nothing else loud."""
    from replylint.engine import Linter

    reply = analyse(case, analyzer, sentence_case=True)
    diagnostics = Linter(settings_for(case, base_settings)).lint(reply)
    missing, unexpected = outcome(case, diagnostics)
    assert not missing and not unexpected, (missing, unexpected)


@pytest.mark.parametrize("case", [c for c in BENCH if not c.expect], ids=lambda c: c.id)
def test_harmless_rewritings_of_correct_replies_stay_clean(
    case: RuleCase, analyzer: Any, base_settings: Any
) -> None:
    """One-line paragraphs, a signature, CRLF, ... must not add a finding (false positives)."""
    import dataclasses

    from benchmarks.rubric_accuracy import VARIANTS
    from replylint.engine import Linter

    for name, rewrite in VARIANTS.items():
        variant = dataclasses.replace(case, text=rewrite(case.text))
        reply = analyse(variant, analyzer, sentence_case=True)
        diagnostics = Linter(settings_for(variant, base_settings)).lint(reply)
        loud = [f"{d.code} {d.message}" for d in diagnostics if d.severity.value != "info"]
        assert not loud, (name, loud)
