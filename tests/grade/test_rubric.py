"""Rubrics as data and scoring from hand-built diagnostics (no NLP needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from replylint.errors import ConfigError
from replylint.grade import (
    applies,
    format_points,
    load_rubric,
    parse_rubric,
    rubric_names,
    score,
)
from replylint.model import Diagnostic, Severity, Span

from .support import diag, document


@pytest.fixture(scope="module")
def rubric():
    return load_rubric("discussion-reply")


def test_builtin_rubric_shape(rubric) -> None:
    assert "discussion-reply" in rubric_names()
    assert rubric.applies_to == "replies"
    assert [c.id for c in rubric.criteria] == [
        "citations",
        "references",
        "currency",
        "scholarly-sources",
        "follow-up",
        "length",
    ]
    assert rubric.points_possible == 20
    for crit in rubric.criteria:
        points = [r.points for r in crit.ratings]
        assert points == sorted(points, reverse=True)
        assert crit.rules, crit.id


def test_builtin_rubric_rules_name_known_rule_families(rubric) -> None:
    from replylint.engine import load_rules

    codes = set(load_rules())
    for crit in rubric.criteria:
        for pattern in crit.rules:
            assert any(code.startswith(pattern) for code in codes), (crit.id, pattern)
        for rating in crit.ratings:
            for pattern in rating.unless:
                assert any(code.startswith(pattern) for code in codes), (crit.id, pattern)


def test_clean_reply_gets_every_top_level(rubric) -> None:
    grade = score([], rubric)
    assert grade.graded and grade.total == 20
    assert {c.level for c in grade.criteria} == {"Exemplary"}


def test_levels_follow_the_counts(rubric) -> None:
    found = [
        diag("C101", "citation-format", Severity.ERROR),  # one error -> Proficient
        diag("Y101", "recency", Severity.WARNING),  # a warning, no error -> Proficient
        diag("Y101", "recency", Severity.WARNING),
        diag("P102", "peer-review", Severity.ERROR),  # one error -> Developing
        diag("L102", "length", Severity.WARNING),
        diag("R112", "reference-format", Severity.INFO),  # info does not count
    ]
    grade = score(found, rubric)
    levels = {c.id: (c.level, c.points) for c in grade.criteria}
    assert levels == {
        "citations": ("Proficient", 3),
        "references": ("Exemplary", 4),
        "currency": ("Proficient", 2),
        "scholarly-sources": ("Developing", 1),
        "follow-up": ("Exemplary", 4),
        "length": ("Proficient", 1),
    }
    assert grade.total == 15
    refs = grade.criterion("references")
    assert refs is not None and refs.info == 1 and len(refs.evidence) == 1


def test_unless_rules_a_level_out(rubric) -> None:
    grade = score([diag("C100", "citation-format", Severity.ERROR)], rubric)
    cites = grade.criterion("citations")
    assert cites is not None and (cites.level, cites.points) == ("Missing", 0)
    grade = score([diag("Q101", "follow-up", Severity.ERROR)], rubric)
    assert grade.criterion("follow-up").level == "Missing"  # type: ignore[union-attr]
    grade = score([diag("Q102", "follow-up", Severity.ERROR)], rubric)
    assert grade.criterion("follow-up").level == "Developing"  # type: ignore[union-attr]


def test_minimum_contents_rule_levels_out_with_a_reason(rubric) -> None:
    empty = {"citations": 0, "references": 0, "questions": 1}
    grade = score([], rubric, counts=empty)
    levels = {c.id: c.level for c in grade.criteria}
    assert levels["citations"] == "Missing" and levels["references"] == "Missing"
    assert levels["currency"] == "Missing" and levels["follow-up"] == "Exemplary"
    cites = grade.criterion("citations")
    assert cites is not None
    assert cites.reasons[0] == "no in-text citations; Exemplary needs at least 1"
    full = score([], rubric, counts={"citations": 2, "references": 1, "questions": 1})
    assert full.total == 20 and all(not c.reasons for c in full.criteria)
    # without counts (diagnostics only) the minimums are not checked
    assert score([], rubric).total == 20


def test_minimum_reasons_name_what_was_found() -> None:
    rubric = parse_rubric(
        {
            "criterion": [
                {
                    "id": "refs",
                    "rating": [
                        {"level": "Strong", "points": 2, "min_references": 3},
                        {"level": "Fair", "points": 1, "min_references": 2},
                        {"level": "Weak", "points": 0},
                    ],
                }
            ]
        }
    )
    grade = score([], rubric, counts={"references": 1})
    (crit,) = grade.criteria
    assert crit.level == "Weak"
    assert crit.reasons == (
        "1 reference entries; Strong needs at least 3",
        "1 reference entries; Fair needs at least 2",
    )
    assert score([], rubric, counts={"references": 2}).criteria[0].level == "Fair"


def test_the_lowest_level_is_the_floor(rubric) -> None:
    many = [diag("C101", "citation-format", Severity.ERROR) for _ in range(9)]
    assert score(many, rubric).criterion("citations").level == "Missing"  # type: ignore[union-attr]


def test_one_finding_can_inform_two_criteria_and_unused_ones_are_listed(rubric) -> None:
    data = {
        "criterion": [
            {
                "id": "a",
                "rules": ["M1"],
                "rating": [
                    {"level": "ok", "points": 1, "max_errors": 0},
                    {"level": "no", "points": 0},
                ],
            },
            {
                "id": "b",
                "rules": ["M101"],
                "rating": [
                    {"level": "ok", "points": 1, "max_errors": 0},
                    {"level": "no", "points": 0},
                ],
            },
        ]
    }
    two = parse_rubric(data)
    grade = score(
        [diag("M101", "citation-match", Severity.ERROR), diag("Q101", "follow-up", Severity.ERROR)],
        two,
    )
    assert [c.level for c in grade.criteria] == ["no", "no"]
    assert [e.code for e in grade.other] == ["Q101"]


def test_criterion_by_category_and_by_rule_criterion() -> None:
    data = {
        "criterion": [
            {
                "id": "currency",
                "categories": ["recency"],
                "rating": [
                    {"level": "ok", "points": 2, "max_warnings": 0},
                    {"level": "no", "points": 0},
                ],
            },
        ]
    }
    rubric = parse_rubric(data)
    by_category = diag("Z901", "recency", Severity.WARNING)
    assert score([by_category], rubric).total == 0
    by_criterion = Diagnostic(
        "Z902", "course-rule", "length", Severity.WARNING, "m", Span(0, 1), criterion="currency"
    )
    assert score([by_criterion], rubric).total == 0
    assert score([diag("Z903", "length", Severity.WARNING)], rubric).total == 2


def test_input_finding_means_not_graded(rubric) -> None:
    grade = score([diag("X003", "input", Severity.ERROR, message="the reply is empty")], rubric)
    assert not grade.graded and grade.total is None and grade.criteria == ()
    assert grade.problems[0].message == "the reply is empty"
    assert grade.points_possible == 20


def test_input_warnings_do_not_stop_grading(rubric) -> None:
    grade = score([diag("X001", "input", Severity.WARNING)], rubric)
    assert grade.graded and grade.total == 20
    assert [e.code for e in grade.other] == ["X001"]


def test_builtin_rubric_matches_the_rules_own_criteria(rubric) -> None:
    from replylint.engine import load_rules

    ids = {c.id for c in rubric.criteria}
    for rule in load_rules().values():
        if rule.criterion is None:
            continue
        assert rule.criterion in ids, rule.code
        others = [
            c.id
            for c in rubric.criteria
            if c.id != rule.criterion and any(rule.code.startswith(p) for p in c.rules)
        ]
        assert others == [], (rule.code, others)


def test_evidence_carries_the_text_and_position(rubric) -> None:
    doc = document("First line.\nSmith and Jones (2019) said so.\n")
    start = doc.text.index("Smith")
    found = diag(
        "C104",
        "citation-format",
        Severity.ERROR,
        span=Span(start, start + 22),
        hint="Use 'and' in running text",
    )
    grade = score([found], rubric, document=doc)
    (ev,) = grade.criterion("citations").evidence  # type: ignore[union-attr]
    assert ev.excerpt == "Smith and Jones (2019)"
    assert (ev.line, ev.column) == (2, 1)
    assert ev.hint == "Use 'and' in running text"
    assert (ev.start, ev.end) == (start, start + 22)


def test_applies_to() -> None:
    base = {"criterion": [{"id": "a", "rating": [{"level": "x", "points": 1}]}]}
    for applies_to, reply, initial in (
        ("replies", True, False),
        ("initial", False, True),
        ("all", True, True),
    ):
        rubric = parse_rubric({"rubric": {"applies_to": applies_to}, **base})
        assert applies(rubric, is_reply=True) is reply
        assert applies(rubric, is_reply=False) is initial


def test_format_points() -> None:
    assert [format_points(v) for v in (3.0, 2.5, 0, None)] == ["3", "2.5", "0", ""]


def test_load_rubric_from_a_path(tmp_path: Path) -> None:
    path = tmp_path / "course.toml"
    path.write_text(
        '[rubric]\nname = "course"\ntitle = "Course"\napplies_to = "all"\n'
        '[[criterion]]\nid = "refs"\nrules = ["R"]\n'
        '[[criterion.rating]]\nlevel = "Meets"\npoints = 2.5\nmax_errors = 0\n'
        '[[criterion.rating]]\nlevel = "Not yet"\npoints = 0\n',
        encoding="utf-8",
    )
    rubric = load_rubric(str(path))
    assert rubric.name == "course" and rubric.points_possible == 2.5
    assert rubric.criteria[0].title == "refs"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "at least one"),
        ({"rubric": {"applies_to": "everyone"}, "criterion": []}, "applies_to"),
        ({"rubric": {"colour": "red"}}, "unknown key `rubric.colour`"),
        ({"criterion": [{"id": "a"}]}, "needs at least one"),
        ({"criterion": [{"id": "A b", "rating": [{"level": "x", "points": 1}]}]}, "`id`"),
        (
            {
                "criterion": [
                    {"id": "a", "rules": ["citations"], "rating": [{"level": "x", "points": 1}]}
                ]
            },
            "not a rule code",
        ),
        (
            {
                "criterion": [
                    {"id": "a", "categories": ["style"], "rating": [{"level": "x", "points": 1}]}
                ]
            },
            "unknown category",
        ),
        ({"criterion": [{"id": "a", "rating": [{"level": "x", "points": -1}]}]}, "`points`"),
        ({"criterion": [{"id": "a", "rating": [{"level": "x", "points": "4"}]}]}, "`points`"),
        (
            {
                "criterion": [
                    {"id": "a", "rating": [{"level": "x", "points": 1, "max_errors": 1.5}]}
                ]
            },
            "max_errors",
        ),
        (
            {
                "criterion": [
                    {
                        "id": "a",
                        "rating": [{"level": "x", "points": 1}, {"level": "x", "points": 0}],
                    }
                ]
            },
            "unique",
        ),
        ({"criterion": [{"id": "a", "rating": [{"points": 1}]}]}, "missing key `level`"),
        (
            {
                "criterion": [
                    {"id": "a", "rating": [{"level": "x", "points": 1, "min_citations": -1}]}
                ]
            },
            "min_citations",
        ),
        (
            {
                "criterion": [
                    {"id": "a", "rating": [{"level": "x", "points": 1}]},
                    {"id": "a", "rating": [{"level": "x", "points": 1}]},
                ]
            },
            "used twice",
        ),
        ({"criterion": [{"id": "a", "weight": 2, "rating": []}]}, "unknown key `weight`"),
    ],
)
def test_rubric_errors_name_the_key(data, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_rubric(data, source="course.toml")


def test_unknown_rubric_names_the_built_in_ones(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="discussion-reply"):
        load_rubric("no-such-rubric")
    with pytest.raises(ConfigError, match="not found"):
        load_rubric(str(tmp_path / "missing.toml"))
    bad = tmp_path / "bad.toml"
    bad.write_text("[rubric\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_rubric(str(bad))
