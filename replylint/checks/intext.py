"""APA 7 in-text citation form: et al., and/&, author-year comma, several works, initials.

The pipeline marks malformations in ``Citation.flags``; these checks report them and build
the fixes from ``Citation.parts`` (or a small regex over the citation's own text).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from typing import Literal

import regex

from .. import patterns
from ..engine import Context, check
from ..model import Citation, Diagnostic, Edit, Fix, Reference, Reply, Span
from ._util import cited_label, fold, is_personal_communication

__all__ = ["group_members", "inner_span"]

_NAME_PUNCTUATION = patterns.compile(r"[\s\-'’]")

_ET_AL_ANY = patterns.compile(r"\b(?:et\.?\s*al(?:l)?\b\.?|etal\b\.?)", regex.IGNORECASE)
_COMMA_ET_AL = patterns.compile(r",\s*(?=et\.?\s*al|etal\b)", regex.IGNORECASE)


def _search(reply: Reply, pattern: regex.Pattern[str], span: Span) -> regex.Match[str] | None:
    return pattern.search(reply.document.text, span.start, span.end)


def fixed_text(reply: Reply, span: Span, fix: Fix | None) -> str | None:
    """The text of ``span`` after ``fix``'s edits inside it (for hints), on one line."""
    if fix is None:
        return None
    text = reply.document.text
    edits = sorted(
        (e for e in fix.edits if span.start <= e.span.start and e.span.end <= span.end),
        key=lambda e: e.span.start,
    )
    if not edits:
        return None
    out, pos = [], span.start
    for e in edits:
        out.append(text[pos : e.span.start])
        out.append(e.content)
        pos = e.span.end
    out.append(text[pos : span.end])
    return " ".join("".join(out).split())


def _write(
    reply: Reply, c: Citation, fix: Fix | None, fallback: str, also: Sequence[Edit] = ()
) -> str:
    """A hint showing the citation with ``fix`` applied, plus ``also`` (the safe fixes other
    rules make to the same citation, so the hint never shows a form APA 7 does not allow)."""
    if fix is not None and also:
        fix = Fix(fix.edits + tuple(also), fix.applicability, fix.message)
    fixed = fixed_text(reply, c.span, fix)
    return f"Write “{fixed}”" if fixed else fallback


def _et_al_slip(reply: Reply, c: Citation) -> regex.Match[str] | None:
    """The citation's et al. when it is written wrongly (``et al``, ``et. al.``, ``etal`` ...)."""
    m = _search(reply, _ET_AL_ANY, c.parts.get("et_al") or c.span)
    if m is None:
        m = _search(reply, _ET_AL_ANY, c.span)
    if m is None or " ".join(m.group(0).split()) == "et al.":
        return None
    return m


def _et_al_edits(reply: Reply, c: Citation) -> tuple[Edit, ...]:
    """C102's safe fix for the citation's et al., if it has one."""
    m = _et_al_slip(reply, c) if c.et_al and _is_apa(c) else None
    return (Edit(Span(m.start(), m.end()), "et al."),) if m is not None else ()


def _authors_span(c: Citation) -> Span:
    return c.parts.get("authors") or c.span


def _is_apa(c: Citation) -> bool:
    return c.style == "apa" and not is_personal_communication(c)


def _unambiguous(reply: Reply, c: Citation) -> bool:
    """Whether the narrative/parenthetical reading is clear from the citation's own text."""
    text = reply.document.slice(c.span).strip()
    if c.narrative:
        return not text.startswith("(") and text.endswith(")")
    return text.startswith("(") or text.startswith(("see", "e.g."))


@check("intext.et-al-comma")
def et_al_comma(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """C101: ``Warren, et al.`` — no comma between a single surname and et al."""
    for c in reply.citations:
        if not c.et_al or not _is_apa(c) or len(c.authors) > 1:
            continue
        m = _search(reply, _COMMA_ET_AL, _authors_span(c)) or _search(reply, _COMMA_ET_AL, c.span)
        if m is None and "comma-before-et-al" not in c.flags:
            continue
        fix = None
        if m is not None:
            fix = Fix((Edit(Span(m.start(), m.end()), " "),), "safe", "Remove the comma")
        name = c.authors[0] if c.authors else "the surname"
        yield ctx.diagnostic(
            c.span,
            f"No comma between {name} and “et al.” in {cited_label(c)}",
            hint=_write(reply, c, fix, f"Write “{name} et al.”"),
            fix=fix,
        )


@check("intext.et-al-form")
def et_al_form(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """C102: ``et. al.``, ``et al`` without a period, ``etal``, ``et all``, italic et al."""
    for c in reply.citations:
        if not c.et_al or not _is_apa(c):
            continue
        slip = _et_al_slip(reply, c)
        if slip is not None:
            yield ctx.diagnostic(
                Span(slip.start(), slip.end()),
                f"“{slip.group(0)}” should be written “et al.” in {cited_label(c)}",
                hint="Write “et al.”: no period after “et”, a period after “al”",
                fix=Fix(_et_al_edits(reply, c), "safe", "Write “et al.”"),
            )
            continue
        m = _search(reply, _ET_AL_ANY, c.parts.get("et_al") or c.span)
        if m is None:
            m = _search(reply, _ET_AL_ANY, c.span)
        flagged = bool({"et-al-no-period", "et-al-form"} & c.flags)
        if m is not None and reply.document.is_italic(Span(m.start(), m.end())):
            yield ctx.diagnostic(
                Span(m.start(), m.end()),
                f"“et al.” is in italics in {cited_label(c)}; APA 7 writes it in roman type",
                hint="Remove the italics from “et al.”",
            )
            continue
        if flagged and m is None:
            yield ctx.diagnostic(
                c.span,
                f"“et al.” is malformed in {cited_label(c)}",
                hint="Write “et al.”: no period after “et”, a period after “al”",
            )


_AND = patterns.compile(r"(?<=\S)\s+(and)\s+(?=\S)")
_AMP = patterns.compile(r"\s*(&)\s*")


@check("intext.parenthetical-and")
def parenthetical_and(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """C103: ``(Smith and Jones, 2019)`` — inside parentheses, authors are joined with ``&``."""
    for c in reply.citations:
        if c.narrative or not _is_apa(c) or len(c.authors) < 2:
            continue
        if any(" and " in a for a in c.authors):
            continue
        m = _search(reply, _AND, _authors_span(c))
        if m is None and "and-in-parentheses" not in c.flags:
            continue
        fix = None
        if m is not None:
            safety: Literal["safe", "unsafe"] = "safe" if _unambiguous(reply, c) else "unsafe"
            fix = Fix((Edit(Span(m.start(1), m.end(1)), "&"),), safety, "Replace “and” with “&”")
        yield ctx.diagnostic(
            c.span,
            f"Use “&” instead of “and” between the authors inside parentheses: {cited_label(c)}",
            hint=_write(reply, c, fix, "Inside parentheses write “Author & Author”")
            + "; in running text the authors are joined with “and”",
            fix=fix,
        )


@check("intext.narrative-ampersand")
def narrative_ampersand(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """C104: ``Smith & Jones (2019)`` — in running text, authors are joined with ``and``."""
    for c in reply.citations:
        if not c.narrative or not _is_apa(c) or len(c.authors) < 2:
            continue
        m = _search(reply, _AMP, _authors_span(c))
        if m is None and "ampersand-in-narrative" not in c.flags:
            continue
        fix = None
        if m is not None:
            safety: Literal["safe", "unsafe"] = "safe" if _unambiguous(reply, c) else "unsafe"
            fix = Fix((Edit(Span(m.start(), m.end()), " and "),), safety, "Replace “&” with “and”")
        yield ctx.diagnostic(
            c.span,
            f"Use “and” instead of “&” between the authors in running text: {cited_label(c)}",
            hint=_write(reply, c, fix, "In running text write “Author and Author (Year)”")
            + "; keep “&” for citations inside parentheses",
            fix=fix,
        )


def _collides(reply: Reply, c: Citation) -> bool:
    """Whether "first author et al., year" would fit two entries (then names are written out)."""
    if not c.authors:
        return False
    first = fold(c.authors[0])
    hits = [
        r
        for r in reply.references
        if r.first_author and fold(r.first_author) == first and r.year == c.year
    ]
    return len(hits) > 1


@check("intext.et-al-required")
def et_al_required(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """C105: every name written for a work with three or more authors."""
    for c in reply.citations:
        if c.et_al or not _is_apa(c) or len(c.authors) < 3 or c.abbreviation:
            continue
        if _collides(reply, c):
            continue
        fix = None
        part = c.parts.get("authors")
        if part is not None:
            fix = Fix(
                (Edit(part, f"{c.authors[0]} et al."),),
                "unsafe",
                f"Shorten to “{c.authors[0]} et al.”",
            )
        yield ctx.diagnostic(
            c.span,
            f"{cited_label(c)} lists {len(c.authors)} authors; APA 7 cites a work with three or "
            f"more authors as “{c.authors[0]} et al.” from the first citation on",
            hint=_write(reply, c, fix, f"Write “{c.authors[0]} et al.”"),
            fix=fix,
        )


def _two_names(ref: Reference, narrative: bool) -> str:
    names = [a.family for a in ref.authors]
    if len(names) == 1:
        return names[0]
    return f"{names[0]} {'and' if narrative else '&'} {names[1]}"


@check("intext.et-al-misused")
def et_al_misused(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """C106: et al. for a work the reference list gives one or two authors."""
    for i, c in enumerate(reply.citations):
        if not c.et_al or not _is_apa(c):
            continue
        m = reply.match_for(i)
        if m is None or m.reference is None or m.kind != "exact":
            continue
        ref = reply.references[m.reference]
        if not ref.parsed or ref.authors_et_al or ref.authors_ellipsis:
            continue
        if not 1 <= len(ref.authors) <= 2 or any(a.group for a in ref.authors):
            continue
        names = _two_names(ref, c.narrative)
        part = c.parts.get("authors")
        et_al = c.parts.get("et_al")
        if part is not None and et_al is not None and et_al.end > part.end:
            part = Span(part.start, et_al.end)
        fix = None
        if part is not None and "et al" in reply.document.slice(part).replace("et.", "et"):
            fix = Fix((Edit(part, names),), "unsafe", f"Write “{names}”")
        n = len(ref.authors)
        yield ctx.diagnostic(
            c.span,
            f"{cited_label(c)} uses “et al.”, but the reference list gives {n} "
            f"author{'s' if n > 1 else ''}; cite it as “{names}”",
            hint=_write(reply, c, fix, f"Write “{names}”")
            + "; “et al.” is only for works with three or more authors",
            fix=fix,
            data={"reference": m.reference},
        )


@check("intext.author-year-comma")
def author_year_comma(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """C107: ``(Smith 2019)`` — a comma separates author and year inside parentheses."""
    text = reply.document.text
    for c in reply.citations:
        if c.narrative or not _is_apa(c) or "no-comma-before-year" not in c.flags:
            continue
        fix = None
        authors, year = c.parts.get("authors"), c.parts.get("year")
        et_al = c.parts.get("et_al")
        if authors is not None and et_al is not None and et_al.end > authors.end:
            authors = Span(authors.start, et_al.end)
        if authors is not None and year is not None and authors.end <= year.start:
            gap = text[authors.end : year.start]
            if "," not in gap:
                fix = Fix(
                    (Edit(Span(authors.end, year.start), ", "),),
                    "safe",
                    "Insert a comma before the year",
                )
        yield ctx.diagnostic(
            c.span,
            f"Put a comma between the author and the year: {cited_label(c)}",
            hint=_write(reply, c, fix, "Write “(Author, Year)”", also=_et_al_edits(reply, c)),
            fix=fix,
        )


def group_members(reply: Reply) -> list[list[int]]:
    """Citation indexes by parenthesis group, for groups of two or more parenthetical works."""
    groups: dict[int, list[int]] = {}
    for i, c in enumerate(reply.citations):
        if not c.narrative:
            groups.setdefault(c.group, []).append(i)
    return [
        sorted(g, key=lambda i: reply.citations[i].span.start)
        for g in groups.values()
        if len(g) > 1
    ]


def inner_span(reply: Reply, span: Span) -> Span:
    """``span`` without surrounding parentheses, semicolons and spaces."""
    text = reply.document.text
    start, end = span.start, span.end
    while start < end and text[start] in "( ;\n\t":
        start += 1
    while end > start and text[end - 1] in ") ;,\n\t":
        end -= 1
    return Span(start, end)


def _sort_key(c: Citation) -> str:
    return _NAME_PUNCTUATION.sub("", fold(c.authors[0])) if c.authors else ""


def _out_of_order(members: Sequence[Citation]) -> bool:
    segment: list[str] = []
    for c in members:
        if c.prefix:
            segment = []
        key = _sort_key(c)
        if segment and key < segment[-1]:
            return True
        segment.append(key)
    return False


@check("intext.multi-citation-order")
def multi_citation_order(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """C108: several works in one parenthesis: alphabetical, separated by semicolons."""
    text = reply.document.text
    for idx in group_members(reply):
        members = [reply.citations[i] for i in idx]
        if any(c.secondary or c.abbreviation or not _is_apa(c) or not c.authors for c in members):
            continue
        problems: list[str] = []
        if _out_of_order(members):
            problems.append("not in alphabetical order by first author")
        bad_sep = False
        for a, b in itertools.pairwise(members):
            between = text[inner_span(reply, a.span).end : inner_span(reply, b.span).start]
            same_authors = [fold(x) for x in a.authors] == [fold(x) for x in b.authors]
            if ";" not in between and not same_authors:
                bad_sep = True
        if bad_sep:
            problems.append("not separated by semicolons")
        if not problems:
            continue
        whole = Span(members[0].span.start, members[-1].span.end)
        fix = None
        if not any(c.prefix for c in members):
            inner = [inner_span(reply, c.span) for c in members]
            ordered = sorted(zip(members, inner, strict=True), key=lambda p: _sort_key(p[0]))
            content = "; ".join(reply.document.slice(s) for _, s in ordered)
            fix = Fix(
                (Edit(Span(inner[0].start, inner[-1].end), content),),
                "unsafe",
                "Sort the works alphabetically and separate them with semicolons",
            )
        yield ctx.diagnostic(
            whole,
            f"The works in this citation are {' and '.join(problems)}",
            hint="List the works in reference-list order (alphabetical by first author), "
            "separated by semicolons",
            fix=fix,
        )


def _shared_surnames(reply: Reply) -> set[str]:
    """First-author surnames that belong to different people in the reference list."""
    seen: dict[str, set[str]] = {}
    for r in reply.references:
        if r.authors:
            a = r.authors[0]
            seen.setdefault(fold(a.family), set()).add((a.given or "").replace(" ", ""))
    return {name for name, givens in seen.items() if len(givens) > 1}


@check("intext.initials")
def initials(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """C116: initials or first names inside a citation (surnames only, unless two share one)."""
    shared = _shared_surnames(reply)
    for c in reply.citations:
        if "initials" not in c.flags or is_personal_communication(c):
            continue
        if any(fold(a) in shared for a in c.authors[:1]):
            continue
        yield ctx.diagnostic(
            c.span,
            f"Leave out initials and first names in the citation {cited_label(c)}",
            hint="Cite surnames only, e.g. “(Castiello, 2021)”; initials are used only when "
            "two first authors in the list share a surname",
        )
