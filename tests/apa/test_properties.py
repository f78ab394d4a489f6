"""Property tests: the APA rules and the fix planner never fail, whatever the input."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from replylint.errors import ReplylintError
from replylint.fixes import plan_fixes
from replylint.model import Edit, Fix, Span
from replylint.readers import parse_text
from tests.apa.support import reply_of, run_rule

CODES = [f"R{n}" for n in range(101, 118)]
PIECES = st.sampled_from(
    [
        "References", "References:\n", "Works Cited\n", "\n", "\n\n", "Smith, J. A.", ", ",
        " & ", " and ", "(2020).", "(n.d.).", "(2020)", "2020.", "Title of the Work", ": ",
        "*Journal of Things*", "<em>Journal</em>", ", *12*(3), ", "45-60", "45–6", ". ",
        "doi:10.1000/xyz", "https://doi.org/10.1000/abc.", "Retrieved from ", "et al.",
        "New York, NY: Wiley.", "Article e123", "Vol. 5", "pp. 1-2", "…", ". . .", "[WHO]",
        "&amp;", "<p>", "</p>", "ÉTUDE", "COVID-19", "mRNA",
    ]
)  # fmt: skip
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=30).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.sampled_from(["txt", "md", "html"]))
def test_reference_rules_never_fail(text: str, fmt: str) -> None:
    try:
        document = parse_text("Intro.\n\n" + text, fmt, f"r.{fmt}")
    except ReplylintError:
        return
    reply = reply_of("", document=document)
    for code in CODES:
        for d in run_rule(code, reply):
            assert 0 <= d.span.start <= d.span.end <= len(document.text)
            if d.fix is not None:
                plan_fixes(document, [d.fix])


@settings(max_examples=200, deadline=None)
@given(
    TEXTS,
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 10), st.text(max_size=4)), max_size=6),
    st.sampled_from(["txt", "md", "html"]),
)
def test_planner_applies_non_overlapping_edits(
    text: str, edits: list[tuple[int, int, str]], fmt: str
) -> None:
    try:
        document = parse_text("Intro.\n\n" + text, fmt, f"r.{fmt}")
    except ReplylintError:
        return
    n = len(document.text)
    fixes = []
    for start, length, content in edits:
        s = min(start, n)
        e = min(s + length, n)
        fixes.append(Fix((Edit(Span(s, e), content),), "safe", "x"))
    plan = plan_fixes(document, fixes)
    ends = [(e.start, e.end) for e in plan.edits]
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(ends))
    assert len(plan.applied) + len(plan.skipped) == len(fixes)
    if not plan.edits:
        assert plan.source == document.source
