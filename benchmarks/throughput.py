"""Words per second of `replylint check` next to proselint on the same 1,000 replies.

Both tools run as one process over the same folder, so start-up is included for both.

    python benchmarks/throughput.py [N]
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import build_corpus  # noqa: E402
from replylint.analysis import count_words  # noqa: E402

BIN = Path(sys.executable).parent


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{cmd[0]} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return elapsed


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    work = Path(tempfile.mkdtemp(prefix="replylint-bench-"))
    try:
        paths = build_corpus(work / "replies", n)
        words = sum(count_words(p.read_text(encoding="utf-8")) for p in paths)
        files = [str(p) for p in paths]
        ours = timed(
            [str(BIN / "replylint"), "check", "--format", "json", "--as-of", "2026-11-25", *files]
        )
        theirs = timed([str(BIN / "proselint"), "check", *files])
        print(f"replies: {n}, words: {words}")
        print(f"replylint check: {ours:6.2f} s  {words / ours:10.0f} words/s")
        print(f"proselint check: {theirs:6.2f} s  {words / theirs:10.0f} words/s")
        print(f"ratio: {theirs / ours:.1f}x proselint's words/s")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
