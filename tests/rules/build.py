"""Hand-built ``Reply`` objects for rule unit tests (no NLP pipeline involved).

Citations, entries, quotes and questions are located in the text by a substring, so a test
reads like the reply it describes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from replylint.config import Settings
from replylint.engine import Context, load_rules
from replylint.model import (
    Author,
    Citation,
    Diagnostic,
    Document,
    Match,
    Question,
    Quote,
    Reference,
    Reply,
    Sections,
    Span,
)

AS_OF = dt.date(2026, 11, 25)


def find(text: str, needle: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span(start, start + len(needle))


@dataclass
class Cite:
    """A citation located by ``needle``; ``match`` is an entry index, or a Match kind spec."""

    needle: str
    authors: tuple[str, ...]
    year: str | None
    narrative: bool = False
    et_al: bool = False
    group: int | None = None
    flags: frozenset[str] = frozenset()
    locator: str | None = None
    prefix: str | None = None
    secondary: bool = False
    style: str = "apa"
    match: str = "none"
    reference: int | None = None
    candidates: tuple[int, ...] = ()
    detail: str | None = None
    parts: Mapping[str, str] = field(default_factory=dict)
    nth: int = 0


@dataclass
class Entry:
    needle: str
    authors: Sequence[str | tuple[str, str]]
    year: str | None
    source: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    article_number: str | None = None
    doi: str | None = None
    url: str | None = None
    kind: str = "journal-article"
    parsed: bool = True


def _sentences(text: str, body: Span) -> tuple[Span, ...]:
    out = []
    for m in re.finditer(r"[^.?!\n]+(?:[.?!]+[\"”)]*|$)", text[body.start : body.end]):
        if m.group(0).strip():
            s = body.start + m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
            out.append(Span(s, body.start + m.end()))
    return tuple(out)


def make_reply(
    text: str,
    *,
    cites: Sequence[Cite] = (),
    entries: Sequence[Entry] = (),
    quotes: Sequence[str] = (),
    questions: Sequence[str] = (),
    block_quotes: Sequence[str] = (),
    sentences: Sequence[Span] | None = None,
    words: int | None = None,
    as_of: dt.date = AS_OF,
    post: Reply | None = None,
    fmt: str = "txt",
    excluded: Sequence[tuple[str, str]] = (),
) -> Reply:
    """A reply: the body is everything before a "References" line, the entries after it."""
    head = text.find("\nReferences\n")
    body_end = head if head != -1 else len(text)
    body = Span(0, body_end)
    document = Document(
        path=f"reply.{fmt}", format=fmt, text=text, source=text, origin=list(range(len(text) + 1))
    )
    citations = []
    matches = []
    for i, c in enumerate(cites):
        span = find(text, c.needle, c.nth)
        parts = {role: find(text, sub) for role, sub in c.parts.items()}
        citations.append(
            Citation(
                span=span,
                text=c.needle,
                authors=c.authors,
                et_al=c.et_al,
                year=c.year,
                narrative=c.narrative,
                group=i if c.group is None else c.group,
                locator=c.locator,
                prefix=c.prefix,
                secondary=c.secondary,
                style=c.style,
                flags=c.flags,
                parts=parts,
            )
        )
        kind = c.match
        matches.append(
            Match(
                citation=i,
                reference=c.reference if kind == "exact" else None,
                kind=kind,  # type: ignore[arg-type]
                candidates=c.candidates,
                detail=c.detail,
            )
        )
    refs = []
    for e in entries:
        span = find(text, e.needle)
        authors = tuple(
            Author(family=a) if isinstance(a, str) else Author(family=a[0], given=a[1])
            for a in e.authors
        )
        refs.append(
            Reference(
                span=span,
                text=e.needle,
                parsed=e.parsed,
                authors=authors,
                year=e.year,
                source=e.source,
                volume=e.volume,
                issue=e.issue,
                pages=e.pages,
                article_number=e.article_number,
                doi=e.doi,
                url=e.url,
                kind=e.kind,
            )
        )
    quote_objs = [Quote(find(text, q), q, len(q.split())) for q in quotes]
    quote_objs += [Quote(find(text, q), q, len(q.split()), block=True) for q in block_quotes]
    heading = find(text, "References") if head != -1 else None
    sections = Sections(
        body=(body,),
        excluded=tuple(),
        heading=heading,
        reference_list=Span(heading.end, len(text)) if heading else None,
        entries=tuple(r.span for r in refs),
    )
    if excluded:
        from replylint.model import Excluded

        sections = Sections(
            body=sections.body,
            excluded=tuple(Excluded(find(text, s), k) for s, k in excluded),  # type: ignore[arg-type]
            heading=sections.heading,
            reference_list=sections.reference_list,
            entries=sections.entries,
        )
    return Reply(
        document=document,
        sections=sections,
        citations=tuple(citations),
        references=tuple(refs),
        matches=tuple(matches),
        questions=tuple(Question(find(text, q), q) for q in questions),
        quotes=tuple(quote_objs),
        sentences=tuple(sentences) if sentences is not None else _sentences(text, body),
        words=words if words is not None else len(text[:body_end].split()),
        as_of=as_of,
        post=post,
    )


_RULES: dict[str, Any] = {}


def context(code: str, *, params: Mapping[str, object] | None = None, **settings: Any) -> Context:
    """The context rule ``code`` runs with, from the shipped pack, with extra params."""
    if not _RULES:
        _RULES.update(load_rules())
    rule = _RULES[code]
    merged = dict(rule.params)
    merged.update(params or {})
    return Context(rule=rule, params=merged, settings=Settings(**settings))


def run(code: str, reply: Reply, **kw: Any) -> list[Diagnostic]:
    """Run the check kind behind rule ``code`` on ``reply``."""
    import replylint.checks  # noqa: F401  (registers the kinds)
    from replylint.engine import check_kinds

    ctx = context(code, **kw)
    return list(check_kinds()[ctx.rule.check](reply, ctx))


def codes(diags: Sequence[Diagnostic]) -> list[str]:
    return [d.code for d in diags]
