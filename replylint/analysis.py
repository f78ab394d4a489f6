"""Turn documents into ``Reply`` analyses: sections, the spaCy pipeline, references, matching.

This is the only place the stages are wired together. spaCy is loaded once per ``Analyzer``
and only when the first document is analysed, so commands that never analyse text stay fast.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from . import patterns
from .heap import frozen_heap
from .matching import match_citations
from .model import Document, Reply, Sections, Span
from .references import parse_reference
from .sections import split_sections

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

__all__ = ["Analyzer", "count_words", "mask_outside"]

_RUN = patterns.compile(r"[\p{L}\p{N}]+")
# An apostrophe or hyphen between two runs of letters/digits, joining them into one word.
_JOIN = patterns.compile(r"['’\-](?<=[\p{L}\p{N}]['’\-])(?=[\p{L}\p{N}])")
# A byte table keeping ASCII letters and digits (in ASCII, exactly ``\p{L}`` and ``\p{N}``)
# and turning every other byte into a space.
_ASCII_ALNUM_ONLY = bytes(c if chr(c).isalnum() and c < 128 else 32 for c in range(256))


def count_words(text: str) -> int:
    """Words as a reader counts them: runs of letters/digits, with inner apostrophes/hyphens.

    That is the runs of letters/digits less the apostrophes/hyphens that join two of them.
    """
    if text.isascii():
        runs = len(text.encode("ascii").translate(_ASCII_ALNUM_ONLY).split())
    else:
        runs = len(_RUN.findall(text))
    # Each join starts with one of these characters.
    if "-" in text or "'" in text or "’" in text:
        runs -= len(_JOIN.findall(text))
    return runs


def mask_outside(text: str, keep: Iterable[Span]) -> str:
    """``text`` with every character outside ``keep`` blanked (new lines kept), same length."""
    n = len(text)
    ranges = sorted((span.start, min(span.end, n)) for span in keep if span.start < n)
    pieces: list[str] = []
    pos = 0
    for start, end in ranges:
        if end <= pos:
            continue
        if start > pos:
            pieces.append(_blank(text[pos:start]))
            pos = start
        pieces.append(text[pos:end])
        pos = end
    if pos < n:
        pieces.append(_blank(text[pos:]))
    return "".join(pieces)


# A byte table turning every byte but a line break into a space.
_BLANK_BYTES = bytes(10 if c == 10 else 32 for c in range(256))


def _blank(part: str) -> str:
    if part.isascii():
        return part.encode("ascii").translate(_BLANK_BYTES).decode("ascii")
    return "\n".join(" " * len(line) for line in part.split("\n"))


class Analyzer:
    """Analyses documents into ``Reply`` objects, loading the NLP pipeline once."""

    def __init__(self, nlp: Language | None = None, *, batch_size: int = 64) -> None:
        self._nlp = nlp
        self.batch_size = batch_size

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            from .nlp import load_pipeline

            self._nlp = load_pipeline()
        return self._nlp

    def analyze(
        self,
        document: Document,
        *,
        as_of: dt.date,
        post: Document | None = None,
    ) -> Reply:
        """Analyse one document (and the post it answers, when known)."""
        parent = self.analyze(post, as_of=as_of) if post is not None else None
        return next(self.analyze_many([(document, as_of, parent)]))

    def analyze_many(
        self, items: Iterable[tuple[Document, dt.date, Reply | None]]
    ) -> Iterator[Reply]:
        """Analyse many documents in one ``nlp.pipe`` stream, in order."""

        def prepared() -> Iterator[tuple[str, tuple[Document, dt.date, Reply | None, Sections]]]:
            for document, as_of, parent in items:
                sections = split_sections(document)
                # The text after the last body span (the reference list, a signature) is all
                # blanks once masked; leaving it out keeps offsets and saves the pipeline and
                # its patterns from scanning it.
                end = max((span.end for span in sections.body), default=0)
                yield (
                    mask_outside(document.text[:end], sections.body),
                    (document, as_of, parent, sections),
                )

        stream: Iterator[Any] = self.nlp.pipe(
            prepared(), as_tuples=True, batch_size=self.batch_size
        )
        # The loaded pipeline lives all run: keep the collector off it (see ``heap``).
        with frozen_heap():
            yield from self._replies(stream)

    def _replies(self, stream: Iterator[Any]) -> Iterator[Reply]:
        from .nlp import extract

        for doc, (document, as_of, parent, sections) in stream:
            body = extract(doc)
            references = tuple(parse_reference(document, span) for span in sections.entries)
            words = sum(count_words(document.slice(s)) for s in sections.body)
            yield Reply(
                document=document,
                sections=sections,
                citations=body.citations,
                references=references,
                matches=match_citations(body.citations, references),
                questions=body.questions,
                quotes=body.quotes,
                sentences=body.sentences,
                words=words,
                as_of=as_of,
                post=parent,
            )
