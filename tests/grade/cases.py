"""Turn the LMS export cases into real exports at test time (references from the real records).

The cases under ``tests/cases/lms`` hold ``{{ref:DOI}}`` / ``{{cite:DOI}}`` placeholders inside
their messages. They are expanded field by field (never in the raw file, so quotes in a title
cannot break the JSON or CSV), in the markup of the message: HTML messages get ``<em>``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

from tests.conftest import ROOT
from tests.support.records import expand

CASES = ROOT / "tests" / "cases" / "lms"
_HTML = re.compile(r"<(p|br|em|div)\b", re.IGNORECASE)


def expand_message(text: str) -> str:
    return expand(text, "html" if _HTML.search(text) else "txt")


def expand_json(value: Any) -> Any:
    if isinstance(value, str):
        return expand_message(value)
    if isinstance(value, list):
        return [expand_json(v) for v in value]
    if isinstance(value, dict):
        return {k: expand_json(v) for k, v in value.items()}
    return value


def case_json(name: str) -> Any:
    return expand_json(json.loads((CASES / name).read_text(encoding="utf-8")))


def case_rows(name: str) -> list[dict[str, str]]:
    with (CASES / name).open(encoding="utf-8", newline="") as fh:
        return [{k: expand_message(v) for k, v in row.items()} for row in csv.DictReader(fh)]


def write_rows(path: Path, rows: list[dict[str, str]]) -> Path:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def materialise(name: str, tmp_path: Path) -> Path:
    """The case ``name`` written to ``tmp_path`` with its placeholders expanded."""
    src = CASES / name
    out = tmp_path / name
    if src.is_dir():
        out.mkdir(parents=True, exist_ok=True)
        for f in sorted(src.iterdir()):
            (out / f.name).write_text(expand(f.read_text(encoding="utf-8"), _fmt(f)), "utf-8")
        return out
    if src.suffix == ".json":
        out.write_text(json.dumps(case_json(name), ensure_ascii=False), encoding="utf-8")
        return out
    return write_rows(out, case_rows(name))


def _fmt(path: Path) -> str:
    return {".md": "md", ".html": "html"}.get(path.suffix, "txt")
