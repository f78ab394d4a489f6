from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from replylint import analysis
from replylint.cli import main
from replylint.config import ENV_VAR


@pytest.fixture()
def run_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, analyzer: Any
) -> Callable[..., Result]:
    """Run ``replylint`` in ``tmp_path`` with the session's pipeline (spaCy loads once)."""
    monkeypatch.setattr(analysis, "Analyzer", lambda *a, **k: analyzer)
    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.chdir(tmp_path)

    def run(*args: str, input: str | None = None) -> Result:
        return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)

    return run
