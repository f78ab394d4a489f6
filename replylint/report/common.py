"""Helpers every reporter shares: flat finding records, locations, fingerprints."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..model import Diagnostic
from . import FileResult, RunResult

__all__ = ["Finding", "findings", "fingerprint", "fix_record", "location"]


def location(result: FileResult, diag: Diagnostic) -> tuple[int, int, int, int]:
    """1-based ``(line, column, end_line, end_column)`` in the file as written."""
    doc = result.document
    if doc is None:
        return 1, 1, 1, 1
    line, col = doc.position(diag.span.start)
    end_line, end_col = doc.end_position(diag.span.end)
    return line, col, end_line, end_col


def fix_record(result: FileResult, diag: Diagnostic) -> dict[str, Any] | None:
    if diag.fix is None:
        return None
    doc = result.document
    edits = []
    for edit in diag.fix.edits:
        if doc is not None:
            line, col = doc.position(edit.span.start)
            end_line, end_col = doc.end_position(edit.span.end)
            if edit.span.start == edit.span.end:
                end_line, end_col = line, col
        else:
            line = col = end_line = end_col = 1
        edits.append(
            {
                "content": edit.content,
                "line": line,
                "column": col,
                "end_line": end_line,
                "end_column": end_col,
            }
        )
    return {
        "applicability": diag.fix.applicability,
        "message": diag.fix.message,
        "edits": edits,
    }


def evidence(result: FileResult, diag: Diagnostic) -> str:
    """The text the finding is about (empty when it has no extent)."""
    if result.document is None:
        return ""
    return result.document.slice(diag.span)


def fingerprint(result: FileResult, diag: Diagnostic, occurrence: int = 0) -> str:
    """A stable id for a finding: rule, path and the text it is about, not the line number.

    ``occurrence`` tells apart identical findings on identical text in one file, so every
    fingerprint in a report is unique.
    """
    key = "\x1f".join(
        (diag.code, result.path, " ".join(evidence(result, diag).split()), str(occurrence))
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Finding:
    """One diagnostic with everything a flat report needs."""

    result: FileResult
    diagnostic: Diagnostic
    line: int
    column: int
    end_line: int
    end_column: int
    fingerprint: str

    @property
    def path(self) -> str:
        return self.result.path

    def record(self) -> dict[str, Any]:
        d = self.diagnostic
        return {
            "path": self.path,
            "code": d.code,
            "name": d.name,
            "category": d.category,
            "severity": d.severity.value,
            "message": d.message,
            "hint": d.hint,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "evidence": evidence(self.result, d),
            "fix": fix_record(self.result, d),
            "fingerprint": self.fingerprint,
            **{k: v for k, v in self.result.context.items() if k not in {"path"}},
        }


def findings(run: RunResult) -> Iterator[Finding]:
    """Every diagnostic of the run, file by file, in position order."""
    for result in run.files:
        seen: dict[tuple[str, str], int] = {}
        for diag in result.diagnostics:
            ev = (diag.code, " ".join(evidence(result, diag).split()))
            occurrence = seen.get(ev, 0)
            seen[ev] = occurrence + 1
            line, col, end_line, end_col = location(result, diag)
            yield Finding(
                result, diag, line, col, end_line, end_col, fingerprint(result, diag, occurrence)
            )
