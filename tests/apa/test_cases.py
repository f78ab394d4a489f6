"""The data-driven APA cases in ``tests/cases/apa``."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from tests.apa.support import reply_of, run_rule
from tests.support import records

CASES = sorted((Path(__file__).resolve().parents[1] / "cases" / "apa").glob("*.toml"))
CODES = [f"R{n}" for n in range(101, 118)]
_ENTRY = re.compile(r"\{\{entry:([^}|]+)(?:\|(\w+))?\}\}")


def _entries(fmt: str) -> dict[str, str]:
    out = {}
    for _, rec, entry in records.correct_corpus(fmt):
        doi = (rec.get("doi") or "").lower().removeprefix("https://doi.org/")
        out[doi] = entry
    return out


def _mutate(entry: str, how: str | None) -> str:
    if how == "doi":
        entry = entry.replace("https://doi.org/", "doi:")
        return re.sub(r"(\d)–(\d+\. doi:)", r"\1-\2", entry)
    return entry


def expand(text: str, fmt: str) -> str:
    entries = _entries(fmt)

    def sub(m: re.Match[str]) -> str:
        entry = entries[m.group(1).lower()]
        if fmt == "html":
            entry = entry.replace("&", "&amp;")
        return _mutate(entry, m.group(2))

    return _ENTRY.sub(sub, text)


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case(path: Path) -> None:
    case = tomllib.loads(path.read_text(encoding="utf-8"))
    fmt = case["format"]
    reply = reply_of(expand(case["text"].strip() + "\n", fmt), fmt)
    found = {d.code for code in CODES for d in run_rule(code, reply)}
    assert set(case["expect"]) <= found
    assert not set(case["absent"]) & found, found
