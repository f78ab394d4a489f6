"""Tell export formats apart and read them into ``Submission`` records."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import InputError
from .brightspace import is_brightspace_posts, parse_brightspace_posts
from .canvas import is_canvas_view, parse_canvas_view
from .files import list_reply_files, submission_for_file
from .model import Submission
from .moodle import is_moodle_rows, parse_moodle_rows
from .table import REQUIRED_COLUMNS, is_reply_table, parse_reply_table

__all__ = ["detect_format", "parse_export_json", "parse_export_table", "read_export"]

# Wrappers some tools put around a list of posts.
_LIST_KEYS = ("Items", "Objects", "posts", "data")


def read_export(path: str | Path) -> list[Submission]:
    """Read one input: a directory of reply files, a CSV or JSON export, or one reply file.

    Raises ``InputError`` when the file cannot be read or is not a known export.
    """
    p = Path(path)
    source = str(path)
    if p.is_dir():
        return [submission_for_file(f, base=p) for f in list_reply_files(p)]
    if not p.exists():
        raise InputError("no such file or directory", path=source)
    suffix = p.suffix.lower()
    if suffix not in (".csv", ".json"):
        return [submission_for_file(p)]
    try:
        text = p.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not UTF-8 text ({exc.reason} at byte {exc.start})", path=source
        ) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=source) from None
    if suffix == ".csv":
        return parse_export_table(text, source=source)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg} (line {exc.lineno})", path=source) from None
    return parse_export_json(data, source=source, topic=None)


def detect_format(data: object) -> str | None:
    """ "canvas", "brightspace", "moodle" for parsed JSON, or None when unknown."""
    if is_canvas_view(data):
        return "canvas"
    items = _items(data)
    if items is None:
        return None
    if is_brightspace_posts(items):
        return "brightspace"
    if items and all(isinstance(i, Mapping) for i in items) and is_moodle_rows(items[0]):
        return "moodle"
    return None


def parse_export_json(data: Any, *, source: str, topic: str | None = None) -> list[Submission]:
    """A parsed JSON export of any supported LMS."""
    kind = detect_format(data)
    if kind == "canvas":
        return parse_canvas_view(data, source=source, topic=topic)
    items = _items(data) or []
    if kind == "brightspace":
        return parse_brightspace_posts(items, source=source)
    if kind == "moodle":
        return parse_moodle_rows([_strings(i) for i in items], source=source)
    if items == [] and isinstance(data, list):
        return []
    raise InputError(
        "unknown JSON export: expected a Canvas discussion view (view[]), Brightspace posts "
        "(PostId ...) or a Moodle forum export (id, discussion, parent, userid, message ...)",
        path=source,
    )


def parse_export_table(text: str, *, source: str) -> list[Submission]:
    """A CSV export: Moodle's forum export or a plain ``author, text, date`` table."""
    csv.field_size_limit(1 << 27)
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        columns = [c.strip() for c in reader.fieldnames or ()]
        rows = list(reader)
    except csv.Error as exc:
        raise InputError(f"invalid CSV: {exc}", path=source) from None
    if is_moodle_rows(columns):
        return parse_moodle_rows(rows, source=source)
    if is_reply_table(columns):
        return parse_reply_table(rows, source=source)
    raise InputError(
        "unknown CSV export: expected the columns "
        + ", ".join(REQUIRED_COLUMNS)
        + " or a Moodle forum export (id, discussion, parent, userid, message ...); found: "
        + (", ".join(columns) or "no header"),
        path=source,
    )


def _items(data: object) -> Sequence[Any] | None:
    if isinstance(data, list):
        return data
    if isinstance(data, Mapping):
        for key in _LIST_KEYS:
            if isinstance(data.get(key), list):
                return data[key]
    return None


def _strings(item: Mapping[str, Any]) -> dict[str, Any]:
    return {str(k).strip(): v for k, v in item.items()}
