"""Rule packs and presets: loading from the package data, validation messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from replylint.config import ConfigError
from replylint.engine import load_preset, load_rules, preset_names
from replylint.engine.packs import builtin_pack_files, data_root, parse_pack
from replylint.model import CATEGORIES, Severity

from .kinds import write_pack

ROOT = Path(__file__).resolve().parents[2]


def test_builtin_packs_come_from_the_rules_folder_in_a_checkout() -> None:
    assert data_root().resolve() == (ROOT / "rules").resolve()
    names = {p.name for p in builtin_pack_files()}
    assert "meta.toml" in names
    assert all(p.parent.resolve() == data_root().resolve() for p in builtin_pack_files())


def test_meta_rules_are_loaded_with_metadata() -> None:
    rules = load_rules()
    assert rules["X001"].name == "unused-suppression"
    assert rules["X002"].name == "unknown-rule-in-suppression"
    x003 = rules["X003"]
    assert (x003.category, x003.severity) == ("input", Severity.ERROR)
    assert "## What it does" in x003.explanation


def test_every_builtin_rule_is_well_formed() -> None:
    rules = load_rules()
    assert list(rules) == sorted(rules)
    for code, rule in rules.items():
        assert code == rule.code
        assert rule.category in CATEGORIES
        assert rule.summary and not rule.summary.endswith("\n")


def test_extra_pack_adds_rules(pack: Path) -> None:
    rules = load_rules([pack])
    assert rules["T101"].params == {"word": "bad", "fixable": True}
    assert rules["T101"].pack == "test"
    assert rules["T201"].enabled is False
    assert "T101" not in load_rules()


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('code = "T101"', 'code = "T10"', "rule[0] (T10): `code` must be a letter and three"),
        ('name = "bad-word"', 'name = "Bad_Word"', "`name` must be kebab-case"),
        ('category = "citation-format"', 'category = "style"', "`category` must be one of"),
        ('severity = "error"', 'severity = "fatal"', "`severity` must be error, warning or info"),
        ('fix = "safe"', 'fix = "maybe"', "`fix` must be one of safe, unsafe, none"),
        ('fix = "safe"', 'fix = "safe"\ncolour = "red"', "rule[0] (T101): unknown key `colour`"),
        ('summary = "The word bad"\n', "", "rule[0] (T101): missing key `summary`"),
        ("enabled = false", 'enabled = "no"', "`enabled` must be true or false"),
    ],
)
def test_bad_pack_names_file_and_key(tmp_path: Path, old: str, new: str, message: str) -> None:
    from .kinds import PACK

    assert old in PACK
    path = write_pack(tmp_path, PACK.replace(old, new, 1))
    with pytest.raises(ConfigError) as err:
        load_rules([path])
    assert str(path) in str(err.value)
    assert message in str(err.value)


def test_pack_top_level_unknown_key(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"unknown key `rules`"):
        parse_pack(tmp_path / "x.toml", {"rules": []})


def test_invalid_toml_is_a_config_error(tmp_path: Path) -> None:
    path = write_pack(tmp_path, "[pack\nname=")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_rules([path])


def test_duplicate_code_is_refused(tmp_path: Path, pack: Path) -> None:
    other = write_pack(tmp_path, pack.read_text().replace("bad-word", "other-word"), "b.toml")
    with pytest.raises(ConfigError, match="T101 is already defined"):
        load_rules([pack, other])


def test_builtin_code_cannot_be_redefined(tmp_path: Path) -> None:
    from .kinds import PACK

    path = write_pack(tmp_path, PACK.replace('"T101"', '"X001"').replace("bad-word", "zz-word"))
    with pytest.raises(ConfigError, match="X001 is already defined"):
        load_rules([path])


def test_presets() -> None:
    assert {"discussion-reply", "draft"} <= set(preset_names())
    reply = load_preset("discussion-reply")
    params = reply.layers[-1].values["params"]
    assert params["recency_years"] == 5
    assert {"min_recent_sources", "min_peer_reviewed", "min_words", "max_words"} <= set(params)
    assert params["follow_up_required"] is True
    draft = load_preset("draft")
    assert draft.layers[0].path == reply.layers[0].path
    assert draft.layers[-1].values["max_severity"] == Severity.WARNING


def test_unknown_preset_lists_the_known_ones() -> None:
    with pytest.raises(ConfigError, match=r"unknown rubric preset `strictest` \(known: .*draft"):
        load_preset("strictest")


def test_preset_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "course.toml"
    path.write_text('[preset]\nextend = "draft"\n[params]\nrecency_years = 7\n')
    preset = load_preset(str(path))
    assert preset.layers[-1].values["params"] == {"recency_years": 7}
    assert len(preset.layers) == 3


def test_preset_with_unknown_key(tmp_path: Path) -> None:
    path = tmp_path / "course.toml"
    path.write_text("[preset]\nname = 'x'\ncolour = 1\n")
    with pytest.raises(ConfigError, match=r"unknown key `preset.colour`"):
        load_preset(str(path))


def test_installed_package_data_is_preferred(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a wheel, ``replylint.rules_data`` is a data-only package; its folder is used."""
    import importlib.machinery
    import importlib.util

    from replylint.engine import packs

    data = tmp_path / "site" / "replylint" / "rules_data"
    (data / "presets").mkdir(parents=True)
    write_pack(data, name="meta.toml")
    spec = importlib.machinery.ModuleSpec("replylint.rules_data", None, is_package=True)
    spec.submodule_search_locations = [str(data)]
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: spec if name == "replylint.rules_data" else real(name, *a),
    )
    monkeypatch.setattr(packs.importlib.resources, "files", lambda name: data)
    assert packs.data_root() == data
    assert [p.name for p in packs.builtin_pack_files()] == ["meta.toml"]
