"""PubMed E-utilities: esearch for candidates, efetch XML for the records, normalised to ``Work``.

efetch rather than esummary: esummary has no given names and no comment/correction links,
and the same XML parser reads imported efetch files.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..errors import NetworkError
from .work import Work, WorkAuthor, normalize_doi, strip_markup

if TYPE_CHECKING:  # pragma: no cover
    from .http import HttpClient

__all__ = [
    "BASE",
    "fetch_pubmed_doi",
    "fetch_pubmed_ids",
    "fetch_pubmed_search",
    "parse_esearch_ids",
    "parse_pubmed_article",
    "parse_pubmed_xml",
]

BASE = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"
TOOL = "replylint"
_NOT_RESEARCH = {
    "editorial": "an editorial",
    "comment": "a comment",
    "letter": "a letter",
    "news": "a news item",
    "published erratum": "an erratum",
    "retraction of publication": "a retraction notice",
    "expression of concern": "an expression of concern",
    "preprint": "a preprint",
    "congress": "a conference abstract",
}
_YEAR = re.compile(r"(1[89]\d\d|20\d\d)")


def _text(el: ET.Element | None) -> str | None:
    if el is None:
        return None
    value = strip_markup("".join(el.itertext()))
    return value or None


def _year(el: ET.Element | None) -> int | None:
    if el is None:
        return None
    y = el.findtext("Year")
    if y and y.strip().isdecimal():
        return int(y)
    m = _YEAR.search(el.findtext("MedlineDate") or "")
    return int(m.group(1)) if m else None


def _expand_pages(pages: str) -> str:
    """MEDLINE abbreviates ranges: '339-47' -> '339-347'."""
    m = re.fullmatch(r"(\d+)-(\d+)", pages)
    if m and len(m.group(2)) < len(m.group(1)):
        start, end = m.groups()
        end = start[: len(start) - len(end)] + end
        return f"{start}-{end}"
    return pages


def parse_pubmed_article(art: ET.Element) -> Work | None:
    """One ``PubmedArticle`` element as a ``Work`` (None for an empty element)."""
    mc = art.find("MedlineCitation")
    a = mc.find("Article") if mc is not None else None
    if mc is None or a is None:
        return None
    journal = a.find("Journal")
    issue = journal.find("JournalIssue") if journal is not None else None
    print_year = _year(issue.find("PubDate")) if issue is not None else None
    years = {y for y in (print_year, *(_year(d) for d in a.findall("ArticleDate"))) if y}
    authors = []
    for au in a.findall("AuthorList/Author"):
        if au.findtext("LastName"):
            given = au.findtext("ForeName") or au.findtext("Initials")
            authors.append(WorkAuthor(family=au.findtext("LastName", "").strip(), given=given))
        elif au.findtext("CollectiveName"):
            authors.append(WorkAuthor(family=_text(au.find("CollectiveName")) or "", group=True))
    doi = None
    for el in art.findall("PubmedData/ArticleIdList/ArticleId"):
        if el.get("IdType") == "doi":
            doi = normalize_doi(el.text)
    if doi is None:
        for el in a.findall("ELocationID"):
            if el.get("EIdType") == "doi":
                doi = normalize_doi(el.text)
    types = [(_text(t) or "") for t in a.findall("PublicationTypeList/PublicationType")]
    lowered = {t.lower() for t in types}
    retracted = "retracted publication" in lowered or any(
        c.get("RefType") == "RetractionIn"
        for c in mc.findall("CommentsCorrectionsList/CommentsCorrections")
    )
    peer: bool | None = True if lowered else None
    reason = None
    for key, why in _NOT_RESEARCH.items():
        if key in lowered:
            peer, reason = False, why
            break
    pages = a.findtext("Pagination/MedlinePgn") or None
    number = None
    if pages and "-" not in pages and (not pages.isdigit() or len(pages) > 4):
        number, pages = pages, None
    title = _text(a.find("ArticleTitle"))
    if title and title.startswith("[") and title.endswith("]."):
        title = title[1:-2] + "."
    return Work(
        source="pubmed",
        doi=doi,
        title=title.rstrip(".") if title else None,
        authors=tuple(authors),
        year=print_year or (min(years) if years else None),
        years=tuple(sorted(years)),
        container=_text(journal.find("Title")) if journal is not None else None,
        container_short=_text(journal.find("ISOAbbreviation")) if journal is not None else None,
        type="; ".join(types) or None,
        volume=(issue.findtext("Volume") if issue is not None else None) or None,
        issue=(issue.findtext("Issue") if issue is not None else None) or None,
        pages=_expand_pages(pages) if pages else None,
        article_number=number,
        pmid=(mc.findtext("PMID") or "").strip() or None,
        is_retracted=retracted,
        retraction_detail="PubMed lists it as a Retracted Publication" if retracted else None,
        is_peer_reviewed_venue=peer,
        not_peer_reviewed_reason=reason,
    )


def parse_pubmed_xml(text: str | bytes) -> list[Work]:
    """Every ``PubmedArticle`` in an efetch XML document (books are skipped)."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise ValueError(f"not PubMed XML: {exc}") from exc
    arts = [root] if root.tag == "PubmedArticle" else root.findall("PubmedArticle")
    return [w for w in (parse_pubmed_article(x) for x in arts) if w is not None]


def parse_esearch_ids(text: str) -> list[str]:
    """PMIDs from an esearch answer (JSON or XML)."""
    stripped = text.lstrip()
    if stripped.startswith("{"):
        data = json.loads(stripped)
        result = data.get("esearchresult", {})
        if "ERROR" in result or "error" in data:
            raise NetworkError(f"PubMed esearch failed: {result.get('ERROR') or data['error']}")
        return [str(i) for i in result.get("idlist", [])]
    try:
        root = ET.fromstring(stripped)
    except ET.ParseError as exc:
        raise NetworkError(f"PubMed esearch answered with unreadable XML: {exc}") from exc
    return [i.text.strip() for i in root.findall("IdList/Id") if i.text]


def _base_params(client: HttpClient) -> dict[str, Any]:
    params: dict[str, Any] = {"db": "pubmed", "tool": TOOL}
    if client.contact_email:
        params["email"] = client.contact_email
    if client.api_keys.get("ncbi"):
        params["api_key"] = client.api_keys["ncbi"]
    return params


def _esearch(client: HttpClient, term: str, retmax: int) -> list[str]:
    params = {**_base_params(client), "term": term, "retmax": retmax, "retmode": "json"}
    response = client.get(f"{BASE}/esearch.fcgi", params, service="PubMed", kind="list")
    if response.status_code >= 400:
        raise NetworkError(f"PubMed esearch refused the search: HTTP {response.status_code}")
    return parse_esearch_ids(response.text)


def fetch_pubmed_ids(client: HttpClient, pmids: Sequence[str]) -> list[Work]:
    """The efetch records for ``pmids``."""
    if not pmids:
        return []
    params = {**_base_params(client), "id": ",".join(pmids), "retmode": "xml"}
    response = client.get(f"{BASE}/efetch.fcgi", params, service="PubMed", kind="single")
    if response.status_code >= 400:
        raise NetworkError(f"PubMed efetch failed: HTTP {response.status_code}")
    try:
        return parse_pubmed_xml(response.content)
    except ValueError as exc:
        raise NetworkError(f"PubMed efetch answered with unreadable XML: {exc}") from exc


def fetch_pubmed_search(
    client: HttpClient,
    *,
    title: str,
    authors: Sequence[str] = (),
    year: int | None = None,
    rows: int = 5,
) -> list[Work]:
    """Candidates from an esearch on title words, first author and year, then efetch."""
    words = [w for w in re.findall(r"[^\W_]{3,}", title)][:12]
    if not words:
        return []
    term = " AND ".join(f"{w}[ti]" for w in words)
    if authors:
        term += f" AND {authors[0]}[au]"
    if year:
        term += f" AND {year - 1}:{year + 1}[dp]"
    return fetch_pubmed_ids(client, _esearch(client, term, rows))


def fetch_pubmed_doi(client: HttpClient, doi: str) -> Work | None:
    """The PubMed record carrying ``doi``, or None."""
    ids = _esearch(client, f"{doi}[doi]", 2)
    works = fetch_pubmed_ids(client, ids[:1])
    return works[0] if works else None
