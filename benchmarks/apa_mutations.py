"""APA 7 mutation benchmark: recall per rule, false positives on correct entries, fix round trips.

A corpus of correct APA 7 journal-article entries is written from the real records beside the
project (``tests/support/records.py``: recent articles, PubMed, OpenAlex; only records that need
no guess). Each entry is then mutated with one known defect per rule, and the reply holding it
is checked:

* recall per rule: the share of mutated replies where the rule reports the defect;
* false positives: the share of correct replies (one entry, and lists pasted with no blank lines)
  with any finding of the APA rules (R101-R117, C109-C115);
* fixes: every safe-fixable mutation must come back as the exact correct reply after ``--fix``.

Usage: ``python benchmarks/apa_mutations.py [--limit N] [--cite-limit N] [--json]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from replylint.apa.sentence_case import is_non_english, to_title_case  # noqa: E402
from replylint.engine import Context, load_rules  # noqa: E402
from replylint.engine.registry import load_check_kinds  # noqa: E402
from replylint.fixloop import fix_document  # noqa: E402
from replylint.matching import match_citations  # noqa: E402
from replylint.model import Diagnostic, Document, Reply  # noqa: E402
from replylint.readers import parse_text  # noqa: E402
from replylint.references import parse_reference, parse_reference_text  # noqa: E402
from replylint.sections import split_sections  # noqa: E402
from tests.support.records import correct_corpus  # noqa: E402

AS_OF = dt.date(2026, 11, 25)
R_CODES = [f"R{n}" for n in range(101, 118)]
C_CODES = [f"C{n}" for n in range(109, 116)]
BODY = "Intro text about the topic {cite}.\n\n"

RULES = load_rules()
KINDS = load_check_kinds()


def _run(codes: Iterable[str], reply: Reply) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for code in codes:
        rule = RULES[code]
        out.extend(KINDS[rule.check](reply, Context(rule=rule, params=dict(rule.params))))
    return out


def reply_without_nlp(doc: Document) -> Reply:
    sections = split_sections(doc)
    refs = tuple(parse_reference(doc, s) for s in sections.entries)
    return Reply(doc, sections, (), refs, match_citations((), refs), (), (), (), 0, AS_OF)


def ref_lint(doc: Document) -> list[Diagnostic]:
    return _run(R_CODES, reply_without_nlp(doc))


def reply_source(entries: list[str], heading: str = "References", sep: str = "\n\n") -> str:
    return BODY.format(cite="") + heading + "\n\n" + sep.join(entries) + "\n"


# --- mutations of one entry ---------------------------------------------------------------------

Mutation = Callable[[str], str | None]


def _sub_once(pattern: str, repl: str, text: str) -> str | None:
    new, n = re.subn(pattern, repl, text, count=1)
    return new if n else None


def _authors_part(entry: str) -> tuple[str, str]:
    m = re.search(r" \((?:\d{4})\)\. ", entry)
    assert m, entry
    return entry[: m.start()], entry[m.start() :]


def m_and(entry: str) -> str | None:
    authors, rest = _authors_part(entry)
    if ", & " not in authors:
        return None
    return authors.replace(", & ", " and ") + rest


def m_et_al(entry: str) -> str | None:
    authors, rest = _authors_part(entry)
    names = re.findall(r"[^,&]+, (?:[A-Z][a-z]?\.[ -]?)+", authors)
    if len(names) < 3 or ". . ." in authors:
        return None
    return names[0].strip() + ", et al." + rest


def m_date_period(entry: str) -> str | None:
    return _sub_once(r" \((\d{4})\)\. ", r" (\1) ", entry)


def m_title_case(entry: str) -> str | None:
    ref = parse_reference_text(entry)
    title = ref.title
    if not title:
        return None
    mutated = to_title_case(title)
    changed = sum(1 for a, b in zip(title.split(), mutated.split(), strict=False) if a != b)
    if changed < 2:
        return None
    return entry.replace(title, mutated, 1)


def m_journal_lower(entry: str) -> str | None:
    ref = parse_reference_text(entry)
    name = ref.source or ""
    words = name.split()
    if len(words) < 2 or not any(len(w) >= 4 and w[0].isupper() for w in words[1:]):
        return None
    lowered = " ".join([words[0]] + [w.lower() if not w.isupper() else w for w in words[1:]])
    if lowered == name:
        return None
    return entry.replace(name + ",", lowered + ",", 1)


def m_doi_label(entry: str) -> str | None:
    return _sub_once(r"https://doi\.org/(10\.\S+)$", r"doi:\1", entry)


def m_retrieved(entry: str) -> str | None:
    return _sub_once(r"(https://doi\.org/10\.\S+)$", r"Retrieved from \1", entry)


def m_hyphen(entry: str) -> str | None:
    return _sub_once(r"(\d)–(\d+\. https)", r"\1-\2", entry)


def m_no_doi(entry: str) -> str | None:
    return _sub_once(r" https://doi\.org/\S+$", "", entry)


def m_vancouver(entry: str) -> str | None:
    ref = parse_reference_text(entry)
    if not ref.authors or not ref.title or not ref.source or not ref.pages:
        return None
    names = ", ".join(
        a.family + " " + re.sub(r"[^A-Z]", "", a.given or "") for a in ref.authors[:6]
    )
    issue = f"({ref.issue})" if ref.issue else ""
    pages = ref.pages.replace("–", "-")
    return f"{names}. {ref.title}. {ref.source}. {ref.year};{ref.volume}{issue}:{pages}."


def m_no_source(entry: str) -> str | None:
    ref = parse_reference_text(entry)
    if not ref.title:
        return None
    authors, _ = _authors_part(entry)
    end = "" if ref.title.endswith(("?", "!")) else "."
    return f"{authors} ({ref.year}). {ref.title}{end}"


def m_md_roman_journal(entry: str) -> str | None:
    """Markdown entry with the journal name not italic (italics rule)."""
    return _sub_once(r"\*([^*]+)\*, \*", r"\1, *", entry)


ENTRY_MUTATIONS: dict[str, tuple[Mutation, str, bool]] = {
    # code: (mutation, format, safe-fixable back to the exact entry)
    "R103": (m_and, "txt", False),
    "R104": (m_et_al, "txt", False),
    "R105": (m_date_period, "txt", True),
    "R106": (m_title_case, "txt", False),
    "R107": (m_journal_lower, "txt", False),
    "R108": (m_doi_label, "txt", True),
    "R109": (m_retrieved, "txt", True),
    "R111": (m_hyphen, "txt", True),
    "R112": (m_no_doi, "txt", False),
    "R114": (m_vancouver, "txt", False),
    "R115": (m_no_source, "txt", False),
    "R116": (m_md_roman_journal, "md", False),
}


@dataclass
class Tally:
    tried: int = 0
    caught: int = 0
    fixable: int = 0
    fixed_exact: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.caught / self.tried if self.tried else float("nan")


def _check_mutant(
    code: str, tally: Tally, correct_src: str, mutant_src: str, fmt: str, safe: bool
) -> None:
    doc = parse_text(mutant_src, fmt, f"reply.{fmt}")
    found = {d.code for d in ref_lint(doc)}
    tally.tried += 1
    if code in found:
        tally.caught += 1
    elif len(tally.misses) < 5:
        tally.misses.append(mutant_src.split("\n\n", 2)[-1][:240])
    if safe:
        tally.fixable += 1
        outcome = fix_document(doc, ref_lint, RULES, unsafe=False)
        if outcome.final.source == correct_src:
            tally.fixed_exact += 1
        elif len(tally.misses) < 8:
            tally.misses.append("FIX: " + outcome.final.source.split("\n\n", 2)[-1][:240])


def _first_surname(entry: str) -> str:
    import unicodedata

    head = entry.split(",")[0]
    return "".join(c for c in unicodedata.normalize("NFKD", head).lower() if c.isalnum())


def _distinct_first(chunk: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for e in chunk:
        key = _first_surname(e)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


def reference_benchmark(corpus: list[tuple[str, dict, str]]) -> dict[str, object]:
    fp_single: Counter[str] = Counter()
    fp_examples: dict[str, list[str]] = defaultdict(list)
    entries_txt = [e for _, _, e in corpus]
    # false positives: each correct entry alone
    fp_entries = 0
    for entry in entries_txt:
        doc = parse_text(reply_source([entry]), "txt", "reply.txt")
        found = ref_lint(doc)
        if found:
            fp_entries += 1
            for d in found:
                fp_single[d.code] += 1
                if len(fp_examples[d.code]) < 3:
                    fp_examples[d.code].append(f"{d.message} :: {entry[:200]}")
    # false positives: sorted lists pasted with no blank lines, in Markdown with italics
    md_corpus = correct_corpus("md", limit=len(corpus))
    # sorted by the first surname alone; chunks keep one entry per first surname, so the
    # order does not depend on the ordering code under test
    md_entries = sorted((e for _, _, e in md_corpus), key=lambda e: _first_surname(e))
    fp_list_entries = 0
    list_total = 0
    for i in range(0, len(md_entries), 5):
        chunk = _distinct_first(md_entries[i : i + 5])
        doc = parse_text(reply_source(chunk, sep="\n"), "md", "reply.md")
        found = ref_lint(doc)
        list_total += len(chunk)
        bad = {d.span.start for d in found}
        reply = reply_without_nlp(doc)
        for ref in reply.references:
            if any(ref.span.start <= s < ref.span.end for s in bad):
                fp_list_entries += 1
        for d in found:
            fp_single["list:" + d.code] += 1
            if len(fp_examples["list:" + d.code]) < 3:
                fp_examples["list:" + d.code].append(d.message)
        if len(reply.references) != len(chunk):
            fp_single["list:split"] += 1
    tallies: dict[str, Tally] = defaultdict(Tally)
    md_by_doi = {rec.get("doi") or rec.get("openalex_id"): e for _, rec, e in md_corpus}
    for _, rec, entry in corpus:
        for code, (mutate, fmt, safe) in ENTRY_MUTATIONS.items():
            base = (
                entry if fmt == "txt" else md_by_doi.get(rec.get("doi") or rec.get("openalex_id"))
            )
            if base is None:
                continue
            mutant = mutate(base)
            if mutant is None or mutant == base:
                continue
            if code == "R106" and is_non_english(parse_reference_text(base).title or ""):
                continue  # non-English titles keep their own capitalisation
            _check_mutant(
                code, tallies[code], reply_source([base]), reply_source([mutant]), fmt, safe
            )
    # reply-level mutations
    for idx in range(0, len(entries_txt) - 1, 2):
        a, b = sorted(entries_txt[idx : idx + 2], key=_first_surname)
        if _first_surname(a) == _first_surname(b):
            continue
        correct = reply_source([a, b])
        for heading in ("References:", "Works Cited", "Bibliography"):
            if idx % 6 == 0 or heading == "References:":
                _check_mutant(
                    "R101", tallies["R101"], correct, reply_source([a, b], heading), "txt", True
                )
        _check_mutant("R102", tallies["R102"], correct, reply_source([b, a]), "txt", False)
        _check_mutant("R113", tallies["R113"], correct, reply_source([a, b, b]), "txt", False)
        # R117: the second work given the first work's authors and year (a labelled mutation)
        auth_a, rest_a = _authors_part(a)
        _, rest_b = _authors_part(b)
        year_a = re.match(r" \((\d{4})\)", rest_a)
        if year_a:
            rest_b2 = re.sub(r"^ \(\d{4}\)", f" ({year_a.group(1)})", rest_b)
            _check_mutant(
                "R117", tallies["R117"], correct, reply_source([a, auth_a + rest_b2]), "txt", False
            )
    return {
        "entries": len(corpus),
        "false_positive_entries": fp_entries,
        "false_positive_rate": fp_entries / len(corpus) if corpus else 0.0,
        "list_entries": list_total,
        "list_false_positive_entries": fp_list_entries,
        "false_positives_by_rule": dict(fp_single),
        "false_positive_examples": dict(fp_examples),
        "rules": {
            code: {
                "tried": t.tried,
                "caught": t.caught,
                "recall": round(t.recall, 4),
                "safe_fixable": t.fixable,
                "fixed_exact": t.fixed_exact,
                "misses": t.misses,
            }
            for code, t in sorted(tallies.items())
        },
    }


# --- in-text rules (needs the NLP pipeline) -----------------------------------------------------


def _names(entry: str) -> tuple[str, str] | None:
    ref = parse_reference_text(entry)
    if not ref.authors or not ref.year:
        return None
    fams = [a.family for a in ref.authors]
    if len(fams) == 1:
        who = fams[0]
    elif len(fams) == 2:
        who = f"{fams[0]} & {fams[1]}"
    else:
        who = f"{fams[0]} et al."
    return who, ref.year


def _first_page(entry: str) -> str | None:
    m = re.search(r", (\d+)–\d+\. https", entry)
    return m.group(1) if m else None


def intext_benchmark(corpus: list[tuple[str, dict, str]], limit: int) -> dict[str, object]:
    from replylint.analysis import Analyzer

    analyzer = Analyzer()

    def lint(doc: Document) -> list[Diagnostic]:
        reply = analyzer.analyze(doc, as_of=AS_OF)
        return _run(C_CODES, reply) + _run(R_CODES, reply)

    def reply_with(cite_text: str, entry: str, claim_end: str = "") -> str:
        return f"Intro text about the topic{claim_end} {cite_text}\n\nReferences\n\n" + entry + "\n"

    tallies: dict[str, Tally] = defaultdict(Tally)
    fp = 0
    fp_codes: Counter[str] = Counter()
    fp_examples: list[str] = []
    used = 0
    previous: tuple[str, str] | None = None
    for _, _, entry in corpus:
        if used >= limit:
            break
        names = _names(entry)
        page = _first_page(entry)
        if names is None or page is None:
            continue
        used += 1
        who, year = names
        correct = reply_with(f"({who}, {year}, p. {page}).", entry)
        doc = parse_text(correct, "txt", "reply.txt")
        found = [d for d in lint(doc) if d.code in C_CODES or d.code in R_CODES]
        if found:
            fp += 1
            fp_codes.update(d.code for d in found)
            if len(fp_examples) < 5:
                fp_examples.append(f"{[d.message for d in found]} :: {correct[:160]}")
        cases = [
            ("C109", reply_with(f"({who}, {year}, pg. {page}).", entry), correct, "safe"),
            ("C109", reply_with(f"({who}, {year}, page {page}).", entry), correct, "safe"),
            (
                "C110",
                reply_with(f"({who}, nd).", entry),
                reply_with(f"({who}, n.d.).", entry),
                "safe",
            ),
            ("C112", reply_with(f"({who}, {year}, p. {page})", entry, "."), correct, "unsafe"),
            ("C114", reply_with(f"({who.split()[0]} {page}).", entry), None, ""),
            ("C114", reply_with("[1].", entry), None, ""),
        ]
        # C113: the original work is the previous record, read in this one (mutation of the
        # wording only); C111: a second entry given this entry's authors and year, lettered.
        if previous is not None:
            o_who, o_year = previous
            cases.append(
                (
                    "C113",
                    reply_with(f"({o_who}, {o_year}, as quoted in {who}, {year}).", entry),
                    None,
                    "",
                )
            )
            head, rest = entry.split(f" ({year}). ", 1)
            twin_a = f"{head} ({year}a). {rest}"
            twin_b = f"{head} ({year}b). Zz {rest}"
            cases.append(
                ("C111", reply_with(f"({who}, {year}).", twin_a + "\n\n" + twin_b), None, "")
            )
        previous = (who, year)
        for code, mutant, want, safety in cases:
            t = tallies[code]
            mdoc = parse_text(mutant, "txt", "reply.txt")
            got = {d.code for d in lint(mdoc)}
            t.tried += 1
            if code in got:
                t.caught += 1
            elif len(t.misses) < 4:
                t.misses.append(mutant[:160])
            if want is not None and safety:
                t.fixable += 1
                out = fix_document(mdoc, lint, RULES, unsafe=safety == "unsafe")
                if out.final.source == want:
                    t.fixed_exact += 1
                elif len(t.misses) < 8:
                    t.misses.append("FIX: " + out.final.source[:160])
    return {
        "replies": used,
        "false_positive_replies": fp,
        "false_positive_rate": fp / used if used else 0.0,
        "false_positives_by_rule": dict(fp_codes),
        "false_positive_examples": fp_examples,
        "rules": {
            code: {
                "tried": t.tried,
                "caught": t.caught,
                "recall": round(t.recall, 4),
                "fixable": t.fixable,
                "fixed_exact": t.fixed_exact,
                "misses": t.misses,
            }
            for code, t in sorted(tallies.items())
        },
    }


def _case_counts(title: str) -> tuple[int, int]:
    """Capitalised and lowercase content words after the first (an independent count)."""
    caps = low = 0
    for i, w in enumerate(re.findall(r"[^\W\d_][\w'’-]*", title)):
        if i == 0 or len(w) < 4 or any(c.isupper() for c in w[1:]):
            continue
        if w[0].isupper():
            caps += 1
        else:
            low += 1
    return caps, low


def real_title_case(limit: int | None) -> dict[str, object]:
    """Record titles written in Title Case by the source (no mutation): how many R106 finds.

    A record title counts as Title Case when at least four of its longer content words are
    capitalised and none is lowercase; ALL CAPS titles are counted apart.
    """
    from replylint.apa.sentence_case import is_non_english, is_title_case
    from tests.support.records import openalex_records, pubmed_records, recent_articles

    titles = [r["title"] for r in recent_articles().values() if r.get("title")]
    titles += [r["title"] for r in pubmed_records() if r.get("title")]
    titles += [r["title"] for r in openalex_records() if r.get("title")]
    if limit:
        titles = titles[: limit * 3]
    tried = found = caps_tried = caps_found = 0
    misses: list[str] = []
    for t in titles:
        t = t.strip().rstrip(".")
        if t.startswith("[") or re.search(r"&\w+;|<", t) or is_non_english(t):
            continue
        if t.upper() == t and len(t.split()) >= 3:
            caps_tried += 1
            caps_found += is_title_case(t)
            continue
        caps, low = _case_counts(t)
        if caps >= 4 and low == 0:
            tried += 1
            if is_title_case(t):
                found += 1
            elif len(misses) < 5:
                misses.append(t)
    # the unsafe fix: correct titles turned to Title Case and converted back
    from replylint.apa.sentence_case import to_sentence_case

    pairs = 0
    exact = 0
    for _, _, entry in correct_corpus("txt", limit=limit):
        t = parse_reference_text(entry).title
        if not t or is_non_english(t) or (m := to_title_case(t)) == t:
            continue
        pairs += 1
        exact += to_sentence_case(m)[0] == t
    return {
        "conversion_pairs": pairs,
        "conversion_exact": exact,
        "title_case_titles": tried,
        "found": found,
        "recall": round(found / tried, 4) if tried else None,
        "all_caps_titles": caps_tried,
        "all_caps_found": caps_found,
        "misses": misses,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="at most N correct entries")
    ap.add_argument("--cite-limit", type=int, default=150, help="replies for the in-text part")
    ap.add_argument("--json", action="store_true", help="print the full result as JSON")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    corpus = correct_corpus("txt", limit=args.limit)
    refs = reference_benchmark(corpus)
    cites = intext_benchmark(corpus, args.cite_limit)
    real = real_title_case(args.limit)
    elapsed = time.perf_counter() - t0
    result = {
        "references": refs,
        "intext": cites,
        "real_title_case": real,
        "seconds": round(elapsed, 1),
    }
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return 0
    print(f"correct entries: {refs['entries']} (recent-articles, PubMed, OpenAlex)")
    print(
        f"false positives, one entry per reply: {refs['false_positive_entries']} "
        f"({refs['false_positive_rate']:.2%})"
    )
    print(
        f"false positives, Markdown lists with no blank lines: "
        f"{refs['list_false_positive_entries']}/{refs['list_entries']} entries"
    )
    if refs["false_positives_by_rule"]:
        print(f"  by rule: {refs['false_positives_by_rule']}")
    print(f"{'rule':6} {'tried':>6} {'caught':>6} {'recall':>7} {'fixable':>8} {'exact':>6}")
    for part in (refs, cites):
        for code, r in part["rules"].items():  # type: ignore[attr-defined]
            print(
                f"{code:6} {r['tried']:6} {r['caught']:6} {r['recall']:7.3f} "
                f"{r.get('safe_fixable', r.get('fixable', 0)):8} {r['fixed_exact']:6}"
            )
    print(
        f"in-text: {cites['replies']} replies, false positives {cites['false_positive_replies']} "
        f"({cites['false_positive_rate']:.2%}) {cites['false_positives_by_rule']}"
    )
    print(
        f"R106 on record titles already in Title Case (no mutation): {real['found']}/"
        f"{real['title_case_titles']}; in capitals: {real['all_caps_found']}/"
        f"{real['all_caps_titles']}"
    )
    print(
        f"R106 unsafe fix (sentence-case conversion) exact on mutated real titles: "
        f"{real['conversion_exact']}/{real['conversion_pairs']}"
    )
    print(f"{elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
