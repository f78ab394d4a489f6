"""Inline suppressions: every form, codes and names, unused (X001) and unknown (X002)."""

from __future__ import annotations

import pytest

from replylint.engine.suppress import parse_directives

from .builders import document, reply


def codes(diags) -> list[str]:
    return [d.code for d in diags]


@pytest.mark.parametrize(
    ("source", "action", "selectors", "reason"),
    [
        (
            "<!-- replylint: disable=Y101 -- seminal theory -->",
            "disable",
            ("Y101",),
            "seminal theory",
        ),
        ("<!-- replylint: enable -->", "enable", (), None),
        ("<!--replylint:disable-next-line=P101-->", "disable-next-line", ("P101",), None),
        (
            "<!-- replylint: disable-file=Q101, source-too-old -->",
            "disable-file",
            ("Q101", "source-too-old"),
            None,
        ),
        ("<!-- replylint: disable-file -->", "disable-file", (), None),
        ("%% replylint: disable=Y101 -- classic", "disable", ("Y101",), "classic"),
        (
            "  %% replylint: disable-next-line=P101,P102",
            "disable-next-line",
            ("P101", "P102"),
            None,
        ),
        ("<!-- REPLYLINT: Disable=y101 -->", "disable", ("y101",), None),
    ],
)
def test_parse_directives(
    source: str, action: str, selectors: tuple[str, ...], reason: str | None
) -> None:
    (d,) = parse_directives(f"before\n{source}\nafter")
    assert (d.action, d.selectors, d.reason) == (action, selectors, reason)


@pytest.mark.parametrize(
    "source",
    [
        "<!-- replylint disable=Y101 -->",  # no colon
        "<!-- replylint: disable-nextline=Y101 -->",  # misspelt action
        "%% replylint: disable=Y101 in a sentence",  # words after the codes
        "see replylint: disable=Y101",  # not a comment
        "text %% replylint: disable=Y101",  # not at the start of a line
    ],
)
def test_not_directives(source: str) -> None:
    assert parse_directives(source) == []


def test_two_comments_on_a_line_are_separate() -> None:
    found = parse_directives("<!-- replylint: disable=T101 --> x <!-- replylint: enable -->")
    assert [d.action for d in found] == ["disable", "enable"]
    assert found[0].reason is None


def test_block_disable_enable(make_linter) -> None:
    src = (
        "bad one\n<!-- replylint: disable=T101 -- quoted -->\nbad two\n"
        "<!-- replylint: enable -->\nbad three\n"
    )
    diags = make_linter().lint(reply(src))
    assert codes(diags) == ["T101", "T101"]
    texts = [reply(src).document.text[d.span.start : d.span.end + 4] for d in diags]
    assert texts == ["bad one", "bad thr"]


def test_disable_by_name_and_enable_by_code(make_linter) -> None:
    src = (
        "<!-- replylint: disable=bad-word,T102 -->\nbad ugly\n"
        "<!-- replylint: enable=T101 -->\nbad ugly\n"
    )
    assert codes(make_linter().lint(reply(src))) == ["T101"]


def test_disable_next_line(make_linter) -> None:
    src = "<!-- replylint: disable-next-line=T101 -->\nbad here\nbad there\n"
    diags = make_linter().lint(reply(src))
    assert codes(diags) == ["T101"]
    assert reply(src).document.position(diags[0].span.start) == (3, 1)


def test_disable_next_line_skips_blank_lines(make_linter) -> None:
    src = "<!-- replylint: disable-next-line=T101 -->\n\nbad here\nbad there\n"
    assert len(make_linter().lint(reply(src))) == 1


def test_disable_file_anywhere(make_linter) -> None:
    src = "bad ugly\n\nbad\n<!-- replylint: disable-file=T101 -->\n"
    assert codes(make_linter().lint(reply(src))) == ["T102"]


def test_disable_everything(make_linter) -> None:
    src = "<!-- replylint: disable-file -->\nbad ugly\n"
    assert codes(make_linter().lint(reply(src))) == []


def test_plain_text_form(make_linter) -> None:
    src = "bad\n%% replylint: disable=T101 -- fine here\nbad\n%% replylint: enable\nbad\n"
    r = reply(src, path="reply.txt", fmt="txt")
    diags = make_linter().lint(r)
    assert [r.document.position(d.span.start)[0] for d in diags] == [1, 5]


def test_comments_kept_in_the_text_work_too(make_linter) -> None:
    from dataclasses import replace

    src = "<!-- replylint: disable-next-line=T101 -->\nbad\nbad\n"
    r = reply(src)
    r = replace(r, document=document(src, strip_comments=False))
    assert len(make_linter().lint(r)) == 1


def test_unused_suppression_is_x001(make_linter) -> None:
    src = "clean\n<!-- replylint: disable-next-line=T101 -->\nclean\n"
    r = reply(src)
    (d,) = make_linter().lint(r)
    assert d.code == "X001" and "`T101`" in d.message
    assert r.document.position(d.span.start)[0] in (2, 3)


def test_partly_used_suppression_reports_the_unused_code(make_linter) -> None:
    src = "<!-- replylint: disable=T101,T102 -->\nbad\n"
    diags = make_linter().lint(reply(src))
    assert codes(diags) == ["X001"]
    assert "`T102`" in diags[0].message


def test_unused_blanket_disable(make_linter) -> None:
    (d,) = make_linter().lint(reply("<!-- replylint: disable -->\nclean\n"))
    assert d.code == "X001" and "every rule" in d.message


def test_suppression_of_an_unselected_rule_is_not_unused(make_linter) -> None:
    src = "<!-- replylint: disable-file=T201 -->\nclean\n"
    assert make_linter().lint(reply(src)) == []


def test_unknown_code_is_x002(make_linter) -> None:
    src = "<!-- replylint: disable=T1O1 -->\nbad\n"
    diags = make_linter().lint(reply(src))
    assert codes(diags) == ["X002", "T101"]
    assert "`T1O1`" in diags[0].message


def test_meta_findings_respect_explicit_suppression(make_linter) -> None:
    src = "<!-- replylint: disable-file=X001,X002 -->\n<!-- replylint: disable=Z999 -->\nclean\n"
    assert make_linter().lint(reply(src)) == []


def test_meta_rules_can_be_ignored(make_linter) -> None:
    src = "<!-- replylint: disable=Z999 -->\n<!-- replylint: disable-next-line=T101 -->\nok\n"
    assert make_linter(ignore=("X",)).lint(reply(src)) == []


def test_suppressed_spans_for_fixers(pack) -> None:
    from replylint.engine import load_rules, parse_suppressions

    src = "a\n<!-- replylint: disable=T101 -->\nbad\n<!-- replylint: enable -->\nz\n"
    r = reply(src)
    sup = parse_suppressions(r.document, load_rules([pack]))
    (span,) = sup.suppressed_spans()
    assert "bad" in r.document.slice(span) and "z" not in r.document.slice(span)


def test_finding_about_a_comment_points_at_its_line(make_linter) -> None:
    from dataclasses import replace

    from replylint.model import Document

    source = "ab <!-- replylint: disable=T101 -->\ncd"
    # a reader that drops the comment and the line break, as HTML readers do
    text = "ab cd"
    origin = [0, 1, 2, 36, 37, len(source)]
    doc = Document(path="r.html", format="html", text=text, source=source, origin=origin)
    r = replace(reply(text), document=doc)
    (d,) = make_linter().lint(r)
    assert d.code == "X001"
    assert doc.position(d.span.start)[0] == 1
