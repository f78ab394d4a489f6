"""The verifier, offline against a library of real records and online through recordings.

Entries are written from real records; the ones changed on purpose say so ("mutation").
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable

import httpx

from replylint.model import Author, Reference, RuleMeta, Severity, Span
from replylint.verify.http import HttpClient
from replylint.verify.library import Library
from replylint.verify.openalex import parse_openalex_response
from replylint.verify.verifier import Verifier
from replylint.verify.work import Work
from tests.conftest import shared_path
from tests.verify.cassettes import Cassette, load_cassette, synthesized
from tests.verify.conftest import codes, entry_from_work

PUBMED_DOI = "10.1152/ajpheart.00477.2022"  # PubMed 36367692, a journal article
RETRACTED_DOI = "10.1111/hae.13911"  # flagged is_retracted in the OpenAlex record
PROCEEDINGS_DOI = "10.1055/s-0039-1680133"  # OpenAlex type proceedings-article
EDITORIAL_PMID = "editorial"


def work(library: Library, doi: str) -> Work:
    w = library.by_doi(doi)
    assert w is not None, doi
    return w


# -- offline: the library is the whole world ---------------------------------------------


def test_real_entry_has_no_findings(offline_verifier: Verifier, library: Library) -> None:
    assert offline_verifier.verify_entry(entry_from_work(work(library, PUBMED_DOI))) == []


def test_real_entries_from_many_records_have_no_findings(
    offline_verifier: Verifier, library: Library
) -> None:
    rows = library._db.execute(
        "SELECT DISTINCT doi FROM works WHERE doi IS NOT NULL ORDER BY doi LIMIT 150"
    ).fetchall()
    flagged = []
    for (doi,) in rows:
        w = work(library, doi)
        if (
            not (w.title and w.authors and w.year)
            or w.is_retracted
            or w.is_peer_reviewed_venue is False
        ):
            continue
        found = [
            d
            for d in offline_verifier.verify_entry(entry_from_work(w))
            if d.severity != Severity.INFO
        ]
        if found:
            flagged.append((doi, [d.message for d in found]))
    assert flagged == []


def test_entry_without_doi_gets_the_doi_offered(
    offline_verifier: Verifier, library: Library
) -> None:
    ref = entry_from_work(work(library, PUBMED_DOI), doi=False)
    (d,) = offline_verifier.verify_entry(ref)
    assert d.code == "V106" and d.severity == Severity.INFO and d.category == "existence"
    assert d.fix is not None and d.fix.applicability == "unsafe"
    (edit,) = d.fix.edits
    assert edit.content == f" https://doi.org/{PUBMED_DOI}"
    assert edit.span == Span(ref.span.end, ref.span.end)


def test_year_changed_is_a_mismatch_with_the_real_year(
    offline_verifier: Verifier, library: Library
) -> None:
    w = work(library, PUBMED_DOI)
    ref = entry_from_work(w, year="2017")  # mutation: 2022 -> 2017
    (d,) = offline_verifier.verify_entry(ref)
    assert d.code == "V102" and d.severity == Severity.ERROR
    assert "year is “2017” but the source has “2022”" in d.message
    assert d.fix is not None and d.fix.applicability == "unsafe"
    (edit,) = d.fix.edits  # only the year is replaced
    assert edit.content == "2022"
    assert ref.text[edit.span.start - ref.span.start : edit.span.end - ref.span.start] == "2017"


def test_mismatch_without_field_positions_rewrites_the_entry(
    offline_verifier: Verifier, library: Library
) -> None:
    w = work(library, PUBMED_DOI)
    ref = dataclasses.replace(entry_from_work(w, year="2017"), fields={})  # mutation: year
    (d,) = offline_verifier.verify_entry(ref)
    assert d.fix is not None
    (edit,) = d.fix.edits
    assert edit.content.startswith("Lee, E., Anselmo, M.")
    assert "(2022)." in edit.content and f"https://doi.org/{PUBMED_DOI}" in edit.content


def test_title_word_changed_is_a_mismatch(offline_verifier: Verifier, library: Library) -> None:
    w = work(library, PUBMED_DOI)
    assert w.title is not None
    ref = entry_from_work(w, title=w.title.replace("menopause", "pregnancy"))  # mutation
    (d,) = offline_verifier.verify_entry(ref)
    assert d.code == "V102" and "title is" in d.message


def test_first_author_changed_is_a_mismatch(offline_verifier: Verifier, library: Library) -> None:
    w = work(library, PUBMED_DOI)
    ref = entry_from_work(w, authors=(Author("Anselmo", "M."), Author("Lee", "E.")))  # mutation
    (d,) = offline_verifier.verify_entry(ref)
    assert d.code == "V102" and "first author is “Anselmo”" in d.message


def test_doi_digits_changed_offline_names_the_real_doi(
    offline_verifier: Verifier, library: Library
) -> None:
    w = work(library, PUBMED_DOI)
    ref = entry_from_work(w, doi="10.1152/ajpheart.00477.2021")  # mutation: last digit
    found = offline_verifier.verify_entry(ref)
    assert codes(found) == ["V102"]
    (d,) = found
    assert PUBMED_DOI in d.message
    assert d.fix is not None and d.fix.edits[0].content == f"https://doi.org/{PUBMED_DOI}"


def test_recombined_entry_is_not_accepted(offline_verifier: Verifier, library: Library) -> None:
    a = work(library, PUBMED_DOI)
    b = work(library, "10.1055/s-0039-1680236")
    # Mutation: the title of one real work with the authors and year of another, no DOI.
    ref = entry_from_work(
        a, doi=False, authors=tuple(Author(x.family, x.given) for x in b.authors), year=str(b.year)
    )
    assert codes(offline_verifier.verify_entry(ref)) == ["V103"]


def test_recombined_doi_is_a_mismatch(offline_verifier: Verifier, library: Library) -> None:
    a = work(library, PUBMED_DOI)
    b = work(library, "10.1055/s-0039-1680236")
    ref = entry_from_work(a, doi=b.doi)  # mutation: another work's DOI
    found = offline_verifier.verify_entry(ref)
    assert "V102" in codes(found)


def test_unknown_doi_and_title_offline_is_not_found(offline_verifier: Verifier) -> None:
    ref = Reference(
        span=Span(0, 40),
        text="Ray, O. (2004). How the mind hurts and heals the body. American Psychologist,"
        " 59(1), 29-40.",
        parsed=True,
        authors=(Author("Ray", "O."),),
        year="2004",
        title="How the mind hurts and heals the body",
        source="American Psychologist",
        doi="10.1037/0003-066x.59.1.29",  # real (research notes), but not in this library
    )
    (d,) = offline_verifier.verify_entry(ref)
    assert d.code == "V103" and "offline" in d.message and d.severity == Severity.WARNING


def test_retracted_work(offline_verifier: Verifier, library: Library) -> None:
    ref = entry_from_work(work(library, RETRACTED_DOI))
    assert "V104" in codes(offline_verifier.verify_entry(ref))


def test_proceedings_paper_is_not_peer_reviewed(
    offline_verifier: Verifier, library: Library
) -> None:
    (d,) = offline_verifier.verify_entry(entry_from_work(work(library, PROCEEDINGS_DOI)))
    assert d.code == "V105" and "conference paper" in d.message


def test_pubmed_editorial_is_not_peer_reviewed(
    offline_verifier: Verifier, library: Library
) -> None:
    row = library._db.execute(
        "SELECT doi FROM works WHERE source = 'pubmed' AND data LIKE '%an editorial%'"
        " AND doi IS NOT NULL"
    ).fetchone()
    (d,) = offline_verifier.verify_entry(entry_from_work(work(library, row[0])))
    assert d.code == "V105" and "editorial" in d.message


def test_entry_with_nothing_to_look_up(offline_verifier: Verifier) -> None:
    ref = Reference(span=Span(0, 20), text="Smith. Some notes online.", parsed=False)
    (d,) = offline_verifier.verify_entry(ref)
    assert d.code == "V107" and d.severity == Severity.INFO


def test_selection_limits_the_codes(library: Library, v_rules: dict[str, RuleMeta]) -> None:
    verifier = Verifier(None, library, offline=True, rules=v_rules, select={"V102"})
    ref = entry_from_work(work(library, RETRACTED_DOI), year="1990")  # mutation: year
    assert codes(verifier.verify_entry(ref)) == ["V102"]


def test_doi_written_in_the_text_only_is_used(offline_verifier: Verifier, library: Library) -> None:
    w = work(library, PUBMED_DOI)
    ref = entry_from_work(w, doi=False)
    ref = dataclasses.replace(ref, text=ref.text + f" doi:{PUBMED_DOI}")
    assert offline_verifier.verify_entry(ref) == []


# -- online, through recorded responses ------------------------------------------------

PLOS = "10.1371/journal.pone.0033693"


def plos_work() -> Work:
    from replylint.verify.crossref import parse_crossref_response
    from tests.verify.cassettes import json_body

    (i,) = load_cassette(
        shared_path("crossref-cassettes-habanero", "test-works", "test_works_with_one_id.yaml")
    )
    (w,) = parse_crossref_response(json_body(i))
    return w


def router(routes: dict[str, httpx.Response]) -> Callable[[httpx.Request], httpx.Response]:
    """Answer by host + path prefix from recorded (or labelled synthesized) responses."""

    def handler(request: httpx.Request) -> httpx.Response:
        key = request.url.host + request.url.path
        for prefix, response in routes.items():
            if key.startswith(prefix):
                return httpx.Response(
                    response.status_code, headers=response.headers, content=response.content
                )
        return synthesized(404, body="no route in this test")

    return handler


def recorded(cassette: str, url_end: str) -> httpx.Response:
    for i in load_cassette(shared_path(*cassette.split("/"))):
        if i.url.endswith(url_end):
            return httpx.Response(i.status, headers=i.headers, content=i.body)
    raise AssertionError(url_end)


def empty_searches() -> dict[str, httpx.Response]:
    return {
        "api.openalex.org/works": synthesized(200, body='{"meta": {"count": 0}, "results": []}'),
        "eutils.ncbi.nlm.nih.gov/entrez/eutils/esearch.fcgi": httpx.Response(
            200, content=shared_path("ncbi-eutils-biopython", "esearch8.xml").read_bytes()
        ),
        "www.ebi.ac.uk/europepmc": httpx.Response(
            200, content=shared_path("europepmc-fixtures", "search_no_results.json").read_bytes()
        ),
    }


def unresolved_doi() -> dict[str, httpx.Response]:
    """Crossref's recorded answer for a DOI that does not resolve, and OpenAlex's 404."""
    return {
        "api.crossref.org/works/10.1371/notarealdoi": recorded(
            "crossref-cassettes-habanero/test-works/test_works_bad_id_warn.yaml", "notarealdoi"
        ),
        "api.openalex.org/works/doi:": synthesized(404, body='{"error": "not found"}'),
    }


def test_online_doi_found_then_cached(
    library: Library, v_rules: dict[str, RuleMeta], make_client: Callable[..., HttpClient]
) -> None:
    cassette = Cassette.from_files(
        [shared_path("crossref-cassettes-habanero", "test-works", "test_works_with_one_id.yaml")]
    )
    verifier = Verifier(make_client(cassette), library, rules=v_rules)
    ref = entry_from_work(plos_work())
    assert verifier.verify_entry(ref) == []
    assert len(cassette.requests) == 1
    # Now in the library: an offline run finds it without a request.
    offline = Verifier(None, library, offline=True, rules=v_rules)
    assert offline.verify_entry(ref) == []
    assert library.cached("Crossref", f"doi:{PLOS}") is not None


def test_online_doi_not_resolving(
    library: Library, v_rules: dict[str, RuleMeta], make_client: Callable[..., HttpClient]
) -> None:
    routes = {
        **unresolved_doi(),
        "api.crossref.org/works": recorded(
            "crossref-cassettes-habanero/test-works/test_works_query.yaml", "rows=2"
        ),
        **empty_searches(),
    }
    verifier = Verifier(make_client(router(routes)), library, rules=v_rules)
    ref = entry_from_work(plos_work(), doi="10.1371/notarealdoi")  # mutation: the recorded bad DOI
    (d,) = verifier.verify_entry(ref)
    assert d.code == "V101" and d.severity == Severity.ERROR
    assert "10.1371/notarealdoi does not resolve" in d.message
    assert verifier.unreachable == {}


def test_online_services_down_is_could_not_verify(
    library: Library, v_rules: dict[str, RuleMeta], make_client: Callable[..., HttpClient]
) -> None:
    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("network is unreachable (synthesized)")

    verifier = Verifier(
        make_client(down, max_retries=1), library, rules=v_rules, strict_network=True
    )
    ref = entry_from_work(plos_work())
    (d,) = verifier.verify_entry(ref)
    assert d.code == "V107" and d.severity == Severity.INFO
    assert "Crossref" in d.message and "unreachable" in d.message
    assert set(verifier.unreachable) >= {"Crossref", "OpenAlex"}
    # A second entry does not hammer a service already known to be down.
    before = len(verifier.unreachable)
    verifier.verify_entry(entry_from_work(plos_work(), doi=False))
    assert len(verifier.unreachable) >= before


def test_online_recorded_504_then_other_service_answers(
    library: Library, v_rules: dict[str, RuleMeta], make_client: Callable[..., HttpClient]
) -> None:
    faceting = load_cassette(
        shared_path("crossref-cassettes-rcrossref", "cr_journals_faceting.yml")
    )
    gateway = next(i for i in faceting if i.status == 504)
    routes = {
        "api.crossref.org": httpx.Response(504, headers=gateway.headers, content=gateway.body),
        "api.openalex.org/works/doi:": httpx.Response(
            200,
            content=shared_path(
                "openalex-fixtures", "openalex-python", "W2741809807.json"
            ).read_bytes(),
        ),
    }
    verifier = Verifier(make_client(router(routes), max_retries=1), library, rules=v_rules)
    (peerj,) = parse_openalex_response(
        json.loads(
            shared_path("openalex-fixtures", "openalex-python", "W2741809807.json").read_text()
        )
    )
    assert verifier.verify_entry(entry_from_work(peerj)) == []
    assert "Crossref" in verifier.unreachable


def test_online_search_finds_posted_content(
    library: Library, v_rules: dict[str, RuleMeta], make_client: Callable[..., HttpClient]
) -> None:
    from replylint.verify.crossref import parse_crossref_response
    from tests.verify.cassettes import json_body

    nsf = next(
        i
        for i in load_cassette(shared_path("crossref-cassettes-rcrossref", "cr_works.yml"))
        if i.url.endswith("query=NSF")
    )
    posted = next(w for w in parse_crossref_response(json_body(nsf)) if w.type == "posted-content")
    routes = {"api.crossref.org/works": httpx.Response(200, content=nsf.body), **empty_searches()}
    verifier = Verifier(make_client(router(routes)), library, rules=v_rules)
    found = verifier.verify_entry(entry_from_work(posted, doi=False))
    assert codes(found) == ["V105", "V106"]
    assert any("posted content" in d.message for d in found)


def test_cached_not_found_answers_count_offline(
    library: Library, v_rules: dict[str, RuleMeta], make_client: Callable[..., HttpClient]
) -> None:
    routes = {
        **unresolved_doi(),
        **empty_searches(),
    }
    ref = entry_from_work(plos_work(), doi="10.1371/notarealdoi")  # mutation: the bad DOI
    online = Verifier(make_client(router(routes)), library, rules=v_rules)
    assert codes(online.verify_entry(ref)) == ["V101"]
    offline = Verifier(None, library, offline=True, rules=v_rules)
    assert codes(offline.verify_entry(ref)) == ["V101"]  # from the cached answers


def test_journal_version_preferred_over_its_preprint(
    offline_verifier: Verifier, library: Library
) -> None:
    from replylint.verify.verifier import _best

    journal = work(library, PUBMED_DOI)
    # Mutation: a preprint twin of the real record (same title and authors, a year earlier).
    preprint = dataclasses.replace(
        journal,
        source="crossref",
        doi="10.1101/preprint-twin",
        year=2021,
        years=(2021,),
        type="posted-content",
        is_peer_reviewed_venue=False,
        not_peer_reviewed_reason="posted content (a preprint)",
    )
    ref = entry_from_work(journal, doi=False)
    assert _best(ref, [preprint, journal]) is journal


def test_online_cache_is_reused_until_it_is_old(
    library: Library, v_rules: dict[str, RuleMeta], make_client: Callable[..., HttpClient]
) -> None:
    import datetime as dt

    cassette = Cassette.from_files(
        [shared_path("crossref-cassettes-habanero", "test-works", "test_works_with_one_id.yaml")]
    )
    ref = entry_from_work(plos_work())
    client = make_client(cassette)
    first = dt.date(2026, 11, 25)
    assert Verifier(client, library, rules=v_rules, today=lambda: first).verify_entry(ref) == []
    assert len(cassette.requests) == 1
    soon = Verifier(client, library, rules=v_rules, today=lambda: dt.date(2026, 12, 20))
    assert soon.verify_entry(ref) == []
    assert len(cassette.requests) == 1  # fresh cache, no request
    later = dt.date(2026, 12, 27)
    old = Verifier(client, library, rules=v_rules, today=lambda: later)
    assert old.verify_entry(ref) == []
    assert len(cassette.requests) == 2  # older than 30 days: asked again
