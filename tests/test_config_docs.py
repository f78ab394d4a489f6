"""docs/configuration.md documents every key and parameter, and its examples are valid."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from replylint.config import GLOBAL_PARAMS, KNOWN_KEYS, Settings, parse_layer
from replylint.engine import Linter, load_check_kinds, load_preset, load_rules
from replylint.engine.packs import parse_pack

DOC = Path(__file__).resolve().parents[1] / "docs" / "configuration.md"


def toml_blocks() -> list[str]:
    return re.findall(r"```toml\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)


def test_every_key_and_parameter_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    for key in KNOWN_KEYS:
        assert f"`{key.replace('_', '-')}`" in text, key
    for name in GLOBAL_PARAMS:
        assert f"`{name}`" in text, name


def test_examples_are_valid(tmp_path: Path) -> None:
    import tomllib

    blocks = toml_blocks()
    assert len(blocks) >= 5
    for block in blocks:
        data = tomllib.loads(block)
        if "pack" in data:
            rules = parse_pack(tmp_path / "course-rules.toml", data)
            assert all(r.check in load_check_kinds() for r in rules)
            path = tmp_path / "course-rules.toml"
            path.write_text(block, encoding="utf-8")
            linter = Linter(Settings(select=("Y201",), packs=(path,)))
            assert list(linter.selected) == ["Y201"]
        elif isinstance(data.get("preset"), dict):
            path = tmp_path / "strict-week.toml"
            path.write_text(block, encoding="utf-8")
            assert load_preset(str(path)).layers[-1].values["params"]["recency_years"] == 7
        elif "project" in data:
            continue  # a plugin's entry point
        else:
            table = data.get("tool", {}).get("replylint", data)
            layer = parse_layer(table, label="doc", prefix="", base=tmp_path)
            rules = load_rules()
            from replylint.engine.selection import validate

            for key in ("select", "ignore", "extend_select"):
                validate(layer.values.get(key, ()), rules, where=key)


@pytest.mark.parametrize("line", [1, 2, 3])
def test_documented_error_messages_match(line: int, tmp_path: Path) -> None:
    from replylint.config import CliOverrides
    from replylint.engine import load_settings
    from replylint.errors import ConfigError

    text = DOC.read_text(encoding="utf-8")
    shown = re.findall(r"^replylint: error: (.*)$", text, flags=re.M)[line - 1]
    course = tmp_path / "course"
    course.mkdir()
    overrides = CliOverrides()
    if line == 1:
        (course / "replylint.toml").write_text('fail-on = "fatal"\n')
    elif line == 2:
        (course / "pyproject.toml").write_text('[tool.replylint]\nselect = ["Y1O1"]\n')
    else:
        overrides = CliOverrides(isolated=True, ignore=("Z9",))
    with pytest.raises(ConfigError) as err:
        load_settings(course, overrides)
    assert str(err.value) == shown.replace("/course", str(course))
