"""Plain-data forms of citations, questions and quotes, as stored on spaCy span extensions.

Extension values are plain dicts and lists (no model objects) so a ``Doc`` stays serialisable.
The components also keep each group's values, in span order, as one list in ``doc.user_data``
under ``stored_key(group)``, so they can be read back without going through the spans.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model import Citation, Question, Quote, Span

__all__ = [
    "citation_data",
    "citation_from_data",
    "question_from_data",
    "quote_from_data",
    "stored_key",
]


def stored_key(group: str) -> str:
    """The ``doc.user_data`` key of the values stored on ``doc.spans[group]``, in span order."""
    return f"replylint.{group}"


def citation_data(c: Citation) -> dict[str, Any]:
    """A citation as plain data."""
    return {
        "start": c.span.start,
        "end": c.span.end,
        "authors": list(c.authors),
        "et_al": c.et_al,
        "year": c.year,
        "narrative": c.narrative,
        "group": c.group,
        "locator": c.locator,
        "prefix": c.prefix,
        "secondary": c.secondary,
        "abbreviation": c.abbreviation,
        "style": c.style,
        "flags": sorted(c.flags),
        "parts": {k: [v.start, v.end] for k, v in c.parts.items()},
    }


def citation_from_data(text: str, d: Mapping[str, Any]) -> Citation:
    start, end = d["start"], d["end"]
    return Citation(
        span=Span(start, end),
        text=text[start:end],
        authors=tuple(d["authors"]),
        et_al=d["et_al"],
        year=d["year"],
        narrative=d["narrative"],
        group=d["group"],
        locator=d["locator"],
        prefix=d["prefix"],
        secondary=d["secondary"],
        abbreviation=d["abbreviation"],
        style=d["style"],
        flags=frozenset(d["flags"]),
        parts={k: Span(v[0], v[1]) for k, v in d["parts"].items()},
    )


def question_from_data(text: str, d: Mapping[str, Any]) -> Question:
    start, end = d["start"], d["end"]
    return Question(Span(start, end), text[start:end], d["form"])


def quote_from_data(text: str, d: Mapping[str, Any]) -> Quote:
    start, end = d["start"], d["end"]
    return Quote(Span(start, end), text[start:end], d["words"])
