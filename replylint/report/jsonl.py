"""``--format jsonl``: one JSON object per finding, one per line (a stable contract)."""

from __future__ import annotations

import json
from typing import TextIO

from . import RunResult, register
from .common import findings


@register("jsonl")
def write_jsonl(run: RunResult, out: TextIO) -> None:
    for finding in findings(run):
        out.write(json.dumps(finding.record(), ensure_ascii=False) + "\n")
