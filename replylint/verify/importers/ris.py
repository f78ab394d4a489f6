"""RIS files (``TY  - JOUR`` ... ``ER  -``) as ``Work`` records."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..work import Work, WorkAuthor, normalize_doi

__all__ = ["parse_ris"]

_LINE = re.compile(r"^([A-Z][A-Z0-9])  -\s?(.*)$")
_NOT_PEER_REVIEWED = {
    "CONF": "a conference paper, not a journal article",
    "CPAPER": "a conference paper, not a journal article",
    "CHAP": "a book chapter, not a journal article",
    "BOOK": "a book, not a journal article",
    "RPRT": "a report, not a journal article",
    "THES": "a thesis, not a journal article",
    "ELEC": "a web page, not a journal article",
    "UNPB": "unpublished work (a preprint)",
    "NEWS": "a newspaper article, not a journal article",
    "MGZN": "a magazine article, not a journal article",
    "DATA": "a dataset, not a journal article",
}


def _records(text: str) -> Iterator[dict[str, list[str]]]:
    rec: dict[str, list[str]] = {}
    for raw in text.splitlines():
        m = _LINE.match(raw.lstrip("\ufeff").rstrip())
        if not m:
            continue
        tag, value = m.group(1), m.group(2).strip()
        if tag == "ER":
            if rec:
                yield rec
            rec = {}
            continue
        rec.setdefault(tag, []).append(value)
    if rec:
        yield rec


def _first(rec: dict[str, list[str]], *tags: str) -> str | None:
    for tag in tags:
        for value in rec.get(tag, ()):
            if value:
                return value
    return None


def parse_ris(text: str) -> list[Work]:
    works = []
    for rec in _records(text):
        authors = []
        for name in rec.get("AU", []) or rec.get("A1", []):
            family, _, given = name.partition(",")
            authors.append(WorkAuthor(family=family.strip(), given=given.strip() or None))
        year_text = _first(rec, "PY", "Y1", "DA") or ""
        m = re.search(r"\d{4}", year_text)
        year = int(m.group(0)) if m else None
        kind = _first(rec, "TY")
        sp, ep = _first(rec, "SP"), _first(rec, "EP")
        peer: bool | None = True if kind == "JOUR" else None
        reason = None
        if kind in _NOT_PEER_REVIEWED:
            peer, reason = False, _NOT_PEER_REVIEWED[kind]
        works.append(
            Work(
                source="ris",
                doi=normalize_doi(_first(rec, "DO")),
                title=_first(rec, "TI", "T1"),
                authors=tuple(authors),
                year=year,
                years=(year,) if year else (),
                container=_first(rec, "T2", "JF", "JO", "J2"),
                container_short=_first(rec, "J2", "JA"),
                type=kind,
                volume=_first(rec, "VL"),
                issue=_first(rec, "IS"),
                pages=f"{sp}-{ep}" if sp and ep else sp,
                is_peer_reviewed_venue=peer,
                not_peer_reviewed_reason=reason,
            )
        )
    return works
