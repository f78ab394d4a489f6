"""The grading batch: parents, per-reply as_of, unreadable posts, order, failures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from replylint.config import CliOverrides
from replylint.engine import Linter, load_settings
from replylint.grade import load_rubric, parse_rubric
from replylint.lms import Submission, read_export
from replylint.lms.batch import basis_date, grade_submissions, graded_posts, parent_keys
from replylint.model import Document, Reply

from .cases import materialise

AS_OF = dt.date(2026, 11, 25)


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(load_settings(None, CliOverrides(isolated=True)))


@pytest.fixture(scope="module")
def rubric():
    return load_rubric("discussion-reply")


def post(
    pid: str,
    text: str | None,
    *,
    parent: str | None = None,
    date: dt.datetime | None = None,
    problem: str | None = None,
) -> Submission:
    return Submission(
        id=pid,
        author_id="a" + pid,
        author_name="Name " + pid,
        date=date,
        parent_id=parent,
        topic="t",
        text=text,
        format="txt",
        source="x.csv",
        problem=problem,
    )


class RecordingAnalyzer:
    """Wraps the real analyzer and records what each document was analysed with."""

    def __init__(self, inner, fail_on: str | None = None) -> None:
        self.inner = inner
        self.fail_on = fail_on
        self.seen: list[tuple[str, dt.date, str | None]] = []

    def analyze_many(
        self, items: Iterable[tuple[Document, dt.date, Reply | None]]
    ) -> Iterator[Reply]:
        items = list(items)
        for doc, _as_of, _parent in items:
            if self.fail_on is not None and self.fail_on in doc.text:
                raise RuntimeError("pipeline bug")
        for doc, as_of, parent in items:
            self.seen.append((doc.path, as_of, parent.document.path if parent else None))
        yield from self.inner.analyze_many(items)


def test_selection_and_parents() -> None:
    subs = [
        post("1", "root"),
        post("2", "r", parent="1"),
        post("3", "rr", parent="2"),
        post("4", "orphan", parent="99"),
    ]
    rubric = load_rubric("discussion-reply")
    graded = graded_posts(subs, rubric)
    assert [s.id for s in graded] == ["2", "3", "4"]
    assert sorted(k[1] for k in parent_keys(graded, subs)) == ["1", "2"]
    everything = parse_rubric(
        {
            "rubric": {"applies_to": "initial"},
            "criterion": [{"id": "a", "rating": [{"level": "x", "points": 1}]}],
        }
    )
    assert [s.id for s in graded_posts(subs, everything)] == ["1"]


def test_basis_date() -> None:
    dated = post("1", "x", date=dt.datetime(2021, 3, 4, 23, 0, tzinfo=dt.UTC))
    assert basis_date(dated, AS_OF) == dt.date(2021, 3, 4)
    assert basis_date(post("2", "x"), AS_OF) == AS_OF


def test_canvas_batch_uses_each_reply_date_and_parent(
    tmp_path: Path, analyzer, linter, rubric
) -> None:
    subs = read_export(materialise("canvas-view.json", tmp_path))
    rec = RecordingAnalyzer(analyzer)
    results = list(grade_submissions(subs, rubric=rubric, linter=linter, analyzer=rec, as_of=AS_OF))
    assert [r.submission.id for r in results] == ["502", "504", "503"]
    by_id = {r.submission.id: r for r in results}
    assert by_id["503"].as_of == dt.date(2021, 10, 11)  # judged against its own date
    assert by_id["502"].as_of == dt.date(2025, 3, 4)
    graded_seen = {path.rsplit("#", 1)[1]: (as_of, parent) for path, as_of, parent in rec.seen}
    # parents were analysed with their own dates, then passed as the reply's post
    assert graded_seen["502"][1].endswith("#501")
    assert graded_seen["504"][1].endswith("#502")
    assert by_id["502"].citations == 1 and by_id["502"].references == 1
    assert any(h.kind == "citation" for h in by_id["502"].highlights)


def test_recency_is_judged_against_the_post_date(analyzer, linter, rubric) -> None:
    from tests.support.records import expand

    # Bischof et al. 2021: current for a 2024 post, more than five years old in 2027
    text = expand(
        "Motivational interviewing has evidence {{cite:10.3238/arztebl.m2021.0014}}. "
        "What do you think?\n\nReferences\n\n{{ref:10.3238/arztebl.m2021.0014}}\n"
    )
    subs = [
        post("1", "root"),
        post("2", text, parent="1", date=dt.datetime(2024, 5, 1)),
        post("3", text, parent="1", date=dt.datetime(2027, 5, 1)),
    ]
    results = {
        r.submission.id: r
        for r in grade_submissions(
            subs, rubric=rubric, linter=linter, analyzer=analyzer, as_of=AS_OF
        )
    }
    recent = results["2"].grade.criterion("currency")
    old = results["3"].grade.criterion("currency")
    assert recent is not None and old is not None
    assert not any(e.code == "Y101" for e in recent.evidence)
    assert any(e.code == "Y101" for e in old.evidence)


def test_unreadable_posts_get_rows_and_the_batch_goes_on(analyzer, linter, rubric) -> None:
    subs = [
        post("1", "root"),
        post("2", "", parent="1"),
        post("3", "Good point? (Smith, 2020).", parent="1"),
        post("4", "abc\x00\x01\x02def", parent="1"),
        post("5", None, parent="1", problem="the entry has no message"),
        post("6", "   \n  ", parent="1"),
        post("7", "Another reply, with a question?", parent="1"),
    ]
    results = list(
        grade_submissions(subs, rubric=rubric, linter=linter, analyzer=analyzer, as_of=AS_OF)
    )
    assert [r.submission.id for r in results] == ["2", "3", "4", "5", "6", "7"]
    status = {r.submission.id: r.grade.graded for r in results}
    assert status == {"2": False, "3": True, "4": False, "5": False, "6": False, "7": True}
    problems = {r.submission.id: r.grade.problems[0] for r in results if not r.grade.graded}
    assert all(p.code == "X003" for p in problems.values())
    assert "empty" in problems["2"].message
    assert "binary" in problems["4"].message
    assert "no message" in problems["5"].message


def test_unreadable_reply_files(tmp_path: Path, analyzer, linter, rubric) -> None:
    folder = materialise("replies-dir", tmp_path)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "zz-latin1.md").write_bytes("Caf\xe9 culture? Yes.".encode("latin-1"))
    results = list(
        grade_submissions(
            read_export(folder),
            rubric=load_rubric(parse_all_path(tmp_path)),
            linter=linter,
            analyzer=analyzer,
            as_of=AS_OF,
        )
    )
    ids = [r.submission.id for r in results]
    assert ids == ["empty.txt", "image.txt", "reply-a.md", "reply-b.txt", "zz-latin1.md"]
    graded = {r.submission.id: r.grade.graded for r in results}
    assert graded["reply-a.md"] and graded["reply-b.txt"] and graded["zz-latin1.md"]
    assert not graded["empty.txt"] and not graded["image.txt"]
    assert results[0].as_of == AS_OF  # files have no date: the run's as-of


def parse_all_path(tmp_path: Path) -> str:
    path = tmp_path / "all.toml"
    path.write_text(
        '[rubric]\napplies_to = "all"\n[[criterion]]\nid = "refs"\nrules = ["R"]\n'
        '[[criterion.rating]]\nlevel = "ok"\npoints = 1\nmax_errors = 0\n'
        '[[criterion.rating]]\nlevel = "no"\npoints = 0\n',
        encoding="utf-8",
    )
    return str(path)


def test_a_pipeline_failure_is_isolated_to_its_post(analyzer, linter, rubric) -> None:
    subs = [post("1", "root")] + [
        post(str(i), f"Reply number {i}. Why?", parent="1") for i in range(2, 8)
    ]
    subs[3] = post("4", "this one BREAKS the pipeline?", parent="1")
    rec = RecordingAnalyzer(analyzer, fail_on="BREAKS")
    results = list(grade_submissions(subs, rubric=rubric, linter=linter, analyzer=rec, as_of=AS_OF))
    assert [r.submission.id for r in results] == ["2", "3", "4", "5", "6", "7"]
    broken = results[2]
    assert not broken.grade.graded
    assert "could not be analysed" in broken.grade.problems[0].message
    assert all(r.grade.graded for r in results if r.submission.id != "4")


def test_chunks_keep_order(monkeypatch, analyzer, linter, rubric) -> None:
    import replylint.lms.batch as batch

    monkeypatch.setattr(batch, "CHUNK", 3)
    subs = [post("0", "root")] + [
        post(str(i), "" if i % 4 == 0 else f"Reply {i}. Why?", parent="0") for i in range(1, 12)
    ]
    results = list(
        grade_submissions(subs, rubric=rubric, linter=linter, analyzer=analyzer, as_of=AS_OF)
    )
    assert [r.submission.id for r in results] == [str(i) for i in range(1, 12)]
    assert [r.grade.graded for r in results] == [i % 4 != 0 for i in range(1, 12)]


def test_workers_give_the_serial_results_in_order(
    monkeypatch, tmp_path: Path, analyzer, linter, rubric
) -> None:
    import replylint.lms.batch as batch

    monkeypatch.setattr(batch, "CHUNK", 2)
    subs = [
        *read_export(materialise("canvas-view.json", tmp_path)),
        post("0", "root"),
        *(post(str(i), "" if i == 3 else f"Reply {i}. Why?", parent="0") for i in range(1, 6)),
    ]

    def outline(results):
        return [
            (
                r.submission.id,
                r.as_of,
                r.grade.total,
                [c.level for c in r.grade.criteria],
                [e.code for c in r.grade.criteria for e in c.evidence],
            )
            for r in results
        ]

    serial = list(
        grade_submissions(subs, rubric=rubric, linter=linter, analyzer=analyzer, as_of=AS_OF)
    )
    seen: list[str] = []
    parallel = list(
        grade_submissions(
            subs,
            rubric=rubric,
            linter=linter,
            analyzer=analyzer,
            as_of=AS_OF,
            jobs=2,
            on_graded=lambda r: seen.append(r.submission.id),
        )
    )
    assert outline(parallel) == outline(serial)
    assert seen == [r.submission.id for r in serial]
    assert [r.submission.id for r in serial][:3] == ["502", "504", "503"]
    assert parallel[0].text == serial[0].text and parallel[0].highlights == serial[0].highlights


def test_a_serial_batch_leaves_the_collector_as_it_found_it(
    monkeypatch, analyzer, linter, rubric
) -> None:
    import gc

    import replylint.lms.batch as batch

    monkeypatch.setattr(batch, "CHUNK", 2)
    subs = [post("0", "root")] + [post(str(i), f"Reply {i}. Why?", parent="0") for i in range(1, 6)]
    assert gc.get_freeze_count() == 0
    graded = grade_submissions(subs, rubric=rubric, linter=linter, analyzer=analyzer, as_of=AS_OF)
    first = [next(graded) for _ in range(3)]  # past the first chunk: frozen meanwhile
    assert gc.get_freeze_count() > 0
    rest = list(graded)
    assert [r.submission.id for r in first + rest] == ["1", "2", "3", "4", "5"]
    assert gc.get_freeze_count() == 0
    # objects someone else froze stay frozen
    gc.freeze()
    try:
        list(grade_submissions(subs, rubric=rubric, linter=linter, analyzer=analyzer, as_of=AS_OF))
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
