"""Keeping the cyclic garbage collector off the objects that live for a whole batch.

The NLP pipeline, the rule packs and the inputs read so far are a large object graph that lives
as long as a batch does. Every full collection during the batch would walk all of it again;
freezing it (``gc.freeze``) leaves the collector only the objects made for each reply, which
makes a batch of a thousand replies about 5-7% faster. Nothing stays exempt: the heap is
unfrozen when the batch ends.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager

__all__ = ["frozen_heap"]


def _nothing() -> None:
    return None


@contextmanager
def frozen_heap(enabled: bool = True) -> Iterator[Callable[[], None]]:
    """Freeze the objects that exist now, until the block ends.

    Yields a function that freezes the objects made since (call it once something long-lived,
    such as the pipeline, has been loaded). When ``enabled`` is false, or someone else froze
    objects first (so that unfreezing would give back more than was frozen here), nothing is
    frozen and the yielded function does nothing.
    """
    if not enabled or gc.get_freeze_count():
        yield _nothing
        return
    gc.freeze()
    try:
        yield gc.freeze
    finally:
        gc.unfreeze()
