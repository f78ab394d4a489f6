"""Grade a batch of submissions: analyse (one NLP pipeline), lint, score against a rubric.

The batch streams in chunks so memory stays flat however long the export is. A post that
cannot be read (empty, binary, missing) gets a result carrying its ``input`` finding, and the
batch goes on. Each reply is judged against its own date when the export has one.
"""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing as mp
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import ReplylintError
from ..grade import GradedReply, Highlight, Rubric, applies, score
from ..heap import frozen_heap
from ..model import Diagnostic, Document, Reply
from .documents import submission_document, submission_path
from .model import Submission

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis import Analyzer
    from ..engine import Linter

__all__ = ["basis_date", "grade_submissions", "graded_posts", "parent_keys"]

#: Posts analysed per ``nlp.pipe`` call; a failing chunk is retried post by post.
CHUNK = 256

Loader = Callable[[Submission], Document]


def basis_date(sub: Submission, default: dt.date) -> dt.date:
    """The recency basis of a post: its own date when the export has one, else ``default``."""
    return sub.date.date() if sub.date is not None else default


def graded_posts(submissions: Iterable[Submission], rubric: Rubric) -> list[Submission]:
    """The posts the rubric applies to, in input order."""
    return [s for s in submissions if applies(rubric, is_reply=s.is_reply)]


def parent_keys(
    graded: Iterable[Submission], known: Iterable[Submission]
) -> dict[tuple[str, str], Submission]:
    """The posts (by key) that some graded post replies to and that the batch contains."""
    index = {s.key: s for s in known}
    out: dict[tuple[str, str], Submission] = {}
    for sub in graded:
        if sub.parent_id is not None:
            parent = index.get((sub.source, sub.parent_id))
            if parent is not None:
                out[parent.key] = parent
    return out


def grade_submissions(
    submissions: Sequence[Submission],
    *,
    rubric: Rubric,
    linter: Linter,
    analyzer: Analyzer,
    as_of: dt.date,
    load: Loader = submission_document,
    on_graded: Callable[[GradedReply], None] | None = None,
    jobs: int = 1,
) -> Iterator[GradedReply]:
    """Grade every post the rubric applies to, in input order.

    Parents of graded replies are analysed first (their own date as basis) and passed as the
    reply's ``post`` so follow-up rules can compare. With ``jobs`` > 1 (and ``fork`` available)
    chunks are graded by that many worker processes, which inherit the loaded pipeline.
    """
    graded = graded_posts(submissions, rubric)
    wanted = parent_keys(graded, submissions)
    workers = min(jobs, -(-len(graded) // CHUNK))
    if workers > 1 and "fork" in mp.get_all_start_methods():
        results: Iterable[GradedReply] = _parallel(
            graded, wanted, workers, _Job(rubric, linter, analyzer, as_of, load)
        )
    else:
        results = _serial(graded, wanted, _Job(rubric, linter, analyzer, as_of, load))
    for result in results:
        if on_graded is not None:
            on_graded(result)
        yield result


@dataclass
class _Job:
    """What grading a chunk needs; inherited by forked workers, never pickled."""

    rubric: Rubric
    linter: Linter
    analyzer: Analyzer
    as_of: dt.date
    load: Loader
    parents: dict[tuple[str, str], Reply] = field(default_factory=dict)

    def add_parents(self, subs: Iterable[Submission]) -> None:
        missing = [s for s in subs if s.key not in self.parents]
        for sub, reply, _ in _analyse(missing, self.analyzer, self.as_of, self.load, {}):
            if reply is not None:
                self.parents[sub.key] = reply

    def grade(self, chunk: Sequence[Submission]) -> list[GradedReply]:
        return [
            _result(sub, reply, problem, self.rubric, self.linter, self.as_of)
            for sub, reply, problem in _analyse(
                chunk, self.analyzer, self.as_of, self.load, self.parents
            )
        ]


def _serial(
    graded: Sequence[Submission], wanted: dict[tuple[str, str], Submission], job: _Job
) -> Iterator[GradedReply]:
    job.add_parents(wanted.values())
    # The pipeline, the posts read, their parents and the results so far outlive the batch;
    # full collections walking them again and again would cost more than the rest of the
    # collector's work, so what exists is frozen after each chunk (see ``heap``).
    with frozen_heap() as freeze_more:
        for start in range(0, len(graded), CHUNK):
            yield from job.grade(graded[start : start + CHUNK])
            freeze_more()


_WORKER_JOB: _Job | None = None


def _work(task: tuple[list[Submission], list[Submission]]) -> list[GradedReply]:
    chunk, parents = task
    assert _WORKER_JOB is not None
    _WORKER_JOB.add_parents(parents)
    return _WORKER_JOB.grade(chunk)


def _parallel(
    graded: Sequence[Submission],
    wanted: dict[tuple[str, str], Submission],
    workers: int,
    job: _Job,
) -> Iterator[GradedReply]:
    """Chunks graded by forked workers, results in input order."""
    global _WORKER_JOB
    _ = job.analyzer.nlp  # load the pipeline once, before forking, so workers share it
    tasks = []
    for start in range(0, len(graded), CHUNK):
        chunk = list(graded[start : start + CHUNK])
        keys = {(s.source, s.parent_id) for s in chunk if s.parent_id is not None}
        tasks.append((chunk, [wanted[k] for k in keys if k in wanted]))
    _WORKER_JOB = job
    # Keep the collector away from inherited objects so workers share their pages.
    gc.freeze()
    try:
        with mp.get_context("fork").Pool(workers) as pool:
            for results in pool.imap(_work, tasks):
                yield from results
    finally:
        gc.unfreeze()
        _WORKER_JOB = None


Outcome = tuple[Submission, Reply | None, str | None]


def _analyse(
    subs: Sequence[Submission],
    analyzer: Analyzer,
    as_of: dt.date,
    load: Loader,
    parents: dict[tuple[str, str], Reply],
) -> Iterator[Outcome]:
    """Analyse posts chunk by chunk; a chunk that fails is retried post by post."""
    for start in range(0, len(subs), CHUNK):
        chunk = subs[start : start + CHUNK]
        try:
            yield from list(_stream(chunk, analyzer, as_of, load, parents))
        except Exception:
            for sub in chunk:
                try:
                    yield from list(_stream([sub], analyzer, as_of, load, parents))
                except Exception as exc:  # a bug in a pipeline stage: report it, go on
                    yield sub, None, f"{submission_path(sub)}: could not be analysed: {exc}"


def _stream(
    chunk: Sequence[Submission],
    analyzer: Analyzer,
    as_of: dt.date,
    load: Loader,
    parents: dict[tuple[str, str], Reply],
) -> Iterator[Outcome]:
    order: list[tuple[Submission, str | None]] = []

    def items() -> Iterator[tuple[Document, dt.date, Reply | None]]:
        for sub in chunk:
            try:
                document = load(sub)
            except ReplylintError as exc:
                order.append((sub, str(exc)))
                continue
            order.append((sub, None))
            parent = parents.get((sub.source, sub.parent_id)) if sub.parent_id else None
            yield document, basis_date(sub, as_of), parent

    pending = 0
    for reply in analyzer.analyze_many(items()):
        # flush the unreadable posts queued before this one
        while order[pending][1] is not None:
            yield order[pending][0], None, order[pending][1]
            pending += 1
        yield order[pending][0], reply, None
        pending += 1
    for sub, problem in order[pending:]:
        yield sub, None, problem


def _result(
    sub: Submission,
    reply: Reply | None,
    problem: str | None,
    rubric: Rubric,
    linter: Linter,
    as_of: dt.date,
) -> GradedReply:
    basis = basis_date(sub, as_of)
    if reply is None:
        diag = linter.input_error(None, problem or "could not be read")
        return GradedReply(sub, score([diag], rubric), basis)
    try:
        diags: list[Diagnostic] = linter.lint(reply)
    except ReplylintError as exc:
        diags = [linter.input_error(reply.document, f"could not be checked: {exc}")]
    counts = {
        "citations": len(reply.citations),
        "references": len(reply.references),
        "questions": len(reply.questions),
    }
    return GradedReply(
        submission=sub,
        grade=score(diags, rubric, document=reply.document, counts=counts),
        as_of=basis,
        words=reply.words,
        citations=len(reply.citations),
        references=len(reply.references),
        questions=len(reply.questions),
        text=reply.document.text,
        highlights=_highlights(reply),
    )


def _highlights(reply: Reply) -> tuple[Highlight, ...]:
    marks = [Highlight(c.span.start, c.span.end, "citation") for c in reply.citations]
    marks += [Highlight(r.span.start, r.span.end, "reference") for r in reply.references]
    marks += [Highlight(q.span.start, q.span.end, "question") for q in reply.questions]
    return tuple(sorted(marks, key=lambda h: (h.start, -h.end)))
