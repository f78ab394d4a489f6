"""A plain CSV of replies: ``author, text, date`` and optional ``post_id, parent_id, topic``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..errors import InputError
from ._common import looks_like_html, norm_id, pseudonym, timestamp_or_note
from .model import Submission

__all__ = ["REQUIRED_COLUMNS", "is_reply_table", "parse_reply_table"]

REQUIRED_COLUMNS: tuple[str, ...] = ("author", "text", "date")


def is_reply_table(columns: Sequence[str]) -> bool:
    names = {c.strip().lower() for c in columns}
    return "author" in names and "text" in names


def parse_reply_table(rows: Sequence[Mapping[str, str | None]], *, source: str) -> list[Submission]:
    """One ``Submission`` per row. Column names are matched case-insensitively.

    ``author`` is a name: the id shown by default is ``author_id`` when the table has that
    column, else a pseudonym derived from the name (never the name itself).
    """
    out: list[Submission] = []
    for n, raw in enumerate(rows, start=2):  # line 1 is the header
        row = {str(k).strip().lower(): v for k, v in raw.items() if k is not None}
        missing = [c for c in ("author", "text") if c not in row]
        if missing:
            raise InputError(f"missing column(s): {', '.join(missing)}", path=source)
        out.append(_row(row, n, source))
    return out


def _row(row: Mapping[str, str | None], line: int, source: str) -> Submission:
    post_id = norm_id(row.get("post_id")) or f"line-{line}"
    name = (row.get("author") or "").strip()
    author_id = norm_id(row.get("author_id")) or (pseudonym(name) if name else "unknown")
    notes: list[str] = []
    date = timestamp_or_note(row.get("date"), f"line {line}: date", notes)
    text = row.get("text")
    problem = None if text is not None else "the row has no text"
    return Submission(
        id=post_id,
        author_id=author_id,
        author_name=name or None,
        date=date,
        parent_id=norm_id(row.get("parent_id")),
        topic=(row.get("topic") or "").strip() or None,
        text=text,
        format="html" if text and looks_like_html(text) else "txt",
        source=source,
        problem=problem,
        notes=tuple(notes),
    )
