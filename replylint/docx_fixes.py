"""Apply source edits to a DOCX file run by run, so runs and their italics are kept.

A DOCX ``Document.source`` is the text of the paragraphs' runs joined by new lines (see
``readers.docx``). Each source edit is applied inside the runs it covers. A replacement of the
same length (a case change, a dash) is spread over the runs character by character, so every
run keeps its formatting; otherwise the replacement goes into the first run the edit touches
(keeping that run's formatting) and the covered text of the following runs is removed. An
insertion goes into the run it follows.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from .errors import InputError
from .fixes import SourceEdit

__all__ = ["apply_docx_edits"]


def _run_table(document: Any) -> list[tuple[int, int, Any]]:
    """``(start, end, run)`` for every run with text, in source offsets."""
    from .readers.docx import _paragraphs, _runs

    out: list[tuple[int, int, Any]] = []
    length = 0
    for number, paragraph in enumerate(_paragraphs(document)):
        if number:
            length += 1
        for run in _runs(paragraph):
            text = run.text or ""
            if not text:
                continue
            out.append((length, length + len(text), run))
            length += len(text)
    return out


def _set_text(run: Any, text: str) -> None:
    run.text = text.replace("\u2028", "\n")


def apply_docx_edits(data: bytes, edits: Sequence[SourceEdit], path: str = "<docx>") -> bytes:
    """The DOCX bytes with ``edits`` (non-overlapping, in source offsets) applied."""
    try:
        import docx
    except ImportError:  # pragma: no cover - python-docx is a dependency
        raise InputError(f"{path}: writing DOCX needs python-docx", path=path) from None
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise InputError(f"{path}: not a readable DOCX file ({exc})", path=path) from None
    table = _run_table(document)
    texts = {id(run): (run.text or "").replace("\r", "\u2028").replace("\n", "\u2028")
             for _, _, run in table}  # fmt: skip
    # apply from the end so earlier offsets stay valid
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        touched = [
            (s, e, run)
            for s, e, run in table
            if (s < edit.end and edit.start < e) or (edit.start == edit.end and s < edit.start <= e)
        ]
        if not touched and edit.start == edit.end:
            touched = [(s, e, run) for s, e, run in table if s == edit.start][:1]
        if not touched:
            raise InputError(f"{path}: a fix does not fall inside the document's text", path=path)
        same_length = len(edit.content) == edit.end - edit.start
        for k, (s, _e, run) in enumerate(touched):
            text = texts[id(run)]
            lo = max(edit.start, s) - s
            hi = min(edit.end, s + len(text)) - s
            if same_length:
                # a case change or a dash: each run keeps its own characters' formatting
                piece = edit.content[s + lo - edit.start : s + hi - edit.start]
            else:
                piece = edit.content if k == 0 else ""
            texts[id(run)] = text[:lo] + piece + text[hi:]
    for _, _, run in table:
        new = texts[id(run)]
        if new != (run.text or "").replace("\r", "\u2028").replace("\n", "\u2028"):
            _set_text(run, new)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
