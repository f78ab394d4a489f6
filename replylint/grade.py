"""Rubric scoring: a reply's diagnostics -> a suggested level and points per criterion.

A rubric is data (``rules/rubrics/*.toml``, or a course's own file). Each criterion names the
rules that inform it, by code (``M101``), family prefix (``C``, ``R1``) or category; each
rating (level) has points and bounds on the criterion's findings. A reply gets the best rating
whose bounds hold; the lowest rating is the floor. The result suggests; it never writes grades.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .lms.model import Submission
from .model import CATEGORIES, Diagnostic, Document, Severity

__all__ = [
    "APPLIES_TO",
    "CriterionGrade",
    "Evidence",
    "Grade",
    "GradeRun",
    "GradedReply",
    "Highlight",
    "Rating",
    "Rubric",
    "RubricCriterion",
    "applies",
    "format_points",
    "level_distribution",
    "load_rubric",
    "parse_rubric",
    "rubric_names",
    "score",
]

#: Which posts a rubric grades: replies (have a parent), initial posts, or every post.
APPLIES_TO: tuple[str, ...] = ("replies", "initial", "all")

_PATTERN = re.compile(r"^[A-Z](?:[0-9]{1,3})?$")
_ID = re.compile(r"^[a-z][a-z0-9_-]*$")
_BOUNDS = ("max_errors", "max_warnings", "max_info", "max_findings")


@dataclass(frozen=True)
class Rating:
    """One level of a criterion, e.g. Proficient, 3 points, at most 2 warnings."""

    level: str
    points: float
    description: str = ""
    max_errors: int | None = None
    max_warnings: int | None = None
    max_info: int | None = None
    max_findings: int | None = None
    #: The rating does not apply when any of these codes or prefixes fired.
    unless: tuple[str, ...] = ()
    #: The least the reply must contain for this rating (checked when counts are known).
    min_citations: int | None = None
    min_references: int | None = None
    min_questions: int | None = None

    def admits(self, found: Sequence[Diagnostic]) -> bool:
        return self._admits(found, _counts(found))

    def _admits(self, found: Sequence[Diagnostic], counts: tuple[int, int, int]) -> bool:
        """``admits`` with the (errors, warnings, info) of ``found`` already counted."""
        errors, warnings, info = counts
        if (
            (self.max_errors is not None and errors > self.max_errors)
            or (self.max_warnings is not None and warnings > self.max_warnings)
            or (self.max_info is not None and info > self.max_info)
            or (self.max_findings is not None and len(found) > self.max_findings)
        ):
            return False
        return not (self.unless and any(_code_matches(d.code, self.unless) for d in found))

    def shortfall(self, counts: Mapping[str, int] | None) -> str | None:
        """Why the reply's contents rule this rating out ("no in-text citations"), or None."""
        if counts is None:
            return None
        for key, least in (
            ("citations", self.min_citations),
            ("references", self.min_references),
            ("questions", self.min_questions),
        ):
            have = counts.get(key)
            if least is not None and have is not None and have < least:
                what = _COUNT_NAMES[key]
                return (
                    f"{have} {what}; {self.level} needs at least {least}"
                    if have
                    else (f"no {what}; {self.level} needs at least {least}")
                )
        return None


_COUNT_NAMES = {
    "citations": "in-text citations",
    "references": "reference entries",
    "questions": "questions",
}
_MINIMA = ("min_citations", "min_references", "min_questions")


@dataclass(frozen=True)
class RubricCriterion:
    id: str
    title: str
    description: str
    #: Codes ("M101") or family prefixes ("C", "R1") of the rules that inform the criterion.
    rules: tuple[str, ...]
    categories: tuple[str, ...]
    #: Best first (points descending); the last one is the floor.
    ratings: tuple[Rating, ...]

    @property
    def points_possible(self) -> float:
        return self.ratings[0].points

    def informed_by(self, diagnostic: Diagnostic) -> bool:
        return (
            _code_matches(diagnostic.code, self.rules)
            or diagnostic.category in self.categories
            or diagnostic.criterion == self.id
        )


@dataclass(frozen=True)
class Rubric:
    name: str
    title: str
    description: str
    applies_to: str
    criteria: tuple[RubricCriterion, ...]
    path: str | None = None

    @property
    def points_possible(self) -> float:
        return sum(c.points_possible for c in self.criteria)


@dataclass(frozen=True)
class Evidence:
    """A finding as an instructor sees it: what, where, and the text it points at."""

    code: str
    name: str
    severity: str
    message: str
    hint: str | None = None
    #: The text the finding points at (trimmed to a readable length).
    excerpt: str = ""
    line: int | None = None
    column: int | None = None
    #: Offsets in the reply's plain text, for highlighting.
    start: int | None = None
    end: int | None = None

    @classmethod
    def of(cls, diagnostic: Diagnostic, document: Document | None = None) -> Evidence:
        excerpt, line, column, start, end = "", None, None, None, None
        if document is not None and diagnostic.span.end <= len(document.text):
            span = diagnostic.span
            excerpt = _trim(document.slice(span))
            line, column = document.position(span.start)
            start, end = span.start, span.end
        return cls(
            code=diagnostic.code,
            name=diagnostic.name,
            severity=diagnostic.severity.value,
            message=diagnostic.message,
            hint=diagnostic.hint,
            excerpt=excerpt,
            line=line,
            column=column,
            start=start,
            end=end,
        )


@dataclass(frozen=True)
class CriterionGrade:
    id: str
    title: str
    level: str
    points: float
    points_possible: float
    errors: int
    warnings: int
    info: int
    evidence: tuple[Evidence, ...]
    #: Why better levels were ruled out by what the reply contains ("no in-text citations ...").
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Grade:
    """The suggested grade of one reply. ``total`` is None when the reply could not be read."""

    rubric: str
    criteria: tuple[CriterionGrade, ...]
    total: float | None
    points_possible: float
    #: ``input`` findings: the reply was empty, binary or unreadable, so it was not graded.
    problems: tuple[Evidence, ...] = ()
    #: Findings no criterion of the rubric uses (shown, never scored).
    other: tuple[Evidence, ...] = ()

    @property
    def graded(self) -> bool:
        return self.total is not None

    def criterion(self, criterion_id: str) -> CriterionGrade | None:
        return next((c for c in self.criteria if c.id == criterion_id), None)


def score(
    diagnostics: Iterable[Diagnostic],
    rubric: Rubric,
    *,
    document: Document | None = None,
    counts: Mapping[str, int] | None = None,
) -> Grade:
    """Suggest a level per criterion from one reply's diagnostics (pure).

    An ``input`` error (X003: empty, binary, unreadable) means the reply could not be graded:
    every criterion is left out and ``total`` is None. Input warnings (an unused suppression
    comment) are listed with the other findings. ``document`` (when given) supplies the
    evidence excerpts; ``counts`` (citations, references, questions found) lets ratings with
    ``min_*`` bounds apply, and the reason a better level was ruled out is kept.
    """
    diags = list(diagnostics)
    problems = tuple(Evidence.of(d, document) for d in diags if _unreadable(d))
    if problems:
        return Grade(rubric.name, (), None, rubric.points_possible, problems=problems)
    used: set[int] = set()
    grades: list[CriterionGrade] = []
    for crit in rubric.criteria:
        # ``crit.informed_by(d)``, written out: it runs for every finding and criterion.
        rules = crit.rules if isinstance(crit.rules, tuple) else tuple(crit.rules)
        found = [
            d
            for d in diags
            if d.code.startswith(rules) or d.category in crit.categories or d.criterion == crit.id
        ]
        used.update(id(d) for d in found)
        errors, warnings, info = counted = _counts(found)
        rating, reasons = crit.ratings[-1], []
        for candidate in crit.ratings:
            if not candidate._admits(found, counted):
                continue
            short = candidate.shortfall(counts)
            if short is None:
                rating = candidate
                break
            if short not in reasons:
                reasons.append(short)
        grades.append(
            CriterionGrade(
                id=crit.id,
                title=crit.title,
                level=rating.level,
                points=rating.points,
                points_possible=crit.points_possible,
                errors=errors,
                warnings=warnings,
                info=info,
                evidence=tuple(Evidence.of(d, document) for d in found),
                reasons=tuple(reasons),
            )
        )
    other = tuple(Evidence.of(d, document) for d in diags if id(d) not in used)
    total = sum(g.points for g in grades)
    return Grade(rubric.name, tuple(grades), total, rubric.points_possible, other=other)


def applies(rubric: Rubric, *, is_reply: bool) -> bool:
    """Whether the rubric grades a post (a reply, or an initial post)."""
    if rubric.applies_to == "all":
        return True
    return is_reply == (rubric.applies_to == "replies")


# --- batch results -------------------------------------------------------------------------


@dataclass(frozen=True)
class Highlight:
    """A region of a reply's text to mark in the report: a citation, reference or question."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class GradedReply:
    """One graded post of a batch: where it came from, what was found, the suggested grade."""

    submission: Submission
    grade: Grade
    #: The recency basis used: the post's own date, else the run's as-of date.
    as_of: dt.date
    words: int = 0
    citations: int = 0
    references: int = 0
    questions: int = 0
    #: The reply's plain text and what to mark in it (for the HTML report).
    text: str = ""
    highlights: tuple[Highlight, ...] = ()


@dataclass
class GradeRun:
    """Everything a grade report shows."""

    rubric: Rubric
    replies: list[GradedReply]
    as_of: dt.date
    version: str
    show_names: bool = False
    inputs: tuple[str, ...] = ()
    #: Posts read but not graded because the rubric does not apply to them (e.g. initial posts).
    skipped: int = 0
    notes: list[str] = field(default_factory=list)
    #: Inputs (exports, files) that could not be read at all; each also has a result row.
    failed_inputs: list[str] = field(default_factory=list)


def level_distribution(replies: Iterable[GradedReply], rubric: Rubric) -> dict[str, dict[str, int]]:
    """How many graded replies got each level, per criterion (levels in rubric order)."""
    out = {c.id: {r.level: 0 for r in c.ratings} for c in rubric.criteria}
    for reply in replies:
        for cg in reply.grade.criteria:
            if cg.id in out:
                out[cg.id][cg.level] = out[cg.id].get(cg.level, 0) + 1
    return out


def format_points(value: float | None) -> str:
    """3.0 -> "3", 2.5 -> "2.5", None -> ""."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


# --- loading -------------------------------------------------------------------------------


def rubric_names() -> list[str]:
    """The built-in rubrics (``rules/rubrics/*.toml``) by name."""
    return sorted(p.stem for p in _rubric_dir().glob("*.toml"))


def load_rubric(name_or_path: str | Path) -> Rubric:
    """A built-in rubric by name, or a rubric file by path. Errors are ``ConfigError``."""
    from .config import read_toml

    candidate = Path(name_or_path)
    if candidate.suffix == ".toml" or candidate.is_file() or len(candidate.parts) > 1:
        if not candidate.is_file():
            raise ConfigError(f"rubric file not found: {name_or_path}")
        path = candidate
    else:
        path = _rubric_dir() / f"{name_or_path}.toml"
        if not path.is_file():
            known = ", ".join(rubric_names()) or "none"
            raise ConfigError(f"unknown rubric `{name_or_path}` (built in: {known})")
    return parse_rubric(read_toml(path), source=str(path), default_name=path.stem)


def _rubric_dir() -> Path:
    from .engine.packs import data_root

    return data_root() / "rubrics"


def parse_rubric(
    data: Mapping[str, Any], *, source: str = "<rubric>", default_name: str = "rubric"
) -> Rubric:
    """Validate a parsed rubric TOML; messages name the file and the key."""
    _only(data, ("rubric", "criterion"), source)
    head = data.get("rubric", {})
    if not isinstance(head, Mapping):
        raise ConfigError(f"{source}: `rubric` must be a table")
    _only(head, ("name", "title", "description", "applies_to"), source, "rubric.")
    name = _text(head, "name", f"{source}: rubric", default_name)
    applies_to = _text(head, "applies_to", f"{source}: rubric", "replies")
    if applies_to not in APPLIES_TO:
        raise ConfigError(
            f"{source}: `rubric.applies_to` must be one of {', '.join(APPLIES_TO)} "
            f"(got {applies_to!r})"
        )
    raw_criteria = data.get("criterion")
    if not isinstance(raw_criteria, list) or not raw_criteria:
        raise ConfigError(f"{source}: a rubric needs at least one [[criterion]]")
    criteria = tuple(_criterion(raw, i, source) for i, raw in enumerate(raw_criteria))
    seen: set[str] = set()
    for crit in criteria:
        if crit.id in seen:
            raise ConfigError(f"{source}: criterion id `{crit.id}` is used twice")
        seen.add(crit.id)
    return Rubric(
        name=name,
        title=_text(head, "title", f"{source}: rubric", name),
        description=_text(head, "description", f"{source}: rubric", ""),
        applies_to=applies_to,
        criteria=criteria,
        path=source,
    )


def _criterion(raw: Any, index: int, source: str) -> RubricCriterion:
    where = f"{source}: criterion[{index}]"
    if not isinstance(raw, Mapping):
        raise ConfigError(f"{where} must be a table")
    _only(raw, ("id", "title", "description", "rules", "categories", "rating"), where, "")
    crit_id = _text(raw, "id", where, None)
    if not _ID.match(crit_id):
        raise ConfigError(f"{where}: `id` must be lower-case letters, digits, - or _")
    where = f"{source}: criterion `{crit_id}`"
    rules = _str_list(raw, "rules", where)
    for pattern in rules:
        if not _PATTERN.match(pattern):
            raise ConfigError(
                f"{where}: `rules` entry {pattern!r} is not a rule code (M101) or prefix (C, R1)"
            )
    categories = _str_list(raw, "categories", where)
    for cat in categories:
        if cat not in CATEGORIES:
            raise ConfigError(f"{where}: unknown category {cat!r} in `categories`")
    raw_ratings = raw.get("rating")
    if not isinstance(raw_ratings, list) or not raw_ratings:
        raise ConfigError(f"{where}: needs at least one [[criterion.rating]]")
    ratings = [_rating(r, i, where) for i, r in enumerate(raw_ratings)]
    levels = [r.level for r in ratings]
    if len(set(levels)) != len(levels):
        raise ConfigError(f"{where}: rating levels must be unique")
    ratings.sort(key=lambda r: -r.points)
    return RubricCriterion(
        id=crit_id,
        title=_text(raw, "title", where, crit_id),
        description=_text(raw, "description", where, ""),
        rules=rules,
        categories=categories,
        ratings=tuple(ratings),
    )


def _rating(raw: Any, index: int, where: str) -> Rating:
    where = f"{where}: rating[{index}]"
    if not isinstance(raw, Mapping):
        raise ConfigError(f"{where} must be a table")
    _only(raw, ("level", "points", "description", "unless", *_BOUNDS, *_MINIMA), where, "")
    points = raw.get("points")
    if (
        isinstance(points, bool)
        or not isinstance(points, int | float)
        or points < 0
        or not math.isfinite(points)
    ):
        raise ConfigError(f"{where}: `points` must be a number >= 0")
    bounds: dict[str, int | None] = {}
    for key in (*_BOUNDS, *_MINIMA):
        value = raw.get(key)
        bad = isinstance(value, bool) or not isinstance(value, int) or value < 0
        if value is not None and bad:
            raise ConfigError(f"{where}: `{key}` must be a whole number >= 0")
        bounds[key] = value
    unless = _str_list(raw, "unless", where)
    for pattern in unless:
        if not _PATTERN.match(pattern):
            raise ConfigError(f"{where}: `unless` entry {pattern!r} is not a rule code or prefix")
    return Rating(
        level=_text(raw, "level", where, None),
        points=float(points),
        description=_text(raw, "description", where, ""),
        unless=unless,
        **bounds,
    )


# --- helpers -------------------------------------------------------------------------------


def _unreadable(diagnostic: Diagnostic) -> bool:
    return diagnostic.category == "input" and diagnostic.severity is Severity.ERROR


def _counts(found: Sequence[Diagnostic]) -> tuple[int, int, int]:
    errors = warnings = 0
    for d in found:
        if d.severity is Severity.ERROR:
            errors += 1
        elif d.severity is Severity.WARNING:
            warnings += 1
    return errors, warnings, len(found) - errors - warnings


def _code_matches(code: str, patterns: Sequence[str]) -> bool:
    # ``startswith`` with a tuple is true when the code starts with any of them (none: false).
    return code.startswith(patterns if isinstance(patterns, tuple) else tuple(patterns))


def _trim(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _only(table: Mapping[str, Any], keys: Sequence[str], where: str, prefix: str = "") -> None:
    for key in table:
        if key not in keys:
            raise ConfigError(f"{where}: unknown key `{prefix}{key}`")


def _text(table: Mapping[str, Any], key: str, where: str, default: str | None) -> str:
    value = table.get(key, default)
    if value is None:
        raise ConfigError(f"{where}: missing key `{key}`")
    if not isinstance(value, str) or (default is None and not value.strip()):
        raise ConfigError(f"{where}: `{key}` must be a non-empty string")
    return value.strip()


def _str_list(table: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: `{key}` must be a list of strings")
    return tuple(v.strip() for v in value)
