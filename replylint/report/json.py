"""``--format json``: the whole run as one object (the contract in DESIGN §4).

Keys are only ever added, never renamed: ``replylint``, ``as_of`` and ``files``; per file
``path``, ``format``, ``words``, ``citations``, ``references``, ``questions``, ``diagnostics``.
Lines and columns are 1-based in the file as the user wrote it.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any, TextIO

from ..model import Citation, Diagnostic, Document, Question, Reference, Reply
from . import FileResult, RunResult, register
from .common import fix_record, location

__all__ = ["file_record", "run_record", "statistics_records", "write_json"]


def _citation(doc: Document, reply: Reply, index: int, c: Citation) -> dict[str, Any]:
    line, col = doc.position(c.span.start)
    end_line, end_col = doc.end_position(c.span.end)
    match = reply.match_for(index)
    return {
        "text": c.text,
        "authors": list(c.authors),
        "et_al": c.et_al,
        "year": c.year,
        "narrative": c.narrative,
        "group": c.group,
        "line": line,
        "column": col,
        "end_line": end_line,
        "end_column": end_col,
        "reference": match.reference if match is not None else None,
        "match": match.kind if match is not None else "none",
        "locator": c.locator,
        "style": c.style,
    }


def _reference(doc: Document, r: Reference) -> dict[str, Any]:
    line, col = doc.position(r.span.start)
    end_line, end_col = doc.end_position(r.span.end)
    return {
        "text": r.text,
        "authors": [{"family": a.family, "given": a.given} for a in r.authors],
        "year": r.year,
        "title": r.title,
        "source": r.source,
        "volume": r.volume,
        "issue": r.issue,
        "pages": r.pages,
        "article_number": r.article_number,
        "doi": r.doi,
        "url": r.url,
        "kind": r.kind,
        "line": line,
        "end_line": end_line,
        "column": col,
        "end_column": end_col,
        "parsed": r.parsed,
    }


def _question(doc: Document, q: Question) -> dict[str, Any]:
    line, col = doc.position(q.span.start)
    return {"text": q.text, "line": line, "column": col, "form": q.form}


def _diagnostic(result: FileResult, d: Diagnostic) -> dict[str, Any]:
    line, col, end_line, end_col = location(result, d)
    if d.span.start == d.span.end:  # a point: it ends where it starts
        end_line, end_col = line, col
    return {
        "code": d.code,
        "name": d.name,
        "category": d.category,
        "severity": d.severity.value,
        "message": d.message,
        "line": line,
        "column": col,
        "end_line": end_line,
        "end_column": end_col,
        "fix": fix_record(result, d),
        "hint": d.hint,
        "criterion": d.criterion,
        "data": dict(d.data),
    }


def file_record(result: FileResult) -> dict[str, Any]:
    """One file of the contract; an unreadable file has ``words: null`` and empty lists."""
    reply = result.reply
    record: dict[str, Any] = {
        "path": result.path,
        "format": result.format,
        "words": reply.words if reply is not None else None,
        "citations": [],
        "references": [],
        "questions": [],
        "diagnostics": [_diagnostic(result, d) for d in result.diagnostics],
    }
    if reply is not None:
        doc = reply.document
        record["citations"] = [_citation(doc, reply, i, c) for i, c in enumerate(reply.citations)]
        record["references"] = [_reference(doc, r) for r in reply.references]
        record["questions"] = [_question(doc, q) for q in reply.questions]
    if result.context:
        record["context"] = dict(result.context)
    return record


def run_record(run: RunResult) -> dict[str, Any]:
    return {
        "replylint": run.version,
        "as_of": run.as_of.isoformat(),
        "files": [file_record(f) for f in run.files],
    }


def statistics_records(run: RunResult) -> list[dict[str, Any]]:
    """``--statistics --format json``: one record per rule, most frequent first."""
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    fixable: Counter[str] = Counter()
    for result in run.files:
        for d in result.diagnostics:
            counts[d.code] += 1
            names[d.code] = d.name
            if d.fix is not None and d.fix.applicability == "safe":
                fixable[d.code] += 1
    return [
        {"code": code, "name": names[code], "count": n, "fixable": fixable[code]}
        for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def _dump(obj: Any, out: TextIO) -> None:
    """Indented for a person at a terminal; compact (and much faster to encode) otherwise."""
    isatty = getattr(out, "isatty", None)
    if not (callable(isatty) and isatty()):
        out.write(json.dumps(obj, ensure_ascii=False, default=str, separators=(",", ":")))
        out.write("\n")
        return
    # ``json.dump`` writes each token separately, which is slow; write in batches instead.
    encoder = json.JSONEncoder(indent=2, ensure_ascii=False, default=str)
    batch: list[str] = []
    for chunk in encoder.iterencode(obj):
        batch.append(chunk)
        if len(batch) >= 4096:
            out.write("".join(batch))
            batch.clear()
    batch.append("\n")
    out.write("".join(batch))


@register("json")
def write_json(run: RunResult, out: TextIO) -> None:
    _dump(run_record(run), out)
