"""Rule packs and rubric presets: TOML data, loaded and validated with messages naming the key.

Built-in packs ship in the wheel as the package data ``replylint.rules_data``; in a source
or editable checkout they are the repository's top-level ``rules/`` folder.
"""

from __future__ import annotations

import functools
import importlib.resources
import importlib.util
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import Layer, parse_layer, read_toml
from ..errors import ConfigError
from ..model import CATEGORIES, RuleMeta, Severity

__all__ = [
    "ENGINE_CHECK",
    "PackError",
    "Preset",
    "builtin_pack_files",
    "data_root",
    "load_preset",
    "load_rules",
    "parse_pack",
    "preset_names",
]

#: The check kind of rules the engine itself produces (suppressions, unreadable input).
ENGINE_CHECK = "engine"

CODE_RE = re.compile(r"^[A-Z][0-9]{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_FIX = ("safe", "unsafe", "none")
_RULE_KEYS = frozenset(
    {
        "code",
        "name",
        "category",
        "severity",
        "fix",
        "criterion",
        "check",
        "enabled",
        "summary",
        "explanation",
        "params",
        "needs_network",
    }
)
_REQUIRED = ("code", "name", "category", "severity", "check", "summary")


class PackError(ConfigError):
    """A rule pack or preset file is malformed; the message names the file and the key."""


def data_root() -> Path:
    """The folder holding the built-in packs (``presets/`` and ``rubrics/`` inside it)."""
    # Installed from a wheel: ``replylint.rules_data`` is a data-only (namespace) package, so
    # ``importlib.resources.files`` may give a multiplexed path; take its real folders.
    candidates: list[Path] = []
    try:
        root = importlib.resources.files("replylint.rules_data")
        if isinstance(root, Path):
            candidates.append(root)
        spec = importlib.util.find_spec("replylint.rules_data")
        if spec is not None and spec.submodule_search_locations:
            candidates.extend(Path(p) for p in spec.submodule_search_locations)
    except (ModuleNotFoundError, TypeError, ValueError):
        pass
    for path in candidates:
        if path.is_dir() and any(path.glob("*.toml")):
            return path
    # Source or editable checkout: the top-level rules/ folder next to the package.
    return Path(__file__).resolve().parents[2] / "rules"


def builtin_pack_files() -> list[Path]:
    """The built-in pack files, sorted by name."""
    root = data_root()
    return sorted(p for p in root.glob("*.toml") if p.is_file())


def _where(path: Path, index: int, rule: Mapping[str, Any]) -> str:
    code = rule.get("code")
    tag = f" ({code})" if isinstance(code, str) else ""
    return f"{path}: rule[{index}]{tag}"


def _parse_rule(path: Path, pack: str, index: int, raw: Any) -> RuleMeta:
    if not isinstance(raw, Mapping):
        raise PackError(f"{path}: rule[{index}] must be a table")
    where = _where(path, index, raw)
    for key in raw:
        if key not in _RULE_KEYS:
            raise PackError(f"{where}: unknown key `{key}`")
    for key in _REQUIRED:
        if key not in raw:
            raise PackError(f"{where}: missing key `{key}`")
    for key in ("code", "name", "category", "severity", "check", "summary"):
        if not isinstance(raw[key], str) or not raw[key].strip():
            raise PackError(f"{where}: `{key}` must be a non-empty string")
    code, name = raw["code"], raw["name"]
    if not CODE_RE.match(code):
        raise PackError(f"{where}: `code` must be a letter and three digits (got {code!r})")
    if not NAME_RE.match(name):
        raise PackError(f"{where}: `name` must be kebab-case (got {name!r})")
    if raw["category"] not in CATEGORIES:
        raise PackError(
            f"{where}: `category` must be one of {', '.join(CATEGORIES)} (got {raw['category']!r})"
        )
    try:
        severity = Severity.parse(raw["severity"])
    except ValueError:
        raise PackError(
            f"{where}: `severity` must be error, warning or info (got {raw['severity']!r})"
        ) from None
    fix = raw.get("fix", "none")
    if fix not in _FIX:
        raise PackError(f"{where}: `fix` must be one of safe, unsafe, none (got {fix!r})")
    for key in ("enabled", "needs_network"):
        if key in raw and not isinstance(raw[key], bool):
            raise PackError(f"{where}: `{key}` must be true or false")
    for key in ("criterion", "explanation"):
        if key in raw and not isinstance(raw[key], str):
            raise PackError(f"{where}: `{key}` must be a string")
    params = raw.get("params", {})
    if not isinstance(params, Mapping):
        raise PackError(f"{where}: `params` must be a table")
    return RuleMeta(
        code=code,
        name=name,
        category=raw["category"],
        severity=severity,
        summary=raw["summary"].strip(),
        explanation=raw.get("explanation", "").strip(),
        fix=fix,
        criterion=raw.get("criterion"),
        check=raw["check"].strip(),
        params=dict(params),
        enabled=raw.get("enabled", True),
        needs_network=raw.get("needs_network", False),
        pack=pack,
    )


def parse_pack(path: Path, data: Mapping[str, Any]) -> list[RuleMeta]:
    """Validate one pack's parsed TOML into rule metadata."""
    for key in data:
        if key not in ("pack", "rule"):
            raise PackError(f"{path}: unknown key `{key}` (expected [pack] and [[rule]])")
    head = data.get("pack", {})
    if not isinstance(head, Mapping):
        raise PackError(f"{path}: `pack` must be a table")
    for key in head:
        if key not in ("name", "description"):
            raise PackError(f"{path}: unknown key `pack.{key}`")
    name = head.get("name", path.stem)
    if not isinstance(name, str) or not name:
        raise PackError(f"{path}: `pack.name` must be a non-empty string")
    rules = data.get("rule", [])
    if not isinstance(rules, list):
        raise PackError(f"{path}: `rule` must be an array of tables ([[rule]])")
    return [_parse_rule(path, name, i, raw) for i, raw in enumerate(rules)]


def _read_pack(path: Path) -> list[RuleMeta]:
    if not path.is_file():
        raise PackError(f"{path}: rule pack not found")
    try:
        return parse_pack(path, read_toml(path))
    except PackError:
        raise
    except ConfigError as exc:
        raise PackError(str(exc)) from None


@functools.cache
def _builtin_rules() -> tuple[tuple[RuleMeta, Path], ...]:
    out: list[tuple[RuleMeta, Path]] = []
    for path in builtin_pack_files():
        out.extend((rule, path) for rule in _read_pack(path))
    return tuple(out)


def load_rules(extra_packs: Iterable[str | Path] = ()) -> dict[str, RuleMeta]:
    """Every known rule by code: the built-in packs, then ``extra_packs`` (course packs)."""
    found: list[tuple[RuleMeta, Path]] = list(_builtin_rules())
    for extra in extra_packs:
        path = Path(extra)
        found.extend((rule, path) for rule in _read_pack(path))
    by_code: dict[str, RuleMeta] = {}
    origin: dict[str, Path] = {}
    names: dict[str, str] = {}
    for rule, path in found:
        if rule.code in by_code:
            raise PackError(
                f"{path}: rule {rule.code} is already defined in {origin[rule.code]}; "
                "give a course rule its own code"
            )
        if rule.name in names:
            raise PackError(
                f"{path}: rule {rule.code}: name `{rule.name}` is already used by "
                f"{names[rule.name]}"
            )
        by_code[rule.code] = rule
        origin[rule.code] = path
        names[rule.name] = rule.code
    return dict(sorted(by_code.items()))


@dataclass(frozen=True)
class Preset:
    """A rubric preset: a named settings layer (``rules/presets/<name>.toml``)."""

    name: str
    description: str
    layers: tuple[Layer, ...]


def preset_names() -> list[str]:
    return sorted(p.stem for p in (data_root() / "presets").glob("*.toml"))


def _preset_path(name: str) -> Path:
    candidate = Path(name)
    if candidate.suffix == ".toml":
        if candidate.is_file():
            return candidate
        raise PackError(f"preset file not found: {name}")
    path = data_root() / "presets" / f"{name}.toml"
    if not path.is_file():
        known = ", ".join(preset_names()) or "none"
        raise PackError(f"unknown rubric preset `{name}` (known: {known})")
    return path


def load_preset(name: str, _seen: tuple[str, ...] = ()) -> Preset:
    """A preset by name (or path to a ``.toml`` file), its ``preset.extend`` chain first."""
    if name in _seen:
        raise PackError(f"preset `{name}` extends itself: {' -> '.join((*_seen, name))}")
    path = _preset_path(name)
    data = dict(read_toml(path))
    head = data.pop("preset", {})
    if not isinstance(head, Mapping):
        raise PackError(f"{path}: `preset` must be a table")
    for key in head:
        if key not in ("name", "description", "extend"):
            raise PackError(f"{path}: unknown key `preset.{key}`")
    layers: list[Layer] = []
    parent = head.get("extend")
    if parent is not None:
        if not isinstance(parent, str):
            raise PackError(f"{path}: `preset.extend` must be a preset name")
        layers.extend(load_preset(parent, (*_seen, name)).layers)
    try:
        layer = parse_layer(data, label=f"{path}", prefix="", base=path.parent, path=path)
    except ConfigError as exc:
        raise PackError(str(exc)) from None
    for key in ("extend", "preset"):
        if key in layer.values:
            raise PackError(f"{path}: `{key}` is not allowed in a preset (use `preset.extend`)")
    layers.append(layer)
    description = head.get("description", "")
    return Preset(
        name=str(head.get("name", path.stem)),
        description=description if isinstance(description, str) else "",
        layers=tuple(layers),
    )
