"""Hand-built ``Reply`` objects for engine tests (no NLP pipeline involved)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from replylint.model import Document, Reply, Sections, Span

AS_OF = dt.date(2026, 11, 25)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def document(
    source: str, *, path: str = "reply.md", fmt: str = "md", strip_comments: bool = True
) -> Document:
    """A document whose text is ``source`` with HTML comments removed (as a reader might)."""
    text: list[str] = []
    origin: list[int] = []
    pos = 0
    drops = list(_COMMENT.finditer(source)) if strip_comments else []
    for m in [*drops, None]:
        stop = m.start() if m else len(source)
        for i in range(pos, stop):
            text.append(source[i])
            origin.append(i)
        if m:
            pos = m.end()
    origin.append(len(source))
    return Document(path=path, format=fmt, text="".join(text), source=source, origin=origin)


def reply(
    source: str,
    *,
    path: str = "reply.md",
    fmt: str = "md",
    as_of: dt.date = AS_OF,
    sentences: Sequence[Span] = (),
) -> Reply:
    doc = document(source, path=path, fmt=fmt)
    return Reply(
        document=doc,
        sections=Sections(body=(Span(0, len(doc.text)),)),
        citations=(),
        references=(),
        matches=(),
        questions=(),
        quotes=(),
        sentences=tuple(sentences),
        words=len(doc.text.split()),
        as_of=as_of,
    )
