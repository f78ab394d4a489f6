"""The normalised record every LMS reader produces: one post of a discussion."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = ["Submission"]


@dataclass(frozen=True)
class Submission:
    """One post from an export or one reply file, before analysis.

    ``text`` holds the message as exported (HTML or plain text, per ``format``); it is None for
    reply files that are read from ``source`` when the batch reaches them. ``parent_id`` is None
    for an initial post (a thread starter) and set for a reply. A reply file is a reply: it has
    no parent id, but a student or grader hands in replies as files.
    """

    id: str
    author_id: str
    author_name: str | None
    date: dt.datetime | None
    parent_id: str | None
    topic: str | None
    text: str | None
    #: "html", "txt" or "md" for message text; the reader format of a reply file otherwise.
    format: str
    #: The export (or reply file) this post came from, as given on the command line.
    source: str
    #: A problem found while reading the record (bad date, missing message ...), if any.
    problem: str | None = None
    #: True for a reply file (``source`` is that file; it is read when the batch reaches it).
    file: bool = False
    #: Things worth telling the grader that do not stop grading (an unreadable date ...).
    notes: tuple[str, ...] = ()

    @property
    def is_reply(self) -> bool:
        """A post with a parent id, or a reply file (files carry no parent id)."""
        return self.file or self.parent_id is not None

    @property
    def key(self) -> tuple[str, str]:
        """Unique within a batch: post ids are only unique within one export."""
        return (self.source, self.id)
