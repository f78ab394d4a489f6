"""``--format sarif``: SARIF 2.1.0 for code-scanning dashboards.

``tool.driver.rules`` is written from the rule metadata (summary as the short description,
the Markdown explanation as help), so a dashboard shows the same text as ``replylint rule``.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from .. import __version__
from ..model import RuleMeta
from . import RunResult, register
from .common import findings

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _rule(meta: RuleMeta) -> dict[str, Any]:
    rule: dict[str, Any] = {
        "id": meta.code,
        "name": meta.name,
        "shortDescription": {"text": meta.summary},
        "fullDescription": {"text": meta.summary},
        "defaultConfiguration": {"level": LEVELS[meta.severity.value]},
        "properties": {"category": meta.category, "fix": meta.fix},
    }
    if meta.explanation:
        rule["help"] = {"text": meta.explanation.strip(), "markdown": meta.explanation.strip()}
    if meta.criterion:
        rule["properties"]["criterion"] = meta.criterion
    return rule


@register("sarif")
def write_sarif(run: RunResult, out: TextIO) -> None:
    all_findings = list(findings(run))
    codes = sorted(set(run.rules) | {f.diagnostic.code for f in all_findings})
    index = {code: i for i, code in enumerate(codes)}
    rules = []
    for code in codes:
        meta = run.rules.get(code)
        if meta is None:  # a finding from a rule outside the selection (e.g. input errors)
            d = next(f.diagnostic for f in all_findings if f.diagnostic.code == code)
            rules.append({"id": code, "name": d.name, "shortDescription": {"text": d.name}})
        else:
            rules.append(_rule(meta))
    results = []
    for f in all_findings:
        d = f.diagnostic
        result: dict[str, Any] = {
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": LEVELS[d.severity.value],
            "message": {"text": d.message + (f" {d.hint}" if d.hint else "")},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": f.path},
                        "region": {
                            "startLine": f.line,
                            "startColumn": f.column,
                            "endLine": f.end_line,
                            "endColumn": f.end_column,
                        },
                    }
                }
            ],
            "partialFingerprints": {"replylint/v1": f.fingerprint},
            "properties": {"category": d.category},
        }
        results.append(result)
    doc = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "replylint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": rules,
                    }
                },
                "results": results,
                "columnKind": "unicodeCodePoints",
            }
        ],
    }
    json.dump(doc, out, indent=2, ensure_ascii=False)
    out.write("\n")
