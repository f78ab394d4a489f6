"""Reporters: one module per output format, registered by name.

A reporter is a function ``(run: RunResult, out: TextIO) -> None``. Machine formats (json,
jsonl, sarif, junit, gitlab, csv) are stable contracts; ``text`` is for people.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TextIO

from ..model import Diagnostic, Document, Reply, RuleMeta

__all__ = ["REPORTERS", "FileResult", "Reporter", "RunResult", "register"]


@dataclass
class FileResult:
    """What one checked input produced. ``reply`` is None when the input could not be read."""

    path: str
    format: str
    document: Document | None
    reply: Reply | None
    diagnostics: list[Diagnostic]
    #: For grading exports: author id, topic, post id ... (never names unless asked).
    context: Mapping[str, str] = field(default_factory=dict)


@dataclass
class RunResult:
    files: list[FileResult]
    #: Metadata of the rules that were selected for this run, by code.
    rules: Mapping[str, RuleMeta]
    as_of: dt.date
    version: str
    #: Fixes applied in this run, by path (for --show-fixes and summaries).
    fixed: Mapping[str, int] = field(default_factory=dict)
    #: Fixes available but not applied because they are unsafe (for the summary hint).
    hidden_unsafe_fixes: int = 0


Reporter = Callable[[RunResult, TextIO], None]

REPORTERS: dict[str, Reporter] = {}


def register(name: str) -> Callable[[Reporter], Reporter]:
    """Register a reporter under ``name`` (used by ``--format``)."""

    def deco(fn: Reporter) -> Reporter:
        REPORTERS[name] = fn
        return fn

    return deco
