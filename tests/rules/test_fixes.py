"""The rules' fixes applied to real case files: they remove the finding and are idempotent."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from .cases import CASES, analyse, expand, parse_case, settings_for

FIXABLE = {
    # case file: (codes its safe fixes must clear, codes its unsafe fixes must clear)
    "c101-c102-et-al-forms.md": ({"C101", "C102"}, set()),
    "c103-c104-and-ampersand.html": ({"C103", "C104"}, set()),
    "c107-no-comma.txt": ({"C107"}, set()),
    "c102-c107-et-al-no-comma.md": ({"C102", "C107"}, set()),
    "c105-all-names.txt": (set(), {"C105"}),
    "c106-et-al-two-authors.md": (set(), {"C106"}),
    "c108-order.html": (set(), {"C108"}),
    "m103-year-mismatch.txt": (set(), {"M103"}),
    "m104-author-typo.html": (set(), {"M104"}),
}


@pytest.fixture(scope="module")
def base_settings(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from replylint.engine import load_settings

    return load_settings(tmp_path_factory.mktemp("no-config"))


def _fix_once(case: Any, text: str, analyzer: Any, settings: Any, unsafe: bool) -> tuple[str, Any]:
    from replylint.engine import Linter
    from replylint.fixes import plan_fixes, selectable_fixes

    case = dataclasses.replace(case, text=text)
    reply = analyse(case, analyzer)
    diags = Linter(settings).lint(reply)
    plan = plan_fixes(reply.document, selectable_fixes(diags, unsafe=unsafe))
    return plan.source, diags


@pytest.mark.parametrize("name", sorted(FIXABLE))
@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
def test_fixes_clear_the_finding(
    name: str, unsafe: bool, analyzer: Any, base_settings: Any
) -> None:
    case = parse_case(CASES / name)
    settings = settings_for(case, base_settings)
    safe_codes, unsafe_codes = FIXABLE[name]
    cleared = safe_codes | (unsafe_codes if unsafe else set())
    text = expand(case.text, case.fmt)
    fixed, before = _fix_once(case, text, analyzer, settings, unsafe)
    assert cleared <= {d.code for d in before}
    again, after = _fix_once(case, fixed, analyzer, settings, unsafe)
    left = {d.code for d in after} & cleared
    assert not left, f"still reported after fixing: {left}\n{fixed}"
    assert again == fixed, "fixing a second time changed the text again"
    if not unsafe:
        assert unsafe_codes <= {d.code for d in after} or not unsafe_codes
    if name.startswith("c102-c107"):
        assert "(Yang et al., 2024)" in fixed
