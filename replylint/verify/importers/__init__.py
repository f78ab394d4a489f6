"""Read bibliographic files into ``Work`` records, detecting the format from name and content.

Formats: OpenAlex works (JSON object, ``results`` page, list, or JSONL), Crossref JSON
(``work``/``work-list`` messages or bare items), CSL-JSON, PubMed efetch XML, RIS and BibTeX.
A ``.zip`` is read member by member.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from ...errors import InputError
from ..crossref import parse_crossref_response, parse_crossref_work
from ..europepmc import parse_europepmc_response
from ..openalex import parse_openalex_work
from ..pubmed import parse_pubmed_xml
from ..work import Work
from .bibtex import parse_bibtex
from .csl import looks_like_csl, parse_csl_item
from .ris import parse_ris

__all__ = ["FORMATS", "detect_format", "parse_works", "read_works"]

FORMATS = ("openalex", "crossref", "csl", "pubmed", "ris", "bibtex", "europepmc")


def detect_format(name: str, text: str) -> str:
    """The format of ``text`` (file ``name``): one of ``FORMATS``, or ``"json"`` to sniff."""
    head = text.lstrip("\ufeff \t\r\n")[:2000]
    lower = name.lower()
    if lower.endswith((".xml", ".nxml")) or head.startswith("<"):
        return "pubmed"
    if lower.endswith(".ris") or head.startswith("TY  -"):
        return "ris"
    if lower.endswith(".bib") or head.startswith("@") or head.startswith("%"):
        return "bibtex"
    if head.startswith(("{", "[")):
        return "json"
    raise InputError(f"{name}: unknown bibliographic format", path=name)


def _json_item(item: Mapping[str, Any]) -> list[Work]:
    """One JSON object of any supported shape."""
    if "message" in item and isinstance(item.get("message"), Mapping | list):
        return parse_crossref_response(item)
    if "resultList" in item:
        return parse_europepmc_response(item)
    if isinstance(item.get("results"), list):
        return [w for r in item["results"] if isinstance(r, Mapping) for w in _json_item(r)]
    if "authorships" in item or str(item.get("id", "")).startswith("https://openalex.org/"):
        return [parse_openalex_work(item)]
    if "DOI" in item and isinstance(item.get("title"), list):
        return [parse_crossref_work(item)]
    if looks_like_csl(item):
        return [parse_csl_item(item)]
    return []


def _json_docs(text: str) -> Iterator[Any]:
    try:
        yield json.loads(text)
        return
    except json.JSONDecodeError:
        pass
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"line {n}: not JSON ({exc.msg})") from exc


def parse_works(text: str, name: str = "<text>") -> list[Work]:
    """Every work in ``text``; raises ``InputError`` for an unreadable document."""
    fmt = detect_format(name, text)
    try:
        if fmt == "pubmed":
            return parse_pubmed_xml(text.encode("utf-8"))
        if fmt == "ris":
            return parse_ris(text)
        if fmt == "bibtex":
            return parse_bibtex(text)
        works: list[Work] = []
        for doc in _json_docs(text):
            items = doc if isinstance(doc, list) else [doc]
            for item in items:
                if isinstance(item, Mapping):
                    works.extend(_json_item(item))
        return works
    except InputError as exc:
        raise InputError(f"{name}: {exc}", path=name) from exc
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InputError(f"{name}: cannot read as {fmt}: {exc}", path=name) from exc


def read_works(path: str | Path) -> list[Work]:
    """Every work in the file at ``path`` (a ``.zip`` is read member by member)."""
    p = Path(path)
    try:
        if p.suffix.lower() == ".zip":
            works: list[Work] = []
            with zipfile.ZipFile(p) as zf:
                for member in sorted(zf.namelist()):
                    if member.endswith("/"):
                        continue
                    text = zf.read(member).decode("utf-8-sig")
                    works.extend(parse_works(text, f"{p.name}:{member}"))
            return works
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, zipfile.BadZipFile) as exc:
        raise InputError(f"cannot read {p}: {exc}", path=str(p)) from exc
    return parse_works(text, p.name)
