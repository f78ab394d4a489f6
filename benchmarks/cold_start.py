"""Cold time of `replylint check` on one file, next to `python -c "import spacy"` alone.

Runs each command several times, alternating, and prints the medians.

    python benchmarks/cold_start.py [RUNS]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def once(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
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
    spacy_t, check_t = [], []
    for _ in range(runs):
        spacy_t.append(once(spacy_cmd))
        check_t.append(once(check_cmd))
    s, c = statistics.median(spacy_t), statistics.median(check_t)
    print(f"import spacy:          median {s:.3f} s over {runs} runs")
    print(f"replylint check (1 file): median {c:.3f} s over {runs} runs")
    print(f"overhead beyond spaCy's import: {c - s:+.3f} s (target <= 0.300 s)")


if __name__ == "__main__":
    main()
