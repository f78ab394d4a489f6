"""Citation <-> reference check kinds. They read ``Reply.matches``; they never re-match."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from .. import patterns
from ..engine import Context, check
from ..model import Citation, Diagnostic, Edit, Fix, Match, Reference, Reply, Severity, Span
from ._util import (
    cited_label,
    fold,
    is_personal_communication,
    reference_label,
    shared_secondary_originals,
)

__all__ = ["cited_references", "mentioned_in_prose"]


def _pairs(reply: Reply) -> Iterator[tuple[Citation, Match]]:
    for m in reply.matches:
        if 0 <= m.citation < len(reply.citations):
            yield reply.citations[m.citation], m


def _shared_pairs(reply: Reply, ctx: Context) -> tuple[tuple[Citation, Match], ...]:
    """``_pairs``, listed once per reply for the matching rules."""
    return ctx.per_reply(reply, "matching.pairs", lambda r: tuple(_pairs(r)))


def cited_references(reply: Reply) -> set[int]:
    """Entries some citation points at: exact matches, near misses and ambiguous candidates."""
    out: set[int] = set()
    for m in reply.matches:
        if m.reference is not None:
            out.add(m.reference)
        if m.kind in ("near-author", "near-year", "ambiguous"):
            out.update(m.candidates)
    return out


def mentioned_in_prose(reply: Reply, ref: Reference) -> str | None:
    """A body sentence naming the entry's first author and year without a citation.

    APA 7 allows "In 2021, Castiello found …"; such an entry is used, not padding.
    """
    year = (ref.year or "")[:4]
    name = ref.first_author
    if not name or not year.isdigit():
        return None
    text = reply.document.text
    name_re = regex.compile(r"\b" + regex.escape(name) + r"\b", regex.IGNORECASE)
    year_re = regex.compile(r"\b" + year + r"\b")
    bodies = reply.sections.body
    for sent in reply.sentences:
        if not any(b.start <= sent.start < b.end for b in bodies):
            continue
        chunk = text[sent.start : sent.end]
        if name_re.search(chunk) and year_re.search(chunk):
            return " ".join(chunk.split())[:80]
    return None


def _apa_form(ref: Reference) -> str:
    names = [a.family for a in ref.authors]
    who = (
        names[0]
        if len(names) == 1
        else (f"{names[0]} & {names[1]}" if len(names) == 2 else f"{names[0]} et al.")
    )
    return f"“({who}, {ref.year})”"


@check("match.citation-without-reference")
def citation_without_reference(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """M101: a citation with no entry (R100 covers a reply with no list at all)."""
    if not reply.references:
        return
    skip = shared_secondary_originals(reply, ctx)
    for c, m in _shared_pairs(reply, ctx):
        if m.kind != "none" or m.citation in skip or is_personal_communication(c):
            continue
        if c.style == "numeric":
            continue  # numbered citations are C114's business; there is no numbered list
        label = cited_label(c)
        yield ctx.diagnostic(
            c.span,
            f"{label} is cited but has no entry in the reference list",
            hint="Add the full reference for this work, or correct the author or year so it "
            "matches an existing entry",
        )


@check("match.reference-not-cited")
def reference_not_cited(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """M102: an entry no citation points at."""
    if not reply.references:
        return
    cited = cited_references(reply)
    for i, ref in enumerate(reply.references):
        if i in cited or not ref.parsed:
            continue
        label = reference_label(ref)
        mention = mentioned_in_prose(reply, ref)
        if mention is not None:
            yield ctx.diagnostic(
                ref.span,
                f"{label} is named in the text (“{mention}”) but not cited in APA form",
                hint=f"Write the citation as {_apa_form(ref)} where you use the work",
                severity=Severity.INFO,
                data={"reference": i, "mention": mention},
            )
            continue
        yield ctx.diagnostic(
            ref.span,
            f"{label} is in the reference list but never cited in the reply",
            hint="Cite it where you use its ideas, or remove it from the list",
            data={"reference": i},
        )


@check("match.year-mismatch")
def year_mismatch(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """M103: the author matches an entry but the year differs."""
    for c, m in _shared_pairs(reply, ctx):
        if m.kind != "near-year" or not m.candidates or not c.year or c.style != "apa":
            continue  # a citation with no year (MLA style) is C114's business
        ref = reply.references[m.candidates[0]]
        fix = None
        year_span = c.parts.get("year")
        if ref.year and year_span is not None and c.year and ref.year != c.year:
            fix = Fix(
                (Edit(year_span, ref.year),),
                "unsafe",
                f"Change the year to {ref.year}, as in the reference list",
            )
        yield ctx.diagnostic(
            c.span,
            f"{cited_label(c)} has the year {c.year}, but the reference list has "
            f"{reference_label(ref)}",
            hint="Use the same year in the citation and the reference entry (check which one "
            "is right against the source)",
            fix=fix,
            data={"reference": m.candidates[0], "detail": m.detail or ""},
        )


def _misspelled(c: Citation, detail: str | None, reply: Reply, ref_index: int) -> tuple[str, str]:
    """(as written, as listed) surname for a near-author miss."""
    if detail and "~" in detail:
        written, listed = (p.strip() for p in detail.split("~", 1))
        if written and listed:
            return written, listed
    ref = reply.references[ref_index]
    listed_names = [a.family for a in ref.authors]
    for name in c.authors:
        if fold(name) not in {fold(n) for n in listed_names}:
            return name, listed_names[0] if listed_names else ""
    return (c.authors[0] if c.authors else "", ref.first_author or "")


@check("match.author-spelling")
def author_spelling(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """M104: a surname that nearly matches an entry (typo, missing diacritic)."""
    text = reply.document.text
    for c, m in _shared_pairs(reply, ctx):
        if m.kind != "near-author" or not m.candidates:
            continue
        written, listed = _misspelled(c, m.detail, reply, m.candidates[0])
        fix = None
        if written and listed:
            found = regex.search(
                r"\b" + regex.escape(written) + r"\b", text, pos=c.span.start, endpos=c.span.end
            )
            if found:
                fix = Fix(
                    (Edit(Span(found.start(), found.end()), listed),),
                    "unsafe",
                    f"Spell the name “{listed}” as in the reference list",
                )
        ref = reply.references[m.candidates[0]]
        yield ctx.diagnostic(
            c.span,
            f"{cited_label(c)}: “{written}” does not match the reference list, which has "
            f"{reference_label(ref)}; did you mean “{listed}”?",
            hint="Spell the surname the same way in the citation and the reference entry",
            fix=fix,
            data={"reference": m.candidates[0], "written": written, "listed": listed},
        )


_COUNT_DETAIL = patterns.compile(r"^(\d+) of (\d+) authors cited$")
_ORDER_DETAIL = "authors cited in a different order"
_NOT_LISTED_DETAIL = patterns.compile(r"^(.+) is not among the entry's authors$")
_COLLEAGUES = patterns.compile(
    r"\band\s+(?:her|his|their)?\s*(?:colleagues|coworkers|co-workers)\b"
)


def _cited_form(ref: Reference, c: Citation) -> str:
    """The entry's authors as APA 7 cites them, in the citation's form (narrative or not)."""
    names = [a.family for a in ref.authors]
    many = len(names) >= 3 or ref.authors_et_al or ref.authors_ellipsis
    if many:
        who = f"{names[0]} et al."
    elif len(names) == 2:
        who = f"{names[0]} {'and' if c.narrative else '&'} {names[1]}"
    else:
        who = names[0]
    year = c.year or ref.year or "n.d."
    return f"{who} ({year})" if c.narrative else f"({who}, {year})"


def _author_list_problem(c: Citation, detail: str, ref: Reference) -> str | None:
    """What differs between the cited names and the entry's, from ``Match.detail``."""
    for part in detail.split("; "):
        counted = _COUNT_DETAIL.match(part)
        if counted and int(counted.group(1)) < int(counted.group(2)):
            if int(counted.group(2)) >= 3:
                return "names only part of a work with three or more authors without “et al.”"
            return "leaves out the entry's second author"
        if part == _ORDER_DETAIL:
            return "names the authors in a different order from the reference list"
        listed = _NOT_LISTED_DETAIL.match(part)
        if listed:
            return f"names {listed.group(1)}, who is not among the entry's authors"
    return None


@check("match.author-list")
def author_list_mismatch(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """M105: an exact match whose cited author list differs from the entry's."""
    text = reply.document.text
    for c, m in _shared_pairs(reply, ctx):
        if m.kind != "exact" or m.reference is None or not m.detail or c.style != "apa":
            continue
        if c.abbreviation or _COLLEAGUES.search(text, c.span.start, c.span.end):
            continue
        ref = reply.references[m.reference]
        if not ref.parsed or not ref.authors:
            continue
        problem = _author_list_problem(c, m.detail, ref)
        if problem is None:
            continue
        form = _cited_form(ref, c)
        yield ctx.diagnostic(
            c.span,
            f"{cited_label(c)} {problem}; the reference list has {reference_label(ref)}",
            hint=f"Write “{form}”",
            data={"reference": m.reference, "detail": m.detail},
        )


@check("match.ambiguous")
def ambiguous(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """M106: a citation that fits more than one entry."""
    for c, m in _shared_pairs(reply, ctx):
        if m.kind != "ambiguous":
            continue
        labels = ", ".join(reference_label(reply.references[i]) for i in m.candidates)
        yield ctx.diagnostic(
            c.span,
            f"{cited_label(c)} matches {len(m.candidates)} entries in the reference list "
            f"({labels})",
            hint="Tell the works apart: add a/b year suffixes for the same author and year, or "
            "write out more author names before “et al.”",
            data={"candidates": list(m.candidates)},
        )
