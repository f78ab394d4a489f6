"""Recency rules on hand-built replies: the window boundary, exemptions, n.d., odd years."""

from __future__ import annotations

import datetime as dt

from replylint.model import Severity

from .build import Cite, Entry, make_reply, run

TEXT = (
    "Burnout is common among nurses (Author et al., 2024). Early work framed it differently "
    "(Writer et al., 2020). One classic account is older (Critic, 1973).\n"
    "References\n"
    "Author, A. (2024). Burnout. Journal A, 1(2), 3-4.\n"
    "Writer, M. (2020). Risk. Journal B, 7(5), 61-64.\n"
    "Critic, O. (1973). Theory. Journal C, 18(1), 1-14.\n"
)


def _reply(as_of: dt.date = dt.date(2026, 11, 25)):
    return make_reply(
        TEXT,
        cites=[
            Cite(
                "(Author et al., 2024)", ("Author",), "2024", et_al=True, match="exact", reference=0
            ),
            Cite(
                "(Writer et al., 2020)", ("Writer",), "2020", et_al=True, match="exact", reference=1
            ),
            Cite("(Critic, 1973)", ("Critic",), "1973", match="exact", reference=2),
        ],
        entries=[
            Entry("Author, A. (2024). Burnout. Journal A, 1(2), 3-4.", ["Author"], "2024"),
            Entry(
                "Writer, M. (2020). Risk. Journal B, 7(5), 61-64.",
                ["Writer"],
                "2020",
                doi="10.0000/placeholder-2020",
            ),
            Entry("Critic, O. (1973). Theory. Journal C, 18(1), 1-14.", ["Critic"], "1973"),
        ],
        as_of=as_of,
    )


def test_too_old_counts_whole_years_before_the_as_of_year() -> None:
    diags = run("Y101", _reply())
    assert [d.data["year"] for d in diags] == ["2020", "1973"]
    assert diags[0].message == (
        "Writer (2020) is 6 years older than the as-of date (2026-11-25); the rubric asks for "
        "sources from 2021 or later"
    )
    assert diags[0].hint == (
        "Replace it with a source from 2021 or later, or add it to the seminal-work exemptions"
    )
    assert all(d.severity is Severity.WARNING for d in diags)


def test_boundary_year_passes() -> None:
    # "Not older than 5 years" means year >= as_of.year - 5: 2020 passes in 2025.
    diags = run("Y101", _reply(dt.date(2025, 1, 2)))
    assert [d.data["year"] for d in diags] == ["1973"]


def test_window_is_a_parameter() -> None:
    diags = run("Y101", _reply(), params={"recency_years": 10})
    assert [d.data["year"] for d in diags] == ["1973"]


def test_exemption_by_author_year_is_listed_as_info() -> None:
    diags = run("Y101", _reply(), exemptions=("Critic 1973",))
    by_year = {d.data["year"]: d for d in diags}
    assert by_year["1973"].severity is Severity.INFO
    assert by_year["1973"].message.startswith("exempt from recency: Critic (1973)")
    assert by_year["1973"].data["exempt"] is True
    assert by_year["2020"].severity is Severity.WARNING


def test_exemption_by_doi_in_any_form() -> None:
    diags = run("Y101", _reply(), exemptions=("https://doi.org/10.0000/PLACEHOLDER-2020",))
    by_year = {d.data["year"]: d for d in diags}
    assert by_year["2020"].severity is Severity.INFO


def test_seminal_cue_in_the_citing_sentence_exempts_with_info() -> None:
    text = TEXT.replace("One classic account", "The landmark account")
    reply = make_reply(
        text,
        cites=[Cite("(Critic, 1973)", ("Critic",), "1973", match="exact", reference=0)],
        entries=[Entry("Critic, O. (1973). Theory. Journal C, 18(1), 1-14.", ["Critic"], "1973")],
    )
    (d,) = run("Y101", reply)
    assert d.severity is Severity.INFO and "landmark" in d.message
    (d,) = run("Y101", reply, params={"seminal_cues": []})
    assert d.severity is Severity.WARNING


def test_citation_without_entry_uses_the_in_text_year() -> None:
    text = "Nurses left the unit (Lee, 2012). Others stayed (Lee, 2012).\n"
    reply = make_reply(
        text,
        cites=[
            Cite("(Lee, 2012)", ("Lee",), "2012"),
            Cite("(Lee, 2012)", ("Lee",), "2012", nth=1),
        ],
    )
    diags = run("Y101", reply)
    assert len(diags) == 1 and diags[0].message.startswith("(Lee, 2012) is 14 years older")


def test_too_few_recent_sources() -> None:
    diags = run("Y102", _reply(), params={"min_recent_sources": 2})
    assert len(diags) == 1
    assert diags[0].message.startswith("Only 1 of the 3 sources is from 2021 or later")
    assert run("Y102", _reply()) == []


def test_too_few_recent_ignores_replies_without_sources() -> None:
    assert run("Y102", make_reply("No sources here at all.\n")) == []


def test_implausible_and_undated_years() -> None:
    text = (
        "A claim (Author & Writer, 2201). Another claim (Council, n.d.).\n"
        "References\nCouncil. (n.d.). Page. https://example.org\n"
    )
    reply = make_reply(
        text,
        cites=[
            Cite("(Author & Writer, 2201)", ("Author", "Writer"), "2201"),
            Cite("(Council, n.d.)", ("Council",), "n.d.", match="exact", reference=0),
        ],
        entries=[
            Entry("Council. (n.d.). Page. https://example.org", ["Council"], "n.d.", kind="webpage")
        ],
    )
    (bad,) = run("Y103", reply)
    assert "2201" in bad.message and "after 2027" in bad.message
    (nd,) = run("Y104", reply)
    assert nd.severity is Severity.INFO and "Council (n.d.)" in nd.message
    assert run("Y101", reply) == []


def test_in_press_counts_as_recent() -> None:
    text = "A claim (Author, in press).\nReferences\nAuthor, A. (in press). Title. Journal.\n"
    reply = make_reply(
        text,
        cites=[Cite("(Author, in press)", ("Author",), "in press", match="exact", reference=0)],
        entries=[Entry("Author, A. (in press). Title. Journal.", ["Author"], "in press")],
    )
    assert run("Y101", reply) == [] and run("Y102", reply) == []


def test_each_reply_has_its_own_sources() -> None:
    first = _reply()
    assert [d.data["year"] for d in run("Y101", first)] == ["2020", "1973"]
    later = _reply(as_of=dt.date(2022, 6, 1))
    assert [d.data["year"] for d in run("Y101", later)] == ["1973"]
    one = make_reply(
        "Burnout is common (Critic, 1973).\nReferences\n"
        "Critic, O. (1973). Theory. Journal C, 18(1), 1-14.\n",
        cites=[Cite("(Critic, 1973)", ("Critic",), "1973", match="exact", reference=0)],
        entries=[Entry("Critic, O. (1973). Theory. Journal C, 18(1), 1-14.", ["Critic"], "1973")],
    )
    assert [d.data["year"] for d in run("Y101", one)] == ["1973"]
    assert [d.data["year"] for d in run("Y101", first)] == ["2020", "1973"]
