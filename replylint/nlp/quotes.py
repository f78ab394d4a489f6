"""Direct quotations in straight double quotes, paired within a paragraph."""

from __future__ import annotations

from .. import patterns

__all__ = ["find_quotes"]

_MARK_OR_BREAK = patterns.compile(r"\"|\n[ \t]*\n")
_WORD = patterns.compile(r"[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*")
_OPEN_BEFORE = frozenset(" \t\n([{—–-/,:;")
_CLOSE_AFTER = frozenset(" \t\n.,;:!?)]}—–-'*_")


def find_quotes(text: str) -> list[tuple[int, int, int]]:
    """``(start, end, words)`` of each quotation, quote marks included.

    A mark opens a quotation when it follows a space or an opening bracket and is followed by
    text; it closes one when it follows text and is followed by a space, punctuation or the
    end. An unclosed quotation is dropped at the next paragraph break.
    """
    out: list[tuple[int, int, int]] = []
    if '"' not in text:
        return out  # paragraph breaks alone find nothing
    opened: int | None = None
    n = len(text)
    for m in _MARK_OR_BREAK.finditer(text):
        pos = m.start()
        if m.group(0) != '"':
            opened = None
            continue
        before = text[pos - 1] if pos else " "
        after = text[pos + 1] if pos + 1 < n else " "
        can_open = before in _OPEN_BEFORE and not after.isspace()
        can_close = not before.isspace() and (after in _CLOSE_AFTER or after == '"')
        if opened is not None and can_close:
            words = sum(1 for _ in _WORD.finditer(text, opened + 1, pos))
            if words:
                out.append((opened, pos + 1, words))
            opened = None
        elif can_open:
            opened = pos
    return out
