"""Opt-in verification that reference entries name real works (``replylint check --verify``).

I/O lives here and only here: the HTTP client, the service clients and the SQLite library.
Nothing is imported until it is used: ``replylint.verify.checks`` is loaded by every run
(it registers the V rules' check kind) and must not pull in the HTTP stack.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from .http import HttpClient, NetworkError
    from .library import Library, default_library_path
    from .verifier import Verifier
    from .work import Work, WorkAuthor

__all__ = [
    "HttpClient",
    "Library",
    "NetworkError",
    "Verifier",
    "Work",
    "WorkAuthor",
    "default_library_path",
]

_WHERE = {
    "HttpClient": "http",
    "NetworkError": "http",
    "Library": "library",
    "default_library_path": "library",
    "Verifier": "verifier",
    "Work": "work",
    "WorkAuthor": "work",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
