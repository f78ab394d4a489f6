"""The embedded library and lookup cache (SQLite).

``works`` holds imported and fetched records, one row per (source, DOI or title key), so the
same work from several sources is merged at lookup time. ``lookups`` caches every service
answer (the normalised result, or a miss) with the date it was fetched. Parallel runs are
safe: WAL journal, a busy timeout, and one ``BEGIN IMMEDIATE`` transaction per batch.
Re-importing a file is idempotent (upserts on the row key).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from .importers import read_works
from .work import Work, fold, merge_works, title_key

__all__ = ["Library", "LibraryStats", "default_library_path", "work_key"]

SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS works (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    doi TEXT,
    title_key TEXT,
    first_author TEXT,
    year INTEGER,
    data TEXT NOT NULL,
    origin TEXT,
    added TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS works_doi ON works(doi);
CREATE INDEX IF NOT EXISTS works_title ON works(title_key);
CREATE INDEX IF NOT EXISTS works_author_year ON works(first_author, year);
CREATE TABLE IF NOT EXISTS lookups (
    service TEXT NOT NULL,
    query TEXT NOT NULL,
    fetched TEXT NOT NULL,
    status TEXT NOT NULL,
    result TEXT,
    PRIMARY KEY (service, query)
);
"""
_FTS = "CREATE VIRTUAL TABLE IF NOT EXISTS works_fts USING fts5(title_key, tokenize='unicode61')"
_BATCH = 500
#: Words too common in titles to narrow a full-text search.
_COMMON = frozenset(
    {
        "with", "from", "that", "this", "their", "between", "among", "after", "during",
        "study", "review", "analysis", "patients", "effect", "effects", "using", "based",
        "versus",
    }
)  # fmt: skip


def default_library_path() -> Path:
    """``$XDG_CACHE_HOME/replylint/library.sqlite`` (or ``~/.cache/...``)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "replylint" / "library.sqlite"


def _surname(work: Work) -> str | None:
    first = work.first_author
    return fold(first.family).split()[-1] if first and first.family.split() else None


def work_key(work: Work) -> str | None:
    """The row key: source + DOI, else source + title key + year (None if neither)."""
    if work.doi:
        return f"{work.source}:doi:{work.doi}"
    tk = title_key(work.title)
    if tk:
        return f"{work.source}:title:{tk}|{work.year or ''}|{_surname(work) or ''}"
    return None


@dataclass(frozen=True)
class LibraryStats:
    works: int
    distinct_dois: int
    by_source: dict[str, int]
    lookups: int
    path: str


def _retry_locked(step: Callable[[], object], timeout: float) -> None:
    """Run ``step``, trying again while SQLite says the database is locked, up to ``timeout``.

    Switching a new file to WAL needs a moment of exclusive access; when several processes
    open the same new library at once, SQLite can answer "database is locked" at once instead
    of waiting for the busy timeout.
    """
    deadline = time.monotonic() + timeout
    while True:
        try:
            step()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(0.05)


class Library:
    """A SQLite library of works plus a cache of service lookups."""

    def __init__(self, path: str | Path, *, timeout: float = 60.0) -> None:
        self.path = Path(path)
        if str(path) != ":memory:":
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise ConfigError(f"library: cannot create {self.path.parent}: {exc}") from exc
        try:
            self._db = sqlite3.connect(
                str(path), timeout=timeout, isolation_level=None, check_same_thread=False
            )
            self._db.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            if str(path) != ":memory:":
                _retry_locked(lambda: self._db.execute("PRAGMA journal_mode = WAL"), timeout)
            self._db.execute("PRAGMA synchronous = NORMAL")
            with self._write():
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        self._db.execute(statement)
                self._db.execute(_FTS)
                self._db.execute(
                    "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema', ?)",
                    (str(SCHEMA_VERSION),),
                )
        except sqlite3.DatabaseError as exc:
            raise ConfigError(f"library {self.path}: not a usable SQLite database ({exc})") from exc

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # -- works ---------------------------------------------------------------------------

    def add_works(self, works: Iterable[Work], *, origin: str | None = None) -> int:
        """Insert or update works (idempotent); returns how many rows were written."""
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        rows = []
        for w in works:
            key = work_key(w)
            if key is None:
                continue
            rows.append(
                (
                    key,
                    w.source,
                    w.doi,
                    title_key(w.title) or None,
                    _surname(w),
                    w.year,
                    json.dumps(w.to_dict(), ensure_ascii=False, sort_keys=True),
                    origin,
                    now,
                )
            )
        written = 0
        for start in range(0, len(rows), _BATCH):
            with self._write() as db:
                for row in rows[start : start + _BATCH]:
                    (rowid,) = db.execute(
                        "INSERT INTO works(key, source, doi, title_key, first_author, year, data,"
                        " origin, added) VALUES (?,?,?,?,?,?,?,?,?)"
                        " ON CONFLICT(key) DO UPDATE SET source=excluded.source,"
                        " doi=excluded.doi, title_key=excluded.title_key,"
                        " first_author=excluded.first_author, year=excluded.year,"
                        " data=excluded.data, origin=excluded.origin RETURNING id",
                        row,
                    ).fetchone()
                    db.execute("DELETE FROM works_fts WHERE rowid = ?", (rowid,))
                    if row[3]:
                        db.execute(
                            "INSERT INTO works_fts(rowid, title_key) VALUES (?, ?)", (rowid, row[3])
                        )
                    written += 1
        return written

    def import_file(self, path: str | Path) -> int:
        """Import every work in a bibliographic file; returns the number of works read."""
        works = read_works(path)
        self.add_works(works, origin=Path(path).name)
        return len(works)

    def _rows(self, sql: str, args: Sequence[Any]) -> list[Work]:
        return [Work.from_dict(json.loads(r[0])) for r in self._db.execute(sql, args)]

    def by_doi(self, doi: str, *, imported_only: bool = False) -> Work | None:
        """The merged description of the work with ``doi``, or None.

        ``imported_only`` leaves out works that joined the library from a service lookup
        (origin ``fetched:...``), so an online run asks the service again when they are old.
        """
        sql = "SELECT data FROM works WHERE doi = ?" + _imported(imported_only)
        return merge_works(self._rows(sql, (doi.lower(),)))

    def by_title(self, title: str, *, imported_only: bool = False) -> list[Work]:
        """Works whose title equals ``title`` (case, punctuation and markup aside)."""
        tk = title_key(title)
        if not tk:
            return []
        sql = "SELECT data FROM works WHERE title_key = ?" + _imported(imported_only)
        return _group(self._rows(sql, (tk,)))

    def search(self, title: str, *, limit: int = 10, imported_only: bool = False) -> list[Work]:
        """Works whose title equals or resembles ``title`` (best first), merged per work."""
        tk = title_key(title)
        if not tk:
            return []
        only = _imported(imported_only)
        found = self._rows("SELECT data FROM works WHERE title_key = ?" + only, (tk,))
        if len(found) < limit:
            words = [w for w in dict.fromkeys(tk.split()) if len(w) > 3 and w not in _COMMON]
            words = sorted(words, key=len, reverse=True)[:8] or tk.split()[:8]
            query = " OR ".join(f'"{w}"' for w in words)
            with suppress(sqlite3.OperationalError):
                found += self._rows(
                    "SELECT data FROM works WHERE id IN (SELECT rowid FROM works_fts"
                    " WHERE works_fts MATCH ? ORDER BY bm25(works_fts) LIMIT ?)" + only,
                    (query, limit * 2),
                )
        return _group(found)[:limit]

    # -- lookups cache -------------------------------------------------------------------

    def cached(self, service: str, query: str) -> tuple[str, list[Work], str] | None:
        """A cached answer: (status, works, date fetched), or None when never looked up."""
        row = self._db.execute(
            "SELECT status, result, fetched FROM lookups WHERE service = ? AND query = ?",
            (service, query),
        ).fetchone()
        if row is None:
            return None
        works = [Work.from_dict(d) for d in json.loads(row[1] or "[]")]
        return row[0], works, row[2]

    def store(
        self,
        service: str,
        query: str,
        status: str,
        works: Sequence[Work],
        *,
        fetched: str | None = None,
    ) -> None:
        """Cache an answer ("found" or "not-found") with the date it was fetched (now)."""
        now = fetched or dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        payload = json.dumps([w.to_dict() for w in works], ensure_ascii=False)
        with self._write() as db:
            db.execute(
                "INSERT INTO lookups(service, query, fetched, status, result) VALUES (?,?,?,?,?)"
                " ON CONFLICT(service, query) DO UPDATE SET fetched=excluded.fetched,"
                " status=excluded.status, result=excluded.result",
                (service, query, now, status, payload),
            )

    def stats(self) -> LibraryStats:
        db = self._db
        by_source = dict(
            db.execute("SELECT source, COUNT(*) FROM works GROUP BY source").fetchall()
        )
        return LibraryStats(
            works=db.execute("SELECT COUNT(*) FROM works").fetchone()[0],
            distinct_dois=db.execute("SELECT COUNT(DISTINCT doi) FROM works").fetchone()[0],
            by_source=by_source,
            lookups=db.execute("SELECT COUNT(*) FROM lookups").fetchone()[0],
            path=str(self.path),
        )

    def integrity_ok(self) -> bool:
        return bool(self._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok")


def _imported(only: bool) -> str:
    return " AND (origin IS NULL OR origin NOT LIKE 'fetched:%')" if only else ""


def _group(works: list[Work]) -> list[Work]:
    """Merge rows that describe one work (same DOI, else same title key + year)."""
    groups: dict[str, list[Work]] = {}
    for w in works:
        key = w.doi or f"{title_key(w.title)}|{w.year}"
        groups.setdefault(key, []).append(w)
    return [m for g in groups.values() if (m := merge_works(g)) is not None]
