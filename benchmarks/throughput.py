"""Words per second of replylint next to proselint on the same 1,000 replies.

Two measurements, side by side in one run:

- *CLI*: `replylint check` and `proselint check` each run once over the whole folder, as one
  process; interpreter start-up and imports are included for both.
- *in-process*: after imports and set-up (spaCy pipeline loaded, proselint's checks
  registered), the time to read, analyse and lint every file, twice: as a plain library loop
  (``Analyzer.analyze_many`` + ``Linter.lint``) and as the check command's own work
  (``run_check``, which also resolves settings per file and keeps every result for the report,
  as the command does); the same for proselint's API.

    python benchmarks/throughput.py [N]
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import build_corpus  # noqa: E402
from benchmarks.grade_throughput import proselint_api  # noqa: E402
from replylint.analysis import count_words  # noqa: E402

BIN = Path(sys.executable).parent
AS_OF = dt.date(2026, 11, 25)


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{cmd[0]} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return elapsed


def replylint_in_process(paths: list[Path]) -> float:
    """Seconds to read, analyse and lint ``paths`` once the pipeline and rules are loaded."""
    from replylint.analysis import Analyzer
    from replylint.engine import Linter, load_settings
    from replylint.readers import read_path

    analyzer = Analyzer()
    analyzer.nlp  # noqa: B018  (load the pipeline before timing)
    linter = Linter(load_settings(paths[0].parent))
    start = time.perf_counter()
    docs = ((read_path(p), AS_OF, None) for p in paths)
    for reply in analyzer.analyze_many(docs):
        linter.lint(reply)
    return time.perf_counter() - start


def check_command_in_process(paths: list[Path]) -> float:
    """Seconds for the work of ``replylint check`` on ``paths`` without start-up and output.

    ``run_check`` is what the command runs between parsing its options and writing the report:
    settings per file, reading, analysis and linting (with the heap frozen during the batch, as
    in the command). The pipeline and the rule packs are loaded by a one-file run first.
    """
    from replylint.analysis import Analyzer
    from replylint.cli.check import run_check
    from replylint.config import CliOverrides

    analyzer = Analyzer()
    overrides = CliOverrides(as_of=AS_OF)
    run_check([str(paths[0])], overrides, analyzer=analyzer)
    start = time.perf_counter()
    run_check([str(p) for p in paths], overrides, analyzer=analyzer)
    return time.perf_counter() - start


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    work = Path(tempfile.mkdtemp(prefix="replylint-bench-"))
    try:
        paths = build_corpus(work / "replies", n)
        words = sum(count_words(p.read_text(encoding="utf-8")) for p in paths)
        files = [str(p) for p in paths]
        check = [str(BIN / "replylint"), "check", "--format", "json", "--as-of", "2026-11-25"]
        ours = timed([*check, *files])
        theirs = timed([str(BIN / "proselint"), "check", *files])
        ours_in = replylint_in_process(paths)
        ours_run = check_command_in_process(paths)
        theirs_in, _ = proselint_api(paths)
        print(f"replies: {n}, words: {words}")
        print("CLI, one process each, start-up included:")
        print(f"  replylint check: {ours:6.2f} s  {words / ours:10.0f} words/s")
        print(f"  proselint check: {theirs:6.2f} s  {words / theirs:10.0f} words/s")
        print(f"  ratio: {theirs / ours:.2f}x proselint's words/s")
        print("in-process, after imports and set-up:")
        print(f"  replylint (library loop): {ours_in:6.2f} s  {words / ours_in:10.0f} words/s")
        print(f"  replylint (run_check):    {ours_run:6.2f} s  {words / ours_run:10.0f} words/s")
        print(f"  proselint (API):          {theirs_in:6.2f} s  {words / theirs_in:10.0f} words/s")
        print(
            f"  ratio: {theirs_in / ours_in:.2f}x (library loop), "
            f"{theirs_in / ours_run:.2f}x (run_check) proselint's words/s"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
