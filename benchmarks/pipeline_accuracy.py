"""Precision and recall of citations and reference entries on the whole-reply cases.

python benchmarks/pipeline_accuracy.py
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from replylint.analysis import Analyzer  # noqa: E402
from replylint.readers import read_path  # noqa: E402
from tests.support.cases import (  # noqa: E402
    citation_keys,
    entry_keys,
    iter_materialised,
    score,
)


def prf(tp: int, fp: int, fn: int) -> str:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return f"precision {p:.3f}  recall {r:.3f}  (tp {tp}, fp {fp}, fn {fn})"


def main() -> None:
    analyzer = Analyzer()
    totals = {"citations": [0, 0, 0], "entries": [0, 0, 0]}
    misses: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for case, path in iter_materialised(Path(tmp)):
            reply = analyzer.analyze(read_path(path), as_of=dt.date(2026, 11, 25))
            for kind, expected, found in (
                ("citations", Counter(case.citations), citation_keys(reply)),
                ("entries", Counter(case.entries), entry_keys(reply)),
            ):
                tp, fp, fn = score(expected, found)
                for i, v in enumerate((tp, fp, fn)):
                    totals[kind][i] += v
                if fp or fn:
                    misses.append(
                        f"{case.name} {kind}: missing {sorted((expected - found).elements())} "
                        f"extra {sorted((found - expected).elements())}"
                    )
    for kind, (tp, fp, fn) in totals.items():
        print(f"{kind:9}: {prf(tp, fp, fn)}")
    for line in misses:
        print("  " + line)


if __name__ == "__main__":
    main()
