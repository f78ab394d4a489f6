"""Plain text: the text is the file, normalised; paragraphs are blocks between blank lines."""

from __future__ import annotations

from ..model import Document
from .normalize import TextBuilder, finish, source_text

__all__ = ["parse_plain"]


def parse_plain(decoded: str, path: str) -> Document:
    """A ``Document`` for plain text (no italics: plain text cannot carry them)."""
    source = source_text(decoded)
    builder = TextBuilder()
    builder.add(source, 0)
    return finish(builder, path=path, fmt="txt", source=source)
