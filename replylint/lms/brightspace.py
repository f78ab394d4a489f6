"""D2L Brightspace discussion posts JSON (Valence ``.../topics/{topicId}/posts/``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ._common import norm_id, timestamp_or_note
from .model import Submission

__all__ = ["is_brightspace_posts", "parse_brightspace_posts"]


def is_brightspace_posts(items: object) -> bool:
    return (
        isinstance(items, Sequence)
        and not isinstance(items, str)
        and any(isinstance(i, Mapping) and "PostId" in i for i in items)
    )


def parse_brightspace_posts(items: Sequence[Mapping[str, Any]], *, source: str) -> list[Submission]:
    """One ``Submission`` per non-deleted post; ``ParentPostId`` null marks a thread starter.

    ``Message.Html`` is preferred over ``Message.Text``. Anonymous posts get no name.
    """
    subjects: dict[str, str] = {}
    for item in items:
        if isinstance(item, Mapping) and norm_id(item.get("ParentPostId")) is None:
            thread = norm_id(item.get("ThreadId"))
            if thread and item.get("Subject"):
                subjects.setdefault(thread, str(item["Subject"]).strip())
    out: list[Submission] = []
    for n, item in enumerate(items, start=1):
        if isinstance(item, Mapping) and not item.get("IsDeleted"):
            out.append(_post(item, n, subjects, source))
    return out


def _post(item: Mapping[str, Any], n: int, subjects: Mapping[str, str], source: str) -> Submission:
    post_id = norm_id(item.get("PostId")) or f"item-{n}"
    notes: list[str] = []
    date = timestamp_or_note(item.get("DatePosted"), f"post {post_id}: DatePosted", notes)
    text, fmt, problem = _message(item.get("Message"))
    anonymous = bool(item.get("IsAnonymous"))
    name = None if anonymous else (str(item.get("PostingUserDisplayName") or "").strip() or None)
    author = "anonymous" if anonymous else (norm_id(item.get("PostingUserId")) or "unknown")
    thread = norm_id(item.get("ThreadId"))
    topic = subjects.get(thread or "") or (str(item.get("Subject") or "").strip() or None)
    return Submission(
        id=post_id,
        author_id=author,
        author_name=name,
        date=date,
        parent_id=norm_id(item.get("ParentPostId")),
        topic=topic,
        text=text,
        format=fmt,
        source=source,
        problem=problem,
        notes=tuple(notes),
    )


def _message(message: object) -> tuple[str | None, str, str | None]:
    if isinstance(message, str):
        return message, "html", None
    if isinstance(message, Mapping):
        html, text = message.get("Html"), message.get("Text")
        if isinstance(html, str) and html.strip():
            return html, "html", None
        if isinstance(text, str):
            return text, "txt", None
    return None, "txt", "the post has no message"
