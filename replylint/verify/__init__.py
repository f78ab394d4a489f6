"""Opt-in verification that reference entries name real works (``replylint check --verify``).

I/O lives here and only here: the HTTP client, the service clients and the SQLite library.
"""

from __future__ import annotations

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
