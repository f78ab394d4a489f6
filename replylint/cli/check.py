"""``replylint check PATH...``: read, analyse (one spaCy pipeline for all files), lint, report."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import importlib
import json
import pkgutil
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import click

from .. import __version__
from ..config import CliOverrides, Settings, find_config
from ..errors import InputError, ReplylintError, UsageError
from ..heap import frozen_heap
from ..model import Document, Reply, RuleMeta, Severity
from .options import config_options, verification_options
from .options import parse_as_of as _as_of

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis import Analyzer
    from ..engine import Linter
    from ..report import FileResult, RunResult
    from .fix import FixRun

__all__ = ["check_command", "exit_code", "iter_inputs", "run_check"]

#: Extensions picked up when a folder is walked.
WALK_EXTENSIONS = frozenset({".md", ".markdown", ".txt", ".html", ".htm", ".docx"})
FORMAT_NAMES = "text, concise, json, jsonl, sarif, github, gitlab, junit, csv"


def iter_inputs(paths: Sequence[str]) -> Iterator[str]:
    """The files to check: files as given, folders walked (hidden entries skipped), ``-``."""
    seen: set[str] = set()
    for raw in paths:
        path = Path(raw)
        if raw != "-" and path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in WALK_EXTENSIONS
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            names = [str(p) for p in found]
        else:
            names = [raw]
        for name in names:
            if name not in seen:
                seen.add(name)
                yield name


class _Settings:
    """Settings per input: the closest configuration file to each one (cached per folder)."""

    def __init__(self, overrides: CliOverrides) -> None:
        from ..engine import load_settings

        self._load = load_settings
        self.overrides = overrides
        self.single = overrides.isolated or overrides.config is not None
        if not self.single:
            import os

            from ..config import ENV_VAR

            self.single = bool(os.environ.get(ENV_VAR, "").strip())
        self._by_config: dict[Path | None, Settings] = {}
        self._by_folder: dict[Path, Path | None] = {}
        self._linters: dict[int, Linter] = {}

    def for_path(self, name: str) -> Settings:
        if self.single:
            key: Path | None = Path("<single>")
            start = Path.cwd()
        else:
            start = Path.cwd() if name == "-" else Path(name)
            try:
                is_dir = stat.S_ISDIR(start.stat().st_mode)
            except (OSError, ValueError):  # missing or unreadable: reported when read
                start, is_dir = Path.cwd(), True
            folder = start if is_dir else start.parent
            if folder not in self._by_folder:
                self._by_folder[folder] = find_config(folder)
            key = self._by_folder[folder]
        if key not in self._by_config:
            overrides = self.overrides
            if not self.single:
                overrides = dataclasses.replace(overrides, config=key, isolated=key is None)
            self._by_config[key] = self._load(start, overrides)
        return self._by_config[key]

    def linter(self, settings: Settings) -> Linter:
        found = self._linters.get(id(settings))
        if found is None:
            from ..engine import Linter

            found = self._linters[id(settings)] = Linter(settings, strict=False)
        return found


def _read(name: str, stdin_filename: str | None) -> Document:
    from ..readers import detect_format, read_path

    if name == "-" and stdin_filename:
        doc = read_path("-", detect_format(stdin_filename))
        return dataclasses.replace(doc, path=stdin_filename)
    return read_path(name)


def _analyse(
    analyzer: Analyzer, items: list[tuple[Document, dt.date, Reply | None]]
) -> Iterator[Reply | Exception]:
    """Replies in order; if the batch stream fails, retry one by one so one bad file stays one."""
    done = 0
    try:
        for reply in analyzer.analyze_many(items):
            done += 1
            yield reply
        return
    except Exception:  # fall back to one document at a time below
        pass
    for item in items[done:]:
        try:
            yield next(analyzer.analyze_many([item]))
        except Exception as exc:
            yield exc


def _analyse_and_lint(
    analyzer: Analyzer,
    items: list[tuple[Document, dt.date, Reply | None]],
    pending: list[tuple[int, Document, dt.date]],
    results: list[FileResult],
    resolver: _Settings,
    settings_of: dict[str, Settings],
    freeze_more: Callable[[], None],
) -> None:
    """Analyse and lint ``items`` into their ``results``.

    ``freeze_more`` runs once the first reply is done, so that the pipeline it loaded is left
    out of later garbage collections too.
    """
    for n, ((index, doc, _), reply) in enumerate(
        zip(pending, _analyse(analyzer, items), strict=True)
    ):
        if n == 0:
            freeze_more()
        _record(results[index], doc, reply, resolver, settings_of)


def _record(
    result: FileResult,
    doc: Document,
    reply: Reply | Exception,
    resolver: _Settings,
    settings_of: dict[str, Settings],
) -> None:
    """Put one reply's findings (or the failure to analyse it) on its result."""
    linter = resolver.linter(settings_of[result.path])
    if isinstance(reply, Exception):
        detail = str(reply) if isinstance(reply, ReplylintError) else repr(reply)
        result.diagnostics = [
            linter.input_error(doc, f"{result.path}: could not be analysed: {detail}")
        ]
        return
    result.reply = reply
    result.diagnostics = linter.lint(reply)


def run_check(
    paths: Sequence[str],
    overrides: CliOverrides,
    *,
    post: str | None = None,
    stdin_filename: str | None = None,
    analyzer: Analyzer | None = None,
) -> tuple[RunResult, dict[str, Settings]]:
    """Check ``paths``; return the run and the settings used for each file."""
    from ..report import RunResult

    resolver = _Settings(overrides)
    names = list(iter_inputs(paths))
    if not names:
        raise UsageError("no files to check (folders are searched for .md, .txt, .html, .docx)")
    settings_of = {name: resolver.for_path(name) for name in names}
    first = next(iter(settings_of.values()))
    run_as_of = overrides.as_of or first.as_of or dt.date.today()

    # A batch keeps the collector off what lives all run (see ``heap``).
    with frozen_heap(len(names) > 1) as freeze_more:
        results = _read_and_check(
            names, settings_of, resolver, overrides, post, stdin_filename, analyzer, freeze_more
        )

    rules: dict[str, RuleMeta] = {}
    for settings in {id(s): s for s in settings_of.values()}.values():
        rules.update(resolver.linter(settings).selected)
    run = RunResult(
        files=results, rules=dict(sorted(rules.items())), as_of=run_as_of, version=__version__
    )
    return run, settings_of


def _read_and_check(
    names: list[str],
    settings_of: dict[str, Settings],
    resolver: _Settings,
    overrides: CliOverrides,
    post: str | None,
    stdin_filename: str | None,
    analyzer: Analyzer | None,
    freeze_more: Callable[[], None],
) -> list[FileResult]:
    """Read every input, then analyse and lint the readable ones in one pipeline stream."""
    from ..report import FileResult

    results: list[FileResult] = []
    pending: list[tuple[int, Document, dt.date]] = []
    for name in names:
        settings = settings_of[name]
        linter = resolver.linter(settings)
        try:
            doc = _read(name, stdin_filename)
        except InputError as exc:
            results.append(_input_failure(linter, name, str(exc), exc.hint))
            continue
        if doc.path != name:  # standard input shown under --stdin-filename
            settings_of[doc.path] = settings
        results.append(FileResult(doc.path, doc.format, doc, None, []))
        as_of = overrides.as_of or settings.as_of or dt.date.today()
        pending.append((len(results) - 1, doc, as_of))

    if pending:
        if analyzer is None:
            from ..analysis import Analyzer

            analyzer = Analyzer()
        parent: Reply | None = None
        if post is not None:
            try:
                post_doc = read_post(post)
            except InputError as exc:
                raise UsageError(f"--post: {exc}") from None
            parent = next(analyzer.analyze_many([(post_doc, pending[0][2], None)]))
        items = [(doc, as_of, parent) for _, doc, as_of in pending]
        _analyse_and_lint(analyzer, items, pending, results, resolver, settings_of, freeze_more)
    return results


def _stdin_after_fix(
    run: RunResult,
    fixes: FixRun,
    stdin_filename: str | None,
    settings_of: dict[str, Settings],
    analyzer: Analyzer,
    make_linter: Callable[[Settings], Linter] | None,
) -> bool:
    """After ``--fix``, standard input's text goes to standard output even when nothing changed,
    and its findings are those of the fixed text. False when there is no text to pass on."""
    from ..engine import Linter

    name = stdin_filename or "-"
    result = next((r for r in run.files if r.path == name and r.reply is not None), None)
    if result is None or result.document is None:
        return False
    if result.document.format == "docx":
        if any(d.fix is not None for d in result.diagnostics):
            click.echo(
                "replylint: note: fixes are not applied to a Word file read from standard "
                "input; save it and run `replylint check --fix FILE.docx`",
                err=True,
            )
        return False
    outcome = fixes.outcomes.get("-")
    if outcome is None:
        sys.stdout.write(result.document.source)
        return True
    if outcome.changed:
        reply = result.reply
        assert reply is not None
        fixed = next(analyzer.analyze_many([(outcome.final, reply.as_of, reply.post)]))
        result.document, result.reply = outcome.final, fixed
        result.diagnostics = (make_linter or Linter)(settings_of[name]).lint(fixed)
    return True


def read_post(path: str) -> Document:
    from ..readers import read_path

    return read_path(path)


def _input_failure(linter: Linter, name: str, message: str, hint: str | None = None) -> FileResult:
    from ..readers import detect_format
    from ..report import FileResult

    fmt = "txt" if name == "-" else detect_format(name)
    return FileResult(name, fmt, None, None, [linter.input_error(None, message, hint)])


def exit_code(run: RunResult, settings_of: dict[str, Settings], *, exit_zero: bool = False) -> int:
    """2 if an input could not be read; 1 for findings at or above ``fail-on``; else 0."""
    failing = False
    for result in run.files:
        if any(d.category == "input" and d.code == "X003" for d in result.diagnostics):
            return 2
        fail_on = settings_of[result.path].fail_on if result.path in settings_of else Severity.ERROR
        if any(d.severity.rank >= fail_on.rank for d in result.diagnostics):
            failing = True
    return 1 if failing and not exit_zero else 0


def _split(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def _pairs(values: Sequence[str], option: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for value in values:
        key, sep, val = value.partition("=")
        if not sep or not key.strip() or not val.strip():
            raise click.BadParameter(f"expected KEY=VALUE, got {value!r}", param_hint=option)
        out[key.strip()] = val.strip()
    return out


def _param_value(raw: str) -> object:
    import tomllib

    try:
        return tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        return raw


def _reporter(name: str) -> Any:
    from .. import report

    if name not in report.REPORTERS and name.isidentifier() and not name.startswith("_"):
        # Most formats live in the module of the same name: import only that one.
        with contextlib.suppress(ModuleNotFoundError):
            importlib.import_module(f"{report.__name__}.{name}")
    if name in report.REPORTERS:
        return report.REPORTERS[name]
    for mod in pkgutil.iter_modules(report.__path__):
        if not mod.name.startswith("_"):
            importlib.import_module(f"{report.__name__}.{mod.name}")
    if name not in report.REPORTERS:
        known = ", ".join(sorted(report.REPORTERS))
        raise click.BadParameter(f"unknown format {name!r} (known: {known})", param_hint="--format")
    return report.REPORTERS[name]


def _write(
    run: RunResult, out: TextIO, *, fmt: str, statistics: bool, quiet: bool, color: bool | None
) -> None:
    from ..report import json as json_report
    from ..report import text as text_report

    if statistics:
        if fmt == "json":
            json_report._dump(json_report.statistics_records(run), out)
        else:
            text_report.write_statistics(run, out, quiet=quiet)
    elif fmt == "text":
        text_report.write_text(run, out, color=color, quiet=quiet)
    elif fmt == "concise":
        text_report.write_concise(run, out, color=color, quiet=quiet)
    else:
        _reporter(fmt)(run, out)


def settings_record(path: str, overrides: CliOverrides) -> dict[str, Any]:
    """The settings that apply to ``path`` and the rules they select, for ``--show-settings``."""
    from ..engine import Linter

    resolver = _Settings(overrides)
    settings = resolver.for_path(path)
    record = {
        f.name: getattr(settings, f.name)
        for f in dataclasses.fields(settings)
        if f.name not in ("root",)
    }
    for key in ("fail_on", "max_severity"):
        record[key] = record[key].value if record[key] is not None else None
    record["severity"] = {k: v.value for k, v in settings.severity.items()}
    record["selected"] = sorted(Linter(settings).selected)
    return record


def _unverified(
    checked: tuple[RunResult, dict[str, Settings]], *_: object
) -> tuple[RunResult, dict[str, Settings]]:
    return checked


@click.command("check")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    default="text",
    show_default=True,
    metavar="FORMAT",
    help=f"Output format: {FORMAT_NAMES}.",
)
@click.option(
    "--as-of",
    "as_of",
    metavar="YYYY-MM-DD",
    help="Date the recency rules count from (default: today).",
)
@click.option(
    "--post",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="The post being answered (for follow-up rules).",
)
@click.option(
    "--select",
    multiple=True,
    metavar="CODES",
    help="Rules to check (codes, prefixes like C or C1, names, ALL); replaces the default.",
)
@click.option(
    "--extend-select", multiple=True, metavar="CODES", help="Rules to add to the selection."
)
@click.option("--ignore", multiple=True, metavar="CODES", help="Rules to leave out.")
@click.option(
    "--severity",
    multiple=True,
    metavar="CODE=LEVEL",
    help="Override a rule's severity (error, warning, info).",
)
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="Set a rubric parameter, e.g. recency_years=7.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default=None,
    help="Lowest severity that makes the exit code 1 [default: error].",
)
@click.option(
    "--rubric",
    "--preset",
    "preset",
    metavar="NAME",
    help="Rubric preset: discussion-reply (default) or draft (advice only).",
)
@config_options
@click.option("--statistics", is_flag=True, help="Count findings per rule instead of listing them.")
@click.option("--quiet", "-q", is_flag=True, help="Print findings and nothing else.")
@click.option("--no-color", is_flag=True, help="Never colour the output (NO_COLOR is respected).")
@click.option(
    "--output-file",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to this file instead of standard output.",
)
@click.option(
    "--stdin-filename", metavar="NAME", help="Name (and so format) of the input read from `-`."
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option(
    "--show-settings",
    is_flag=True,
    help="Print the resolved settings for the first path (as JSON) and exit.",
)
@click.option("--fix", is_flag=True, help="Apply safe fixes, then report what remains.")
@click.option(
    "--unsafe-fixes", is_flag=True, help="Also apply unsafe fixes (with --fix or --diff)."
)
@click.option("--diff", is_flag=True, help="Print the changes --fix would make; write nothing.")
@click.option("--show-fixes", is_flag=True, help="List the fixes applied by --fix.")
@verification_options
def check_command(
    paths: tuple[str, ...],
    fmt: str,
    as_of: str | None,
    post: str | None,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    severity: tuple[str, ...],
    params: tuple[str, ...],
    fail_on: str | None,
    preset: str | None,
    config: Path | None,
    isolated: bool,
    statistics: bool,
    quiet: bool,
    no_color: bool,
    output_file: Path | None,
    stdin_filename: str | None,
    exit_zero: bool,
    show_settings: bool = False,
    fix: bool = False,
    unsafe_fixes: bool = False,
    diff: bool = False,
    show_fixes: bool = False,
    verify: bool = False,
    offline: bool = False,
    library_path: Path | None = None,
    strict_network: bool = False,
    contact_email: str | None = None,
) -> None:
    """Check replies (files, folders, or - for standard input)."""
    options: Any = None
    checked_with_verification: Callable[..., tuple[RunResult, dict[str, Settings]]] = _unverified
    if verify or offline or library_path or strict_network or contact_email:
        # The verifier (and its HTTP stack) is imported only when asked for: it costs ~1 s.
        from ..verify.run import checked_with_verification, verify_options, verifying_linter

        options = verify_options(verify, offline, library_path, strict_network, contact_email)
    unreachable: dict[str, str] = {}
    if fmt not in ("text", "concise"):
        _reporter(fmt)  # fail early on an unknown format
    overrides = CliOverrides(
        select=_split(select) if select else None,
        extend_select=_split(extend_select),
        ignore=_split(ignore),
        severity=_pairs(severity, "--severity"),
        params={k: _param_value(v) for k, v in _pairs(params, "--param").items()},
        fail_on=fail_on,
        preset=preset,
        as_of=_as_of(as_of),
        config=config,
        isolated=isolated,
    )
    if show_settings:
        click.echo(json.dumps(settings_record(paths[0], overrides), indent=2, default=str))
        return
    report_out: TextIO = sys.stdout
    if fix or diff:
        from ..analysis import Analyzer
        from . import fix as fixing

        analyzer = Analyzer()
        run, settings_of = checked_with_verification(
            run_check(
                paths, overrides, post=post, stdin_filename=stdin_filename, analyzer=analyzer
            ),
            options,
            unreachable,
        )
        fixes = fixing.fix_run(
            run,
            settings_of,
            unsafe=unsafe_fixes,
            analyzer=analyzer,
            stdin_path=(stdin_filename or "-") if "-" in paths else None,
            make_linter=verifying_linter(options) if options is not None else None,
        )
        if diff:
            fixing.write_diffs(fixes, sys.stdout)
            raise SystemExit(1 if fixes.total and not exit_zero else 0)
        fixing.write_fixed(fixes)
        if fixes.outcomes and "-" not in fixes.outcomes:
            run, settings_of = checked_with_verification(
                run_check(
                    paths, overrides, post=post, stdin_filename=stdin_filename, analyzer=analyzer
                ),
                options,
                unreachable,
            )
        run.fixed = fixes.fixed
        relint = verifying_linter(options) if options is not None else None
        if "-" in paths and _stdin_after_fix(
            run, fixes, stdin_filename, settings_of, analyzer, relint
        ):
            report_out = sys.stderr  # the (fixed) text went to standard output
        if show_fixes:
            fixing.write_show_fixes(fixes, sys.stderr if fmt != "text" else report_out)
    else:
        run, settings_of = checked_with_verification(
            run_check(paths, overrides, post=post, stdin_filename=stdin_filename),
            options,
            unreachable,
        )
    if not unsafe_fixes:
        run.hidden_unsafe_fixes = sum(
            1
            for result in run.files
            for d in result.diagnostics
            if d.fix is not None and d.fix.applicability == "unsafe"
        )
    color = False if no_color or output_file is not None else None
    if output_file is not None:
        try:
            with output_file.open("w", encoding="utf-8") as fh:
                _write(run, fh, fmt=fmt, statistics=statistics, quiet=quiet, color=color)
        except OSError as exc:
            raise UsageError(f"--output-file: cannot write {output_file}: {exc.strerror}") from None
    else:
        _write(run, report_out, fmt=fmt, statistics=statistics, quiet=quiet, color=color)
    for result in run.files:
        for d in result.diagnostics:
            if d.code == "X003" and (statistics or fmt not in ("text", "concise")):
                click.echo(f"replylint: error: {d.message}", err=True)
    if unreachable:
        click.echo(f"replylint: warning: unreachable: {', '.join(sorted(unreachable))}", err=True)
        if options is not None and options.strict_network:
            raise SystemExit(3)
    raise SystemExit(exit_code(run, settings_of, exit_zero=exit_zero))
