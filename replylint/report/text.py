"""``--format text`` (the default) and ``concise``: findings for people, in the style of ruff.

    reply.md:12:1: Y101 Source published in 2012 is more than 5 years before 2026-11-25
       |
    12 | Warren, A. (2012). ...
       | ^^^^^^^^^^^^^^^^^^ warning: source-too-old
       |
       = help: Replace it with a source from 2021 or later

Not a stable surface: do not parse it (use ``json``).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from typing import TextIO

from ..model import Diagnostic, Severity
from . import FileResult, RunResult, register
from .common import location

__all__ = [
    "color_enabled",
    "render_diagnostic",
    "summary_line",
    "write_concise",
    "write_statistics",
    "write_text",
]

_MAX_WIDTH = 100
_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_SEVERITY_COLOR = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_BLUE = "\x1b[34m"
_CYAN = "\x1b[36m"


def color_enabled(out: TextIO, *, force: bool | None = None) -> bool:
    """Colour only on a terminal, and never when ``NO_COLOR`` is set (or ``force`` says no)."""
    if force is not None:
        return force
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(out, "isatty", None)
    return bool(isatty and isatty())


class _Paint:
    def __init__(self, on: bool) -> None:
        self.on = on

    def __call__(self, text: str, *codes: str) -> str:
        if not self.on or not codes:
            return text
        return "".join(codes) + text + _RESET


def _plural(n: int, word: str) -> str:
    if word == "info":
        return f"{n} info"
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _source_line(result: FileResult, line: int) -> str | None:
    doc = result.document
    if doc is None:
        return None
    lines = doc.source.split("\n")
    if not 1 <= line <= len(lines):
        return None
    return lines[line - 1].rstrip("\r").replace("\t", " ")


def _window(text: str, start: int, end: int) -> tuple[str, int, int]:
    """Cut a long line around ``[start, end)`` (0-based); return the text and new offsets."""
    if len(text) <= _MAX_WIDTH:
        return text, start, end
    left = max(0, min(start - 30, len(text) - _MAX_WIDTH))
    right = min(len(text), left + _MAX_WIDTH)
    shown = text[left:right]
    shift = -left
    if left > 0:
        shown = "…" + shown
        shift += 1
    if right < len(text):
        shown += "…"
    return shown, start + shift, min(end + shift, len(shown))


def render_diagnostic(
    result: FileResult, diag: Diagnostic, *, color: bool = False, show_source: bool = True
) -> str:
    """One finding: the header line, the source line underlined, and the hint."""
    paint = _Paint(color)
    line, col, end_line, end_col = location(result, diag)
    sev = diag.severity.value
    fixable = diag.fix is not None and diag.fix.applicability == "safe"
    head = (
        f"{paint(result.path, _BOLD)}:{line}:{col}: "
        f"{paint(diag.code, _BOLD, _SEVERITY_COLOR[sev])} "
        f"{paint('[*] ', _CYAN) if fixable else ''}{diag.message}"
    )
    out = [head]
    text = _source_line(result, line) if show_source else None
    if text is not None and text.strip():
        start = col - 1
        stop = end_col - 1 if end_line == line else len(text)
        if diag.span.start == diag.span.end:  # a point, not a range
            stop = start + 1
        stop = max(stop, start + 1)
        shown, start, stop = _window(text, start, stop)
        gutter = " " * len(str(line))
        bar = paint("|", _BLUE)
        label = f"{sev}: {diag.name}"
        carets = "^" * max(1, stop - start)
        out += [
            f"{gutter} {bar}",
            f"{paint(str(line), _BLUE)} {bar} {shown}",
            f"{gutter} {bar} {' ' * start}{paint(carets + ' ' + label, _SEVERITY_COLOR[sev])}",
            f"{gutter} {bar}",
        ]
        if diag.hint:
            out.append(f"{gutter} = {paint('help', _BOLD)}: {diag.hint}")
    elif diag.hint:
        out.append(f"  = {paint('help', _BOLD)}: {diag.hint}")
    return "\n".join(out)


def _all(run: RunResult) -> Iterable[Diagnostic]:
    for result in run.files:
        yield from result.diagnostics


def summary_line(run: RunResult) -> str:
    """``Found 3 errors, 2 warnings (1 fixable with `--fix`).`` or ``All checks passed!``"""
    counts = Counter(d.severity.value for d in _all(run))
    fixable = sum(1 for d in _all(run) if d.fix is not None and d.fix.applicability == "safe")
    parts = [
        _plural(counts[s.value], s.value)
        for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        if counts[s.value]
    ]
    if not parts:
        return "All checks passed!"
    tail = f" ({fixable} fixable with `--fix`)" if fixable else ""
    return f"Found {', '.join(parts)}{tail}."


def _footer(run: RunResult) -> list[str]:
    lines = []
    fixed = sum(run.fixed.values())
    if fixed:
        lines.append(f"Fixed {_plural(fixed, 'finding')}.")
    lines.append(summary_line(run))
    if run.hidden_unsafe_fixes:
        n = run.hidden_unsafe_fixes
        hidden = f"{n} hidden {'fix' if n == 1 else 'fixes'} can be enabled with the"
        lines.append(
            f"No fixes available ({hidden} `--unsafe-fixes` option)."
            if not any(d.fix for d in _all(run) if d.fix and d.fix.applicability == "safe")
            else f"{hidden} `--unsafe-fixes` option."
        )
    return lines


def write_text(
    run: RunResult, out: TextIO, *, color: bool | None = None, quiet: bool = False
) -> None:
    """The full text report; ``quiet`` prints the findings and nothing else."""
    on = color_enabled(out, force=color)
    blocks = [
        render_diagnostic(result, d, color=on) for result in run.files for d in result.diagnostics
    ]
    for block in blocks:
        out.write(block + "\n\n")
    if not quiet:
        out.write("\n".join(_footer(run)) + "\n")


def write_concise(
    run: RunResult, out: TextIO, *, color: bool | None = None, quiet: bool = False
) -> None:
    """One line per finding: ``path:line:col: CODE [*] message``."""
    on = color_enabled(out, force=color)
    for result in run.files:
        for d in result.diagnostics:
            out.write(render_diagnostic(result, d, color=on, show_source=False).split("\n")[0])
            out.write("\n")
    if not quiet:
        out.write(summary_line(run) + "\n")


def write_statistics(run: RunResult, out: TextIO, *, quiet: bool = False) -> None:
    """``--statistics``: ``count  code  [*]  name`` per rule, most frequent first."""
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    fixable: set[str] = set()
    for d in _all(run):
        counts[d.code] += 1
        names[d.code] = d.name
        if d.fix is not None and d.fix.applicability == "safe":
            fixable.add(d.code)
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    width = max((len(str(n)) for _, n in rows), default=1)
    for code, n in rows:
        mark = "[*]" if code in fixable else "[ ]"
        out.write(f"{n:>{width}}\t{code}\t{mark} {names[code]}\n")
    if not quiet:
        out.write(summary_line(run) + "\n")


@register("text")
def _text(run: RunResult, out: TextIO) -> None:
    write_text(run, out)


@register("concise")
def _concise(run: RunResult, out: TextIO) -> None:
    write_concise(run, out)
