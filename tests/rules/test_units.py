"""Check kinds on hand-built replies: what they flag, what they leave alone, their fixes."""

from __future__ import annotations

from replylint.checks.followup import copied_runs, keywords, stem
from replylint.checks.peer_review import classify
from replylint.model import Reference, Severity, Span

from .build import Cite, Entry, make_reply, run


def apply(text: str, diag) -> str:  # type: ignore[no-untyped-def]
    out = text
    for e in sorted(diag.fix.edits, key=lambda e: e.span.start, reverse=True):
        out = out[: e.span.start] + e.content + out[e.span.end :]
    return out


# --- C101-C108, C116 -------------------------------------------------------------------


def test_comma_before_et_al_is_removed_by_a_safe_fix() -> None:
    text = "Warren, et al. (2016) found this. Others agree (Warren, et al., 2016)."
    reply = make_reply(
        text,
        cites=[
            Cite("Warren, et al. (2016)", ("Warren",), "2016", narrative=True, et_al=True),
            Cite("(Warren, et al., 2016)", ("Warren",), "2016", et_al=True),
        ],
    )
    diags = run("C101", reply)
    assert len(diags) == 2 and all(d.fix and d.fix.applicability == "safe" for d in diags)
    fixed = apply(apply(text, diags[1]), diags[0])
    assert fixed == "Warren et al. (2016) found this. Others agree (Warren et al., 2016)."


def test_comma_before_et_al_after_two_names_is_left_alone() -> None:
    text = "(Author, Writer, et al., 2020)"
    reply = make_reply(text, cites=[Cite(text, ("Author", "Writer"), "2020", et_al=True)])
    assert run("C101", reply) == []


def test_et_al_forms() -> None:
    text = "(Prime et. al., 2020) and Prime et al (2020) and (Prime et al., 2020)."
    reply = make_reply(
        text,
        cites=[
            Cite("(Prime et. al., 2020)", ("Prime",), "2020", et_al=True),
            Cite("Prime et al (2020)", ("Prime",), "2020", et_al=True, narrative=True),
            Cite("(Prime et al., 2020)", ("Prime",), "2020", et_al=True),
        ],
    )
    diags = run("C102", reply)
    assert len(diags) == 2
    assert apply(apply(text, diags[1]), diags[0]) == (
        "(Prime et al., 2020) and Prime et al. (2020) and (Prime et al., 2020)."
    )


def test_and_inside_parentheses_and_ampersand_in_prose() -> None:
    text = (
        "Risk differs (Sulley and Bayssie, 2021). Sulley & Bayssie (2021) agree. "
        "(Substance Abuse and Mental Health Services Administration, 2023)."
    )
    reply = make_reply(
        text,
        cites=[
            Cite(
                "(Sulley and Bayssie, 2021)",
                ("Sulley", "Bayssie"),
                "2021",
                parts={"authors": "Sulley and Bayssie"},
            ),
            Cite(
                "Sulley & Bayssie (2021)",
                ("Sulley", "Bayssie"),
                "2021",
                narrative=True,
                parts={"authors": "Sulley & Bayssie"},
            ),
            Cite(
                "(Substance Abuse and Mental Health Services Administration, 2023)",
                ("Substance Abuse and Mental Health Services Administration",),
                "2023",
            ),
        ],
    )
    (c103,) = run("C103", reply)
    assert c103.fix and c103.fix.applicability == "safe"
    assert "(Sulley & Bayssie, 2021)" in apply(text, c103)
    (c104,) = run("C104", reply)
    assert c104.fix and c104.fix.applicability == "safe"
    assert "Sulley and Bayssie (2021) agree" in apply(text, c104)


def test_all_names_for_three_authors() -> None:
    text = "(Adare, Li, & Gebresilase, 2023) and (Sulley & Bayssie, 2021)."
    reply = make_reply(
        text,
        cites=[
            Cite(
                "(Adare, Li, & Gebresilase, 2023)",
                ("Adare", "Li", "Gebresilase"),
                "2023",
                parts={"authors": "Adare, Li, & Gebresilase"},
            ),
            Cite("(Sulley & Bayssie, 2021)", ("Sulley", "Bayssie"), "2021"),
        ],
    )
    (d,) = run("C105", reply)
    assert d.fix and d.fix.applicability == "unsafe"
    assert apply(text, d).startswith("(Adare et al., 2023)")


def test_et_al_for_a_two_author_work_needs_the_matched_entry() -> None:
    text = (
        "A claim (Sulley et al., 2021). Another (Writer et al., 2024).\nReferences\n"
        "Sulley, S., & Bayssie, M. (2021). Title. Cureus, 13(2), e13287.\n"
        "Writer, A., Critic, B., & Reader, C. (2024). Title. Journal, 17, 17-39.\n"
    )
    reply = make_reply(
        text,
        cites=[
            Cite(
                "(Sulley et al., 2021)",
                ("Sulley",),
                "2021",
                et_al=True,
                match="exact",
                reference=0,
                parts={"authors": "Sulley et al."},
            ),
            Cite(
                "(Writer et al., 2024)", ("Writer",), "2024", et_al=True, match="exact", reference=1
            ),
        ],
        entries=[
            Entry(
                "Sulley, S., & Bayssie, M. (2021). Title. Cureus, 13(2), e13287.",
                ["Sulley", "Bayssie"],
                "2021",
            ),
            Entry(
                "Writer, A., Critic, B., & Reader, C. (2024). Title. Journal, 17, 17-39.",
                ["Writer", "Critic", "Reader"],
                "2024",
            ),
        ],
    )
    (d,) = run("C106", reply)
    assert "(Sulley & Bayssie, 2021)" in apply(text, d)


def test_author_year_comma_fix_and_mla_left_alone() -> None:
    text = "(Melaku 2023) and (Melaku 23)"
    reply = make_reply(
        text,
        cites=[
            Cite(
                "(Melaku 2023)",
                ("Melaku",),
                "2023",
                flags=frozenset({"no-comma-before-year"}),
                parts={"authors": "Melaku", "year": "2023"},
            ),
            Cite(
                "(Melaku 23)",
                ("Melaku",),
                None,
                style="mla",
                flags=frozenset({"no-comma-before-year"}),
            ),
        ],
    )
    (d,) = run("C107", reply)
    assert apply(text, d) == "(Melaku, 2023) and (Melaku 23)"


def test_author_year_comma_hint_and_fixes_with_an_et_al_slip() -> None:
    """C107's hint shows the whole APA form; its fix and C102's touch different characters."""
    text = "(Prime et al 2020)"
    reply = make_reply(
        text,
        cites=[
            Cite(
                text,
                ("Prime",),
                "2020",
                et_al=True,
                flags=frozenset({"no-comma-before-year", "et-al-no-period"}),
                parts={"authors": "Prime", "et_al": "et al", "year": "2020"},
            )
        ],
    )
    (comma,) = run("C107", reply)
    (et_al,) = run("C102", reply)
    assert comma.hint == "Write “(Prime et al., 2020)”"
    assert apply(apply(text, comma), et_al) == "(Prime et al., 2020)"


def test_several_works_order_and_separators() -> None:
    text = (
        "(Yang et al., 2024; Bellanti et al., 2021) and (Bellanti et al., 2021; Yang et al., 2024)"
    )
    reply = make_reply(
        text,
        cites=[
            Cite("Yang et al., 2024", ("Yang",), "2024", et_al=True, group=1),
            Cite("Bellanti et al., 2021", ("Bellanti",), "2021", et_al=True, group=1),
            Cite("Bellanti et al., 2021", ("Bellanti",), "2021", et_al=True, group=2, nth=1),
            Cite("Yang et al., 2024", ("Yang",), "2024", et_al=True, group=2, nth=1),
        ],
    )
    (d,) = run("C108", reply)
    assert apply(text, d).startswith("(Bellanti et al., 2021; Yang et al., 2024) and")
    comma = "(Bellanti et al., 2021, Yang et al., 2024) and (Writer, 2022, 2023)"
    reply = make_reply(
        comma,
        cites=[
            Cite("Bellanti et al., 2021", ("Bellanti",), "2021", et_al=True, group=1),
            Cite("Yang et al., 2024", ("Yang",), "2024", et_al=True, group=1),
            Cite("Writer, 2022", ("Writer",), "2022", group=2),
            Cite("2023", ("Writer",), "2023", group=2),
        ],
    )
    (d,) = run("C108", reply)
    assert "semicolons" in d.message


def test_initials_unless_two_first_authors_share_a_surname() -> None:
    text = "(U. Castiello, 2021)\nReferences\nCastiello, U. (2021). Title. Journal.\n"
    cite = Cite("(U. Castiello, 2021)", ("Castiello",), "2021", flags=frozenset({"initials"}))
    entry = Entry("Castiello, U. (2021). Title. Journal.", [("Castiello", "U.")], "2021")
    assert len(run("C116", make_reply(text, cites=[cite], entries=[entry]))) == 1
    text2 = text + "Castiello, Z. (2022). T. J, 1(1), 1-2.\n"
    entry2 = Entry("Castiello, Z. (2022). T. J, 1(1), 1-2.", [("Castiello", "Z.")], "2022")
    assert run("C116", make_reply(text2, cites=[cite], entries=[entry, entry2])) == []


# --- C100, R100 --------------------------------------------------------------------------


def test_claims_without_citations() -> None:
    reply = make_reply("Studies show that 40% of nurses report burnout. I see it at work.")
    (d,) = run("C100", reply)
    assert "“Studies show”" in d.message and "“40%”" in d.message
    assert run("C100", make_reply("I enjoyed your post about evidence-based practice.")) == []


def test_citations_without_reference_list() -> None:
    text = "A claim (Sulley & Bayssie, 2021)."
    reply = make_reply(
        text, cites=[Cite("(Sulley & Bayssie, 2021)", ("Sulley", "Bayssie"), "2021")]
    )
    assert len(run("R100", reply)) == 1
    assert run("M101", reply) == []


# --- M101-M106 ---------------------------------------------------------------------------

_MTEXT = (
    "One (Lee, 2021). Two (Writer et al., 2020). Three (Critik et al., 2024).\n"
    "Four (Reader, 2022).\n"
    "References\n"
    "Writer, G. (2021). T. J, 11, 10-15.\n"
    "Critic, A. (2024). T. Journal, 15.\n"
    "Reader, X. (2022). T. J, 1(1), 1.\n"
    "Reader, Y. (2022). U. J, 2(1), 1.\n"
    "Taylor, A. (2020). T. J, 3(1), 1.\n"
)


def _mreply():  # type: ignore[no-untyped-def]
    return make_reply(
        _MTEXT,
        cites=[
            Cite("(Lee, 2021)", ("Lee",), "2021"),
            Cite(
                "(Writer et al., 2020)",
                ("Writer",),
                "2020",
                et_al=True,
                match="near-year",
                candidates=(0,),
                detail="2020 ~ 2021",
                parts={"year": "2020"},
            ),
            Cite(
                "(Critik et al., 2024)",
                ("Critik",),
                "2024",
                et_al=True,
                match="near-author",
                candidates=(1,),
                detail="Critik ~ Critic",
            ),
            Cite("(Reader, 2022)", ("Reader",), "2022", match="ambiguous", candidates=(2, 3)),
        ],
        entries=[
            Entry("Writer, G. (2021). T. J, 11, 10-15.", ["Writer"], "2021"),
            Entry("Critic, A. (2024). T. Journal, 15.", ["Critic"], "2024"),
            Entry("Reader, X. (2022). T. J, 1(1), 1.", [("Reader", "X.")], "2022"),
            Entry("Reader, Y. (2022). U. J, 2(1), 1.", [("Reader", "Y.")], "2022"),
            Entry("Taylor, A. (2020). T. J, 3(1), 1.", ["Taylor"], "2020"),
        ],
    )


def test_matching_rules_read_the_matches() -> None:
    reply = _mreply()
    (m101,) = run("M101", reply)
    assert m101.message == "(Lee, 2021) is cited but has no entry in the reference list"
    (m102,) = run("M102", reply)
    assert m102.message.startswith("Taylor (2020) is in the reference list but never cited")
    (m103,) = run("M103", reply)
    assert m103.fix and m103.fix.applicability == "unsafe"
    assert "(Writer et al., 2021)" in apply(_MTEXT, m103)
    (m104,) = run("M104", reply)
    assert "did you mean “Critic”" in m104.message
    assert "(Critic et al., 2024)" in apply(_MTEXT, m104)
    (m106,) = run("M106", reply)
    assert "matches 2 entries" in m106.message


def test_author_list_mismatch_reads_the_match_detail() -> None:
    """M105 flags a shortened or reordered author list; C106's et al. slip, "and colleagues",
    a single author and a whole list are left alone."""
    text = (
        "(Writer, 2020) (Writer & Critic, 2021) (Critic & Writer, 2021) "
        "Writer and colleagues (2020) (Taylor, 2022) (Writer et al., 2021) (Writer et al., 2020)\n"
        "Writer, G., Critic, A., & Reader, X. (2020). T. J, 1, 1.\n"
        "Writer, G., & Critic, A. (2021). U. J, 2, 2.\n"
        "Taylor, A. (2022). V. J, 3, 3."
    )
    whole = Entry(
        "Writer, G., Critic, A., & Reader, X. (2020). T. J, 1, 1.",
        ["Writer", "Critic", "Reader"],
        "2020",
    )
    two = Entry("Writer, G., & Critic, A. (2021). U. J, 2, 2.", ["Writer", "Critic"], "2021")
    one = Entry("Taylor, A. (2022). V. J, 3, 3.", ["Taylor"], "2022")
    reply = make_reply(
        text,
        cites=[
            Cite(
                "(Writer, 2020)",
                ("Writer",),
                "2020",
                reference=0,
                detail="1 of 3 authors cited",
                match="exact",
            ),
            Cite(
                "(Writer & Critic, 2021)", ("Writer", "Critic"), "2021", reference=1, match="exact"
            ),
            Cite(
                "(Critic & Writer, 2021)",
                ("Critic", "Writer"),
                "2021",
                reference=1,
                detail="authors cited in a different order",
                match="exact",
            ),
            Cite(
                "Writer and colleagues (2020)",
                ("Writer",),
                "2020",
                narrative=True,
                reference=0,
                detail="1 of 3 authors cited",
                match="exact",
            ),
            Cite("(Taylor, 2022)", ("Taylor",), "2022", reference=2, match="exact"),
            Cite(
                "(Writer et al., 2021)",
                ("Writer",),
                "2021",
                et_al=True,
                reference=1,
                detail="et al. for a 2-author work",
                match="exact",
            ),
            Cite(
                "(Writer et al., 2020)", ("Writer",), "2020", et_al=True, reference=0, match="exact"
            ),
        ],
        entries=[whole, two, one],
    )
    diags = run("M105", reply)
    assert [d.hint for d in diags] == [
        "Write “(Writer et al., 2020)”",
        "Write “(Writer & Critic, 2021)”",
    ]
    assert "without “et al.”" in diags[0].message and "different order" in diags[1].message


# --- P101-P103 ---------------------------------------------------------------------------


def _ref(**kw) -> Reference:  # type: ignore[no-untyped-def]
    text = kw.pop("text", "An entry.")
    return Reference(span=Span(0, len(text)), text=text, parsed=kw.pop("parsed", True), **kw)


def test_classify_journal_even_with_a_publisher_url() -> None:
    ref = _ref(
        source="Cureus",
        volume="13",
        issue="2",
        article_number="e13287",
        url="https://www.cureus.com/articles/1",
        kind="journal-article",
    )
    assert classify(ref).kind == "journal"
    ref = _ref(source="Frontiers in Psychology", volume="15", doi="10.3389/fpsyg.2024.1367516")
    assert classify(ref).kind == "journal"


def test_classify_non_scholarly_and_unknown() -> None:
    assert (
        classify(
            _ref(
                text="Burnout. (2024). In Wikipedia. https://en.wikipedia.org/wiki/B",
                url="https://en.wikipedia.org/wiki/B",
                kind="webpage",
            )
        ).kind
        == "wiki"
    )
    assert (
        classify(
            _ref(
                text="Staff. (2023). Burnout. https://www.mayoclinic.org/x",
                url="https://www.mayoclinic.org/x",
                kind="webpage",
            )
        ).kind
        == "website"
    )
    assert (
        classify(
            _ref(text="A. (2024). B. https://www.nytimes.com/x", url="https://www.nytimes.com/x")
        ).kind
        == "news"
    )
    assert (
        classify(
            _ref(
                text="A. (2024). B. PsyArXiv. https://doi.org/10.31234/osf.io/abc",
                doi="10.31234/osf.io/abc",
            )
        ).kind
        == "preprint"
    )
    assert classify(_ref(text="garbled entry", parsed=False)).kind == "unknown"
    assert classify(_ref(text="Author. (2020). Title. Publisher.", kind="book")).kind == "book"


def test_peer_review_rules() -> None:
    text = (
        "Text (Staff, 2023).\nReferences\n"
        "Staff. (2023). Burnout. Mayo Clinic. https://www.mayoclinic.org/x\n"
        "something we cannot read\n"
    )
    reply = make_reply(
        text,
        entries=[
            Entry(
                "Staff. (2023). Burnout. Mayo Clinic. https://www.mayoclinic.org/x",
                ["Staff"],
                "2023",
                url="https://www.mayoclinic.org/x",
                kind="webpage",
            ),
            Entry("something we cannot read", [], None, kind="unknown", parsed=False),
        ],
    )
    diags = run("P101", reply)
    assert [d.severity for d in diags] == [Severity.WARNING, Severity.INFO]
    assert diags[1].message.startswith("Could not tell whether")
    (p102,) = run("P102", reply)
    assert "1 could not be classified" in p102.message
    assert run("P103", reply) == []


def test_peer_review_rules_of_one_reply_follow_their_own_lists() -> None:
    text = "Text (Staff, 2023).\nReferences\nStaff. (2023). Burnout. Mayo Clinic. https://www.mayoclinic.org/x\n"
    entry = Entry(
        "Staff. (2023). Burnout. Mayo Clinic. https://www.mayoclinic.org/x",
        ["Staff"],
        "2023",
        url="https://www.mayoclinic.org/x",
    )
    reply = make_reply(text, entries=[entry])
    assert run("P101", reply)[0].data["class"] == "website"
    # the same reply, with lists that do not know the site: no longer a website
    plain = run("P101", reply, params={"website_domains": ["example.org"]})
    assert plain[0].data["class"] == "unknown"
    assert run("P101", reply)[0].data["class"] == "website"
    # another reply with the same entry as a preprint server's: its own classes
    other = make_reply(
        text.replace("mayoclinic.org", "osf.io"),
        entries=[
            Entry(
                entry.needle.replace("mayoclinic.org", "osf.io"),
                ["Staff"],
                "2023",
                url="https://www.osf.io/x",
            )
        ],
    )
    assert run("P101", other) == []
    assert len(run("P103", other)) == 1


# --- Q ---------------------------------------------------------------------------------


def test_stems_and_keywords() -> None:
    assert stem("nurses") == stem("nurse") == "nurs"
    assert stem("studies") == "study"
    assert keywords("The nurses and the nurse were burned out") == {"nurs", "burn"}


def test_follow_up_question_or_idea() -> None:
    plain = make_reply("I agree with your post. Burnout matters a great deal.")
    assert len(run("Q101", plain)) == 1
    asked = make_reply(
        "I agree. Have you considered staffing?", questions=["Have you considered staffing?"]
    )
    assert run("Q101", asked) == []
    idea = make_reply("I agree. Another consideration is staffing ratios in rural units.")
    assert len(run("Q101", idea)) == 1
    assert run("Q101", idea, params={"follow_up": "question-or-idea"}) == []


def test_question_inside_a_quote_does_not_count() -> None:
    text = 'The authors ask "how can leaders reduce burnout?" (Author et al., 2024, p. 3). I agree.'
    q = '"how can leaders reduce burnout?"'
    reply = make_reply(text, quotes=[q], questions=["how can leaders reduce burnout?"])
    (q101,) = run("Q101", reply)
    assert "do not count" in q101.message
    (q103,) = run("Q103", reply)
    assert q103.code == "Q103"


def test_min_questions() -> None:
    reply = make_reply("Why? I agree.", questions=["Why?"])
    assert run("Q102", reply) == []
    assert len(run("Q102", reply, params={"min_questions": 2})) == 1


def test_engagement_with_the_post() -> None:
    post = make_reply(
        "Nurse burnout grows when staffing is short and managers ignore workload concerns "
        "raised by bedside nurses during long shifts."
    )
    copy = make_reply(
        "I agree. Nurse burnout grows when staffing is short and managers ignore workload "
        "concerns raised by bedside nurses during long shifts. Mentoring programs and "
        "flexible scheduling could also help new graduates stay.",
        post=post,
    )
    (d,) = run("Q108", copy)
    assert d.data["words"] >= 12
    assert run("Q106", copy) == []
    assert run("Q107", copy) == []
    off = make_reply(
        "Firewalls and encryption protect hospital networks from intruders.", post=post
    )
    assert len(run("Q106", off)) == 1
    same = make_reply("Nurse burnout grows when staffing is short.", post=post)
    assert len(run("Q107", same)) == 1
    assert copied_runs(same, post, 12) == []
    assert run("Q106", make_reply("Anything at all.")) == []


# --- D, L --------------------------------------------------------------------------------


def test_quotations() -> None:
    text = (
        'Leaders matter: "support from managers reduces burnout" (Author et al., 2024). '
        'They add that "teams need time to recover" (Author et al., 2024, p. 5). '
        'As one nurse said, "nobody listens to the night shift at all." I agree. '
        'Author et al. (2024) wrote that "rest is part of the job" (p. 7). '
        'Staff called it "quiet quitting" often.'
    )
    reply = make_reply(
        text,
        cites=[
            Cite("(Author et al., 2024)", ("Author",), "2024", et_al=True),
            Cite("(Author et al., 2024, p. 5)", ("Author",), "2024", et_al=True, locator="p. 5"),
            Cite("Author et al. (2024)", ("Author",), "2024", et_al=True, narrative=True),
        ],
        quotes=[
            '"support from managers reduces burnout"',
            '"teams need time to recover"',
            '"nobody listens to the night shift at all."',
            '"rest is part of the job"',
            '"quiet quitting"',
        ],
    )
    (d101,) = run("D101", reply)
    assert "support from managers" in d101.message
    (d102,) = run("D102", reply)
    assert "nobody listens" in d102.message


def test_length() -> None:
    reply = make_reply("short reply", words=60)
    (d,) = run("L101", reply)
    assert d.message == "The reply has 60 words; the rubric asks for at least 150"
    assert run("L102", reply) == []
    assert len(run("L102", make_reply("x", words=700))) == 1
    assert run("L102", make_reply("x", words=700), params={"max_words": 0}) == []


def test_an_invitation_to_answer_counts_as_a_follow_up() -> None:
    reply = make_reply("I agree about staffing. Let me know what you think about self-scheduling.")
    assert run("Q101", reply) == []
    told = make_reply("My patients let me know when they are in pain. I agree about staffing.")
    assert len(run("Q101", told)) == 1
    assert len(run("Q101", reply, params={"invitation_cues": []})) == 1


def test_online_first_article_with_a_doi_is_a_journal_article() -> None:
    ref = _ref(
        source="Nurse Leader",
        doi="10.1016/j.mnl.2025.05.004",
        kind="webpage",
        url="https://doi.org/10.1016/j.mnl.2025.05.004",
    )
    assert classify(ref).kind == "journal"
    book = _ref(source="Springer", doi="10.0000/placeholder-book", kind="book")
    assert classify(book).kind == "book"
