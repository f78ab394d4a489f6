"""``replylint library import`` with a file it does not understand says so."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

Run = Callable[..., Result]


def test_import_of_an_unrecognised_file_warns(run_cli: Run, tmp_path: Path) -> None:
    # a JSON Lines file of flat records in no format the importers know (no bibliographic data)
    (tmp_path / "notes.jsonl").write_text(json.dumps({"note": "week 3 reading"}) + "\n")
    result = run_cli("library", "import", "--library", "lib.sqlite", "notes.jsonl")
    assert "notes.jsonl: 0 works" in result.stdout
    assert "no works recognised" in result.stderr
