"""The HTTP layer: identification, rate limits, retries with backoff, Retry-After, failures.

Recorded error responses (500, 504) come from the Crossref cassettes; every 429 here is
synthesized by the test (no recording has one) and labelled so by ``synthesized``.
"""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from replylint import __version__
from replylint.errors import NetworkError
from replylint.verify.http import HttpClient, RateLimiter, parse_retry_after, resolve_contact
from tests.verify.cassettes import Cassette, synthesized
from tests.verify.conftest import NoSleep, cassette_files

WORK = "https://api.crossref.org/works/10.1371/journal.pone.0033693"


def works_cassette(**kw: object) -> Cassette:
    return Cassette.from_files(
        cassette_files("crossref-cassettes-habanero/test-works/test_works_with_one_id.yaml"), **kw
    )


def test_user_agent_names_version_and_contact(make_client: Callable[..., HttpClient]) -> None:
    cassette = works_cassette()
    client = make_client(cassette, contact_email="teacher@example.edu")
    client.get(WORK, service="Crossref")
    ua = cassette.requests[0].headers["user-agent"]
    assert f"replylint/{__version__}" in ua and "mailto:teacher@example.edu" in ua


def test_contact_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPLYLINT_CONTACT", "ta@example.edu")
    assert resolve_contact(None) == "ta@example.edu"
    assert resolve_contact("prof@example.edu") == "prof@example.edu"
    monkeypatch.setenv("REPLYLINT_CONTACT", "not-an-address")
    assert resolve_contact(None) is None


def test_synthesized_429_then_recorded_200_honours_retry_after(
    make_client: Callable[..., HttpClient], no_sleep: NoSleep
) -> None:
    cassette = works_cassette(script=[synthesized(429, headers={"Retry-After": "7"})])
    response = make_client(cassette).get(WORK, service="Crossref")
    assert response.status_code == 200
    assert 7.0 in no_sleep.waits
    assert len(cassette.requests) == 2


def test_retry_after_as_http_date() -> None:
    assert parse_retry_after("Wed, 25 Nov 2026 12:00:30 GMT", now=lambda: 1795608000.0) == 30.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


def test_retry_after_beyond_the_limit_gives_up_at_once(
    make_client: Callable[..., HttpClient],
) -> None:
    cassette = works_cassette(script=[synthesized(429, headers={"Retry-After": "86400"})])
    with pytest.raises(NetworkError, match="Crossref unreachable: HTTP 429"):
        make_client(cassette).get(WORK, service="Crossref")
    assert len(cassette.requests) == 1


def test_recorded_504_is_retried_with_exponential_backoff(
    make_client: Callable[..., HttpClient], no_sleep: NoSleep
) -> None:
    cassette = Cassette.from_files(
        cassette_files("crossref-cassettes-rcrossref/cr_journals_faceting.yml"), match_query=False
    )
    client = make_client(cassette, max_retries=3)
    with pytest.raises(NetworkError, match="HTTP 504 after 4 attempts"):
        client.get("https://api.crossref.org/journals/1803-2427/works", service="Crossref")
    backoff = [w for w in no_sleep.waits if w >= 1.0]
    assert backoff == [1.0, 2.0, 4.0]


def test_recorded_500_then_success(make_client: Callable[..., HttpClient]) -> None:
    failing = Cassette.from_files(
        cassette_files("crossref-cassettes-rcrossref/cr_works_with_cursor_fails_well.yml"),
        match_query=False,
    )
    (error,) = failing.interactions
    assert error.status == 500
    cassette = works_cassette(
        script=[httpx.Response(error.status, headers=error.headers, content=error.body)]
    )
    assert make_client(cassette).get(WORK, service="Crossref").status_code == 200


def test_connection_failure_becomes_network_error(make_client: Callable[..., HttpClient]) -> None:
    cassette = works_cassette(script=[httpx.ConnectError("connection refused (synthesized)")] * 3)
    with pytest.raises(NetworkError, match="Crossref unreachable: unreachable"):
        make_client(cassette, max_retries=2).get(WORK, service="Crossref")
    assert len(cassette.requests) == 2  # a dead connection is retried once, not max_retries


def test_timeout_becomes_network_error(make_client: Callable[..., HttpClient]) -> None:
    cassette = works_cassette(script=[httpx.ReadTimeout("timed out (synthesized)")] * 2)
    with pytest.raises(NetworkError, match="timed out"):
        make_client(cassette, max_retries=1).get(WORK, service="Crossref")


def test_recorded_404_is_returned_not_raised(make_client: Callable[..., HttpClient]) -> None:
    cassette = Cassette.from_files(
        cassette_files("crossref-cassettes-habanero/test-works/test_works_bad_id_warn.yaml")
    )
    response = make_client(cassette).get(
        "https://api.crossref.org/works/10.1371/notarealdoi", service="Crossref"
    )
    assert response.status_code == 404


def test_ncbi_rate_limit_body_with_200_is_throttling(
    make_client: Callable[..., HttpClient], no_sleep: NoSleep
) -> None:
    body = '{"error":"API rate limit exceeded","count":"11"}'  # documented NCBI body
    cassette = works_cassette(script=[synthesized(200, body=body)])
    assert make_client(cassette).get(WORK, service="Crossref").status_code == 200
    assert len(cassette.requests) == 2


def test_rate_limiter_spaces_calls() -> None:
    clock = NoSleep()
    limiter = RateLimiter(4.0, clock=clock.clock, sleep=clock.sleep)
    for _ in range(5):
        limiter.wait()
    assert clock.waits == [0.25, 0.25, 0.25, 0.25]


def test_public_pool_rates_without_contact(
    no_sleep: NoSleep, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("REPLYLINT_CONTACT", raising=False)
    cassette = Cassette.from_files(
        cassette_files("crossref-cassettes-habanero/test-works/test_works_with_many_ids.yaml")
    )
    client = HttpClient(
        contact_email=None,
        transport=cassette.transport,
        clock=no_sleep.clock,
        sleep=no_sleep.sleep,
        api_keys={},
    )
    for doi in ("10.1038/srep16696", "10.1002/jor.1100150407", "10.3892/ijo_00000353"):
        client.get(f"https://api.crossref.org/works/{doi}", service="Crossref")
    assert no_sleep.waits == [0.2, 0.2]  # public pool: 5 requests a second


@pytest.mark.parametrize(
    ("cassette", "status"),
    [
        ("semanticscholar-cassettes/test_not_found.yaml", 404),
        ("semanticscholar-cassettes/test_bad_query_parameters.yaml", 400),
        (
            "semanticscholar-cassettes/test_get_recommended_papers_from_lists_negative_only.yaml",
            400,
        ),
    ],
)
def test_recorded_client_errors_are_returned_at_once(
    cassette: str, status: int, make_client: Callable[..., HttpClient], no_sleep: NoSleep
) -> None:
    recorded = Cassette.from_files(cassette_files(cassette), match_query=False, match_method=False)
    (interaction,) = [i for i in recorded.interactions if i.status == status][:1]
    client = make_client(recorded)
    response = client.get(interaction.url.split("?")[0], service="Semantic Scholar")
    assert response.status_code == status
    assert len(recorded.requests) == 1 and no_sleep.waits == []
