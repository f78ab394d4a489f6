"""Whether a reply cites anything at all, and whether its citations have a reference list."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from .. import patterns
from ..engine import Context, check
from ..model import Diagnostic, Reply, Span
from ._util import cue_pattern, param_list

__all__ = ["DEFAULT_CLAIM_CUES", "find_claims"]

#: Used when a rule pack gives no ``claim_cues`` (the shipped pack lists the same words).
DEFAULT_CLAIM_CUES: tuple[str, ...] = (
    "research shows",
    "research suggests",
    "studies show",
    "studies suggest",
    "a study",
    "evidence shows",
    "evidence suggests",
    "according to",
    "findings",
    "statistics",
)

_PERCENT = patterns.compile(r"\d+(?:[.,]\d+)?\s?(?:%|percent\b)")


def find_claims(text: str, spans: Sequence[Span], cues: Sequence[str]) -> list[Span]:
    """Spans of evidence-type claim cues and percentages inside ``spans`` of ``text``."""
    words = tuple(c.strip() for c in cues if c.strip())
    pattern = cue_pattern(words, r"(?<![\p{L}\-])", r"(?![\p{L}\-])") if words else None
    out: list[Span] = []
    for span in spans:
        if pattern is not None:
            found = pattern.finditer(text, span.start, span.end)
            out.extend(Span(m.start(), m.end()) for m in found)
        out.extend(Span(m.start(), m.end()) for m in _PERCENT.finditer(text, span.start, span.end))
    return sorted(out, key=lambda s: s.start)


@check("presence.no-citations")
def no_citations(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """C100: evidence-type claims with no in-text citation anywhere in the reply."""
    if reply.citations:
        return
    cues = ctx.derived("presence.cues", lambda p: param_list(p, "claim_cues", DEFAULT_CLAIM_CUES))
    text = reply.document.text
    quoted = [q.span for q in reply.quotes]
    claims = [
        s
        for s in find_claims(text, reply.sections.body, cues)
        if not any(q.contains(s) for q in quoted)
    ]
    if not claims:
        return
    first = claims[0]
    shown = ", ".join(f"“{text[s.start : s.end]}”" for s in claims[:3])
    yield ctx.diagnostic(
        first,
        f"The reply makes evidence claims ({shown}) but cites no source",
        hint="Support the claims with in-text citations such as “(Author, Year)” and list the "
        "works under “References”",
        data={"claims": len(claims)},
    )


@check("presence.no-reference-list")
def no_reference_list(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """R100: citations in the text but no reference list."""
    if reply.references:
        return
    cited = [c for c in reply.citations if "personal communication" not in c.text.lower()]
    if not cited:
        return
    span = cited[0].span
    n = len(cited)
    yield ctx.diagnostic(
        span,
        f"The reply has {n} citation{'s' if n != 1 else ''} but no reference list"
        + (" (the heading has no entries under it)" if reply.sections.heading else ""),
        hint="Add a “References” heading after the reply and list every cited work in APA 7 format",
        data={"citations": n},
    )
