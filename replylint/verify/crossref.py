"""Crossref REST: ``/works/{doi}`` and ``query.bibliographic`` search, normalised to ``Work``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ..errors import NetworkError
from .work import Work, WorkAuthor, normalize_doi, strip_markup

if TYPE_CHECKING:  # pragma: no cover
    from .http import HttpClient

__all__ = [
    "BASE",
    "fetch_crossref_doi",
    "fetch_crossref_search",
    "parse_crossref_response",
    "parse_crossref_work",
]

BASE = "https://api.crossref.org"
_SELECT = (
    "DOI,title,subtitle,author,container-title,short-container-title,volume,issue,page,"
    "article-number,published-print,published-online,issued,published,type,subtype,"
    "update-to,updated-by,relation"
)
_RETRACTION_TYPES = frozenset({"retraction", "withdrawal", "removal"})
_NOT_PEER_REVIEWED = {
    "posted-content": "posted content (a preprint or working paper)",
    "proceedings-article": "a conference paper, not a journal article",
    "book-chapter": "a book chapter, not a journal article",
    "book": "a book, not a journal article",
    "monograph": "a book, not a journal article",
    "edited-book": "a book, not a journal article",
    "report": "a report, not a journal article",
    "dataset": "a dataset, not a journal article",
    "dissertation": "a dissertation, not a journal article",
    "peer-review": "a peer-review report, not a journal article",
    "standard": "a standard, not a journal article",
}


def _year(part: Any) -> int | None:
    try:
        value = part["date-parts"][0][0]
    except (KeyError, IndexError, TypeError):
        return None
    return int(value) if isinstance(value, int | str) and str(value).isdecimal() else None


def _first(values: Any) -> str | None:
    if isinstance(values, list) and values and isinstance(values[0], str):
        return strip_markup(values[0]) or None
    if isinstance(values, str):
        return strip_markup(values) or None
    return None


def _authors(items: Any) -> tuple[WorkAuthor, ...]:
    out = []
    for a in items or ():
        if not isinstance(a, Mapping):
            continue
        if a.get("family"):
            out.append(WorkAuthor(family=str(a["family"]).strip(), given=a.get("given") or None))
        elif a.get("name"):
            out.append(WorkAuthor(family=str(a["name"]).strip(), group=True))
    return tuple(out)


def parse_crossref_work(message: Mapping[str, Any]) -> Work:
    """A Crossref ``work`` message as a ``Work``."""
    title = _first(message.get("title"))
    subtitle = _first(message.get("subtitle"))
    if title and subtitle and subtitle.casefold() not in title.casefold():
        title = f"{title.rstrip(':')}: {subtitle}"
    print_year = _year(message.get("published-print")) or _year(
        (message.get("journal-issue") or {}).get("published-print")
    )
    years = {
        y
        for y in (
            print_year,
            _year(message.get("published-online")),
            _year(message.get("issued")),
            _year(message.get("published")),
            _year(message.get("posted")),
        )
        if y
    }
    year = print_year or _year(message.get("issued")) or (min(years) if years else None)
    kind = str(message.get("type") or "") or None
    retracted, detail = False, None
    for upd in message.get("updated-by") or ():
        if isinstance(upd, Mapping) and str(upd.get("type", "")).lower() in _RETRACTION_TYPES:
            retracted, detail = True, f"retraction notice {upd.get('DOI', '')}".strip()
            break
    if title and title.upper().startswith(("RETRACTED:", "RETRACTED ARTICLE:")):
        retracted, detail = True, detail or "the title is marked RETRACTED"
    peer: bool | None = None
    reason = None
    if kind in _NOT_PEER_REVIEWED:
        peer, reason = False, _NOT_PEER_REVIEWED[kind]
        if kind == "posted-content" and message.get("subtype") == "preprint":
            reason = "posted content (a preprint)"
    elif message.get("update-to"):
        peer, reason = False, "a notice that updates another work (retraction or correction)"
    elif kind == "journal-article":
        peer = True
    page = message.get("page")
    number = message.get("article-number")
    if not number and page and "-" not in page and page[:1].isalpha():
        number, page = page, None  # an e-locator in `page` ("e33693")
    return Work(
        source="crossref",
        doi=normalize_doi(message.get("DOI")),
        title=title,
        authors=_authors(message.get("author")),
        year=year,
        years=tuple(sorted(years)),
        container=_first(message.get("container-title")),
        container_short=_first(message.get("short-container-title")),
        type=kind,
        volume=message.get("volume") or None,
        issue=message.get("issue") or None,
        pages=page if page and page != number else None,
        article_number=number or None,
        is_retracted=retracted,
        is_peer_reviewed_venue=peer,
        not_peer_reviewed_reason=reason,
        retraction_detail=detail,
    )


def parse_crossref_response(data: Mapping[str, Any]) -> list[Work]:
    """Works from a ``work`` or ``work-list`` response (or a bare work/list of works)."""
    message = data.get("message", data)
    if isinstance(message, Mapping) and "items" in message:
        return [parse_crossref_work(m) for m in message["items"] if isinstance(m, Mapping)]
    if isinstance(message, Mapping) and ("DOI" in message or "title" in message):
        return [parse_crossref_work(message)]
    return []


def _json(response: Any, service: str) -> Mapping[str, Any]:
    try:
        data = response.json()
    except ValueError as exc:
        raise NetworkError(f"{service} answered with something that is not JSON") from exc
    if not isinstance(data, Mapping):
        raise NetworkError(f"{service} answered with an unexpected JSON shape")
    return data


def fetch_crossref_doi(client: HttpClient, doi: str) -> Work | None:
    """The work registered under ``doi``, or None when Crossref does not know the DOI."""
    url = f"{BASE}/works/{quote(doi, safe='/()[];:<>')}"
    params = {"mailto": client.contact_email} if client.contact_email else None
    response = client.get(url, params, service="Crossref", kind="single")
    if response.status_code == 404:
        return None
    if response.status_code >= 400:
        raise NetworkError(f"Crossref refused the lookup: HTTP {response.status_code}")
    works = parse_crossref_response(_json(response, "Crossref"))
    return works[0] if works else None


def fetch_crossref_search(
    client: HttpClient,
    *,
    title: str,
    authors: Sequence[str] = (),
    year: int | None = None,
    rows: int = 5,
) -> list[Work]:
    """Candidates for a citation from ``query.bibliographic`` (title, first author, year)."""
    query = " ".join([title, *authors[:1], str(year) if year else ""]).strip()
    params: dict[str, Any] = {"query.bibliographic": query, "rows": rows, "select": _SELECT}
    if client.contact_email:
        params["mailto"] = client.contact_email
    response = client.get(f"{BASE}/works", params, service="Crossref", kind="list")
    if response.status_code >= 400:
        raise NetworkError(f"Crossref refused the search: HTTP {response.status_code}")
    return parse_crossref_response(_json(response, "Crossref"))
