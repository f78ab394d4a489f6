"""Discussion exports from learning-management systems, read into ``Submission`` records.

Supported: a Canvas discussion topic full view (JSON), a Moodle forum export (CSV or JSON), a
Brightspace posts list (JSON), a plain CSV (``author, text, date``), a directory of reply
files, or a single reply file. ``read_export`` detects which.
"""

from __future__ import annotations

from .detect import detect_format, parse_export_json, parse_export_table, read_export
from .model import Submission

__all__ = [
    "Submission",
    "detect_format",
    "parse_export_json",
    "parse_export_table",
    "read_export",
]
