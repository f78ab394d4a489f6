"""Field accuracy of the reference-entry parser on real records written as APA 7 entries.

Every usable record in ``recent-articles``, every usable PubMed record and a sample of the
OpenAlex records are written as APA 7 journal entries (plain text and Markdown italics) by the
test-support code, parsed back, and compared field by field.

    .venv/bin/python benchmarks/entry_accuracy.py [--openalex N] [--seed S] [--show K]

Precision: of the values the parser gave, how many are right. Recall: of the values the record
has, how many the parser got right.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from replylint.model import Span  # noqa: E402
from replylint.references import parse_reference  # noqa: E402
from tests.support.records import (  # noqa: E402
    apa_reference,
    common_record,
    expected_fields,
    markup_document,
    openalex_records,
    pubmed_records,
    usable_records,
)

FIELDS = (
    "authors",
    "year",
    "title",
    "source",
    "volume",
    "issue",
    "pages",
    "article_number",
    "doi",
    "kind",
)


def got(entry: str, fmt: str) -> dict[str, object]:
    document = markup_document(entry, fmt)
    ref = parse_reference(document, Span(0, len(document.text)))
    return {
        "authors": [a.family for a in ref.authors] or None,
        "year": ref.year,
        "title": ref.title,
        "source": ref.source,
        "volume": ref.volume,
        "issue": ref.issue,
        "pages": ref.pages,
        "article_number": ref.article_number,
        "doi": ref.doi,
        "kind": ref.kind if ref.parsed else None,
    }


def pool(openalex: int, seed: int) -> Iterable[tuple[str, dict[str, Any]]]:
    for rec in usable_records():
        yield "recent-articles", dict(rec)
    for rec in pubmed_records():
        common = common_record(rec)
        if common:
            yield "pubmed", common
    candidates = [c for c in (common_record(r) for r in openalex_records()) if c]
    random.Random(seed).shuffle(candidates)
    for common in candidates[:openalex]:
        yield "openalex", common


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--openalex", type=int, default=1000, help="OpenAlex sample size")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--show", type=int, default=5, help="print this many wrong entries")
    args = ap.parse_args(argv)

    tp: Counter[tuple[str, str]] = Counter()
    predicted: Counter[tuple[str, str]] = Counter()
    actual: Counter[tuple[str, str]] = Counter()
    entries: Counter[str] = Counter()
    perfect: Counter[str] = Counter()
    shown = 0
    started = time.perf_counter()
    for origin, record in pool(args.openalex, args.seed):
        want = expected_fields(record)
        for fmt in ("txt", "md"):
            entry = apa_reference(record, fmt)
            have = got(entry, fmt)
            entries[origin] += 1
            wrong = []
            for name in FIELDS:
                key = (origin, name)
                if have[name] is not None:
                    predicted[key] += 1
                if want[name] is not None:
                    actual[key] += 1
                if have[name] is not None and have[name] == want[name]:
                    tp[key] += 1
                elif have[name] != want[name]:
                    wrong.append(name)
            if not wrong:
                perfect[origin] += 1
            elif shown < args.show:
                shown += 1
                print(f"[{origin} {fmt}] wrong {wrong}: {entry}")
                print(f"    got { ({k: have[k] for k in wrong}) }")
    elapsed = time.perf_counter() - started
    total = sum(entries.values())

    print(f"\n{total} entries parsed in {elapsed:.2f} s ({1000 * elapsed / total:.2f} ms/entry)")
    print(f"{'origin':<16}{'entries':>8}{'all fields right':>18}")
    for origin, n in entries.items():
        print(f"{origin:<16}{n:>8}{perfect[origin] / n:>17.1%}")
    print(f"\n{'field':<16}{'precision':>10}{'recall':>10}   (all origins)")
    for name in FIELDS:
        t = sum(tp[(o, name)] for o in entries)
        p = sum(predicted[(o, name)] for o in entries)
        a = sum(actual[(o, name)] for o in entries)
        prec = f"{t / p:.1%}" if p else "-"
        rec = f"{t / a:.1%}" if a else "-"
        print(f"{name:<16}{prec:>10}{rec:>10}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
