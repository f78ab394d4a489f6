"""Europe PMC REST search (``resultType=core``), normalised to ``Work``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..errors import NetworkError
from .work import Work, WorkAuthor, normalize_doi, strip_markup

if TYPE_CHECKING:  # pragma: no cover
    from .http import HttpClient

__all__ = ["BASE", "fetch_europepmc_search", "parse_europepmc_response", "parse_europepmc_result"]

BASE = "https://www.ebi.ac.uk/europepmc/webservices/rest"
_NOT_RESEARCH = {
    "preprint": "a preprint",
    "editorial": "an editorial",
    "letter": "a letter",
    "comment": "a comment",
    "news": "a news item",
    "published erratum": "an erratum",
    "retraction of publication": "a retraction notice",
}


def _int(value: Any) -> int | None:
    text = str(value or "").strip()[:4]
    return int(text) if text.isdecimal() else None


def parse_europepmc_result(rec: Mapping[str, Any]) -> Work:
    """One Europe PMC result (``core`` or ``lite``) as a ``Work``."""
    info = rec.get("journalInfo") or {}
    journal = info.get("journal") or {}
    authors = []
    for a in (rec.get("authorList") or {}).get("author", []):
        if a.get("lastName"):
            given = a.get("firstName") or a.get("initials")
            authors.append(WorkAuthor(family=str(a["lastName"]), given=given))
        elif a.get("collectiveName"):
            authors.append(WorkAuthor(family=str(a["collectiveName"]), group=True))
    types = (rec.get("pubTypeList") or {}).get("pubType") or []
    if isinstance(types, str):
        types = [types]
    if not types and rec.get("pubType"):
        types = [str(rec["pubType"])]
    lowered = {str(t).lower().replace("-", " ") for t in types}
    peer: bool | None = None
    reason = None
    if rec.get("source") == "PPR":
        peer, reason = False, "a preprint (Europe PMC source PPR)"
    else:
        for key, why in _NOT_RESEARCH.items():
            if key in lowered:
                peer, reason = False, why
                break
        else:
            if lowered & {"journal article", "research article", "review", "review article"}:
                peer = True
    retracted = "retracted publication" in lowered
    print_year = _int(info.get("yearOfPublication")) or _int(rec.get("pubYear"))
    years = {
        y
        for y in (
            print_year,
            _int(rec.get("electronicPublicationDate")),
            _int(rec.get("firstPublicationDate")),
        )
        if y
    }
    title = rec.get("title")
    container = journal.get("title") or rec.get("journalTitle")
    pages = rec.get("pageInfo") or None
    return Work(
        source="europepmc",
        doi=normalize_doi(rec.get("doi")),
        title=strip_markup(str(title)).rstrip(".") if title else None,
        authors=tuple(authors),
        year=print_year,
        years=tuple(sorted(years)),
        container=strip_markup(str(container)) if container else None,
        container_short=journal.get("isoabbreviation") or journal.get("medlineAbbreviation"),
        type="; ".join(str(t) for t in types) or None,
        volume=info.get("volume") or rec.get("journalVolume") or None,
        issue=info.get("issue") or rec.get("issue") or None,
        pages=pages if pages and "-" in pages else None,
        article_number=pages if pages and "-" not in pages else None,
        pmid=rec.get("pmid") or None,
        is_retracted=retracted,
        retraction_detail="Europe PMC lists it as a Retracted Publication" if retracted else None,
        is_peer_reviewed_venue=peer,
        not_peer_reviewed_reason=reason,
    )


def parse_europepmc_response(data: Any) -> list[Work]:
    """Works from a search page (or a list of result objects)."""
    if isinstance(data, list):
        return [parse_europepmc_result(r) for r in data if isinstance(r, Mapping)]
    results = ((data or {}).get("resultList") or {}).get("result") or []
    return [parse_europepmc_result(r) for r in results if isinstance(r, Mapping)]


def fetch_europepmc_search(
    client: HttpClient,
    *,
    title: str,
    authors: Sequence[str] = (),
    year: int | None = None,
    rows: int = 5,
) -> list[Work]:
    """Candidates from a ``TITLE:`` search (plus first author and year when known)."""
    cleaned = title.replace('"', " ").strip()
    query = f'TITLE:"{cleaned}"'
    if authors:
        query += f' AND AUTH:"{authors[0]}"'
    if year:
        query += f" AND PUB_YEAR:[{year - 1} TO {year + 1}]"
    params: dict[str, Any] = {
        "query": query,
        "format": "json",
        "resultType": "core",
        "pageSize": rows,
    }
    if client.contact_email:
        params["email"] = client.contact_email
    response = client.get(f"{BASE}/search", params, service="Europe PMC", kind="list")
    if response.status_code >= 400:
        raise NetworkError(f"Europe PMC refused the search: HTTP {response.status_code}")
    try:
        return parse_europepmc_response(response.json())
    except ValueError as exc:
        raise NetworkError("Europe PMC answered with something that is not JSON") from exc
