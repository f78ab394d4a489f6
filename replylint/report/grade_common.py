"""What every grade report shares: the identity columns of a graded post, privacy applied."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TextIO

from ..grade import Evidence, GradedReply, GradeRun

__all__ = ["GRADE_FORMATS", "evidence_record", "grade_format", "identity", "reply_findings"]

GradeReporter = Callable[[GradeRun, TextIO], None]

#: Grade report writers by ``--format`` name.
GRADE_FORMATS: dict[str, GradeReporter] = {}


def grade_format(name: str) -> Callable[[GradeReporter], GradeReporter]:
    def deco(fn: GradeReporter) -> GradeReporter:
        GRADE_FORMATS[name] = fn
        return fn

    return deco


def identity(reply: GradedReply, *, show_names: bool) -> dict[str, Any]:
    """Who and what a row is about. The author's name only when ``show_names`` is set."""
    sub = reply.submission
    out: dict[str, Any] = {"post_id": sub.id, "author_id": sub.author_id}
    if show_names:
        out["author_name"] = sub.author_name or ""
    out.update(
        {
            "topic": sub.topic or "",
            "parent_id": sub.parent_id or "",
            "date": sub.date.isoformat() if sub.date is not None else "",
            "as_of": reply.as_of.isoformat(),
            "source": sub.source,
        }
    )
    return out


def evidence_record(ev: Evidence) -> dict[str, Any]:
    return {
        "code": ev.code,
        "name": ev.name,
        "severity": ev.severity,
        "message": ev.message,
        "hint": ev.hint,
        "text": ev.excerpt,
        "line": ev.line,
        "column": ev.column,
    }


def reply_findings(reply: GradedReply) -> list[Evidence]:
    """Every finding of a reply once: input problems, criteria evidence, then the rest."""
    grade = reply.grade
    seen: set[tuple[str, int | None, int | None, str]] = set()
    out: list[Evidence] = []
    groups = [grade.problems, *(c.evidence for c in grade.criteria), grade.other]
    for group in groups:
        for ev in group:
            key = (ev.code, ev.start, ev.end, ev.message)
            if key not in seen:
                seen.add(key)
                out.append(ev)
    return out
