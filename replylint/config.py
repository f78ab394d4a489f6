"""Configuration: discovery, ``extend`` chains, validation, and the resolved ``Settings``.

Sources, lowest to highest precedence: the rule defaults in the packs, the rubric preset, the
configuration file (its ``extend`` chain first), then the command line. Files are found by
walking up from the first input: in each folder ``.replylint.toml``, then ``replylint.toml``,
then a ``pyproject.toml`` with a ``[tool.replylint]`` table; the closest one wins.
``REPLYLINT_CONFIG`` names a file explicitly (``--config`` beats it).

This module parses and checks types; rule selectors and parameter names are checked against
the loaded rules by :func:`replylint.engine.load_settings`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .model import Severity

try:
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python < 3.11
    import tomli as tomllib  # type: ignore[no-redef]

__all__ = [
    "CONFIG_FILES",
    "DEFAULT_PRESET",
    "ENV_VAR",
    "GLOBAL_PARAMS",
    "CliOverrides",
    "Layer",
    "Settings",
    "find_config",
    "parse_layer",
    "read_config",
    "read_toml",
]

ENV_VAR = "REPLYLINT_CONFIG"
#: Searched in this order in every folder; the first one that configures replylint wins.
CONFIG_FILES = (".replylint.toml", "replylint.toml", "pyproject.toml")
DEFAULT_PRESET = "discussion-reply"

#: Rubric parameters every rule may read, with their expected type.
GLOBAL_PARAMS: Mapping[str, type | tuple[type, ...]] = {
    "recency_years": int,
    "min_recent_sources": int,
    "min_peer_reviewed": int,
    "min_questions": int,
    "follow_up": str,
    "follow_up_required": bool,
    "min_words": int,
    "max_words": int,
}
_FOLLOW_UP = ("question", "question-or-idea")

_LIST_KEYS = ("select", "ignore", "extend_select", "exemptions", "packs")
_TABLE_KEYS = ("per_file_ignores", "severity", "params")
_SCALAR_KEYS = ("extend", "fail_on", "preset", "as_of", "max_severity")
KNOWN_KEYS = frozenset(_LIST_KEYS + _TABLE_KEYS + _SCALAR_KEYS)


@dataclass(frozen=True)
class Settings:
    """The resolved configuration of a run (or of the files under one config file)."""

    #: Rule selectors; None means "the rules enabled by default".
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    #: Glob (relative to ``root``) -> selectors ignored for matching files.
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: Selector -> severity override.
    severity: Mapping[str, Severity] = field(default_factory=dict)
    fail_on: Severity = Severity.ERROR
    preset: str | None = DEFAULT_PRESET
    #: Global rubric parameters (preset < config < command line); override rule defaults.
    params: Mapping[str, object] = field(default_factory=dict)
    #: DOIs or "Author Year" keys exempt from recency rules.
    exemptions: tuple[str, ...] = ()
    #: Extra rule-pack files (absolute paths).
    packs: tuple[Path, ...] = ()
    as_of: dt.date | None = None
    config_path: Path | None = None
    #: Severities are capped at this level (the ``draft`` preset caps at warning).
    max_severity: Severity | None = None
    #: Folder that ``per_file_ignores`` globs are relative to.
    root: Path = field(default_factory=Path.cwd)


@dataclass(frozen=True)
class CliOverrides:
    """What the command line sets; None or empty means "not given"."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    severity: Mapping[str, str] = field(default_factory=dict)
    fail_on: str | None = None
    preset: str | None = None
    params: Mapping[str, object] = field(default_factory=dict)
    exemptions: tuple[str, ...] = ()
    packs: tuple[str, ...] = ()
    as_of: dt.date | None = None
    #: An explicit configuration file (``--config``).
    config: Path | None = None
    #: Ignore every configuration file (``--isolated``).
    isolated: bool = False


@dataclass(frozen=True)
class Layer:
    """One validated source of settings, with a label for messages (file and table)."""

    label: str
    values: Mapping[str, Any]
    #: Folder relative paths in this layer are resolved against.
    base: Path
    path: Path | None = None
    #: The table the values came from (``tool.replylint`` in pyproject.toml), for messages.
    prefix: str = ""

    def where(self, key: str) -> str:
        """``file: `table.key``` for messages (``command line: `--key``` for the CLI)."""
        if self.path is None and self.label == "command line":
            return f"{self.label}: `--{key.replace('_', '-')}`"
        return f"{self.label}: `{_key_name(self.prefix, key.replace('_', '-'))}`"


def read_toml(path: Path) -> dict[str, Any]:
    """Read a TOML file; a missing or malformed file is a ``ConfigError``."""
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(f"{path}: configuration file not found") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None


def _table_of(path: Path, data: Mapping[str, Any]) -> tuple[Mapping[str, Any] | None, str]:
    """The replylint table of a config file and its prefix for messages."""
    tool = data.get("tool")
    nested = tool.get("replylint") if isinstance(tool, Mapping) else None
    if path.name == "pyproject.toml":
        if nested is None:
            return None, "tool.replylint"
        if not isinstance(nested, Mapping):
            raise ConfigError(f"{path}: `tool.replylint` must be a table")
        return nested, "tool.replylint"
    if isinstance(nested, Mapping) and set(data) == {"tool"}:
        # replylint.toml written with the pyproject prefix: accept it.
        return nested, "tool.replylint"
    return data, ""


def _configures(path: Path) -> bool:
    if path.name != "pyproject.toml":
        return True
    table, _ = _table_of(path, read_toml(path))
    return table is not None


def find_config(start: Path) -> Path | None:
    """The closest configuration file at or above ``start`` (a file or a folder)."""
    start = start.resolve()
    folder = start if start.is_dir() else start.parent
    for directory in (folder, *folder.parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            if candidate.is_file() and _configures(candidate):
                return candidate
    return None


def _key_name(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def _str_list(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where} must be a list of strings (got {value!r})")
    return tuple(v.strip() for v in value if v.strip())


def _severity(value: Any, where: str) -> Severity:
    if not isinstance(value, str):
        raise ConfigError(f"{where} must be one of error, warning, info (got {value!r})")
    try:
        return Severity.parse(value)
    except ValueError:
        raise ConfigError(f"{where} must be one of error, warning, info (got {value!r})") from None


def check_param(key: str, value: Any, where: str) -> object:
    """Type-check a global rubric parameter; other parameters pass through."""
    expected = GLOBAL_PARAMS.get(key)
    if expected is None:
        return value
    if expected is int and (isinstance(value, bool) or not isinstance(value, int)):
        raise ConfigError(f"{where} must be an integer (got {value!r})")
    if expected is int and value < 0:
        raise ConfigError(f"{where} must not be negative (got {value!r})")
    if expected is bool and not isinstance(value, bool):
        raise ConfigError(f"{where} must be true or false (got {value!r})")
    if expected is str and not isinstance(value, str):
        raise ConfigError(f"{where} must be a string (got {value!r})")
    if key == "follow_up" and value not in _FOLLOW_UP:
        raise ConfigError(f"{where} must be one of {', '.join(_FOLLOW_UP)} (got {value!r})")
    return value


def parse_as_of(value: Any, where: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ConfigError(f"{where} must be a date YYYY-MM-DD (got {value!r})")


def parse_layer(
    table: Mapping[str, Any], *, label: str, prefix: str, base: Path, path: Path | None = None
) -> Layer:
    """Validate one configuration table (keys may use dashes or underscores)."""
    out: dict[str, Any] = {}
    for raw_key, value in table.items():
        key = raw_key.replace("-", "_")
        where = f"{label}: `{_key_name(prefix, raw_key)}`"
        if key not in KNOWN_KEYS:
            close = difflib.get_close_matches(key, sorted(KNOWN_KEYS), n=1)
            if close and "_" not in raw_key:  # suggest it in the dashed form the docs use
                close[0] = close[0].replace("_", "-")
            hint = f"; did you mean `{_key_name(prefix, close[0])}`?" if close else ""
            raise ConfigError(f"{label}: unknown key `{_key_name(prefix, raw_key)}`{hint}")
        if key in _LIST_KEYS:
            out[key] = _str_list(value, where)
        elif key == "per_file_ignores":
            if not isinstance(value, Mapping):
                raise ConfigError(f"{where} must be a table of glob = [codes]")
            out[key] = {
                str(glob): _str_list(codes, f'{where}."{glob}"') for glob, codes in value.items()
            }
        elif key == "severity":
            if not isinstance(value, Mapping):
                raise ConfigError(f'{where} must be a table of CODE = "error|warning|info"')
            out[key] = {str(sel): _severity(v, f"{where}.{sel}") for sel, v in value.items()}
        elif key == "params":
            if not isinstance(value, Mapping):
                raise ConfigError(f"{where} must be a table of parameters")
            out[key] = {
                str(k).replace("-", "_"): check_param(
                    str(k).replace("-", "_"), v, f"{label}: `{_key_name(prefix, raw_key)}.{k}`"
                )
                for k, v in value.items()
            }
        elif key in ("fail_on", "max_severity"):
            out[key] = _severity(value, where)
        elif key == "as_of":
            out[key] = parse_as_of(value, where)
        else:  # extend, preset
            if not isinstance(value, str) or not value.strip():
                raise ConfigError(f"{where} must be a non-empty string (got {value!r})")
            out[key] = value.strip()
    if "packs" in out:
        out["packs"] = tuple(str((base / p).resolve()) for p in out["packs"])
        for resolved in out["packs"]:
            if not Path(resolved).is_file():
                key = _key_name(prefix, "packs")
                raise ConfigError(f"{label}: `{key}`: no such file {resolved!r}")
    return Layer(label=label, values=out, base=base, path=path, prefix=prefix)


def read_config(path: Path, _seen: Sequence[Path] = ()) -> list[Layer]:
    """The layers of a configuration file, its ``extend`` chain first."""
    path = path.resolve()
    if path in _seen:
        chain = " -> ".join(str(p) for p in (*_seen, path))
        raise ConfigError(f"{path}: `extend` forms a cycle: {chain}")
    table, prefix = _table_of(path, read_toml(path))
    if table is None:
        raise ConfigError(f"{path}: no [tool.replylint] table")
    layer = parse_layer(table, label=str(path), prefix=prefix, base=path.parent, path=path)
    layers: list[Layer] = []
    parent = layer.values.get("extend")
    if parent:
        target = (path.parent / Path(parent).expanduser()).resolve()
        if not target.is_file():
            raise ConfigError(
                f"{path}: `{_key_name(prefix, 'extend')}` names a missing file: {parent}"
            )
        layers.extend(read_config(target, (*_seen, path)))
    layers.append(layer)
    return layers


def config_source(start: Path, overrides: CliOverrides) -> Path | None:
    """Which configuration file applies: ``--config``, ``REPLYLINT_CONFIG``, or the closest."""
    if overrides.isolated:
        return None
    if overrides.config is not None:
        return overrides.config
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return Path(env).expanduser()
    return find_config(start)
