"""Load the whole-reply cases in ``tests/cases/replies`` as documents with expectations."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .records import expand

CASES = Path(__file__).resolve().parents[1] / "cases" / "replies"

_ITALIC = re.compile(r"\*([^*]+)\*")


@dataclass(frozen=True)
class ReplyCase:
    name: str
    path: Path
    fmt: str
    citations: tuple[str, ...]
    entries: tuple[str, ...]

    @property
    def id(self) -> str:
        return self.name


def reply_cases() -> list[ReplyCase]:
    out = []
    for path in sorted(CASES.iterdir()):
        if path.name.endswith(".expected.json") or path.name == "README.md":
            continue
        name = path.name.split(".")[0]
        expected = json.loads((CASES / f"{name}.expected.json").read_text(encoding="utf-8"))
        fmt = "docx" if path.name.endswith(".docx.md") else path.suffix.lstrip(".")
        out.append(
            ReplyCase(name, path, fmt, tuple(expected["citations"]), tuple(expected["entries"]))
        )
    return out


def write_docx(markdown_lines: str, target: Path) -> Path:
    """A Word file: one paragraph per line, ``*text*`` as italic runs."""
    import docx

    document = docx.Document()
    for line in markdown_lines.splitlines():
        para = document.add_paragraph()
        pos = 0
        for m in _ITALIC.finditer(line):
            if m.start() > pos:
                para.add_run(line[pos : m.start()])
            para.add_run(m.group(1)).italic = True
            pos = m.end()
        if pos < len(line):
            para.add_run(line[pos:])
    document.save(str(target))
    return target


def materialise(case: ReplyCase, directory: Path) -> Path:
    """Write the case, placeholders expanded, as a real file of its format in ``directory``."""
    text = case.path.read_text(encoding="utf-8")
    if case.fmt == "docx":
        return write_docx(expand(text, "md"), directory / f"{case.name}.docx")
    target = directory / f"{case.name}.{case.fmt}"
    target.write_text(expand(text, case.fmt), encoding="utf-8")
    return target


def citation_keys(reply: object) -> Counter[str]:
    """``first author|year|p/n`` of each citation found (MLA citations have an empty year)."""
    keys: Counter[str] = Counter()
    for c in reply.citations:  # type: ignore[attr-defined]
        if c.style == "numeric" or not c.authors:
            continue
        keys[f"{c.authors[0]}|{c.year or ''}|{'n' if c.narrative else 'p'}"] += 1
    return keys


def entry_keys(reply: object) -> Counter[str]:
    keys: Counter[str] = Counter()
    for r in reply.references:  # type: ignore[attr-defined]
        if r.parsed and r.authors:
            keys[f"{r.authors[0].family}|{r.year or ''}"] += 1
    return keys


def score(expected: Counter[str], found: Counter[str]) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives) of two multisets."""
    tp = sum((expected & found).values())
    return tp, sum(found.values()) - tp, sum(expected.values()) - tp


def iter_materialised(directory: Path) -> Iterator[tuple[ReplyCase, Path]]:
    for case in reply_cases():
        yield case, materialise(case, directory)
