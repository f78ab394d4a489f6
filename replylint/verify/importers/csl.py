"""CSL-JSON items (the format reference managers export) as ``Work`` records."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..work import Work, WorkAuthor, normalize_doi, strip_markup

__all__ = ["looks_like_csl", "parse_csl_item"]

_NOT_PEER_REVIEWED = {
    "article": "a preprint or working paper (CSL type 'article')",
    "posted-content": "posted content (a preprint)",
    "paper-conference": "a conference paper, not a journal article",
    "chapter": "a book chapter, not a journal article",
    "book": "a book, not a journal article",
    "report": "a report, not a journal article",
    "thesis": "a thesis, not a journal article",
    "dataset": "a dataset, not a journal article",
    "webpage": "a web page, not a journal article",
    "post-weblog": "a blog post, not a journal article",
    "article-newspaper": "a newspaper article, not a journal article",
    "article-magazine": "a magazine article, not a journal article",
}


def looks_like_csl(item: Mapping[str, Any]) -> bool:
    return isinstance(item.get("type"), str) and (
        "issued" in item or "container-title" in item or "author" in item
    )


def _str(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    return strip_markup(str(value)) if value not in (None, "") else None


def _years(issued: Any) -> tuple[int, ...]:
    try:
        parts = issued["date-parts"]
    except (KeyError, TypeError):
        raw = str((issued or {}).get("raw", "")) if isinstance(issued, Mapping) else ""
        return (int(raw[:4]),) if raw[:4].isdecimal() else ()
    return tuple(int(p[0]) for p in parts if p and str(p[0]).isdecimal())


def parse_csl_item(item: Mapping[str, Any]) -> Work:
    authors = []
    for a in item.get("author") or ():
        if a.get("family"):
            authors.append(WorkAuthor(family=str(a["family"]), given=a.get("given")))
        elif a.get("literal"):
            authors.append(WorkAuthor(family=str(a["literal"]), group=True))
    years = _years(item.get("issued"))
    kind = str(item.get("type") or "") or None
    peer: bool | None = True if kind == "article-journal" else None
    reason = None
    if kind in _NOT_PEER_REVIEWED:
        peer, reason = False, _NOT_PEER_REVIEWED[kind]
    page = _str(item.get("page"))
    return Work(
        source="csl",
        doi=normalize_doi(_str(item.get("DOI"))),
        title=_str(item.get("title")),
        authors=tuple(authors),
        year=years[0] if years else None,
        years=tuple(sorted(set(years))),
        container=_str(item.get("container-title")),
        container_short=_str(item.get("container-title-short")),
        type=kind,
        volume=_str(item.get("volume")),
        issue=_str(item.get("issue")),
        pages=page,
        article_number=_str(item.get("number")),
        pmid=_str(item.get("PMID")),
        is_peer_reviewed_venue=peer,
        not_peer_reviewed_reason=reason,
    )
