"""Build APA 7 reference entries from the real records beside the project, at test time.

Test cases never contain a copied reference: they name a record by DOI with a placeholder,
``{{ref:10.3389/fpsyg.2024.1367516}}``, and ``expand`` writes the entry from the record in the
markup of the case's format (``*italics*`` for Markdown, ``<em>`` for HTML, none for text).
``{{cite:DOI}}`` and ``{{narrative:DOI}}`` write a correct APA 7 in-text citation of the record.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SHARED_DATA = ROOT.parent / "shared" / "data"

Record = Mapping[str, Any]


@functools.cache
def recent_articles() -> dict[str, Record]:
    """Records from ``recent-articles`` by lower-case DOI."""
    path = SHARED_DATA / "recent-articles" / "records.jsonl"
    out: dict[str, Record] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                out[rec["doi"].lower()] = rec
    return out


def usable(record: Record) -> bool:
    """A record complete enough to write a reference without inventing anything."""
    return bool(
        record.get("authors")
        and record.get("authors_complete")
        and record.get("title")
        and record.get("container_title")
        and record.get("year")
        and record.get("volume")
    )


def usable_records() -> list[Record]:
    return [r for r in recent_articles().values() if usable(r)]


def initials(given: str) -> str:
    """'Eric A.' -> 'E. A.'; 'Jean-Paul' -> 'J.-P.'"""
    parts = []
    for word in re.split(r"\s+", given.strip()):
        if not word:
            continue
        pieces = [p for p in word.replace(".", " ").split("-") if p.strip()]
        parts.append("-".join(p.strip()[0].upper() + "." for p in pieces))
    return " ".join(parts)


def _author(a: Mapping[str, str]) -> str:
    given = a.get("given") or ""
    return f"{a['family']}, {initials(given)}" if given else a["family"]


def author_element(authors: Iterable[Mapping[str, str]]) -> str:
    names = [_author(a) for a in authors]
    if len(names) == 1:
        return names[0]
    if len(names) <= 20:
        return ", ".join(names[:-1]) + ", & " + names[-1]
    return ", ".join(names[:19]) + ", . . . " + names[-1]


def _italic(text: str, fmt: str) -> str:
    if fmt == "md":
        return f"*{text}*"
    if fmt == "html":
        return f"<em>{text}</em>"
    return text


def apa_reference(record: Record, fmt: str = "txt") -> str:
    """The APA 7 journal-article entry for a record, in the markup of ``fmt``."""
    if not usable(record):
        raise ValueError(f"record {record.get('doi')} is not complete enough for a reference")
    authors = author_element(record["authors"])
    authors = authors if authors.endswith(".") else authors + "."
    title = record["title"].rstrip(".")
    end = "" if title.endswith(("?", "!")) else "."
    source = _italic(record["container_title"], fmt) + ", " + _italic(record["volume"], fmt)
    if record.get("issue"):
        source += f"({record['issue']})"
    if record.get("page"):
        source += ", " + record["page"].replace("-", "–")
    elif record.get("article_number"):
        source += f", Article {record['article_number']}"
    return f"{authors} ({record['year']}). {title}{end} {source}. https://doi.org/{record['doi']}"


def surname_key(record: Record) -> str:
    fam = record["authors"][0]["family"]
    return unicodedata.normalize("NFKD", fam).encode("ascii", "ignore").decode().lower()


def cite(record: Record, narrative: bool = False) -> str:
    fams = [a["family"] for a in record["authors"]]
    year = record["year"]
    if len(fams) == 1:
        names = fams[0]
    elif len(fams) == 2:
        names = f"{fams[0]} {'and' if narrative else '&'} {fams[1]}"
    else:
        names = f"{fams[0]} et al."
    return f"{names} ({year})" if narrative else f"({names}, {year})"


_PLACEHOLDER = re.compile(r"\{\{(ref|cite|narrative):([^}]+)\}\}")


def expand(template: str, fmt: str = "txt") -> str:
    """Replace ``{{ref:DOI}}``, ``{{cite:DOI}}`` and ``{{narrative:DOI}}`` placeholders."""
    records = recent_articles()

    def sub(m: re.Match[str]) -> str:
        kind, doi = m.group(1), m.group(2).strip().lower()
        rec = records[doi]
        if kind == "ref":
            return apa_reference(rec, fmt)
        return cite(rec, narrative=kind == "narrative")

    return _PLACEHOLDER.sub(sub, template)
