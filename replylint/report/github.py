"""``--format github``: GitHub Actions workflow commands that annotate the changed files.

GitHub shows at most 10 annotations of each level per step (and 50 per job) and drops the
rest silently, so when a run has more, a closing notice says how many were not shown.
"""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from . import RunResult, register
from .common import findings

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}
#: Annotations GitHub displays per level and step.
PER_STEP_LIMIT = 10


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


@register("github")
def write_github(run: RunResult, out: TextIO) -> None:
    per_level: Counter[str] = Counter()
    for f in findings(run):
        d = f.diagnostic
        level = LEVELS[d.severity.value]
        per_level[level] += 1
        props = ",".join(
            f"{key}={_escape_property(str(value))}"
            for key, value in (
                ("title", f"replylint ({d.code})"),
                ("file", f.path),
                ("line", f.line),
                ("col", f.column),
                ("endLine", f.end_line),
                ("endColumn", f.end_column),
            )
        )
        message = f"{d.code} {d.message}"
        if d.hint:
            message += f"\n{d.hint}"
        out.write(f"::{level} {props}::{_escape_data(message)}\n")
    hidden = sum(max(0, n - PER_STEP_LIMIT) for n in per_level.values())
    if hidden:
        total = sum(per_level.values())
        out.write(
            "::notice title=replylint::"
            + _escape_data(
                f"{total} findings; GitHub shows only {PER_STEP_LIMIT} per level in a step, so "
                f"{hidden} are not annotated. Use --format sarif or the job log for all of them."
            )
            + "\n"
        )
