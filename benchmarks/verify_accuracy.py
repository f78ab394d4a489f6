"""Verification accuracy and speed, offline against a library of real records.

The library holds the real OpenAlex works of the SYNERGY sets and the PubMed efetch records
beside the project (``../shared/data``), the way an instructor checks a batch against a
course reading list. From those records the script writes APA 7 entries of four kinds:

* real: the record as it is (with its DOI, or without one);
* altered: one field changed (year, one title word, the first author, DOI digits);
* nonexistent: recombined (one work's title with another's authors, year and journal;
  no DOI, or a third work's DOI).

Detection = an error or warning from V101/V102/V103 on an altered or nonexistent entry.
A false positive = such a finding on a real entry (V104 retracted and V105 not peer-reviewed
are true statements about real works and are counted apart). Entries go through the real
reference parser (``parse_reference_text``) unless ``--no-parse``.

    python benchmarks/verify_accuracy.py [--n 1000] [--seed 7] [--no-parse] [--verbose]
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from replylint.model import Author, Reference, Severity, Span  # noqa: E402
from replylint.verify.apa_format import format_apa_reference  # noqa: E402
from replylint.verify.library import Library  # noqa: E402
from replylint.verify.verifier import Verifier  # noqa: E402
from replylint.verify.work import Work, WorkAuthor, title_key  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
DETECTING = ("V101", "V102", "V103")
TARGET_RECALL = 0.95
MAX_FP_RATE = 0.02
MAX_SECONDS_PER_1000 = 5.0


@dataclasses.dataclass
class Case:
    kind: str  # "real", "real-no-doi", "year", "title-word", "first-author", "doi-digits", ...
    work: Work


def build_library(path: Path) -> tuple[Library, float]:
    lib = Library(path)
    start = time.perf_counter()
    for zip_path in sorted((DATA / "synergy-openalex").glob("*/works_1.zip")):
        lib.import_file(zip_path)
    for xml in sorted((DATA / "pubmed-efetch-xml" / "pmid_xml").glob("*.xml")):
        lib.import_file(xml)
    return lib, time.perf_counter() - start


def candidates(lib: Library) -> list[Work]:
    """Distinct works complete enough to write an entry from (title, authors, year, journal)."""
    out = []
    seen_titles: Counter[str] = Counter()
    rows = lib._db.execute("SELECT DISTINCT doi FROM works WHERE doi IS NOT NULL ORDER BY doi")
    works = [lib.by_doi(doi) for (doi,) in rows.fetchall()]
    for w in works:
        if w is not None:
            seen_titles[title_key(w.title)] += 1
    for w in works:
        if (
            w is not None
            and w.title
            and len(title_key(w.title).split()) >= 4
            and w.authors
            and not w.authors[0].group
            and w.year
            and w.container
            and seen_titles[title_key(w.title)] == 1  # a title shared by two records is ambiguous
        ):
            out.append(w)
    return out


def _other_word(rng: random.Random, pool: list[str], avoid: set[str]) -> str:
    while True:
        word = rng.choice(pool)
        if word.lower() not in avoid:
            return word


def mutate(kind: str, w: Work, rng: random.Random, works: list[Work], dois: set[str]) -> Work:
    """``w`` with one field changed (a labelled mutation of a real record)."""
    if kind == "year":
        delta = rng.choice([-3, -2, -1, 1, 2, 3])
        return dataclasses.replace(w, year=(w.year or 2000) + delta, years=())
    if kind == "title-word":
        assert w.title
        words = w.title.split()
        idx = [i for i, t in enumerate(words) if len(re.sub(r"\W", "", t)) >= 4]
        i = rng.choice(idx or list(range(len(words))))
        other = rng.choice(works).title or "changed"
        pool = [t for t in re.findall(r"[A-Za-z]{4,}", other)] or ["changed"]
        current = {t.lower() for t in re.findall(r"[A-Za-z]+", w.title)}
        words[i] = _other_word(rng, pool, current)
        return dataclasses.replace(w, title=" ".join(words))
    if kind == "first-author":
        first = w.authors[0]
        while True:
            donor = rng.choice(works).authors[0]
            if donor.family.lower() not in {a.family.lower() for a in w.authors}:
                break
        new = WorkAuthor(donor.family, donor.given)
        return dataclasses.replace(w, authors=(new, *w.authors[1:]) if first else w.authors)
    if kind == "doi-digits":
        assert w.doi
        for _ in range(50):
            digits = [m.start() for m in re.finditer(r"\d", w.doi.split("/", 1)[1])]
            pos = len(w.doi.split("/", 1)[0]) + 1 + rng.choice(digits) if digits else -1
            if pos < 0:
                break
            new = w.doi[:pos] + str((int(w.doi[pos]) + rng.randint(1, 9)) % 10) + w.doi[pos + 1 :]
            if new not in dois:
                return dataclasses.replace(w, doi=new)
        return dataclasses.replace(w, doi=w.doi + "9")
    raise ValueError(kind)


def recombine(rng: random.Random, works: list[Work], with_doi: bool) -> Work:
    a, b, c = rng.sample(works, 3)
    return Work(
        source="recombined",
        doi=c.doi if with_doi else None,
        title=a.title,
        authors=b.authors,
        year=b.year,
        container=b.container,
        volume=b.volume,
        issue=b.issue,
        pages=b.pages,
    )


def make_cases(works: list[Work], n: int, rng: random.Random) -> list[Case]:
    dois = {w.doi for w in works if w.doi}
    real = rng.sample(works, n // 2)
    cases = [
        Case(
            "real" if i % 10 < 7 else "real-no-doi",
            dataclasses.replace(w, doi=w.doi if i % 10 < 7 else None),
        )
        for i, w in enumerate(real)
    ]
    kinds = ["year", "title-word", "first-author", "doi-digits"]
    for i, w in enumerate(rng.sample(works, n // 4)):
        kind = kinds[i % 4]
        mutated = mutate(kind, w, rng, works, dois)
        if kind != "doi-digits" and i % 8 >= 6:
            mutated = dataclasses.replace(mutated, doi=None)
            kind += "-no-doi"
        cases.append(Case(kind, mutated))
    for i in range(n - len(cases)):
        with_doi = i % 2 == 0
        cases.append(
            Case("recombined-doi" if with_doi else "recombined", recombine(rng, works, with_doi))
        )
    rng.shuffle(cases)
    return cases


def as_reference(work: Work, parse: Callable[[str], Reference] | None) -> Reference:
    text = format_apa_reference(work, "txt")
    if parse is not None:
        return parse(text)
    return Reference(
        span=Span(0, len(text)),
        text=text,
        parsed=True,
        authors=tuple(Author(a.family, a.given) for a in work.authors),
        year=str(work.year) if work.year else None,
        title=work.title,
        source=work.container,
        doi=work.doi,
        kind="journal-article",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="entries to verify")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-parse", action="store_true", help="build entries without the parser")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)

    parse = None
    if not args.no_parse:
        from replylint.references import parse_reference_text

        parse = parse_reference_text

    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        lib, import_s = build_library(Path(tmp) / "library.sqlite")
        works = candidates(lib)
        cases = make_cases(works, args.n, rng)
        refs = [as_reference(c.work, parse) for c in cases]
        verifier = Verifier(None, lib, offline=True)
        start = time.perf_counter()
        results = [verifier.verify_entry(ref) for ref in refs]
        elapsed = time.perf_counter() - start
        stats = lib.stats()
        lib.close()

    per_kind: dict[str, Counter[str]] = {}
    fp_entries = []
    info_only = Counter[str]()
    for case, found, ref in zip(cases, results, refs, strict=True):
        flagged = [d for d in found if d.code in DETECTING and d.severity != Severity.INFO]
        c = per_kind.setdefault(case.kind, Counter())
        c["n"] += 1
        c["flagged"] += bool(flagged)
        c["V104/V105"] += any(d.code in ("V104", "V105") for d in found)
        if not flagged and any(d.code == "V102" for d in found):
            info_only[case.kind] += 1
        if case.kind.startswith("real") and flagged:
            fp_entries.append((case, ref, flagged))
        if args.verbose and not case.kind.startswith("real") and not flagged:
            print(f"MISSED {case.kind}: {ref.text[:160]}")

    real_n = sum(c["n"] for k, c in per_kind.items() if k.startswith("real"))
    bad_n = sum(c["n"] for k, c in per_kind.items() if not k.startswith("real"))
    detected = sum(c["flagged"] for k, c in per_kind.items() if not k.startswith("real"))
    recall = detected / bad_n if bad_n else 1.0
    fp_rate = len(fp_entries) / real_n if real_n else 0.0
    per_1000 = elapsed * 1000 / len(cases)

    print(
        f"library: {stats.works} records ({stats.distinct_dois} DOIs), imported in {import_s:.1f} s"
    )
    print(
        f"entries: {len(cases)} ({real_n} real, {bad_n} altered or nonexistent);"
        f" parser: {'yes' if parse else 'no'}"
    )
    print(f"{'kind':<22}{'n':>6}{'flagged':>9}{'V104/5':>8}")
    for kind in sorted(per_kind):
        c = per_kind[kind]
        print(f"{kind:<22}{c['n']:>6}{c['flagged']:>9}{c['V104/V105']:>8}")
    if info_only:
        print(
            "altered entries reported only at info level (year +1 from a single-date record): "
            + ", ".join(f"{k} {v}" for k, v in sorted(info_only.items()))
        )
    print(f"recall: {recall:.3f} (target >= {TARGET_RECALL})")
    print(
        f"false-positive rate: {fp_rate:.3%} of real entries ({len(fp_entries)}/{real_n};"
        f" target <= {MAX_FP_RATE:.0%})"
    )
    print(
        f"time: {elapsed:.2f} s for {len(cases)} entries = {per_1000:.2f} s per 1,000"
        f" (target < {MAX_SECONDS_PER_1000} s)"
    )
    if args.verbose:
        for case, ref, flagged in fp_entries[:20]:
            print(f"FP {case.kind}: {ref.text}\n   -> {flagged[0].message}")
    ok = recall >= TARGET_RECALL and fp_rate <= MAX_FP_RATE and per_1000 < MAX_SECONDS_PER_1000
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
