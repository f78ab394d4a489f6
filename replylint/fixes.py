"""Apply fix edits to a document's source text (pure).

Fix edits are written against ``Document.text`` (the plain text). Here they are mapped through
``Document.origin`` to the file as the user wrote it, so the file keeps its own formatting:
Markdown emphasis, HTML tags and entities outside the replaced characters stay as they were. An
edit whose replaced characters have markup between them (an HTML tag, a Markdown ``*``) is not
applied, since replacing it would drop the markup; its fix is reported as skipped.

Edits of different fixes that overlap are not combined: the first fix (in document order) wins
and the rest are left for the next pass. Fixes that touch a protected (suppressed) region are
never applied.
"""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .model import Diagnostic, Document, Fix, Span

__all__ = [
    "FixPlan",
    "SourceEdit",
    "apply_source_edits",
    "plan_fixes",
    "selectable_fixes",
    "unified_diff",
]


@dataclass(frozen=True)
class SourceEdit:
    """Replace ``source[start:end]`` with ``content``."""

    start: int
    end: int
    content: str


@dataclass(frozen=True)
class FixPlan:
    """What applying a set of fixes to one document does."""

    #: The new source text (equal to the old one when nothing applied).
    source: str
    #: Source-level edits, sorted, non-overlapping (also what the DOCX writer applies).
    edits: tuple[SourceEdit, ...]
    #: The fixes applied, in document order.
    applied: tuple[Fix, ...]
    #: Fixes not applied, with the reason ("overlap", "suppressed", "markup", "no-op").
    skipped: tuple[tuple[Fix, str], ...] = field(default=())

    @property
    def changed(self) -> bool:
        return bool(self.edits)


def selectable_fixes(diagnostics: Iterable[Diagnostic], *, unsafe: bool = False) -> list[Fix]:
    """The fixes of ``diagnostics`` that a run may apply (safe ones, plus unsafe on request)."""
    out = []
    for d in diagnostics:
        if d.fix is None or not d.fix.edits:
            continue
        if d.fix.applicability == "safe" or unsafe:
            out.append(d.fix)
    return out


def _char_source_len(document: Document, i: int) -> int:
    """How many source characters the text character ``i`` came from (an entity is several)."""
    src = document.source
    pos = document.origin[i]
    if document.format == "html" and pos < len(src) and src[pos] == "&":
        semi = src.find(";", pos, pos + 12)
        if semi != -1:
            return semi - pos + 1
    return 1


def _map_edit(document: Document, span: Span, content: str) -> SourceEdit | None:
    """The source edit for a text edit, or None when markup lies between the characters."""
    origin = document.origin
    n = len(document.text)
    start = max(0, min(span.start, n))
    end = max(start, min(span.end, n))
    if start == end:
        pos = origin[start]
        return SourceEdit(pos, pos, content)
    for i in range(start, end - 1):
        if origin[i + 1] - origin[i] != _char_source_len(document, i):
            return None
    src_start = origin[start]
    src_end = origin[end - 1] + _char_source_len(document, end - 1)
    return SourceEdit(src_start, src_end, content)


def _touches(span: Span, protected: Sequence[Span]) -> bool:
    for p in protected:
        if span.overlaps(p) or (len(span) == 0 and p.start <= span.start < p.end):
            return True
    return False


def _conflicts(edit: SourceEdit, taken: list[SourceEdit]) -> bool:
    """Overlapping edits, or two edits at one point where either inserts (order unclear)."""
    for t in taken:
        if edit.start < t.end and t.start < edit.end:
            return True
        if edit.start == t.start and (edit.start == edit.end or t.start == t.end):
            return True
    return False


def plan_fixes(
    document: Document, fixes: Sequence[Fix], *, protected: Sequence[Span] = ()
) -> FixPlan:
    """Map ``fixes`` to source edits and apply them; first fix wins on overlap."""
    ordered = sorted(
        fixes, key=lambda f: (min((e.span.start for e in f.edits), default=0), f.message)
    )
    taken: list[SourceEdit] = []
    applied: list[Fix] = []
    skipped: list[tuple[Fix, str]] = []
    for fix in ordered:
        if any(_touches(e.span, protected) for e in fix.edits):
            skipped.append((fix, "suppressed"))
            continue
        mapped: list[SourceEdit] = []
        reason = ""
        for e in fix.edits:
            m = _map_edit(document, e.span, e.content)
            if m is None:
                reason = "markup"
                break
            mapped.append(m)
        if reason:
            skipped.append((fix, reason))
            continue
        mapped = [m for m in mapped if document.source[m.start : m.end] != m.content]
        if not mapped:
            skipped.append((fix, "no-op"))
            continue
        if any(_conflicts(m, taken) for m in mapped) or _self_overlap(mapped):
            skipped.append((fix, "overlap"))
            continue
        taken.extend(mapped)
        applied.append(fix)
    edits = tuple(sorted(taken, key=lambda e: (e.start, e.end)))
    return FixPlan(
        source=apply_source_edits(document.source, edits),
        edits=edits,
        applied=tuple(applied),
        skipped=tuple(skipped),
    )


def _self_overlap(edits: list[SourceEdit]) -> bool:
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    return any(a.end > b.start for a, b in itertools.pairwise(ordered))


def apply_source_edits(source: str, edits: Sequence[SourceEdit]) -> str:
    """``source`` with non-overlapping ``edits`` applied."""
    out: list[str] = []
    pos = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if e.start < pos:
            raise ValueError("overlapping source edits")
        out.append(source[pos : e.start])
        out.append(e.content)
        pos = e.end
    out.append(source[pos:])
    return "".join(out)


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff of one file's fixes (empty when nothing changed)."""
    if before == after:
        return ""
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=f"a/{path}",
            tofile=f"b/{path}",
        )
    )
