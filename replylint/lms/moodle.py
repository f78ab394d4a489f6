"""Moodle forum export (``mod/forum/export.php``, CSV or JSON data format)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ._common import looks_like_html, message_text, norm_id, timestamp_or_note
from .model import Submission

__all__ = ["MOODLE_FIELDS", "is_moodle_rows", "parse_moodle_rows"]

#: The export's columns, in Moodle's order.
MOODLE_FIELDS: tuple[str, ...] = (
    "id",
    "discussion",
    "parent",
    "userid",
    "userfullname",
    "created",
    "modified",
    "mailed",
    "subject",
    "message",
    "messageformat",
    "messagetrust",
    "attachment",
    "totalscore",
    "mailnow",
    "deleted",
    "privatereplyto",
    "privatereplytofullname",
    "wordcount",
    "charcount",
)
_REQUIRED = frozenset({"id", "discussion", "parent", "userid", "message"})
# Moodle's FORMAT_* constants.
_FORMATS = {"0": "txt", "1": "html", "2": "txt", "4": "md"}


def is_moodle_rows(columns: Sequence[str] | Mapping[str, Any]) -> bool:
    return set(columns) >= _REQUIRED


def parse_moodle_rows(rows: Sequence[Mapping[str, Any]], *, source: str) -> list[Submission]:
    """One ``Submission`` per non-deleted post; ``parent = 0`` marks a discussion's first post.

    The topic of a post is its discussion's first subject (replies' "Re: ..." are not topics).
    """
    topics: dict[str, str] = {}
    for row in rows:
        disc = norm_id(row.get("discussion"))
        subject = str(row.get("subject") or "").strip()
        if disc and subject and norm_id(row.get("parent")) is None:
            topics.setdefault(disc, subject)
    out: list[Submission] = []
    for n, row in enumerate(rows, start=1):
        if _truthy(row.get("deleted")):
            continue
        out.append(_post(row, n, topics, source))
    return out


def _truthy(value: object) -> bool:
    return str(value).strip().lower() in ("1", "true", "yes")


def _post(row: Mapping[str, Any], n: int, topics: Mapping[str, str], source: str) -> Submission:
    post_id = norm_id(row.get("id")) or f"row-{n}"
    disc = norm_id(row.get("discussion"))
    subject = str(row.get("subject") or "").strip()
    topic = topics.get(disc or "") or _strip_re(subject) or None
    notes: list[str] = []
    date = timestamp_or_note(row.get("created"), f"post {post_id}: created", notes)
    message, problem = message_text(row.get("message"), "post")
    fmt = _FORMATS.get(str(row.get("messageformat", "")).strip(), "txt")
    if fmt != "md":
        # "striphtml" exports plain text whatever messageformat says; trust the message itself
        fmt = "html" if message is not None and looks_like_html(message) else "txt"
    name = str(row.get("userfullname") or "").strip() or None
    return Submission(
        id=post_id,
        author_id=norm_id(row.get("userid")) or "unknown",
        author_name=name,
        date=date,
        parent_id=norm_id(row.get("parent")),
        topic=topic,
        text=message,
        format=fmt,
        source=source,
        problem=problem,
        notes=tuple(notes),
    )


def _strip_re(subject: str) -> str:
    while subject[:3].lower() == "re:":
        subject = subject[3:].strip()
    return subject
