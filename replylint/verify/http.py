"""One polite HTTP client for every verification service.

Timeouts, a descriptive User-Agent with a ``mailto:`` contact, one rate limiter per service
(the documented limits), and retries with exponential backoff on 429 and 5xx that honour a
``Retry-After`` header. Clock, sleep and the HTTP transport are injected so tests never wait
and never touch the network. A service that cannot be reached raises ``NetworkError``.
"""

from __future__ import annotations

import email.utils
import os
import random
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from .. import __version__
from ..errors import NetworkError

__all__ = [
    "DEFAULT_RATES",
    "HttpClient",
    "NetworkError",
    "RateLimiter",
    "parse_retry_after",
    "resolve_contact",
]

#: Requests per second by (host, kind); kind is "single" (one record) or "list" (a search).
#: Crossref: polite pool since 2025-12 (10/s single, 3/s lists); public pool halves that.
#: NCBI: 3/s without an API key, 10/s with one. Europe PMC publishes no number: stay low.
DEFAULT_RATES: Mapping[tuple[str, str], float] = {
    ("api.crossref.org", "single"): 10.0,
    ("api.crossref.org", "list"): 3.0,
    ("api.openalex.org", "single"): 10.0,
    ("api.openalex.org", "list"): 5.0,
    ("eutils.ncbi.nlm.nih.gov", "single"): 3.0,
    ("eutils.ncbi.nlm.nih.gov", "list"): 3.0,
    ("www.ebi.ac.uk", "single"): 5.0,
    ("www.ebi.ac.uk", "list"): 5.0,
}
_PUBLIC_CROSSREF = {"single": 5.0, "list": 1.0}
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
_NCBI_THROTTLE = '"error":"API rate limit exceeded"'


def resolve_contact(explicit: str | None = None) -> str | None:
    """The contact address: the explicit setting, else ``$REPLYLINT_CONTACT``, else None."""
    value = explicit or os.environ.get("REPLYLINT_CONTACT") or None
    return value.strip() if value and "@" in value else None


def parse_retry_after(value: str | None, now: Callable[[], float] = time.time) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now())


class RateLimiter:
    """Spaces calls to one bucket at least ``1/rate`` seconds apart (thread-safe)."""

    def __init__(
        self,
        rate: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._next = 0.0

    def wait(self) -> None:
        with self._lock:
            now = self._clock()
            delay = self._next - now
            if delay > 0:
                self._sleep(delay)
                now += delay
            self._next = now + self.interval


@dataclass
class _Attempt:
    status: int | None
    detail: str


class HttpClient:
    """GET requests with rate limits, retries and a clear ``NetworkError`` when a service fails.

    ``get`` returns the response for any final status below 500 except 429 (callers decide
    what 404 or 400 mean); it raises ``NetworkError`` when the service cannot be reached or
    keeps answering 429/5xx after ``max_retries`` retries.
    """

    def __init__(
        self,
        *,
        contact_email: str | None = None,
        transport: httpx.BaseTransport | None = None,
        timeout: float = 10.0,
        max_retries: int = 4,
        max_connect_retries: int = 1,
        backoff: float = 1.0,
        max_wait: float = 60.0,
        rates: Mapping[tuple[str, str], float] | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        wall_clock: Callable[[], float] = time.time,
        jitter: Callable[[], float] = random.random,
        api_keys: Mapping[str, str] | None = None,
    ) -> None:
        self.contact_email = resolve_contact(contact_email)
        self.max_retries = max_retries
        #: Retries after a timeout or connection failure (a dead network rarely recovers
        #: within seconds; 429 and 5xx get ``max_retries``).
        self.max_connect_retries = min(max_connect_retries, max_retries)
        self.backoff = backoff
        self.max_wait = max_wait
        self._clock = clock
        self._sleep = sleep
        self._wall_clock = wall_clock
        self._jitter = jitter
        self.api_keys = dict(api_keys if api_keys is not None else _env_api_keys())
        self._rates = dict(rates if rates is not None else DEFAULT_RATES)
        if not self.contact_email:
            for kind, rate in _PUBLIC_CROSSREF.items():
                key = ("api.crossref.org", kind)
                self._rates[key] = min(self._rates.get(key, rate), rate)
        if "ncbi" in self.api_keys:
            for kind in ("single", "list"):
                self._rates[("eutils.ncbi.nlm.nih.gov", kind)] = 10.0
        self._limiters: dict[tuple[str, str], RateLimiter] = {}
        self._lock = threading.Lock()
        self._client = httpx.Client(
            transport=transport,
            timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)),
            headers={"User-Agent": self.user_agent, "Accept": "application/json, text/xml;q=0.9"},
            follow_redirects=True,
        )
        #: Every request made, as (method, url) — handy for tests and ``--verbose``.
        self.requests: list[str] = []

    @property
    def user_agent(self) -> str:
        ua = f"replylint/{__version__} (https://pypi.org/project/replylint/"
        if self.contact_email:
            ua += f"; mailto:{self.contact_email}"
        return ua + ")"

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _limiter(self, host: str, kind: str) -> RateLimiter:
        with self._lock:
            key = (host, kind)
            if key not in self._limiters:
                rate = self._rates.get(key, 2.0)
                self._limiters[key] = RateLimiter(rate, clock=self._clock, sleep=self._sleep)
            return self._limiters[key]

    def get(
        self,
        url: str,
        params: Mapping[str, Any] | None = None,
        *,
        service: str,
        kind: str = "single",
    ) -> httpx.Response:
        """GET ``url``; ``service`` names the service in error messages ("Crossref")."""
        host = httpx.URL(url).host
        limiter = self._limiter(host, kind)
        last = _Attempt(None, "no attempt")
        transport_failures = 0
        attempts = 0
        for attempt in range(self.max_retries + 1):
            attempts += 1
            limiter.wait()
            self.requests.append(str(httpx.URL(url, params=params or {})))
            try:
                response = self._client.get(url, params=params)
            except httpx.TimeoutException as exc:
                last = _Attempt(None, f"timed out ({type(exc).__name__})")
                wait = None
                transport_failures += 1
            except httpx.TransportError as exc:
                last = _Attempt(None, f"unreachable ({exc or type(exc).__name__})")
                wait = None
                transport_failures += 1
            else:
                if not _throttled(response):
                    return response
                last = _Attempt(response.status_code, f"HTTP {response.status_code}")
                wait = parse_retry_after(response.headers.get("Retry-After"), self._wall_clock)
                if wait is not None and wait > self.max_wait:
                    raise NetworkError(
                        f"{service} unreachable: HTTP {response.status_code}, asked to retry "
                        f"after {wait:.0f} s"
                    )
            if attempt == self.max_retries or transport_failures > self.max_connect_retries:
                break
            if wait is None:
                wait = self.backoff * (2**attempt) * (1.0 + 0.25 * self._jitter())
            self._sleep(min(wait, self.max_wait))
        s = "s" if attempts > 1 else ""
        raise NetworkError(f"{service} unreachable: {last.detail} after {attempts} attempt{s}")


def _throttled(response: httpx.Response) -> bool:
    if response.status_code in _RETRY_STATUS:
        return True
    # NCBI may send its rate-limit body with a 200 status.
    return response.status_code == 200 and _NCBI_THROTTLE in response.text[:200]


def _env_api_keys() -> dict[str, str]:
    keys = {}
    if os.environ.get("OPENALEX_API_KEY"):
        keys["openalex"] = os.environ["OPENALEX_API_KEY"]
    if os.environ.get("NCBI_API_KEY"):
        keys["ncbi"] = os.environ["NCBI_API_KEY"]
    return keys
