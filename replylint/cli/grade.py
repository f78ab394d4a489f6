"""``replylint grade INPUT... --rubric NAME``: suggest rubric levels for a batch of replies.

Reads LMS exports, reply files or folders; analyses every post in one process; writes one
CSV row (or JSON record, or HTML card) per graded post. A progress bar and a closing summary
go to standard error. It suggests; it never writes grades anywhere.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import click

from .. import __version__
from ..config import CliOverrides
from ..errors import InputError, UsageError
from ..grade import GradedReply, GradeRun, Rubric, format_points, load_rubric
from ..lms import Submission, read_export
from .options import config_options, verification_options
from .options import parse_as_of as _as_of

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis import Analyzer
    from ..engine import Linter
    from ..verify.run import VerifyOptions

__all__ = ["grade_command", "read_inputs", "run_grade"]

GRADE_FORMAT_NAMES = ("csv", "json", "html")


def read_inputs(paths: Sequence[str]) -> tuple[list[Submission], list[tuple[str, str]]]:
    """Every post of every input, and the inputs that could not be read (path, message)."""
    subs: list[Submission] = []
    failed: list[tuple[str, str]] = []
    for path in paths:
        try:
            subs.extend(read_export(path))
        except InputError as exc:
            message = str(exc)
            failed.append((path, message if message.startswith(path) else f"{path}: {message}"))
    return subs, failed


def run_grade(
    paths: Sequence[str],
    rubric: Rubric,
    *,
    overrides: CliOverrides | None = None,
    as_of: dt.date | None = None,
    show_names: bool = False,
    analyzer: Analyzer | None = None,
    progress: Callable[[int], None] | None = None,
    on_total: Callable[[int], None] | None = None,
    verify: VerifyOptions | None = None,
    unreachable: dict[str, str] | None = None,
    jobs: int = 1,
) -> GradeRun:
    """Read, analyse, lint and score ``paths`` against ``rubric`` (the library entry point)."""
    from ..engine import Linter, load_settings
    from ..grade import score
    from ..lms.batch import grade_submissions, graded_posts

    overrides = overrides or CliOverrides()
    settings = load_settings(paths[0] if paths else None, overrides)
    linter: Linter = Linter(settings)
    if verify is not None:
        from ..verify.run import VerifyingLinter

        linter = VerifyingLinter(linter, verify)  # type: ignore[assignment]
    basis = as_of or overrides.as_of or settings.as_of or dt.date.today()
    subs, failed = read_inputs(paths)
    to_grade = graded_posts(subs, rubric)
    if on_total is not None:
        on_total(len(to_grade) + len(failed))
    replies: list[GradedReply] = []
    for path, message in failed:
        sub = Submission(path, "", None, None, None, None, None, "txt", path, problem=message)
        diag = linter.input_error(None, message)
        replies.append(GradedReply(sub, score([diag], rubric), basis))
        if progress is not None:
            progress(1)
    try:
        if to_grade:
            if analyzer is None:
                from ..analysis import Analyzer

                analyzer = Analyzer()

            def tick(_: GradedReply) -> None:
                if progress is not None:
                    progress(1)

            replies.extend(
                grade_submissions(
                    subs,
                    rubric=rubric,
                    linter=linter,
                    analyzer=analyzer,
                    as_of=basis,
                    on_graded=tick,
                    # the verifier's library and HTTP client must not be shared by workers
                    jobs=1 if verify is not None else jobs,
                )
            )
    finally:
        if verify is not None:
            verifying: Any = linter
            if unreachable is not None:
                unreachable.update(verifying.unreachable)
            verifying.close()
    notes = [note for sub in subs for note in sub.notes]
    return GradeRun(
        rubric=rubric,
        replies=replies,
        as_of=basis,
        version=__version__,
        show_names=show_names,
        inputs=tuple(paths),
        skipped=len(subs) - len(to_grade),
        notes=notes,
        failed_inputs=[path for path, _ in failed],
    )


def summary_lines(run: GradeRun, seconds: float) -> list[str]:
    """The closing summary printed on standard error."""
    graded = [r for r in run.replies if r.grade.graded]
    bad = len(run.replies) - len(graded)
    words = sum(r.words for r in run.replies)
    lines = [
        f"Graded {len(graded)} of {len(run.replies)} posts against `{run.rubric.name}` "
        f"({words} words) in {seconds:.1f} s; {bad} not readable; "
        f"{run.skipped} not covered by the rubric ({run.rubric.applies_to} only)."
    ]
    if graded:
        mean = sum(r.grade.total or 0 for r in graded) / len(graded)
        lines.append(
            f"Mean suggested total {mean:.1f} / {format_points(run.rubric.points_possible)}. "
            "These are suggestions; the instructor decides."
        )
    for reply in run.replies:
        for problem in reply.grade.problems:
            lines.append(f"not graded: {problem.message}")
    lines.extend(f"note: {note}" for note in run.notes)
    return lines


@contextmanager
def _progress(enabled: bool) -> Iterator[tuple[Callable[[int], None], Callable[[int], None]]]:
    """(advance, set_total) callbacks drawing a bar on standard error when it is a terminal."""
    if not enabled:
        yield (lambda n: None), (lambda n: None)
        return
    state: dict[str, object] = {}

    def set_total(total: int) -> None:
        bar = click.progressbar(length=max(total, 1), label="Grading", file=sys.stderr)
        state["bar"] = bar
        bar.__enter__()

    def advance(n: int) -> None:
        bar = state.get("bar")
        if bar is not None:
            bar.update(n)  # type: ignore[attr-defined]

    try:
        yield advance, set_total
    finally:
        bar = state.get("bar")
        if bar is not None:
            bar.__exit__(None, None, None)  # type: ignore[attr-defined]


def _write(run: GradeRun, fmt: str, out: TextIO) -> None:
    from ..report import grade_csv, grade_html, grade_json  # noqa: F401  (register formats)
    from ..report.grade_common import GRADE_FORMATS

    GRADE_FORMATS[fmt](run, out)


@click.command("grade")
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--rubric",
    "rubric_name",
    default="discussion-reply",
    show_default=True,
    metavar="NAME|PATH",
    help="Grading rubric: a built-in name (rules/rubrics) or a rubric TOML file.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(GRADE_FORMAT_NAMES),
    default="csv",
    show_default=True,
    help="Report format.",
)
@click.option(
    "--out",
    "out_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to this file instead of standard output.",
)
@click.option(
    "--as-of",
    "as_of",
    metavar="YYYY-MM-DD",
    help="Recency basis for posts without a date in the export (default: today).",
)
@click.option("--show-names", is_flag=True, help="Show authors' names (default: author ids only).")
@click.option(
    "--preset", metavar="NAME", help="Rule preset to lint with (default: discussion-reply)."
)
@config_options
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no closing summary.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    default=0,
    help="Worker processes for large batches (0: one per CPU, at most 4).",
)
@verification_options
def grade_command(
    inputs: tuple[str, ...],
    rubric_name: str,
    fmt: str,
    out_path: Path | None,
    as_of: str | None,
    show_names: bool,
    preset: str | None,
    config: Path | None,
    isolated: bool,
    quiet: bool,
    jobs: int = 0,
    verify: bool = False,
    offline: bool = False,
    library_path: Path | None = None,
    strict_network: bool = False,
    contact_email: str | None = None,
) -> None:
    """Suggest rubric levels for a batch of replies.

    INPUT is a Canvas discussion view (JSON), a Moodle forum export (CSV or JSON), Brightspace
    posts (JSON), a CSV with author, text and date columns, a folder of reply files, or a reply
    file. Replies are told apart from initial posts by their parent id. Nothing leaves the
    machine, and no grade is written anywhere.
    """
    options = None
    if verify or offline or library_path or strict_network or contact_email:
        # The verifier (and its HTTP stack) is imported only when asked for.
        from ..verify.run import verify_options

        options = verify_options(verify, offline, library_path, strict_network, contact_email)
    unreachable: dict[str, str] = {}
    rubric = load_rubric(rubric_name)
    overrides = CliOverrides(preset=preset, as_of=_as_of(as_of), config=config, isolated=isolated)
    started = time.perf_counter()
    with _progress(not quiet and sys.stderr.isatty()) as (advance, set_total):
        run = run_grade(
            list(inputs),
            rubric,
            overrides=overrides,
            show_names=show_names,
            progress=advance,
            on_total=set_total,
            verify=options,
            unreachable=unreachable,
            jobs=jobs or min(os.cpu_count() or 1, 4),
        )
    if out_path is not None:
        try:
            with out_path.open("w", encoding="utf-8", newline="") as fh:
                _write(run, fmt, fh)
        except OSError as exc:
            raise UsageError(f"--out: cannot write {out_path}: {exc.strerror or exc}") from None
    else:
        _write(run, fmt, sys.stdout)
    if not quiet:
        for line in summary_lines(run, time.perf_counter() - started):
            click.echo(line, err=True)
    if unreachable:
        click.echo(f"replylint: warning: unreachable: {', '.join(sorted(unreachable))}", err=True)
        if options is not None and options.strict_network and not run.failed_inputs:
            raise SystemExit(3)
    raise SystemExit(2 if run.failed_inputs else 0)
