"""Service clients against recorded responses (no network: an injected transport)."""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx
import pytest

from replylint.errors import NetworkError
from replylint.verify.crossref import fetch_crossref_doi, fetch_crossref_search
from replylint.verify.europepmc import fetch_europepmc_search
from replylint.verify.http import HttpClient
from replylint.verify.openalex import fetch_openalex_doi, fetch_openalex_search
from replylint.verify.pubmed import fetch_pubmed_doi, fetch_pubmed_search
from tests.conftest import shared_path
from tests.verify.cassettes import Cassette
from tests.verify.conftest import cassette_files


def test_crossref_doi_found(make_client: Callable[..., HttpClient]) -> None:
    cassette = Cassette.from_files(
        cassette_files("crossref-cassettes-habanero/test-works/test_works_with_many_ids.yaml")
    )
    work = fetch_crossref_doi(make_client(cassette), "10.1038/srep16696")
    assert work is not None and work.doi == "10.1038/srep16696"
    assert cassette.requests[0].url.params["mailto"] == "replylint-tests@example.org"


def test_crossref_doi_not_found(make_client: Callable[..., HttpClient]) -> None:
    cassette = Cassette.from_files(
        cassette_files("crossref-cassettes-habanero/test-works/test_works_bad_id_warn.yaml")
    )
    assert fetch_crossref_doi(make_client(cassette), "10.1371/notarealdoi") is None


def test_crossref_400_is_a_network_error(make_client: Callable[..., HttpClient]) -> None:
    cassette = Cassette.from_files(
        cassette_files(
            "crossref-cassettes-habanero/test-works/test_works_query_filters_not_allowed_with_dois.yaml"
        ),
        match_query=False,
    )
    with pytest.raises(NetworkError, match="HTTP 400"):
        fetch_crossref_doi(make_client(cassette), "10.1371/journal.pone.0033693")


def test_crossref_search_sends_query_bibliographic(make_client: Callable[..., HttpClient]) -> None:
    cassette = Cassette.from_files(
        cassette_files("crossref-cassettes-habanero/test-works/test_works_field_queries.yaml"),
        match_query=False,
    )
    works = fetch_crossref_search(
        make_client(cassette), title="ecology", authors=["Boettiger"], year=2012
    )
    assert works
    params = cassette.requests[0].url.params
    assert params["query.bibliographic"] == "ecology Boettiger 2012"
    assert "updated-by" in params["select"]


def test_openalex_401_names_the_api_key(make_client: Callable[..., HttpClient]) -> None:
    (interaction,) = Cassette.from_files(
        cassette_files("openalex-fixtures/openalexpro-vcr/pro_rate_limit_status_401.yml")
    ).interactions
    cassette = Cassette(
        script=[httpx.Response(401, headers=interaction.headers, content=interaction.body)]
    )
    with pytest.raises(NetworkError, match="OPENALEX_API_KEY"):
        fetch_openalex_doi(make_client(cassette), "10.7717/peerj.4375")


def test_openalex_doi_lookup_and_key(make_client: Callable[..., HttpClient]) -> None:
    body = shared_path("openalex-fixtures", "openalex-python", "W2741809807.json").read_bytes()
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, content=body, headers={"content-type": "application/json"})

    client = make_client(handler, api_keys={"openalex": "KEY"})
    work = fetch_openalex_doi(client, "10.7717/peerj.4375")
    assert work is not None and work.container == "PeerJ"
    assert seen[0].url.path == "/works/doi:10.7717/peerj.4375"
    assert seen[0].url.params["api_key"] == "KEY"


def test_openalex_search_400(make_client: Callable[..., HttpClient]) -> None:
    cassette = Cassette.from_files(
        cassette_files("openalex-fixtures/openalexpro-vcr/opt_filter_names.yml"), match_query=False
    )
    with pytest.raises(NetworkError, match="HTTP 400"):
        fetch_openalex_search(make_client(cassette), title="biodiversity", year=2010)


def test_europepmc_search(make_client: Callable[..., HttpClient]) -> None:
    body = shared_path("europepmc-fixtures", "search_cancer_core.json").read_bytes()
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, content=body)

    client = make_client(handler)
    title = "Abscopal response in a patient with fibrolamellar hepatocellular carcinoma"
    works = fetch_europepmc_search(client, title=title, authors=["Schoenfeld"], year=2025)
    assert len(works) == 25
    query = seen[0].url.params["query"]
    assert query.startswith('TITLE:"Abscopal') and 'AUTH:"Schoenfeld"' in query
    assert "PUB_YEAR:[2024 TO 2026]" in query


def test_pubmed_search_esearch_then_efetch(make_client: Callable[..., HttpClient]) -> None:
    esearch = shared_path("ncbi-eutils-biopython", "esearch1.xml").read_bytes()
    efetch = shared_path("pubmed-efetch-xml", "pmid_xml", "36367692.xml").read_bytes()
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path.endswith("esearch.fcgi"):
            return httpx.Response(200, content=esearch)
        return httpx.Response(200, content=efetch)

    client = make_client(handler)
    works = fetch_pubmed_search(
        client, title="Vasomotor symptoms of menopause", authors=["Lee"], year=2022
    )
    assert [w.pmid for w in works] == ["36367692"]
    term = seen[0].url.params["term"]
    assert "Vasomotor[ti]" in term and "Lee[au]" in term and "2021:2023[dp]" in term
    assert seen[0].url.params["tool"] == "replylint"
    assert seen[0].url.params["email"] == "replylint-tests@example.org"


def test_pubmed_doi_lookup_with_json_esearch(make_client: Callable[..., HttpClient]) -> None:
    efetch = shared_path("pubmed-efetch-xml", "pmid_xml", "36367692.xml").read_bytes()

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("esearch.fcgi"):
            # An esearch JSON answer naming the recorded PMID (the documented JSON shape).
            return httpx.Response(200, text=json.dumps({"esearchresult": {"idlist": ["36367692"]}}))
        return httpx.Response(200, content=efetch)

    client = make_client(handler)
    work = fetch_pubmed_doi(client, "10.1152/ajpheart.00477.2022")
    assert work is not None and work.doi == "10.1152/ajpheart.00477.2022"
