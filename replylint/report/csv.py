"""``--format csv``: one row per finding, for spreadsheets (a stable contract)."""

from __future__ import annotations

import csv
from typing import TextIO

from . import RunResult, register
from .common import findings

COLUMNS = (
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "code",
    "name",
    "category",
    "severity",
    "message",
    "hint",
    "evidence",
    "fixable",
)


@register("csv")
def write_csv(run: RunResult, out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for finding in findings(run):
        rec = finding.record()
        fix = rec["fix"]
        rec["fixable"] = fix["applicability"] if fix else ""
        writer.writerow(["" if rec[c] is None else rec[c] for c in COLUMNS])
