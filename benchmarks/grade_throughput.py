"""Throughput of `replylint grade` on a 10,000-reply Canvas export, next to proselint.

The export is built by recombining the test replies (``tests/cases/rules`` and
``tests/cases/replies``, plus ``benchmarks/cases/rubric`` when present) with their references
expanded from the real records: a seeded RNG picks a reply, shuffles its inner paragraphs and
the order of its reference entries, sometimes drops one entry, and gives it a date between
2021 and 2026 and one of the initial posts as its parent. Every message is HTML, as in Canvas.

Measured:
- replylint: ``replylint grade export.json`` as one child process per run (``--format csv``
  with the default ``--jobs`` and with ``--jobs 1``; ``--format html``): wall time, CPU time
  (user + system, worker processes included), peak RSS of the largest process (``os.wait4``
  rusage ``ru_maxrss``) and the peak total PSS of the process tree (sampled from /proc).
- proselint 0.16: the same reply texts (Markdown/plain text/HTML as the cases are written)
  written as files, (a) linted in this process through its Python API (``LintFile.lint``;
  file reading included, interpreter start-up and imports not), and (b) its CLI on a
  sample of files in one process, start-up included.
Words are the same for both tools: ``count_words`` over the reply texts as written.

    python benchmarks/grade_throughput.py [N] [--seed S] [--proselint-sample K] [--profile]
"""

from __future__ import annotations

import argparse
import html
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from replylint.analysis import count_words  # noqa: E402
from tests.support.records import expand  # noqa: E402

BIN = Path(sys.executable).parent
CASE_DIRS = (
    ROOT / "tests" / "cases" / "rules",
    ROOT / "tests" / "cases" / "replies",
    ROOT / "benchmarks" / "cases" / "rubric",
)
POST_DIR = ROOT / "tests" / "cases" / "rules" / "posts"
_MARKER = re.compile(r"^(?:%%.*|<!--\s*(?:expect|params)\b.*-->)\s*$")
_HEADING = re.compile(r"^\s*(?:<p>)?\s*\**(references?|works cited)\**:?\s*(?:</p>)?\s*$", re.I)
_FORMATS = {".md": "md", ".txt": "txt", ".html": "html"}


# --- corpus ------------------------------------------------------------------------------------


def load_cases() -> list[tuple[str, str]]:
    """(format, expanded text) of every whole-reply case, expectation markers removed."""
    out = []
    for folder in CASE_DIRS:
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            fmt = _FORMATS.get(path.suffix)
            if fmt is None or not path.is_file() or path.name.endswith(".docx.md"):
                continue
            lines = path.read_text(encoding="utf-8").splitlines()
            text = "\n".join(line for line in lines if not _MARKER.match(line)).strip()
            try:
                out.append((fmt, expand(text, fmt)))
            except KeyError:  # a placeholder naming a record outside recent-articles
                continue
    return out


def split_reply(text: str) -> tuple[list[str], str | None, list[str]]:
    """Body paragraphs, the reference heading line and the entries (by blank lines or lines)."""
    blocks = [b for b in re.split(r"\n\s*\n", text) if b.strip()]
    for i, block in enumerate(blocks):
        first = block.strip().splitlines()[0]
        if _HEADING.match(first):
            rest = block.strip().splitlines()[1:]
            entries = [*rest, *blocks[i + 1 :]]
            return blocks[:i], first, [e for e in entries if e.strip()]
    return blocks, None, []


def recombine(text: str, rng: random.Random) -> str:
    body, heading, entries = split_reply(text)
    if len(body) > 3:
        inner = body[1:-1]
        rng.shuffle(inner)
        body = [body[0], *inner, body[-1]]
    if entries:
        entries = entries[:]
        rng.shuffle(entries)
        if len(entries) > 1 and rng.random() < 0.2:
            entries.pop(rng.randrange(len(entries)))
    parts = body + ([heading, *entries] if heading else [])
    return "\n\n".join(parts)


def to_html(text: str, fmt: str) -> str:
    """The message as Canvas stores it: HTML paragraphs, Markdown emphasis as <em>."""
    if fmt == "html":
        return text
    out = []
    for block in re.split(r"\n\s*\n", text):
        if not block.strip():
            continue
        para = html.escape(block.strip(), quote=False).replace("\n", " ")
        if fmt == "md":
            para = re.sub(r"\*([^*\n]+)\*", r"<em>\1</em>", para)
        out.append(f"<p>{para}</p>")
    return "".join(out)


def build_export(n: int, seed: int, files_dir: Path) -> tuple[dict[str, Any], int]:
    """A Canvas full view with ``n`` replies (texts also written to ``files_dir``) and its words."""
    rng = random.Random(seed)
    cases = load_cases()
    posts = [
        (_FORMATS[p.suffix], expand(p.read_text(encoding="utf-8"), _FORMATS[p.suffix]))
        for p in sorted(POST_DIR.iterdir())
        if p.suffix in _FORMATS
    ] or cases[:1]
    n_posts = max(1, n // 25)
    files_dir.mkdir(parents=True, exist_ok=True)
    view: list[dict[str, Any]] = []
    for i in range(n_posts):
        fmt, text = posts[i % len(posts)]
        view.append(
            {
                "id": 100000 + i,
                "user_id": 1 + i % 400,
                "parent_id": None,
                "created_at": f"{2021 + i % 6}-03-01T12:00:00Z",
                "message": to_html(text, fmt),
                "replies": [],
            }
        )
    words = 0
    for i in range(n):
        fmt, text = cases[rng.randrange(len(cases))]
        text = recombine(text, rng)
        words += count_words(text)
        (files_dir / f"reply-{i:05d}.{fmt}").write_text(text, encoding="utf-8")
        parent = view[rng.randrange(n_posts)]
        year = int(parent["created_at"][:4])
        parent["replies"].append(
            {
                "id": 200000 + i,
                "user_id": 1 + rng.randrange(400),
                "parent_id": parent["id"],
                "created_at": f"{year}-03-{2 + rng.randrange(27):02d}T09:00:00Z",
                "message": to_html(text, fmt),
                "replies": [],
            }
        )
    participants = [{"id": u, "display_name": f"Student {u:03d}"} for u in range(1, 401)]
    return {"participants": participants, "view": view}, words


# --- measuring ---------------------------------------------------------------------------------


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            kids = Path(f"/proc/{p}/task/{p}/children").read_text().split()
        except OSError:
            continue
        todo.extend(int(k) for k in kids)
    return out


def _pss_mb(pids: list[int]) -> float:
    total = 0
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except (OSError, ValueError):
            continue
    return total / 1024


def run_child(cmd: list[str]) -> tuple[float, float, float, float, str]:
    """Wall s, CPU s (user + system, workers included), peak RSS of the largest process (MB),
    peak total PSS of the process tree (MB, sampled every 0.2 s; 0 without /proc), stderr tail.
    """
    start = time.perf_counter()
    peak_tree = 0.0
    stop = threading.Event()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)

        def sample() -> None:
            nonlocal peak_tree
            while not stop.wait(0.2):
                peak_tree = max(peak_tree, _pss_mb(_tree(proc.pid)))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        stop.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        elapsed = time.perf_counter() - start
        err.seek(0)
        tail = err.read().decode("utf-8", "replace")[-600:]
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{cmd[:3]} failed ({proc.returncode}): {tail}")
    cpu = usage.ru_utime + usage.ru_stime
    return elapsed, cpu, usage.ru_maxrss / 1024, peak_tree, tail


def proselint_api(paths: list[Path]) -> tuple[float, int]:
    """Seconds to lint ``paths`` in this process through proselint's API, and its findings."""
    from proselint.checks import __register__
    from proselint.config import load_from
    from proselint.registry import CheckRegistry
    from proselint.tools import LintFile

    CheckRegistry().register_many(__register__)
    config = load_from(None)
    found = 0
    start = time.perf_counter()
    for path in paths:
        found += len(LintFile(path).lint(config))
    return time.perf_counter() - start, found


def _function_key(fn: Any) -> tuple[str, int, str] | None:
    code = getattr(fn, "__code__", None)
    return (code.co_filename, code.co_firstlineno, code.co_name) if code else None


def profile(export: Path) -> None:
    """Where the time goes in one in-process grading run: stages, then rules, then functions.

    Times are cumulative profiled seconds (cProfile inflates them; compare shares, not totals).
    """
    import cProfile
    import datetime as dt
    import pstats

    from replylint import analysis, matching, references, sections
    from replylint.cli.grade import run_grade
    from replylint.config import CliOverrides
    from replylint.engine import Linter, load_check_kinds, load_rules
    from replylint.grade import load_rubric, score
    from replylint.lms import documents, read_export
    from replylint.nlp import extract

    prof = cProfile.Profile()
    prof.enable()
    run_grade(
        [str(export)],
        load_rubric("discussion-reply"),
        overrides=CliOverrides(isolated=True, as_of=dt.date(2026, 11, 25)),
    )
    prof.disable()
    stats = pstats.Stats(prof)
    table: dict[tuple[str, int, str], Any] = stats.stats  # type: ignore[attr-defined]
    total = max(v[3] for v in table.values())

    def cumulative(fn: Any) -> float:
        key = _function_key(fn)
        return table[key][3] if key in table else 0.0

    stages = {
        "read export (JSON -> submissions)": read_export,
        "analysis (Analyzer.analyze_many, incl. below)": analysis.Analyzer.analyze_many,
        "  of which HTML/text readers (-> Document)": documents.submission_document,
        "  of which sections (split_sections)": sections.split_sections,
        "  of which nlp.extract": extract,
        "  of which parse_reference": references.parse_reference,
        "  of which match_citations": matching.match_citations,
        "rules (Linter.lint)": Linter.lint,
        "rubric scoring (grade.score)": score,
    }
    print(f"\nprofile: {total:.1f} s profiled in total")
    for label, fn in stages.items():
        t = cumulative(fn)
        print(f"  {label:46s} {t:7.2f} s  {100 * t / total:5.1f} %")
    rest = cumulative(analysis.Analyzer.analyze_many) - sum(
        cumulative(f)
        for f in (
            documents.submission_document,
            sections.split_sections,
            extract,
            references.parse_reference,
            matching.match_citations,
        )
    )
    print(
        f"  {'  rest: spaCy tokenizer + pipeline components':46s} {rest:7.2f} s  "
        f"{100 * rest / total:5.1f} %"
    )
    kinds = load_check_kinds()
    per_rule = []
    for code, rule in load_rules().items():
        fn = kinds.get(rule.check)
        if fn is not None and rule.enabled:
            per_rule.append((cumulative(fn), code, rule.check))
    seen: set[str] = set()
    print("  rules by check kind (cumulative, a kind shared by rules is counted once):")
    for t, code, kind in sorted(per_rule, reverse=True):
        if kind in seen or t < 0.005 * total:
            continue
        seen.add(kind)
        print(f"    {code} {kind:34s} {t:7.2f} s  {100 * t / total:5.1f} %")
    stats.sort_stats("tottime").print_stats(20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=20261125)
    parser.add_argument("--proselint-sample", type=int, default=1000)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="replylint-grade-bench-"))
    try:
        data, words = build_export(args.n, args.seed, work / "texts")
        export = work / "canvas-view.json"
        export.write_text(json.dumps(data), encoding="utf-8")
        replylint = str(BIN / "replylint")
        base = [replylint, "grade", str(export), "--as-of", "2026-11-25", "--isolated"]
        runs = []
        for label, extra in (
            ("csv, --jobs 0 (auto)", ["--format", "csv", "--out", str(work / "g.csv")]),
            ("csv, --jobs 1", ["--format", "csv", "--out", str(work / "g1.csv"), "--jobs", "1"]),
            ("html, --jobs 0 (auto)", ["--format", "html", "--out", str(work / "g.html")]),
        ):
            runs.append((label, *run_child([*base, *extra])))
        html_mb = (work / "g.html").stat().st_size / 1e6
        same = (work / "g.csv").read_bytes() == (work / "g1.csv").read_bytes()
        files = sorted((work / "texts").iterdir())
        cpu0 = time.process_time()
        t_api, found = proselint_api(files)
        cpu_api = time.process_time() - cpu0
        sample = files[: args.proselint_sample]
        sample_words = sum(count_words(p.read_text(encoding="utf-8")) for p in sample)
        t_cli, cpu_cli, _, _, _ = run_child([str(BIN / "proselint"), "check", *map(str, sample)])

        print(
            f"replies: {args.n} (+{len(data['view'])} initial posts), words: {words}, "
            f"seed: {args.seed}, cpus: {os.cpu_count()}, load average: {os.getloadavg()[0]:.1f}"
        )
        summary = runs[0][-1]
        print(summary.strip().splitlines()[0] if summary.strip() else "")
        for label, wall, cpu, rss, pss, _ in runs:
            print(
                f"replylint grade {label:22s}: wall {wall:7.2f} s  cpu {cpu:7.2f} s  "
                f"max RSS {rss:4.0f} MB  tree PSS {pss:4.0f} MB  {words / wall:7.0f} words/s wall"
            )
        print(f"html report: {html_mb:.1f} MB; csv with --jobs 1 identical to auto: {same}")
        t_csv, cpu_csv = runs[0][1], runs[0][2]
        print(
            f"proselint API, in-process, {len(files)} files: wall {t_api:7.2f} s  "
            f"cpu {cpu_api:7.2f} s  {words / t_api:8.0f} words/s wall  "
            f"{words / cpu_api:8.0f} words/s cpu  ({found} findings)"
        )
        print(
            f"proselint CLI, one process, {len(sample)} files ({sample_words} words): "
            f"wall {t_cli:6.2f} s  cpu {cpu_cli:6.2f} s  {sample_words / t_cli:8.0f} words/s wall"
        )
        print(
            f"ratio, words/s, replylint csv / proselint API: {t_api / t_csv:.2f}x wall, "
            f"{cpu_api / cpu_csv:.2f}x cpu"
        )
        if args.profile:
            profile(export)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
