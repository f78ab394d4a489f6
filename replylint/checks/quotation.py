"""Direct quotations: each needs a citation, and the citation needs a page or paragraph."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

from .. import patterns
from ..engine import Context, check
from ..model import Citation, Diagnostic, Quote, Reply, Span
from ._util import param_int, param_list, sentence_of

__all__ = ["DEFAULT_PEER_QUOTE_CUES", "QuoteSource", "quotes_the_post", "source_of_quote"]

_ALNUM_RUN = patterns.compile(r"[\p{L}\p{N}]+")

#: Phrases that introduce the peer's own words, which need no citation.
DEFAULT_PEER_QUOTE_CUES: tuple[str, ...] = (
    "you wrote",
    "you said",
    "you stated",
    "you mentioned",
    "you noted",
    "you described",
    "you put it",
    "your post",
    "in your words",
)

#: A locator in its own parentheses right after a quote: ``"…" (p. 7)`` or ``(para. 3)``.
_OWN_LOCATOR = patterns.compile(
    r"\s*\((?:pp?\.?\s*\d|pages?\s+\d|pg\.?\s*\d|paras?\.?\s*\d|¶\s*\d|chapter\s+\d|"
    r"slides?\s+\d|table\s+\d|figure\s+\d|\d{1,2}:\d{2})",
    regex.IGNORECASE,
)
_LOCATOR_IN_TEXT = patterns.compile(
    r"(?:\bpp?\.\s*\d|\bpages?\s+\d|\bpg\.?\s*\d|\bparas?\.\s*\d|¶\s*\d|\bchapter\s+\d|"
    r"\bslides?\s+\d|\btable\s+\d|\bfigure\s+\d|\b\d{1,2}:\d{2}\b|\bsection\b)",
    regex.IGNORECASE,
)


@dataclass(frozen=True)
class QuoteSource:
    """The citation that closes (or introduces) a quotation; ``None`` when there is none."""

    citation: Citation | None
    located: bool


def _has_locator(reply: Reply, c: Citation) -> bool:
    if c.locator:
        return True
    return bool(_LOCATOR_IN_TEXT.search(reply.document.text, c.span.start, c.span.end))


def _next_sentence(reply: Reply, sent: Span) -> Span | None:
    for s in reply.sentences:
        if s.start >= sent.end:
            return s
    return None


def _in(span: Span, region: Span) -> bool:
    return region.start <= span.start < region.end


def source_of_quote(reply: Reply, quote: Quote) -> QuoteSource:
    """Find the citation of ``quote``: after it in its sentence, before it, or next sentence."""
    text = reply.document.text
    if _OWN_LOCATOR.match(text, quote.span.end):
        return QuoteSource(None, True)
    sent = sentence_of(reply, max(quote.span.end - 1, quote.span.start))
    if sent is None:
        sent = Span(quote.span.start, min(len(text), quote.span.end + 200))
    region = Span(min(sent.start, quote.span.start), max(sent.end, quote.span.end))
    cites = [c for c in reply.citations if _in(c.span, region)]
    after = [c for c in cites if c.span.start >= quote.span.end]
    before = [c for c in cites if c.span.end <= quote.span.start]
    inside = [c for c in reply.citations if quote.span.contains(c.span)]
    if after:
        first = min(after, key=lambda c: c.span.start)
        return QuoteSource(first, _has_locator(reply, first))
    if inside and quote.block:
        last = max(inside, key=lambda c: c.span.start)
        return QuoteSource(last, _has_locator(reply, last))
    if before:
        last = max(before, key=lambda c: c.span.start)
        return QuoteSource(last, _has_locator(reply, last))
    nxt = _next_sentence(reply, region)
    if nxt is not None:
        follow = [c for c in reply.citations if _in(c.span, nxt)]
        if follow:
            first = min(follow, key=lambda c: c.span.start)
            return QuoteSource(first, _has_locator(reply, first))
    if quote.block:
        prev = [s for s in reply.sentences if s.end <= quote.span.start]
        if prev:
            intro = [c for c in reply.citations if _in(c.span, prev[-1])]
            if intro:
                last = max(intro, key=lambda c: c.span.start)
                return QuoteSource(last, _has_locator(reply, last))
    return QuoteSource(None, False)


def _norm(text: str) -> str:
    return " ".join(_ALNUM_RUN.findall(text.lower()))


def quotes_the_post(reply: Reply, quote: Quote, cues: Sequence[str]) -> bool:
    """Whether ``quote`` repeats the peer's post (known post, or "you wrote" before it)."""
    if reply.post is not None:
        words = _norm(quote.text)
        if words and words in _norm(reply.post.document.text):
            return True
    if not cues:
        return False
    sent = sentence_of(reply, quote.span.start)
    start = sent.start if sent is not None else max(0, quote.span.start - 120)
    before = reply.document.text[start : quote.span.start].lower()
    return any(_cue_pattern(c.lower()).search(before) for c in cues)


@lru_cache(maxsize=256)
def _cue_pattern(cue: str) -> regex.Pattern[str]:
    return regex.compile(r"\b" + regex.escape(cue) + r"\b")


def _quotes(reply: Reply, ctx: Context) -> Iterator[Quote]:
    least = ctx.derived("quotation.least", lambda p: param_int(p, "min_quote_words", 4))
    cues = ctx.derived(
        "quotation.cues", lambda p: param_list(p, "peer_quote_cues", DEFAULT_PEER_QUOTE_CUES)
    )
    excluded = [e.span for e in reply.sections.excluded if e.kind == "prompt"]
    for q in reply.quotes:
        if q.words < least or any(e.contains(q.span) for e in excluded):
            continue
        if any(c.span.contains(q.span) for c in reply.citations):
            continue  # a quoted title inside a citation: ("Title of Page," 2024)
        if quotes_the_post(reply, q, cues):
            continue
        yield q


def _short(q: Quote) -> str:
    words = q.text.strip().strip('"“”').split()
    head = " ".join(words[:6])
    return f"“{head}{' …' if len(words) > 6 else ''}”"


@check("quotation.missing-locator")
def missing_locator(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """D101: a quotation whose citation has no page or paragraph number."""
    for q in _quotes(reply, ctx):
        src = source_of_quote(reply, q)
        if src.citation is None or src.located:
            continue
        c = src.citation
        yield ctx.diagnostic(
            q.span,
            f"The quotation {_short(q)} is cited as {c.text.strip()} without a page or "
            "paragraph number",
            hint="Add the location of the quoted words, e.g. “(Author, 2021, p. 14)” or "
            "“(Author, 2021, para. 3)”",
            data={"citation": c.text},
        )


@check("quotation.without-citation")
def without_citation(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """D102: a quotation with no citation in its sentence or the next one."""
    for q in _quotes(reply, ctx):
        src = source_of_quote(reply, q)
        if src.citation is not None or src.located:
            continue
        yield ctx.diagnostic(
            q.span,
            f"The quotation {_short(q)} has no citation",
            hint="Cite the source right after the quotation, with the page: “(Author, Year, p. N)”",
        )
