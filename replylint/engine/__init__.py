"""The rule engine: rule packs (TOML), check kinds (Python), selection, suppressions.

``load_rules`` reads the packs, ``load_settings`` resolves the configuration, and a ``Linter``
runs the selected rules on a ``Reply``. Check kinds register with ``@check("kind")``.
"""

from __future__ import annotations

from ..config import CliOverrides, Settings
from .linter import INPUT_RULE, CheckFailed, Linter
from .packs import PackError, Preset, load_preset, load_rules, preset_names
from .registry import CheckFn, Context, check, check_kinds, load_check_kinds
from .settings import load_settings
from .suppress import Suppressions, parse_suppressions

__all__ = [
    "INPUT_RULE",
    "CheckFailed",
    "CheckFn",
    "CliOverrides",
    "Context",
    "Linter",
    "PackError",
    "Preset",
    "Settings",
    "Suppressions",
    "check",
    "check_kinds",
    "load_check_kinds",
    "load_preset",
    "load_rules",
    "load_settings",
    "parse_suppressions",
    "preset_names",
]
