"""Fixtures for tests that run the command line: a clean folder and the session's one pipeline.

A ``conftest.py`` that wants them imports both names.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from replylint import analysis
from replylint.cli import main
from replylint.config import ENV_VAR


@pytest.fixture(autouse=True)
def _shared_analyzer(analyzer: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every command reuses the session's pipeline (spaCy loads once); no outside settings."""
    monkeypatch.setattr(analysis, "Analyzer", lambda *a, **k: analyzer)
    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture()
def run_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run ``replylint`` in ``tmp_path`` (so no configuration of the project applies); a
    traceback fails the test (``catch_exceptions=False``)."""
    monkeypatch.chdir(tmp_path)

    def run(*args: str, input: str | bytes | None = None) -> Result:
        return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)

    return run
