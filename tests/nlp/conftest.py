"""Fixtures for the NLP tests: one pipeline for the whole session."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(scope="session")
def nlp(analyzer: Any) -> Any:
    """The replylint spaCy pipeline (shared with the session's Analyzer)."""
    return analyzer.nlp
