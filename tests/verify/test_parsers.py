"""Service answers parsed into ``Work``: real recorded responses from each service."""

from __future__ import annotations

import json

from replylint.verify.crossref import parse_crossref_response, parse_crossref_work
from replylint.verify.europepmc import parse_europepmc_response
from replylint.verify.openalex import parse_openalex_response
from replylint.verify.pubmed import parse_esearch_ids, parse_pubmed_xml
from tests.conftest import shared_path
from tests.verify.cassettes import json_body, load_cassette


def crossref_work(cassette: str, doi: str) -> dict:
    for i in load_cassette(shared_path(*cassette.split("/"))):
        if i.url.endswith(doi) and i.status == 200:
            return json_body(i)
    raise AssertionError(f"{doi} not recorded in {cassette}")


def test_crossref_single_work() -> None:
    data = crossref_work(
        "crossref-cassettes-habanero/test-works/test_works_with_one_id.yaml",
        "10.1371/journal.pone.0033693",
    )
    (w,) = parse_crossref_response(data)
    assert w.source == "crossref"
    assert w.doi == "10.1371/journal.pone.0033693"
    assert w.container == "PLoS ONE"
    assert w.type == "journal-article" and w.is_peer_reviewed_venue is True
    assert w.article_number == "e33693" and w.pages is None  # e-locator sitting in `page`
    assert w.year == 2012 and w.authors and w.authors[0].family
    assert not w.is_retracted


def test_crossref_list_with_posted_content() -> None:
    (i,) = [
        x
        for x in load_cassette(shared_path("crossref-cassettes-rcrossref", "cr_works.yml"))
        if x.url.endswith("query=NSF")
    ]
    works = parse_crossref_response(json_body(i))
    assert len(works) == 20
    posted = [w for w in works if w.type == "posted-content"]
    assert posted and all(w.is_peer_reviewed_venue is False for w in posted)
    assert all("posted content" in (w.not_peer_reviewed_reason or "") for w in posted)


def test_crossref_updated_by_retraction_marks_the_work_retracted() -> None:
    data = crossref_work(
        "crossref-cassettes-habanero/test-works/test_works_with_one_id.yaml",
        "10.1371/journal.pone.0033693",
    )
    # Mutation of the real record: an `updated-by` entry shaped like the documented
    # Retraction Watch entries (the corrections-before-retraction order is deliberate).
    message = dict(data["message"])
    message["updated-by"] = [
        {"DOI": "10.9999/correction", "type": "correction", "source": "retraction-watch"},
        {"DOI": "10.9999/retraction", "type": "retraction", "source": "retraction-watch"},
    ]
    w = parse_crossref_work(message)
    assert w.is_retracted and "10.9999/retraction" in (w.retraction_detail or "")


def test_crossref_correction_alone_is_not_a_retraction() -> None:
    data = crossref_work(
        "crossref-cassettes-habanero/test-works/test_works_with_one_id.yaml",
        "10.1371/journal.pone.0033693",
    )
    message = dict(data["message"])  # mutation: a correction notice only
    message["updated-by"] = [{"DOI": "10.9999/c", "type": "correction"}]
    assert not parse_crossref_work(message).is_retracted


def test_openalex_current_schema_full_work() -> None:
    data = json.loads(
        shared_path("openalex-fixtures", "openalex-python", "W2741809807.json").read_text()
    )
    (w,) = parse_openalex_response(data)
    assert w.doi == "10.7717/peerj.4375"
    assert w.container == "PeerJ"
    assert w.year == 2018
    assert w.authors[0].full and w.authors[0].family
    assert w.is_retracted is False


def test_openalex_paratext_is_not_peer_reviewed() -> None:
    (i,) = load_cassette(shared_path("openalex-fixtures", "openalexpro-vcr", "api_call_200.yml"))
    (w,) = parse_openalex_response(json_body(i))
    assert w.title is None  # the record has no title
    assert w.is_peer_reviewed_venue is False and "paratext" in (w.not_peer_reviewed_reason or "")


def test_openalex_2023_schema_from_synergy() -> None:
    import zipfile

    with zipfile.ZipFile(shared_path("synergy-openalex", "Donners_2021", "works_1.zip")) as zf:
        name = sorted(zf.namelist())[0]
        works = parse_openalex_response(json.loads(zf.read(name)))
    assert len(works) == 25
    assert all(w.source == "openalex" for w in works)
    assert sum(1 for w in works if w.is_peer_reviewed_venue) >= 15


def test_pubmed_efetch_article() -> None:
    xml = shared_path("pubmed-efetch-xml", "pmid_xml", "36367692.xml").read_bytes()
    (w,) = parse_pubmed_xml(xml)
    assert w.pmid == "36367692"
    assert w.doi == "10.1152/ajpheart.00477.2022"
    assert w.title and not w.title.endswith(".")
    assert w.container_short == "Am J Physiol Heart Circ Physiol"
    assert (w.authors[0].family, w.authors[0].given) == ("Lee", "Emma")
    assert w.is_peer_reviewed_venue is True


def test_pubmed_editorials_are_not_research_articles() -> None:
    works = [
        w
        for p in sorted(shared_path("pubmed-efetch-xml", "pmid_xml").glob("*.xml"))
        for w in parse_pubmed_xml(p.read_bytes())
    ]
    assert len(works) == 163  # one file is an empty PubmedArticleSet
    editorials = [w for w in works if w.is_peer_reviewed_venue is False]
    assert editorials and all(w.not_peer_reviewed_reason for w in editorials)
    assert all(
        "Editorial" in (w.type or "")
        or "Erratum" in (w.type or "")
        or "Comment" in (w.type or "")
        or "Letter" in (w.type or "")
        or "News" in (w.type or "")
        for w in editorials
    )


def test_pubmed_empty_set() -> None:
    xml = shared_path("pubmed-efetch-xml", "pmid_xml", "37909814.xml").read_bytes()
    assert parse_pubmed_xml(xml) == []


def test_esearch_ids_from_recorded_xml() -> None:
    text = shared_path("ncbi-eutils-biopython", "esearch1.xml").read_text()
    ids = parse_esearch_ids(text)
    assert ids and all(i.isdigit() for i in ids)


def test_esearch_zero_hits() -> None:
    text = shared_path("ncbi-eutils-biopython", "esearch8.xml").read_text()
    assert parse_esearch_ids(text) == []


def test_europepmc_core_search() -> None:
    data = json.loads(shared_path("europepmc-fixtures", "search_cancer_core.json").read_text())
    works = parse_europepmc_response(data)
    assert len(works) == 25
    w = works[0]
    assert w.doi == "10.1016/s0140-6736(24)02600-x"
    assert w.container == "Lancet (London, England)" and w.container_short == "Lancet"
    assert w.authors[0].family == "Schoenfeld"
    assert w.pages == "2603-2604"


def test_europepmc_no_results() -> None:
    data = json.loads(shared_path("europepmc-fixtures", "search_no_results.json").read_text())
    assert parse_europepmc_response(data) == []


def test_pubmed_retracted_publication_type() -> None:
    xml = shared_path("pubmed-efetch-xml", "pmid_xml", "36367692.xml").read_text(encoding="utf-8")
    # Mutation of the real record: the publication type PubMed gives a retracted article.
    mutated = xml.replace(
        "<PublicationTypeList>",
        "<PublicationTypeList>"
        '<PublicationType UI="D016441">Retracted Publication</PublicationType>',
        1,
    )
    (w,) = parse_pubmed_xml(mutated.encode("utf-8"))
    assert w.is_retracted and "Retracted Publication" in (w.retraction_detail or "")
