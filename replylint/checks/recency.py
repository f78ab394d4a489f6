"""Recency check kinds: sources older than the course's window, undated and implausible years.

A "source" is a reference-list entry, or, for a citation with no entry at all, the cited work
with the year written in the text. "Not older than N years" means ``year >= as_of.year - N``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence, Set
from dataclasses import dataclass, replace
from functools import lru_cache

import regex

from .. import patterns
from ..engine import Context, check
from ..model import Diagnostic, Reply, Severity, Span
from ._util import (
    cited_label,
    fold,
    is_in_press,
    is_personal_communication,
    is_undated,
    param_int,
    param_list,
    parse_year,
    reference_label,
    reply_anchor,
    secondary_originals,
    sentence_of,
    shared_secondary_originals,
)

__all__ = ["Source", "exemption_for", "parse_exemption", "sources_of"]

_DOI_PREFIX = patterns.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)")
_DOI_KEY = patterns.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)?10\.\d{4,9}/", regex.I)
_NAME_SEPARATOR = patterns.compile(r"\s+(?:et al\.?|&|and)\s*|,")


@dataclass(frozen=True)
class Source:
    """One cited or listed work, as far as recency cares."""

    label: str
    year: str | None
    span: Span
    #: Surname of the first author, folded; "" when unknown.
    first_author: str
    doi: str | None = None
    reference: int | None = None
    #: Spans of the citations of this work in the body (for seminal cues).
    citations: tuple[Span, ...] = ()


def _norm_doi(doi: str) -> str:
    doi = doi.strip().lower()
    return _DOI_PREFIX.sub("", doi)


def _cited_spans(reply: Reply) -> dict[int, list[Span]]:
    """The spans of the citations matched to each entry, by entry index, in match order."""
    out: dict[int, list[Span]] = {}
    n = len(reply.citations)
    for m in reply.matches:
        if m.reference is not None and m.citation < n:
            out.setdefault(m.reference, []).append(reply.citations[m.citation].span)
    return out


def sources_of(reply: Reply) -> list[Source]:
    """The works recency judges: every reference entry, then cited works with no entry."""
    return _read_sources(reply, secondary_originals(reply))


def _sources(reply: Reply, ctx: Context) -> tuple[Source, ...]:
    """``sources_of``, read once per reply and shared by the recency rules."""
    return ctx.per_reply(
        reply,
        "recency.sources",
        lambda r: tuple(_read_sources(r, shared_secondary_originals(r, ctx))),
    )


def _read_sources(reply: Reply, skip: Set[int]) -> list[Source]:
    """The sources; ``skip`` holds the indexes of the original works of secondary citations."""
    out: list[Source] = []
    cited = _cited_spans(reply)
    for i, ref in enumerate(reply.references):
        out.append(
            Source(
                label=reference_label(ref),
                year=ref.year,
                span=ref.span,
                first_author=fold(ref.first_author or ""),
                doi=ref.doi,
                reference=i,
                citations=tuple(cited.get(i, ())),
            )
        )
    seen: set[tuple[str, str]] = set()
    for m in reply.matches:
        if m.kind != "none" or m.citation >= len(reply.citations) or m.citation in skip:
            continue
        c = reply.citations[m.citation]
        if not c.year or not c.authors or is_personal_communication(c):
            continue
        key = (fold(c.authors[0]), c.year)
        if key in seen:
            continue
        seen.add(key)
        out.append(
            Source(
                label=cited_label(c),
                year=c.year,
                span=c.span,
                first_author=key[0],
                citations=(c.span,),
            )
        )
    return out


_KEY = patterns.compile(r"^\s*(?P<names>.+?)[\s,(]+(?P<year>\d{4}[a-z]?|n\.d\.)\)?\s*$")


def parse_exemption(key: str) -> tuple[str, str] | tuple[str, None]:
    """``("doi", doi)`` or ``(surname, year)`` from one configured exemption."""
    key = key.strip()
    if _DOI_KEY.match(key):
        return ("doi", _norm_doi(key))
    m = _KEY.match(key)
    if not m:
        return (fold(key), None)
    names = _NAME_SEPARATOR.split(m.group("names"))[0]
    return (fold(names), m.group("year"))


def exemption_for(source: Source, exemptions: Iterable[str]) -> str | None:
    """The configured exemption that covers ``source``, if any."""
    if isinstance(exemptions, Sequence) and not exemptions:
        return None  # nothing to compare with
    doi = _norm_doi(source.doi) if source.doi else None
    year = parse_year(source.year)
    for raw in exemptions:
        kind, value = parse_exemption(str(raw))
        if kind == "doi":
            if doi and value == doi:
                return str(raw)
        elif (
            value is not None
            and kind == source.first_author
            and (value == source.year or (year is not None and value == str(year)))
        ):
            return str(raw)
    return None


@lru_cache(maxsize=16)
def _seminal_pattern(cues: tuple[str, ...]) -> regex.Pattern[str]:
    """The seminal-cue pattern, compiled once per configured list of cues."""
    return regex.compile(
        r"\b(?:" + "|".join(regex.escape(c) for c in cues) + r")\b", regex.IGNORECASE
    )


def _seminal_cue(reply: Reply, source: Source, cues: Sequence[str]) -> str | None:
    if not cues:
        return None
    pattern = _seminal_pattern(tuple(cues))
    text = reply.document.text
    for span in source.citations:
        sent = sentence_of(reply, span.start) or span
        m = pattern.search(text, sent.start, sent.end)
        if m:
            return m.group(0)
    return None


def _exemptions(ctx: Context) -> list[str]:
    """The configured exemptions: the settings' list, then the rule's (read once per rule)."""
    listed = list(getattr(ctx.settings, "exemptions", ()) or ())
    return ctx.derived("recency.exemptions", lambda p: listed + param_list(p, "exemptions"))


def _years(ctx: Context) -> int:
    return ctx.derived("recency.years", lambda p: param_int(p, "recency_years", 5))


@check("recency.too-old")
def too_old(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """Y101: each source older than ``recency_years``; exempt ones are listed as info."""
    years = _years(ctx)
    cutoff = reply.as_of.year - years
    exemptions = _exemptions(ctx)
    cues: list[str] = ctx.derived("recency.cues", lambda p: param_list(p, "seminal_cues"))
    for src in _sources(reply, ctx):
        year = parse_year(src.year)
        if year is None or year < 1800 or year > reply.as_of.year + 1 or year >= cutoff:
            continue
        age = reply.as_of.year - year
        data: dict[str, object] = {"year": src.year, "cutoff": cutoff, "age": age}
        if src.reference is not None:
            data["reference"] = src.reference
        listed = exemption_for(src, exemptions)
        if listed is not None:
            yield ctx.diagnostic(
                src.span,
                f"exempt from recency: {src.label} (listed in the seminal-work exemptions "
                f"as “{listed}”)",
                severity=Severity.INFO,
                data={**data, "exempt": True, "exemption": listed},
            )
            continue
        cue = _seminal_cue(reply, src, cues)
        if cue is not None:
            yield ctx.diagnostic(
                src.span,
                f"exempt from recency: {src.label} (the reply calls it “{cue}”); "
                "check that it really is a seminal work",
                severity=Severity.INFO,
                data={**data, "exempt": True, "exemption": f"cue: {cue}"},
            )
            continue
        yield ctx.diagnostic(
            src.span,
            f"{src.label} is {age} years older than the as-of date ({reply.as_of.isoformat()}); "
            f"the rubric asks for sources from {cutoff} or later",
            hint=f"Replace it with a source from {cutoff} or later, or add it to the "
            "seminal-work exemptions",
            data=data,
        )


@check("recency.too-few-recent")
def too_few_recent(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """Y102: fewer than ``min_recent_sources`` sources inside the window."""
    years = _years(ctx)
    needed = ctx.derived("recency.needed", lambda p: param_int(p, "min_recent_sources", 1))
    cutoff = reply.as_of.year - years
    exemptions = _exemptions(ctx)
    sources = [
        s
        for s in _sources(reply, ctx)
        if parse_year(s.year) is not None or is_undated(s.year) or is_in_press(s.year)
    ]
    if not sources or needed <= 0:
        return
    recent = 0
    for src in sources:
        year = parse_year(src.year)
        if is_in_press(src.year) or (
            year is not None
            and cutoff <= year <= reply.as_of.year + 1
            and not exemption_for(src, exemptions)
        ):
            recent += 1
    if recent >= needed:
        return
    span = reply.sections.heading or reply.sections.reference_list or reply_anchor(reply)
    n = len(sources)
    have = "none" if recent == 0 else f"only {recent}"
    yield ctx.diagnostic(
        span,
        f"{have.capitalize()} of the {n} source{'s' if n != 1 else ''} "
        f"{'is' if recent <= 1 else 'are'} from {cutoff} or later; the rubric asks for at least "
        f"{needed} source{'s' if needed != 1 else ''} published in the last {years} years",
        hint=f"Add {needed - recent} more source{'s' if needed - recent != 1 else ''} "
        f"published in {cutoff} or later",
        data={"recent": recent, "sources": n, "required": needed, "cutoff": cutoff},
    )


_ENTRY_YEAR = patterns.compile(r"\((\d{4})[a-z]?(?:,[^()]*)?\)\.")


def _written_year(entry: str) -> int | None:
    """The year in an entry's date element, read from its own text (for unparsed entries)."""
    m = _ENTRY_YEAR.search(entry[:400])
    return int(m.group(1)) if m else None


@check("recency.implausible-year")
def implausible_year(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """Y103: a year after next year or before 1800."""
    latest = reply.as_of.year + 1
    for src in _sources(reply, ctx):
        year = parse_year(src.year)
        if year is None and src.reference is not None:
            year = _written_year(reply.references[src.reference].text)
            src = replace(src, year=str(year)) if year is not None else src
        if year is None or 1800 <= year <= latest:
            continue
        why = f"is after {latest}" if year > latest else "is before 1800"
        yield ctx.diagnostic(
            src.span,
            f"The year {src.year} of {src.label} {why}, so it is probably a typo",
            hint="Check the publication year against the source itself",
            data={"year": src.year},
        )


@check("recency.undated")
def undated(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """Y104: ``n.d.`` sources cannot count as recent; say so."""
    for src in _sources(reply, ctx):
        if not is_undated(src.year):
            continue
        yield ctx.diagnostic(
            src.span,
            f"{src.label} has no publication date, so it cannot count as a recent source",
            hint="Find the date of the work (page footer, copyright line, PDF metadata) or "
            "replace it with a dated source",
            data={"year": src.year},
        )
