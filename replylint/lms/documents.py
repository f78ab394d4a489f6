"""Turn a ``Submission`` into a ``Document`` with the project's readers (the I/O edge)."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError
from ..model import Document
from .model import Submission

__all__ = ["check_message", "submission_document", "submission_path"]

_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


def submission_path(sub: Submission) -> str:
    """The path diagnostics name: the reply file, or ``export#post-id`` for an export post."""
    if sub.file:
        return sub.source
    return f"{sub.source}#{sub.id}"


def check_message(text: str, path: str) -> str:
    """Raise ``InputError`` for an empty message or one that is binary data."""
    if not text.strip():
        raise InputError(f"{path}: the reply is empty", path=path)
    sample = text[:65536]
    if "\x00" in sample or len(_CONTROL.findall(sample)) > max(8, len(sample) // 50):
        raise InputError(f"{path}: the reply is binary data, not text", path=path)
    return text


def submission_document(sub: Submission) -> Document:
    """The ``Document`` of a submission: its message parsed, or its reply file read.

    Raises ``InputError`` when the message is missing, empty or binary, or the file cannot be
    read.
    """
    path = submission_path(sub)
    if sub.problem is not None:
        raise InputError(f"{path}: {sub.problem}", path=path)
    if sub.file:
        from ..readers import read_path

        return read_path(Path(path), sub.format)
    if sub.text is None:
        raise InputError(f"{path}: the post has no message", path=path)
    from ..readers import parse_text

    return parse_text(check_message(sub.text, path), sub.format, path)
