"""``replylint check --fix / --unsafe-fixes / --diff / --show-fixes``: the fix side of check.

The check runs once; every file with fixable findings goes through the fix loop (lint, apply,
analyse again; at most five passes). ``--fix`` writes the files and the report then shows what
remains; ``--diff`` writes nothing and prints a unified diff of what ``--fix`` would change.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..config import Settings
from ..errors import UsageError
from ..fixes import unified_diff
from ..model import Diagnostic, Document

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis import Analyzer
    from ..engine import Linter
    from ..fixloop import FixOutcome
    from ..report import RunResult

__all__ = ["FixRun", "fix_run", "write_diffs", "write_fixed"]


@dataclass
class FixRun:
    """The outcome of the fix loop for every input of one run."""

    outcomes: dict[str, FixOutcome] = field(default_factory=dict)

    @property
    def fixed(self) -> dict[str, int]:
        return {p: len(o.applied) for p, o in self.outcomes.items() if o.changed}

    @property
    def total(self) -> int:
        return sum(self.fixed.values())


def fix_run(
    run: RunResult,
    settings_of: dict[str, Settings],
    *,
    unsafe: bool,
    analyzer: Analyzer,
    stdin_path: str | None = None,
    make_linter: Callable[[Settings], Linter] | None = None,
) -> FixRun:
    """Run the fix loop on every file of ``run`` that was analysed.

    ``stdin_path`` is the name standard input is shown under (``-`` or ``--stdin-filename``);
    its outcome is kept under ``-`` so the fixed text goes to standard output, not to a file.
    ``make_linter`` builds each configuration's linter (``check --verify`` passes one that
    also verifies the references, so their unsafe fixes are applied too).
    """
    from ..engine import Linter
    from ..fixloop import fix_document

    linters: dict[int, Linter] = {}
    out = FixRun()
    for result in run.files:
        reply = result.reply
        if reply is None or result.document is None:
            continue
        if not any(
            d.fix is not None and (unsafe or d.fix.applicability == "safe")
            for d in result.diagnostics
        ):
            continue
        settings = settings_of[result.path]
        if id(settings) not in linters:
            linters[id(settings)] = (make_linter or Linter)(settings)
        linter = linters[id(settings)]
        as_of = reply.as_of

        def lint(
            doc: Document, _linter: Linter = linter, _as_of: dt.date = as_of
        ) -> list[Diagnostic]:
            return _linter.lint(analyzer.analyze(doc, as_of=_as_of))

        from_stdin = stdin_path is not None and result.path == stdin_path
        docx_data = None
        if result.document.format == "docx":
            if from_stdin:
                continue
            docx_data = Path(result.path).read_bytes()
        outcome = fix_document(
            result.document, lint, linter.rules, unsafe=unsafe, docx_data=docx_data
        )
        if outcome.changed or outcome.skipped:
            out.outcomes["-" if from_stdin else result.path] = outcome
    return out


def _encode_like(path: str, text: str) -> bytes:
    """``text`` in the encoding (and byte-order mark) the file at ``path`` had.

    A character the old encoding cannot hold (an en dash in a Latin-1-only file, say) makes the
    file UTF-8; a note on standard error says so.
    """
    from ..readers.decode import detect_encoding

    try:
        original = Path(path).read_bytes()
    except OSError:
        original = b""
    encoding, bom = detect_encoding(original) if original else ("utf-8", b"")
    try:
        return bom + text.encode(encoding)
    except UnicodeEncodeError:
        print(
            f"replylint: note: {path} was {encoding}; the fixed text needs UTF-8, "
            "so it is saved as UTF-8",
            file=sys.stderr,
        )
        return text.encode("utf-8")


def write_fixed(fixes: FixRun, stdout: TextIO | None = None) -> None:
    """Write every changed file (``-`` goes to standard output)."""
    for path, outcome in fixes.outcomes.items():
        if path == "-":
            (stdout or sys.stdout).write(outcome.final.source)
            continue
        if not outcome.changed:
            continue
        try:
            if outcome.docx_bytes is not None:
                Path(path).write_bytes(outcome.docx_bytes)
            else:
                Path(path).write_bytes(_encode_like(path, outcome.final.source))
        except OSError as exc:
            raise UsageError(f"--fix: cannot write {path}: {exc.strerror}") from None


def write_diffs(fixes: FixRun, out: TextIO) -> None:
    """A unified diff per changed file, then "Would fix N findings."."""
    for path, outcome in fixes.outcomes.items():
        # for DOCX the diff shows the paragraphs' text (one line per paragraph)
        out.write(unified_diff(path, outcome.original.source, outcome.final.source))
    n = fixes.total
    out.write(f"Would fix {n} finding{'s' if n != 1 else ''}.\n")


def write_show_fixes(fixes: FixRun, out: TextIO) -> None:
    """The fixes applied, one line each: ``path: CODE message``."""
    applied = [(p, o) for p, o in fixes.outcomes.items() if o.applied]
    if not applied:
        out.write("No fixes applied.\n")
    else:
        out.write("Fixed:\n")
        for path, outcome in applied:
            for code, fix in outcome.applied:
                out.write(f"  {path}: {code} {fix.message}\n")
    why = {
        "markup": "it would cross formatting (an HTML tag or Markdown emphasis)",
        "suppressed": "a replylint: disable comment covers it",
    }
    left = [(p, s) for p, o in fixes.outcomes.items() for s in o.skipped]
    if left:
        out.write("Not applied:\n")
        for path, (code, fix, reason) in left:
            out.write(f"  {path}: {code} {fix.message}: {why.get(reason, reason)}\n")
