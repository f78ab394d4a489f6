"""Build ``Reply`` objects without the NLP pipeline, for reference-list rules and fixes."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable

from replylint.engine import Context, load_rules
from replylint.engine.registry import CheckFn, load_check_kinds
from replylint.matching import match_citations
from replylint.model import Citation, Diagnostic, Document, Reply, RuleMeta
from replylint.readers import parse_text
from replylint.references import parse_reference
from replylint.sections import split_sections

AS_OF = dt.date(2026, 11, 25)


def reply_of(
    text: str,
    fmt: str = "txt",
    citations: Iterable[Citation] = (),
    document: Document | None = None,
) -> Reply:
    """A ``Reply`` of ``text`` with its reference list parsed and the given citations."""
    doc = document or parse_text(text, fmt, path=f"reply.{fmt}")
    sections = split_sections(doc)
    refs = tuple(parse_reference(doc, s) for s in sections.entries)
    cites = tuple(citations)
    return Reply(
        document=doc,
        sections=sections,
        citations=cites,
        references=refs,
        matches=match_citations(cites, refs),
        questions=(),
        quotes=(),
        sentences=(),
        words=0,
        as_of=AS_OF,
    )


@functools.cache
def _rules() -> dict[str, RuleMeta]:
    return load_rules()


@functools.cache
def _kinds() -> dict[str, CheckFn]:
    return load_check_kinds()


def run_rule(code: str, reply: Reply) -> list[Diagnostic]:
    """The findings of one rule on ``reply`` (no suppressions, no selection)."""
    rule = _rules()[code]
    fn = _kinds()[rule.check]
    return list(fn(reply, Context(rule=rule, params=dict(rule.params))))
