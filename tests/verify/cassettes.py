"""Replay recorded HTTP interactions (vcrpy and R-vcr cassettes) through ``httpx.MockTransport``.

The cassettes are real recordings kept beside the project (``../shared/data``). A request is
answered by the first unused interaction with the same method, host and path whose recorded
query parameters are all present in the request (extra parameters such as ``mailto`` are
ignored). A request nothing matches gets a 599 "no recording" response, so a test fails
loudly instead of reaching the network. Responses made up by a test (a 429, a timeout) are
built with ``synthesized`` and carry the header ``X-Synthesized: test``.
"""

from __future__ import annotations

import base64
import contextlib
import gzip
import json
import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

import httpx
import yaml

__all__ = ["Cassette", "Interaction", "load_cassette", "synthesized"]


@dataclass
class Interaction:
    method: str
    url: str
    status: int
    headers: dict[str, str]
    body: bytes
    used: bool = False

    @property
    def path(self) -> str:
        return unquote(urlsplit(self.url).path)

    @property
    def host(self) -> str:
        return urlsplit(self.url).netloc

    @property
    def query(self) -> list[tuple[str, str]]:
        return parse_qsl(urlsplit(self.url).query, keep_blank_values=True)


def _body(raw: Any) -> bytes:
    if raw is None:
        return b""
    if isinstance(raw, bytes):
        data = raw
    elif isinstance(raw, Mapping):
        if raw.get("base64_string"):
            return base64.b64decode(raw["base64_string"])
        return _body(raw.get("string"))
    else:
        data = str(raw).encode("utf-8")
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    elif data[:1] == b"\x78":
        with contextlib.suppress(zlib.error):
            data = zlib.decompress(data)
    return data


def _headers(raw: Mapping[str, Any] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in (raw or {}).items():
        if key.lower() in ("content-encoding", "transfer-encoding", "content-length"):
            continue  # bodies are stored decoded
        out[key] = value[0] if isinstance(value, list) else str(value)
    return out


def _status(raw: Any) -> int:
    if isinstance(raw, int):
        return raw
    return int(raw.get("code") or raw.get("status_code"))


def load_cassette(path: Path) -> list[Interaction]:
    """The interactions of a vcrpy (``interactions``) or R-vcr (``http_interactions``) file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    items = data.get("interactions") or data.get("http_interactions") or []
    out = []
    for it in items:
        req, res = it["request"], it["response"]
        out.append(
            Interaction(
                method=str(req["method"]).upper(),
                url=str(req["uri"]),
                status=_status(res["status"] if "status" in res else res["status_code"]),
                headers=_headers(res.get("headers")),
                body=_body(res.get("body")),
            )
        )
    return out


def synthesized(
    status: int, *, headers: Mapping[str, str] | None = None, body: str = ""
) -> httpx.Response:
    """A response no service sent: made up by a test, and labelled so."""
    return httpx.Response(status, headers={"X-Synthesized": "test", **(headers or {})}, text=body)


@dataclass
class Cassette:
    """An ``httpx`` transport answering from recorded interactions (plus scripted extras)."""

    interactions: list[Interaction] = field(default_factory=list)
    #: Responses served first, in order, to any request (e.g. a synthesized 429).
    script: list[httpx.Response | Exception] = field(default_factory=list)
    requests: list[httpx.Request] = field(default_factory=list)
    reuse: bool = True
    #: Match on the recorded query parameters (off: any query on the same path matches).
    match_query: bool = True
    #: Match on the method (off: a recorded POST answers a GET on the same path).
    match_method: bool = True

    @classmethod
    def from_files(cls, paths: Iterable[Path], **kw: Any) -> Cassette:
        inter: list[Interaction] = []
        for p in paths:
            inter.extend(load_cassette(p))
        return cls(inter, **kw)

    def _find(self, request: httpx.Request) -> Interaction | None:
        path = unquote(request.url.path)
        params = set(parse_qsl(request.url.query.decode(), keep_blank_values=True))
        candidates = [
            i
            for i in self.interactions
            if (i.method == request.method or not self.match_method)
            and i.host == request.url.host
            and i.path == path
            and (set(i.query) <= params or not self.match_query)
        ]
        fresh = [i for i in candidates if not i.used]
        pool = fresh or (candidates if self.reuse else [])
        return pool[0] if pool else None

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.script:
            item = self.script.pop(0)
            if isinstance(item, Exception):
                raise item
            return item
        found = self._find(request)
        if found is None:
            return httpx.Response(599, text=f"no recording for {request.method} {request.url}")
        found.used = True
        return httpx.Response(found.status, headers=found.headers, content=found.body)

    @property
    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handler)


def json_body(interaction: Interaction) -> Any:
    return json.loads(interaction.body.decode("utf-8"))


Handler = Callable[[httpx.Request], httpx.Response]
