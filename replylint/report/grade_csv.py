"""``grade --format csv``: one row per graded post, a level and points per criterion."""

from __future__ import annotations

import csv
from collections import Counter
from typing import Any, TextIO

from ..grade import GradedReply, GradeRun, format_points
from .grade_common import grade_format, identity, reply_findings

__all__ = ["grade_columns", "write_grade_csv"]

_COUNTS = ("words", "citations", "references", "questions")
# Cells a spreadsheet would run as a formula.
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def grade_columns(run: GradeRun) -> list[str]:
    head = ["post_id", "author_id"]
    if run.show_names:
        head.append("author_name")
    head += ["topic", "parent_id", "date", "as_of", "source", *_COUNTS]
    for crit in run.rubric.criteria:
        head += [f"{crit.id}_level", f"{crit.id}_points"]
    return [*head, "total", "points_possible", "status", "findings", "reasons"]


@grade_format("csv")
def write_grade_csv(run: GradeRun, out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    columns = grade_columns(run)
    writer.writerow(columns)
    for reply in run.replies:
        row = _row(reply, run.show_names)
        writer.writerow([_cell(row.get(c, "")) for c in columns])


def _row(reply: GradedReply, show_names: bool) -> dict[str, Any]:
    grade = reply.grade
    row = identity(reply, show_names=show_names)
    row.update(
        words=reply.words,
        citations=reply.citations,
        references=reply.references,
        questions=reply.questions,
    )
    for cg in grade.criteria:
        row[f"{cg.id}_level"] = cg.level
        row[f"{cg.id}_points"] = format_points(cg.points)
    row["total"] = format_points(grade.total)
    row["points_possible"] = format_points(grade.points_possible)
    row["status"] = "graded" if grade.graded else "not-graded"
    row["reasons"] = "; ".join(f"{cg.id}: {why}" for cg in grade.criteria for why in cg.reasons)
    if grade.problems:
        row["findings"] = "; ".join(f"{p.code} {p.message}" for p in grade.problems)
    else:
        counts = Counter(ev.code for ev in reply_findings(reply))
        row["findings"] = "; ".join(
            code if n == 1 else f"{code} x{n}" for code, n in sorted(counts.items())
        )
    return row


def _cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value
