"""OpenAlex: ``/works/doi:{doi}`` and title search, normalised to ``Work``.

Parses both the current schema (``primary_location``) and the 2023 one (``host_venue``,
Crossref-style ``type`` words) so imported snapshots and live answers read the same.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..errors import NetworkError
from .work import Work, WorkAuthor, normalize_doi, split_full_name, strip_markup

if TYPE_CHECKING:  # pragma: no cover
    from .http import HttpClient

__all__ = [
    "BASE",
    "fetch_openalex_doi",
    "fetch_openalex_search",
    "parse_openalex_response",
    "parse_openalex_work",
]

BASE = "https://api.openalex.org"
_NON_JOURNAL_TYPES = {
    "preprint": "a preprint",
    "posted-content": "posted content (a preprint or working paper)",
    "editorial": "an editorial",
    "letter": "a letter",
    "erratum": "an erratum",
    "paratext": "paratext (a cover, table of contents or masthead)",
    "book": "a book, not a journal article",
    "book-chapter": "a book chapter, not a journal article",
    "dataset": "a dataset, not a journal article",
    "dissertation": "a dissertation, not a journal article",
    "proceedings-article": "a conference paper, not a journal article",
    "report": "a report, not a journal article",
}
_SOURCE_TYPES = {
    "repository": "hosted by a repository, not a journal",
    "conference": "a conference venue, not a journal",
    "ebook platform": "an e-book platform, not a journal",
    "book series": "a book series, not a journal",
}


def _source(work: Mapping[str, Any]) -> Mapping[str, Any]:
    loc = work.get("primary_location") or {}
    src = loc.get("source") if isinstance(loc, Mapping) else None
    if isinstance(src, Mapping):
        return src
    venue = work.get("host_venue")
    return venue if isinstance(venue, Mapping) else {}


def _authors(items: Any) -> tuple[WorkAuthor, ...]:
    out = []
    for a in items or ():
        author = a.get("author") if isinstance(a, Mapping) else None
        name = (author or {}).get("display_name") or a.get("raw_author_name")
        if not name:
            continue
        family, given = split_full_name(str(name))
        out.append(WorkAuthor(family=family, given=given, full=str(name)))
    return tuple(out)


def parse_openalex_work(work: Mapping[str, Any]) -> Work:
    """An OpenAlex work object as a ``Work``."""
    src = _source(work)
    kind = str(work.get("type") or "") or None
    src_type = str(src.get("type") or "") or None
    loc = work.get("primary_location") or {}
    version = loc.get("version") if isinstance(loc, Mapping) else None
    peer: bool | None = None
    reason = None
    if kind in _NON_JOURNAL_TYPES:
        peer, reason = False, _NON_JOURNAL_TYPES[kind]
    elif work.get("is_paratext"):
        peer, reason = False, _NON_JOURNAL_TYPES["paratext"]
    elif src_type in _SOURCE_TYPES:
        peer, reason = False, _SOURCE_TYPES[src_type]
    elif version == "submittedVersion":
        peer, reason = False, "a submitted version (preprint)"
    elif src_type == "journal" and kind in ("article", "review", "journal-article"):
        peer = True
    biblio = work.get("biblio") or {}
    first, last = biblio.get("first_page"), biblio.get("last_page")
    pages = number = None
    if first and last and first != last:
        pages = f"{first}-{last}"
    elif first and (first == last or not last):
        number = first if not str(first).isdigit() or len(str(first)) > 4 else None
        pages = None if number else first
    year = work.get("publication_year")
    title = work.get("title") or work.get("display_name")
    ids = work.get("ids") or {}
    pmid = str(ids.get("pmid") or "").rstrip("/").rsplit("/", 1)[-1] or None
    return Work(
        source="openalex",
        doi=normalize_doi(work.get("doi") or ids.get("doi")),
        title=strip_markup(title) if title else None,
        authors=_authors(work.get("authorships")),
        year=int(year) if isinstance(year, int) else None,
        years=(int(year),) if isinstance(year, int) else (),
        container=src.get("display_name") or None,
        type=kind,
        volume=biblio.get("volume") or None,
        issue=biblio.get("issue") or None,
        pages=pages,
        article_number=number,
        pmid=pmid,
        is_retracted=bool(work.get("is_retracted")),
        retraction_detail="flagged retracted by OpenAlex" if work.get("is_retracted") else None,
        is_peer_reviewed_venue=peer,
        not_peer_reviewed_reason=reason,
        extra={"openalex_id": str(work.get("id") or "")} if work.get("id") else {},
    )


def parse_openalex_response(data: Any) -> list[Work]:
    """Works from a single work, a ``results`` page, or a list of work objects."""
    if isinstance(data, list):
        return [parse_openalex_work(w) for w in data if isinstance(w, Mapping)]
    if isinstance(data, Mapping) and isinstance(data.get("results"), list):
        return [parse_openalex_work(w) for w in data["results"] if isinstance(w, Mapping)]
    if isinstance(data, Mapping) and "id" in data:
        return [parse_openalex_work(data)]
    return []


def _params(client: HttpClient) -> dict[str, Any]:
    params: dict[str, Any] = {}
    if client.api_keys.get("openalex"):
        params["api_key"] = client.api_keys["openalex"]
    if client.contact_email:
        params["mailto"] = client.contact_email
    return params


def _check(response: Any) -> Any:
    if response.status_code in (401, 403):
        raise NetworkError(
            f"OpenAlex refused the request (HTTP {response.status_code}): an API key is "
            "required; set OPENALEX_API_KEY"
        )
    if response.status_code >= 400:
        raise NetworkError(f"OpenAlex refused the request: HTTP {response.status_code}")
    try:
        return response.json()
    except ValueError as exc:
        raise NetworkError("OpenAlex answered with something that is not JSON") from exc


def fetch_openalex_doi(client: HttpClient, doi: str) -> Work | None:
    """The OpenAlex work for ``doi``, or None when OpenAlex does not know it."""
    response = client.get(
        f"{BASE}/works/doi:{doi}", _params(client) or None, service="OpenAlex", kind="single"
    )
    if response.status_code == 404:
        return None
    works = parse_openalex_response(_check(response))
    return works[0] if works else None


def fetch_openalex_search(
    client: HttpClient,
    *,
    title: str,
    authors: Sequence[str] = (),
    year: int | None = None,
    rows: int = 5,
) -> list[Work]:
    """Candidates whose title matches ``title`` (the year narrows to ±1 when given)."""
    cleaned = " ".join(title.replace(",", " ").replace(":", " ").split())
    filters = [f"title.search:{cleaned}"]
    if year:
        filters.append(f"publication_year:{year - 1}-{year + 1}")
    params = {**_params(client), "filter": ",".join(filters), "per_page": rows}
    response = client.get(f"{BASE}/works", params, service="OpenAlex", kind="list")
    return parse_openalex_response(_check(response))
