"""Check kinds: the decorator, the context, entry-point discovery."""

from __future__ import annotations

from importlib.metadata import entry_points
from pathlib import Path

import pytest

from replylint.config import ConfigError, Settings
from replylint.engine import Context, Linter, check, check_kinds, load_check_kinds, load_rules
from replylint.engine.registry import ENTRY_POINT_GROUP
from replylint.model import Severity, Span

from . import kinds
from .kinds import write_pack


def test_decorator_registers_by_name() -> None:
    assert check_kinds()["test.word"] is kinds.flag_word


def test_a_name_cannot_be_taken_twice() -> None:
    with pytest.raises(ValueError, match="registered twice"):

        @check("test.word")
        def other(reply, ctx):
            return []


def test_context_fills_the_rule_metadata(pack: Path) -> None:
    rule = load_rules([pack])["T102"]
    ctx = Context(rule=rule, params={"word": "ugly"}, settings=Settings())
    d = ctx.diagnostic(Span(1, 3), "msg", hint="h", data={"a": 1})
    assert (d.code, d.name, d.category, d.severity) == (
        "T102",
        "ugly-word",
        "recency",
        Severity.WARNING,
    )
    assert (d.message, d.hint, d.data, d.span) == ("msg", "h", {"a": 1}, Span(1, 3))
    assert ctx.diagnostic(Span(0, 0), "m", severity=Severity.INFO).severity is Severity.INFO


def test_builtins_are_found_through_the_entry_point_group() -> None:
    found = {ep.name: ep.value for ep in entry_points(group=ENTRY_POINT_GROUP)}
    assert found.get("builtin") == "replylint.checks"
    kinds_ = load_check_kinds()
    # every built-in offline rule's check kind is registered once the entry points are loaded
    for rule in load_rules().values():
        if rule.check != "engine" and not rule.needs_network:
            assert rule.check in kinds_, rule.code


def test_unknown_check_kind_is_a_clear_error(tmp_path: Path) -> None:
    path = write_pack(tmp_path, kinds.PACK.replace('"test.word"', '"nowhere.kind"', 1))
    with pytest.raises(ConfigError) as err:
        Linter(Settings(select=("T",), packs=(path,)))
    message = str(err.value)
    assert "T101" in message and "`nowhere.kind`" in message and "pack `test`" in message


def test_unknown_kind_of_an_unselected_rule_is_not_an_error(tmp_path: Path) -> None:
    path = write_pack(tmp_path, kinds.PACK.replace('"test.word"', '"nowhere.kind"', 1))
    linter = Linter(Settings(select=("T102",), packs=(path,)))
    assert list(linter.selected) == ["T102"]


def test_broken_entry_point_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib.metadata import EntryPoint

    from replylint.engine import registry

    bad = EntryPoint(name="broken", value="replylint_no_such_module", group=ENTRY_POINT_GROUP)
    monkeypatch.setattr(registry, "entry_points", lambda group: [bad])
    with pytest.raises(ConfigError, match=r"entry point `broken` \(replylint_no_such_module\)"):
        load_check_kinds()


def test_plugins_load_only_when_their_kinds_are_needed(monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib.metadata import EntryPoint

    from replylint.engine import registry

    slow = EntryPoint(name="slow", value="replylint_no_such_plugin", group=ENTRY_POINT_GROUP)
    monkeypatch.setattr(registry, "entry_points", lambda group: [slow])
    assert "test.word" in load_check_kinds({"test.word"})  # already there: nothing imported
    with pytest.raises(ConfigError, match="entry point `slow`"):
        load_check_kinds({"plugin.kind"})


def test_reply_memo_holds_the_values_of_the_last_reply_only(pack: Path) -> None:
    rule = load_rules([pack])["T102"]
    first, second = object(), object()
    ctx = Context(rule=rule, params={"word": "ugly"})
    ctx.shared(first)["k"] = 1  # type: ignore[arg-type]
    assert ctx.shared(first) == {"k": 1}  # type: ignore[arg-type]
    assert ctx.shared(second) == {}  # type: ignore[arg-type]
    assert ctx.shared(first) == {}  # type: ignore[arg-type]
    other = Context(rule=rule, params={}, memo=ctx.memo)
    assert other.shared(first) is ctx.shared(first)  # type: ignore[arg-type]
    ctx.memo.clear()
    assert ctx.shared(first) == {}  # type: ignore[arg-type]


def test_derived_values_are_built_once_per_context(pack: Path) -> None:
    rule = load_rules([pack])["T102"]
    ctx = Context(rule=rule, params={"word": "ugly"})
    calls: list[str] = []

    def build(params: object) -> str:
        calls.append("built")
        return str(params)

    assert ctx.derived("w", build) == ctx.derived("w", build) == str({"word": "ugly"})
    assert calls == ["built"]
    assert ctx == Context(rule=rule, params={"word": "ugly"})  # the caches are not compared
