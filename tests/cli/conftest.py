from __future__ import annotations

from tests.support.cli import _shared_analyzer, run_cli

__all__ = ["_shared_analyzer", "run_cli"]
