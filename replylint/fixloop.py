"""The fix loop: lint, apply the selectable fixes, analyse again, until nothing changes.

Pure apart from the DOCX round trip (bytes in, bytes out); files are read and written by the
CLI. A fix is never applied where a suppression comment covers its rule, and overlapping fixes
wait for the next pass. At most ``max_passes`` passes run.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from .fixes import FixPlan, plan_fixes
from .model import Diagnostic, Document, Fix, RuleMeta, Span

__all__ = ["FixOutcome", "fix_document", "reparse"]

Lint = Callable[[Document], list[Diagnostic]]


@dataclass
class FixOutcome:
    """What the loop did to one document."""

    original: Document
    final: Document
    #: The applied fixes with their rule codes, in the order they were applied.
    applied: list[tuple[str, Fix]] = field(default_factory=list)
    passes: int = 0
    #: For DOCX: the new file bytes (None when nothing changed or not DOCX).
    docx_bytes: bytes | None = None
    #: Fixes left unapplied, with the rule code and why: "markup" (the edit would cross an HTML
    #: tag or Markdown emphasis) or "suppressed" (a suppression comment covers it).
    skipped: list[tuple[str, Fix, str]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.applied)


def reparse(
    document: Document, plan: FixPlan, docx_data: bytes | None
) -> tuple[Document, bytes | None]:
    """The document after ``plan`` (and, for DOCX, the new bytes)."""
    from .readers import parse_bytes, parse_text

    if document.format == "docx":
        if docx_data is None:
            raise ValueError("DOCX fixes need the file bytes")
        from .docx_fixes import apply_docx_edits

        data = apply_docx_edits(docx_data, plan.edits, document.path)
        return parse_bytes(data, "docx", document.path), data
    return parse_text(plan.source, document.format, document.path), None


def _protected_for(
    document: Document, rules: Mapping[str, RuleMeta]
) -> Callable[[str], list[Span]]:
    from .engine import parse_suppressions

    sup = parse_suppressions(document, rules)

    def spans(code: str) -> list[Span]:
        return [
            Span(r.start, r.end if not r.to_end else len(document.text))
            for r in sup.regions
            if r.codes is None or code in r.codes
        ]

    return spans


def _touches(fix: Fix, spans: Sequence[Span]) -> bool:
    for e in fix.edits:
        for p in spans:
            if e.span.overlaps(p) or p.start <= e.span.start < p.end:
                return True
    return False


def fix_document(
    document: Document,
    lint: Lint,
    rules: Mapping[str, RuleMeta],
    *,
    unsafe: bool = False,
    max_passes: int = 5,
    docx_data: bytes | None = None,
) -> FixOutcome:
    """Apply safe (and, with ``unsafe``, unsafe) fixes until the document stops changing."""
    outcome = FixOutcome(original=document, final=document)
    current = document
    data = docx_data
    for _ in range(max_passes):
        diagnostics = lint(current)
        protected = _protected_for(current, rules)
        chosen: list[Fix] = []
        codes: dict[int, str] = {}
        skipped: dict[int, tuple[str, Fix, str]] = {}
        for d in diagnostics:
            fix = d.fix
            if fix is None or not fix.edits:
                continue
            if fix.applicability != "safe" and not unsafe:
                continue
            if _touches(fix, protected(d.code)):
                skipped[id(fix)] = (d.code, fix, "suppressed")
                continue
            chosen.append(fix)
            codes[id(fix)] = d.code
        if chosen:
            plan = plan_fixes(current, chosen)
            for fix, reason in plan.skipped:
                if reason == "markup":
                    skipped[id(fix)] = (codes[id(fix)], fix, reason)
        outcome.skipped = list(skipped.values())
        if not chosen or not plan.changed:
            break
        outcome.passes += 1
        outcome.applied.extend((codes[id(f)], f) for f in plan.applied)
        current, new_data = reparse(current, plan, data)
        if new_data is not None:
            data = new_data
            outcome.docx_bytes = new_data
    outcome.final = current
    return outcome
