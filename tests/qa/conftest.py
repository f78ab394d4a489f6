"""QA fixtures: the CLI run in a clean folder with the session's one pipeline."""

from __future__ import annotations

from tests.support.cli import _shared_analyzer, run_cli

__all__ = ["_shared_analyzer", "run_cli"]
