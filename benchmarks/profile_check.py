"""Time (and optionally profile) analysing and linting a benchmark corpus in one process.

Reads N generated replies, analyses them in one ``Analyzer.analyze_many`` stream and lints
each with one ``Linter``, and prints the milliseconds per reply of each phase. With
``--profile`` both phases run under cProfile and the top functions by cumulative and by own
time are printed. The corpus repeats its source replies, so titles and names recur; with
``--cold-caches`` the ``functools`` caches keyed on text from a reply (titles, words, names,
a post's text: those of ``replylint.apa.sentence_case``, ``replylint.apa.names.fold`` and
``replylint.checks.followup``'s ``stem``, ``_keywords`` and ``_post_runs``, and any other cache
not listed below) are cleared before each reply is linted, which gives the cost for replies
that share nothing. The per-process caches whose key is configuration or nothing
(``PROCESS_CACHES``: patterns compiled from the cues, the peer-review parameter lists, the MLA
pattern, the built-in rules) are kept, as a real run keeps them; ``--cold-all-caches`` clears
those too.

    python benchmarks/profile_check.py [N] [--profile] [--top K] [--cold-caches]
        [--cold-all-caches]
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import functools
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.corpus import build_corpus  # noqa: E402

AS_OF = dt.date(2026, 11, 25)

#: Caches keyed on configuration or on nothing: built once per process, not per reply.
PROCESS_CACHES = frozenset(
    {
        "replylint.checks.peer_review._lists_of",
        "replylint.checks.peer_review._keyword_pattern",
        "replylint.checks.quotation._cue_pattern",
        "replylint.checks._util.cue_pattern",
        "replylint.checks.recency._seminal_pattern",
        "replylint.nlp.citations._mla",
        "replylint.engine.packs._builtin_rules",
    }
)


def _replylint_caches(everything: bool = False) -> list[functools._lru_cache_wrapper[object]]:
    """The ``functools.lru_cache`` functions of the loaded replylint modules.

    Without ``everything``, the per-process caches (``PROCESS_CACHES``) are left out.
    """
    found = []
    for name, module in list(sys.modules.items()):
        if name == "replylint" or name.startswith("replylint."):
            for value in vars(module).values():
                if not isinstance(value, functools._lru_cache_wrapper) or value in found:
                    continue
                qualified = f"{value.__module__}.{value.__qualname__}"
                if everything or qualified not in PROCESS_CACHES:
                    found.append(value)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("n", nargs="?", type=int, default=300)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--cold-caches", action="store_true")
    parser.add_argument("--cold-all-caches", action="store_true")
    args = parser.parse_args()

    from replylint.analysis import Analyzer
    from replylint.engine import Linter, load_settings
    from replylint.readers import read_path

    work = Path(tempfile.mkdtemp(prefix="replylint-profile-"))
    try:
        paths = build_corpus(work / "replies", args.n)
        docs = [read_path(str(p)) for p in paths]
        analyzer = Analyzer()
        analyzer.nlp  # load the pipeline outside the timed part  # noqa: B018
        linter = Linter(load_settings(work), strict=False)

        analyse_prof = cProfile.Profile() if args.profile else None
        lint_prof = cProfile.Profile() if args.profile else None

        start = time.perf_counter()
        if analyse_prof:
            analyse_prof.enable()
        replies = list(analyzer.analyze_many([(d, AS_OF, None) for d in docs]))
        if analyse_prof:
            analyse_prof.disable()
        analysed = time.perf_counter()
        if lint_prof:
            lint_prof.enable()
        cold = args.cold_caches or args.cold_all_caches
        caches = _replylint_caches(args.cold_all_caches) if cold else []
        diagnostics = 0
        for reply in replies:
            for cache in caches:
                cache.cache_clear()
            diagnostics += len(linter.lint(reply))
        if lint_prof:
            lint_prof.disable()
        linted = time.perf_counter()

        n = len(replies)
        print(f"replies: {n}, diagnostics: {diagnostics}")
        for phase, secs in (("analyse", analysed - start), ("lint", linted - analysed)):
            print(f"{phase + ':':8} {secs:6.2f} s  {1000 * secs / n:7.2f} ms/reply")
        for name, prof in (("analyse", analyse_prof), ("lint", lint_prof)):
            if prof is None:
                continue
            for key in ("cumulative", "tottime"):
                print(f"\n=== {name}: top {args.top} by {key} ===")
                pstats.Stats(prof).sort_stats(key).print_stats(args.top)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
