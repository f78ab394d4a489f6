"""``grade --format json``: the rubric, every graded post with its evidence, the distribution."""

from __future__ import annotations

import json
from typing import Any, TextIO

from ..grade import GradedReply, GradeRun, Rubric, level_distribution
from .grade_common import evidence_record, grade_format, identity

__all__ = ["grade_document", "write_grade_json"]


def rubric_record(rubric: Rubric) -> dict[str, Any]:
    return {
        "name": rubric.name,
        "title": rubric.title,
        "applies_to": rubric.applies_to,
        "points_possible": rubric.points_possible,
        "criteria": [
            {
                "id": c.id,
                "title": c.title,
                "points_possible": c.points_possible,
                "rules": list(c.rules),
                "ratings": [
                    {"level": r.level, "points": r.points, "description": r.description}
                    for r in c.ratings
                ],
            }
            for c in rubric.criteria
        ],
    }


def reply_record(reply: GradedReply, show_names: bool) -> dict[str, Any]:
    grade = reply.grade
    out = identity(reply, show_names=show_names)
    out.update(
        words=reply.words,
        citations=reply.citations,
        references=reply.references,
        questions=reply.questions,
        status="graded" if grade.graded else "not-graded",
        total=grade.total,
        points_possible=grade.points_possible,
        criteria=[
            {
                "id": cg.id,
                "level": cg.level,
                "points": cg.points,
                "points_possible": cg.points_possible,
                "errors": cg.errors,
                "warnings": cg.warnings,
                "info": cg.info,
                "evidence": [evidence_record(ev) for ev in cg.evidence],
                "reasons": list(cg.reasons),
            }
            for cg in grade.criteria
        ],
        problems=[evidence_record(ev) for ev in grade.problems],
        other_findings=[evidence_record(ev) for ev in grade.other],
    )
    return out


def grade_document(run: GradeRun) -> dict[str, Any]:
    """The JSON report as a Python object (a stable contract; change it only additively)."""
    graded = [r for r in run.replies if r.grade.graded]
    return {
        "replylint": run.version,
        "as_of": run.as_of.isoformat(),
        "rubric": rubric_record(run.rubric),
        "inputs": list(run.inputs),
        "replies": [reply_record(r, run.show_names) for r in run.replies],
        "summary": {
            "replies": len(run.replies),
            "graded": len(graded),
            "not_graded": len(run.replies) - len(graded),
            "skipped": run.skipped,
            "levels": level_distribution(graded, run.rubric),
        },
        "notes": list(run.notes),
    }


@grade_format("json")
def write_grade_json(run: GradeRun, out: TextIO) -> None:
    json.dump(grade_document(run), out, ensure_ascii=False, indent=2)
    out.write("\n")
