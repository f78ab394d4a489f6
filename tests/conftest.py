"""Shared fixtures: the real records beside the project, and one NLP pipeline per session."""

from __future__ import annotations

import atexit
import datetime as dt
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# replylint keeps its compiled patterns in a cache folder; tests use a fresh one of their own.
os.environ["REPLYLINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="replylint-test-cache-")
atexit.register(shutil.rmtree, os.environ["REPLYLINT_CACHE_DIR"], ignore_errors=True)

ROOT = Path(__file__).resolve().parents[1]
#: Real third-party records live beside the project, never inside it.
SHARED_DATA = ROOT.parent / "shared" / "data"
AS_OF = dt.date(2026, 11, 25)


def shared_path(*parts: str) -> Path:
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not available: {'/'.join(parts)}")
    return path


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


@pytest.fixture(scope="session")
def recent_articles() -> list[dict[str, Any]]:
    """The 49 real 2021-2025 journal articles (metadata only)."""
    return list(read_jsonl(shared_path("recent-articles", "records.jsonl")))


@pytest.fixture(scope="session")
def analyzer() -> Any:
    """One Analyzer (and so one spaCy pipeline) for the whole test session."""
    from replylint.analysis import Analyzer

    return Analyzer()


@pytest.fixture()
def as_of() -> dt.date:
    return AS_OF
