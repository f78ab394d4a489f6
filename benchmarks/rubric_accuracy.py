"""Rubric accuracy: recall per category on planted defects, false positives on correct replies.

Each reply in ``benchmarks/cases/rubric`` is a case file in the format of the rule tests
(``tests/rules/cases.py``): a first-line ``expect:`` directive lists the planted defects' codes
(``none`` for a correct reply), placeholders are expanded from the real records beside the
project, with the records' titles in APA sentence case. Recall of a category = planted codes
of that category reported / planted codes.
False positives = error or warning findings on the correct replies, and on harmless rewritings
of them (one-line paragraphs, a signature, trailing spaces, CRLF line ends, no blank lines
between references).

    python benchmarks/rubric_accuracy.py [--all-rules] [--verbose]

``--all-rules`` counts every rule enabled by default (reference-format rules included), not
only the rubric packs' rules the cases were written for.
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.rules.cases import RUBRIC_CODES, analyse, rule_cases, settings_for  # noqa: E402

CASES = ROOT / "benchmarks" / "cases" / "rubric"

_HEADING = re.compile(r"\n(?:<h\d>|<p>(?:<strong>|<b>)?)?\**References")


def _rewrap(text: str) -> str:
    """Each body paragraph on one line, as an LMS text box saves it."""
    m = _HEADING.search(text)
    if not m:
        return text
    body = "\n\n".join(p.replace("\n", " ") for p in text[: m.start()].split("\n\n"))
    return body + text[m.start() :]


def _signature(text: str) -> str:
    m = _HEADING.search(text)
    return text if not m else text[: m.start()] + "\nBest,\nSam Lee\n" + text[m.start() :]


def _no_blank_lines_in_references(text: str) -> str:
    m = _HEADING.search(text)
    return text if not m else text[: m.start()] + re.sub(r"\n\n+", "\n", text[m.start() :])


#: Harmless rewritings of a correct reply: none of them may add a finding.
VARIANTS: dict[str, Callable[[str], str]] = {
    "one-line-paragraphs": _rewrap,
    "signature": _signature,
    "trailing-spaces": lambda t: t.replace("\n", "  \n"),
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "no-blank-lines-in-references": _no_blank_lines_in_references,
}
TARGET_RECALL = 0.95
MAX_FALSE_POSITIVES = 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all-rules", action="store_true")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)

    from replylint.analysis import Analyzer
    from replylint.engine import Linter, load_rules, load_settings

    rules = load_rules()
    base = load_settings(Path(tempfile.mkdtemp()))
    analyzer = Analyzer()
    cases = rule_cases(CASES)
    planted: Counter[str] = Counter()
    caught: Counter[str] = Counter()
    fp_correct: list[str] = []
    extra_on_defects: list[str] = []
    formats: Counter[str] = Counter()
    correct = 0
    for case in cases:
        formats[case.fmt] += 1
        settings = settings_for(case, base)
        if args.all_rules:
            settings = dataclasses.replace(settings, select=None)
        diags = Linter(settings).lint(analyse(case, analyzer, sentence_case=True))
        found = {d.code for d in diags}
        loud = [d for d in diags if d.severity.value in ("error", "warning")]
        if not case.expect:
            correct += 1
            fp_correct += [f"{case.id}: {d.code} {d.message}" for d in loud]
            continue
        for item in case.expect:
            code = item.partition(":")[0]
            category = rules[code].category
            planted[category] += 1
            if code in found:
                caught[category] += 1
            elif args.verbose:
                print(f"missed {code} in {case.id}")
        extra_on_defects += [
            f"{case.id}: {d.code} {d.message}" for d in loud if d.code not in case.expect
        ]

    scope = "all default rules" if args.all_rules else f"{len(RUBRIC_CODES)} rubric rules"
    print(f"rubric accuracy ({scope}); {len(cases)} replies: {dict(sorted(formats.items()))}")
    print(f"{'category':<18} {'planted':>7} {'caught':>6} {'recall':>7}")
    ok = True
    for category in sorted(planted):
        recall = caught[category] / planted[category]
        ok &= recall >= TARGET_RECALL
        print(f"{category:<18} {planted[category]:>7} {caught[category]:>6} {recall:>7.2f}")
    total_p, total_c = sum(planted.values()), sum(caught.values())
    print(f"{'all':<18} {total_p:>7} {total_c:>6} {total_c / max(total_p, 1):>7.2f}")
    print(f"false positives (errors/warnings) on {correct} correct replies: {len(fp_correct)}")
    for line in fp_correct:
        print(f"  {line}")
    variant_fp: list[str] = []
    for case in cases:
        if case.expect:
            continue
        for name, rewrite in VARIANTS.items():
            variant = dataclasses.replace(case, text=rewrite(case.text))
            settings = settings_for(variant, base)
            if args.all_rules:
                settings = dataclasses.replace(settings, select=None)
            diags = Linter(settings).lint(analyse(variant, analyzer, sentence_case=True))
            variant_fp += [
                f"{case.id} [{name}]: {d.code} {d.message}"
                for d in diags
                if d.severity.value in ("error", "warning")
            ]
    print(
        f"false positives on {correct * len(VARIANTS)} format variants of the correct replies "
        f"({', '.join(VARIANTS)}): {len(variant_fp)}"
    )
    for line in variant_fp:
        print(f"  {line}")
    print(f"other errors/warnings on the defect replies: {len(extra_on_defects)}")
    if args.verbose:
        for line in extra_on_defects:
            print(f"  {line}")
    ok &= len(fp_correct) <= MAX_FALSE_POSITIVES and correct >= 20 and total_p > 0
    print("targets met" if ok else "targets NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
