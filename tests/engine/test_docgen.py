"""``docs/rules/`` is generated from the rule metadata; the committed pages must be current."""

from __future__ import annotations

from pathlib import Path

from replylint.docgen import main, render_index, render_rule, rule_pages, write_docs
from replylint.engine import load_rules

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_committed_rule_docs_are_current() -> None:
    expected = rule_pages(load_rules())
    folder = DOCS / "rules"
    actual = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.md")}
    stale = sorted(n for n in expected if actual.get(n) != expected[n])
    extra = sorted(set(actual) - set(expected))
    assert not stale and not extra, (
        f"docs/rules is out of date (stale: {stale}, no longer a rule: {extra}); "
        "run `python -m replylint.docgen docs`"
    )


def test_rule_page_sections() -> None:
    page = render_rule(load_rules()["X001"])
    assert page.startswith("# unused-suppression (X001)\n")
    assert "- **Default severity:** warning" in page
    assert "## What it does" in page and "## Fix safety" in page


def test_index_links_every_rule() -> None:
    rules = load_rules()
    index = render_index(rules)
    for code in rules:
        assert f"[{code}]({code}.md)" in index


def test_write_docs_removes_pages_of_deleted_rules(tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "Z999.md").write_text("old")
    assert main([str(tmp_path)]) == 0
    assert not (tmp_path / "rules" / "Z999.md").exists()
    assert (tmp_path / "rules" / "index.md").exists()
    again = write_docs(tmp_path, load_rules())
    assert len(again) == len(load_rules()) + 1


def test_docgen_usage() -> None:
    assert main([]) == 2
