"""Every whole-reply case: the citations and reference entries the pipeline must find."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import AS_OF
from tests.support.cases import (
    ReplyCase,
    citation_keys,
    entry_keys,
    materialise,
    reply_cases,
)

CASES = reply_cases()


def test_there_are_enough_cases_in_every_format() -> None:
    formats = Counter(c.fmt for c in CASES)
    assert len(CASES) >= 40
    assert set(formats) == {"md", "txt", "html", "docx"}
    assert min(formats.values()) >= 5


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_reply_case(case: ReplyCase, tmp_path: Path, analyzer: Any) -> None:
    from replylint.readers import read_path

    path = materialise(case, tmp_path)
    reply = analyzer.analyze(read_path(path), as_of=AS_OF)
    assert citation_keys(reply) == Counter(case.citations)
    assert entry_keys(reply) == Counter(case.entries)
    # Every entry the case lists is one entry in the document: none dropped, none split.
    assert len(reply.references) == len(case.entries)
