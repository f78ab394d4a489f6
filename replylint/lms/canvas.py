"""Canvas discussion topic "full view" JSON (``GET .../discussion_topics/:id/view``)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from ..errors import InputError
from ._common import message_text, norm_id, timestamp_or_note
from .model import Submission

__all__ = ["is_canvas_view", "parse_canvas_view"]


def is_canvas_view(data: object) -> bool:
    return isinstance(data, Mapping) and isinstance(data.get("view"), list)


def parse_canvas_view(
    data: Mapping[str, Any], *, source: str, topic: str | None = None
) -> list[Submission]:
    """Every entry of the threaded ``view[]`` tree (plus ``new_entries[]``), depth first.

    Deleted entries (no message) are skipped. Names come from ``participants[].display_name``.
    """
    if not is_canvas_view(data):
        raise InputError("not a Canvas discussion view: no 'view' list", path=source)
    names: dict[str, str] = {}
    for person in _flat(data.get("participants")):
        if isinstance(person, Mapping):
            pid = norm_id(person.get("id"))
            if pid is not None and person.get("display_name"):
                names[pid] = str(person["display_name"])
    topic = topic or _topic_of(data)
    out: list[Submission] = []
    seen: set[str] = set()
    entries = list(_walk(data["view"], None))
    entries += [(e, norm_id(e.get("parent_id"))) for e in _flat(data.get("new_entries"))]
    for entry, parent in entries:
        sub = _entry(entry, parent, names, topic, source)
        if sub is not None and sub.id not in seen:
            seen.add(sub.id)
            out.append(sub)
    return out


def _topic_of(data: Mapping[str, Any]) -> str | None:
    for key in ("title", "topic_title", "topic"):
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _flat(items: object) -> Iterator[Mapping[str, Any]]:
    if isinstance(items, Sequence):
        for item in items:
            if isinstance(item, Mapping):
                yield item


def _walk(nodes: object, parent: str | None) -> Iterator[tuple[Mapping[str, Any], str | None]]:
    for node in _flat(nodes):
        # parent_id on the node wins; the tree position is the fallback.
        own_parent = norm_id(node.get("parent_id")) if "parent_id" in node else parent
        yield node, own_parent
        yield from _walk(node.get("replies"), norm_id(node.get("id")))


def _entry(
    entry: Mapping[str, Any],
    parent: str | None,
    names: Mapping[str, str],
    topic: str | None,
    source: str,
) -> Submission | None:
    entry_id = norm_id(entry.get("id"))
    if entry_id is None or entry.get("deleted"):
        return None
    author = norm_id(entry.get("user_id")) or "unknown"
    name = names.get(author) or (str(entry["user_name"]) if entry.get("user_name") else None)
    notes: list[str] = []
    date = timestamp_or_note(entry.get("created_at"), f"entry {entry_id}: created_at", notes)
    message, problem = message_text(entry.get("message"), "entry")
    return Submission(
        id=entry_id,
        author_id=author,
        author_name=name,
        date=date,
        parent_id=parent,
        topic=topic,
        text=message,
        format="html",
        source=source,
        problem=problem,
        notes=tuple(notes),
    )
