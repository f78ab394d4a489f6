"""Batches keep the garbage collector off long-lived objects, and leave the heap as it was."""

from __future__ import annotations

import datetime as dt
import gc
from typing import Any

from replylint.heap import frozen_heap
from replylint.readers import parse_text


def test_frozen_inside_and_restored_after() -> None:
    assert gc.get_freeze_count() == 0
    with frozen_heap() as freeze_more:
        first = gc.get_freeze_count()
        assert first > 0
        later = [[] for _ in range(50)]  # new objects, not yet frozen
        freeze_more()
        assert gc.get_freeze_count() >= first + len(later)
    assert gc.get_freeze_count() == 0


def test_disabled_or_already_frozen_does_nothing() -> None:
    with frozen_heap(enabled=False) as freeze_more:
        freeze_more()
        assert gc.get_freeze_count() == 0
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        with frozen_heap() as freeze_more:
            keep = [[] for _ in range(50)]
            freeze_more()
            assert gc.get_freeze_count() == before, keep
        assert gc.get_freeze_count() == before  # what someone else froze stays frozen
    finally:
        gc.unfreeze()


def test_unfrozen_when_the_block_fails() -> None:
    try:
        with frozen_heap():
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert gc.get_freeze_count() == 0


def test_analyze_many_freezes_only_while_it_runs(analyzer: Any) -> None:
    docs = [
        parse_text(f"Reply {i}. Is this a question?", "txt", path=f"r{i}.txt") for i in range(3)
    ]
    counts = []
    for reply in analyzer.analyze_many((d, dt.date(2026, 11, 25), None) for d in docs):
        counts.append(gc.get_freeze_count())
        assert reply.questions
    assert len(counts) == 3 and all(c > 0 for c in counts)
    assert gc.get_freeze_count() == 0
