"""The compiled-pattern cache: same patterns back, never trusts a foreign file, never fails."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

import pytest
import regex

from replylint import patterns


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """An empty cache folder and a module state as at start-up."""
    monkeypatch.setenv("REPLYLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("REPLYLINT_NO_CACHE", raising=False)
    monkeypatch.setattr(patterns, "_patterns", None)
    monkeypatch.setattr(patterns, "_new", set())
    monkeypatch.setattr(patterns, "_used", set())
    monkeypatch.setattr(patterns, "_registered", True)  # no exit hook from tests
    return tmp_path


def _reset() -> None:
    patterns._patterns = None
    patterns._new.clear()
    patterns._used.clear()


def test_cache_file_round_trip(fresh: Path) -> None:
    source = r"(?P<family>\p{Lu}\p{Ll}+),\s*(?P<initial>\p{Lu})\."
    first = patterns.compile(source)
    assert first.match("García, M.").group("family") == "García"
    patterns._write()
    path = patterns.cache_path()
    assert path is not None and path.parent == fresh and path.exists()

    _reset()
    again = patterns.compile(source)
    assert not patterns._new, "the pattern should come from the file, not be compiled"
    assert again.pattern == source
    assert again.match("O'Neill, K.") is None
    assert again.match("Smith, J.").group("initial") == "J"


def test_flags_are_part_of_the_key(fresh: Path) -> None:
    plain = patterns.compile(r"et al\.")
    folded = patterns.compile(r"et al\.", regex.IGNORECASE)
    assert plain.search("ET AL.") is None
    assert folded.search("ET AL.") is not None
    patterns._write()
    _reset()
    assert patterns.compile(r"et al\.", regex.IGNORECASE).search("Et Al.") is not None
    assert patterns.compile(r"et al\.").search("Et Al.") is None


def test_foreign_objects_are_refused(fresh: Path) -> None:
    path = patterns.cache_path()
    assert path is not None
    # A pickle that would call another function when loaded: must be ignored, not run.
    path.write_bytes(pickle.dumps({("x", 0): Path("somewhere")}))
    assert patterns._read(path) == {}
    path.write_bytes(b"not a pickle at all")
    assert patterns._read(path) == {}
    # An entry whose pattern does not match its key is dropped.
    path.write_bytes(pickle.dumps({("a+", 0): regex.compile("b+")}))
    assert patterns._read(path) == {}
    assert patterns.compile("a+").fullmatch("aaa")


def test_unwritable_cache_is_skipped(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = fresh / "file-not-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("REPLYLINT_CACHE_DIR", str(blocker / "cache"))
    assert patterns.compile(r"\d{4}").search("in 2021")
    patterns._write()  # cannot create the folder: no error
    path = patterns.cache_path()
    assert path is not None and not path.exists()


def test_no_cache_setting(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPLYLINT_NO_CACHE", "1")
    assert patterns.cache_path() is None
    assert patterns.compile(r"n\.d\.").search("(Smith, n.d.)")
    patterns._write()
    assert list(fresh.iterdir()) == []


def test_a_run_writes_the_cache_and_the_next_run_reads_it(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    script = (
        "from replylint import patterns, sections, references\n"
        "print(len(patterns._new), len(patterns._patterns))\n"
    )
    env = {"REPLYLINT_CACHE_DIR": str(cache), "PATH": "", "PYTHONDONTWRITEBYTECODE": "1"}
    runs = [
        subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
        ).stdout.split()
        for _ in range(2)
    ]
    compiled_first, known_first = map(int, runs[0])
    compiled_second, known_second = map(int, runs[1])
    assert compiled_first > 20 and known_first == compiled_first
    assert compiled_second == 0 and known_second == known_first
