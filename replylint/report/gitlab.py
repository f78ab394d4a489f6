"""``--format gitlab``: a GitLab Code Quality report (JSON array).

Fingerprints hash the rule, the path and the text a finding is about, so they are unique in
a report and stay the same when unrelated lines move.
"""

from __future__ import annotations

import json
from typing import TextIO

from . import RunResult, register
from .common import findings

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


@register("gitlab")
def write_gitlab(run: RunResult, out: TextIO) -> None:
    issues = []
    for f in findings(run):
        d = f.diagnostic
        issues.append(
            {
                "description": f"{d.code} {d.message}",
                "check_name": f"{d.code} {d.name}",
                "fingerprint": f.fingerprint,
                "severity": SEVERITIES[d.severity.value],
                "categories": [d.category],
                "location": {
                    "path": f.path,
                    "positions": {
                        "begin": {"line": f.line, "column": f.column},
                        "end": {"line": f.end_line, "column": f.end_column},
                    },
                },
            }
        )
    json.dump(issues, out, indent=2, ensure_ascii=False)
    out.write("\n")
