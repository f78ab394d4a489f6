"""Cold time of `replylint check` on one file, next to `python -c "import spacy"` alone.

Runs each command several times, alternating, and prints the medians. `replylint check` is
timed twice: as it normally runs, with its compiled-pattern cache filled (by one untimed run
into a temporary cache folder), and with `REPLYLINT_NO_CACHE=1`, which is what the first run on
a machine costs.

    python benchmarks/cold_start.py [RUNS]
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def once(cmd: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
    return time.perf_counter() - start


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    spacy_cmd = [sys.executable, "-c", "import spacy"]
    check_cmd = [
        str(BIN / "replylint"),
        "check",
        "--as-of",
        "2026-11-25",
        str(ROOT / "examples" / "reply.md"),
    ]
    cache = tempfile.mkdtemp(prefix="replylint-cold-")
    try:
        cached = dict(os.environ, REPLYLINT_CACHE_DIR=cache)
        uncached = dict(os.environ, REPLYLINT_NO_CACHE="1")
        once(check_cmd, cached)  # fills the pattern cache
        spacy_t, check_t, first_t = [], [], []
        for _ in range(runs):
            spacy_t.append(once(spacy_cmd))
            check_t.append(once(check_cmd, cached))
            first_t.append(once(check_cmd, uncached))
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    s, c, f = (statistics.median(t) for t in (spacy_t, check_t, first_t))
    print(f"import spacy:             median {s:.3f} s over {runs} runs")
    print(f"replylint check (1 file): median {c:.3f} s over {runs} runs")
    print(f"  without the pattern cache (a machine's first run): median {f:.3f} s")
    print(f"overhead beyond spaCy's import: {c - s:+.3f} s (target <= 0.300 s)")
    print(f"  without the pattern cache: {f - s:+.3f} s")


if __name__ == "__main__":
    main()
