"""replylint's own patterns, compiled once per machine instead of once per run.

The ``regex`` package parses a pattern in Python, 0.1 to 1 ms each, and a one-file check
compiles about two hundred of them. Loading the compiled form from a pickle is about fifty times
faster, so ``compile`` keeps the compiled patterns in a cache file and only compiles what the
file does not hold; the file is rewritten when the process exits if something new was compiled.

Only the constant patterns written in replylint's source go through ``compile``: never a pattern
built from a reply, a post or a configuration value, so the cache holds nothing but the program's
own patterns.

- Location: ``$REPLYLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/replylint``, else
  ``~/.cache/replylint``. ``REPLYLINT_NO_CACHE=1`` turns the cache off.
- The file name carries the versions of Python, ``regex`` and replylint, so an upgrade starts a
  new file.
- Loading accepts nothing but ``regex``'s own compile function; a file that cannot be read, or
  whose entries do not match their keys, is ignored and replaced. A cache that cannot be
  written is skipped silently: it only ever costs start-up time.
"""

from __future__ import annotations

import atexit
import contextlib
import io
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Any

import regex

from . import __version__

__all__ = ["cache_path", "compile"]

_Key = tuple[str, int]

#: Patterns by (source, flags); ``None`` until the cache file has been read.
_patterns: dict[_Key, regex.Pattern[str]] | None = None
#: Keys compiled in this process that the file did not hold.
_new: set[_Key] = set()
#: Keys handed out in this process (the ones worth keeping when the file is pruned).
_used: set[_Key] = set()
#: Whether ``_write`` is registered to run at exit.
_registered = False
#: Above this many entries, a rewrite keeps only the patterns used by the writing process.
_PRUNE_ABOVE = 2000


def _disabled() -> bool:
    return os.environ.get("REPLYLINT_NO_CACHE", "").strip() not in ("", "0")


def cache_path() -> Path | None:
    """The cache file for this Python, ``regex`` and replylint; None when caching is off."""
    if _disabled():
        return None
    base = os.environ.get("REPLYLINT_CACHE_DIR")
    if base:
        folder = Path(base)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        folder = (Path(xdg) if xdg else Path.home() / ".cache") / "replylint"
    python = f"py{sys.version_info[0]}{sys.version_info[1]}"
    return folder / f"patterns-{__version__}-{python}-regex{regex.__version__}.pickle"


class _PatternUnpickler(pickle.Unpickler):
    """Rebuilds compiled patterns and refuses every other object."""

    def find_class(self, module: str, name: str) -> Any:
        if module == "regex._regex" and name == "compile":
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"unexpected {module}.{name} in the pattern cache")


def _read(path: Path) -> dict[_Key, regex.Pattern[str]]:
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    try:
        loaded = _PatternUnpickler(io.BytesIO(data)).load()
    except Exception:  # a damaged or foreign file: start again
        return {}
    if not isinstance(loaded, dict):
        return {}
    out: dict[_Key, regex.Pattern[str]] = {}
    for key, pattern in loaded.items():
        if (
            isinstance(key, tuple)
            and len(key) == 2
            and isinstance(key[1], int)
            and isinstance(pattern, regex.Pattern)
            and pattern.pattern == key[0]
        ):
            out[key] = pattern
    return out


def _write() -> None:
    """Rewrite the cache file with what was loaded and what this process compiled."""
    path = cache_path()
    if path is None or not _new or _patterns is None:
        return
    keep = _patterns
    if len(keep) > _PRUNE_ABOVE:
        keep = {key: value for key, value in keep.items() if key in _used}
    with contextlib.suppress(OSError, pickle.PicklingError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".patterns-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(keep, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    _new.clear()


def _load() -> dict[_Key, regex.Pattern[str]]:
    global _patterns
    if _patterns is None:
        path = cache_path()
        _patterns = _read(path) if path is not None else {}
    return _patterns


def compile(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """``regex.compile(pattern, flags)``, from the cache when it holds the pattern."""
    global _registered
    patterns = _load()
    key = (pattern, int(flags))
    _used.add(key)
    found = patterns.get(key)
    if found is None:
        found = regex.compile(pattern, flags)
        patterns[key] = found
        _new.add(key)
        if not _registered:
            _registered = True
            atexit.register(_write)
    return found
