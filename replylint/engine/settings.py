"""Resolve ``Settings``: preset < configuration file (``extend`` chain) < command line.

Every selector, severity key and parameter name is checked against the known rules here,
so a typo is a ``ConfigError`` naming the file and the key before anything is analysed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..config import (
    DEFAULT_PRESET,
    GLOBAL_PARAMS,
    CliOverrides,
    Layer,
    Settings,
    check_param,
    config_source,
    read_config,
)
from ..errors import ConfigError
from ..model import RuleMeta, Severity
from .packs import load_preset, load_rules
from .selection import validate

__all__ = ["cli_layer", "load_settings", "merge_layers"]


def cli_layer(overrides: CliOverrides, base: Path) -> Layer:
    """The command line as a settings layer (validated like a file)."""
    values: dict[str, Any] = {}
    label = "command line"
    if overrides.select is not None:
        values["select"] = tuple(overrides.select)
    for key in ("ignore", "extend_select", "exemptions"):
        if getattr(overrides, key):
            values[key] = tuple(getattr(overrides, key))
    if overrides.packs:
        values["packs"] = tuple(str((base / p).resolve()) for p in overrides.packs)
    if overrides.per_file_ignores:
        values["per_file_ignores"] = dict(overrides.per_file_ignores)
    if overrides.severity:
        sev: dict[str, Severity] = {}
        for sel, level in overrides.severity.items():
            try:
                sev[sel] = Severity.parse(level)
            except ValueError:
                raise ConfigError(
                    f"{label}: `--severity {sel}={level}`: expected error, warning or info"
                ) from None
        values["severity"] = sev
    if overrides.fail_on is not None:
        try:
            values["fail_on"] = Severity.parse(overrides.fail_on)
        except ValueError:
            raise ConfigError(
                f"{label}: `--fail-on` must be error, warning or info (got {overrides.fail_on!r})"
            ) from None
    if overrides.params:
        values["params"] = {
            k: check_param(k, v, f"{label}: `--param {k}`") for k, v in overrides.params.items()
        }
    if overrides.preset is not None:
        values["preset"] = overrides.preset
    if overrides.as_of is not None:
        values["as_of"] = overrides.as_of
    return Layer(label=label, values=values, base=base)


def _validate(layers: Sequence[Layer], rules: dict[str, RuleMeta]) -> None:
    param_names = set(GLOBAL_PARAMS)
    for rule in rules.values():
        param_names |= set(rule.params)
    for layer in layers:
        v = layer.values
        for key in ("select", "ignore", "extend_select"):
            if key in v:
                validate(v[key], rules, where=layer.where(key))
        for glob, selectors in v.get("per_file_ignores", {}).items():
            validate(selectors, rules, where=f'{layer.where("per_file_ignores")} ("{glob}")')
        if "severity" in v:
            validate(v["severity"], rules, where=layer.where("severity"))
        for name in v.get("params", {}):
            if name not in param_names:
                known = ", ".join(sorted(param_names))
                raise ConfigError(
                    f"{layer.where('params')}: unknown parameter `{name}` (known: {known})"
                )


def merge_layers(layers: Iterable[Layer], **fixed: Any) -> Settings:
    """Fold layers into ``Settings``: scalars and ``select`` are replaced, lists extended,
    tables merged key by key."""
    merged: dict[str, Any] = {
        "ignore": (),
        "extend_select": (),
        "exemptions": (),
        "packs": (),
        "per_file_ignores": {},
        "severity": {},
        "params": {},
    }
    for layer in layers:
        for key, value in layer.values.items():
            if key in ("ignore", "extend_select", "exemptions", "packs"):
                merged[key] = (*merged[key], *value)
            elif key in ("per_file_ignores", "severity", "params"):
                merged[key] = {**merged[key], **value}
            elif key != "extend":
                merged[key] = value
    merged["packs"] = tuple(Path(p) for p in dict.fromkeys(merged["packs"]))
    merged.update(fixed)
    return Settings(**merged)


def load_settings(
    start: Path | str | None = None, overrides: CliOverrides | None = None
) -> Settings:
    """The settings for inputs at ``start`` (a file or folder; default the current folder)."""
    overrides = overrides or CliOverrides()
    start_path = Path(start) if start is not None else Path.cwd()
    if str(start_path) == "-":
        start_path = Path.cwd()
    config_path = config_source(start_path, overrides)
    file_layers = read_config(config_path) if config_path is not None else []
    cli = cli_layer(overrides, Path.cwd())
    preset_name = DEFAULT_PRESET
    for layer in (*file_layers, cli):
        preset_name = layer.values.get("preset", preset_name)
    preset = load_preset(preset_name)
    layers = [*preset.layers, *file_layers, cli]
    packs: list[str] = []
    for layer in layers:
        packs.extend(layer.values.get("packs", ()))
    rules = load_rules(dict.fromkeys(packs))
    _validate(layers, rules)
    root = config_path.resolve().parent if config_path is not None else Path.cwd()
    settings = merge_layers(
        layers,
        preset=preset_name,
        config_path=config_path.resolve() if config_path is not None else None,
        root=root,
    )
    if settings.as_of is not None and not isinstance(settings.as_of, dt.date):
        raise ConfigError(f"`as-of` must be a date (got {settings.as_of!r})")
    return settings
