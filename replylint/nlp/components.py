"""The spaCy components, registered once under ``replylint_*`` names. Imports spaCy."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from typing import Any, cast

from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span
from thinc.types import Ints2d

from .citations import find_citation_data
from .convert import stored_key
from .guard import plan_sentence_starts
from .questions import find_questions
from .quotes import find_quotes
from .tokenizer import doc_text

__all__ = [
    "CITATION_EXT",
    "QUESTION_EXT",
    "QUOTE_EXT",
    "paren_guard",
    "register",
    "sentence_offsets",
]

CITATION_EXT = "replylint_citation"
QUESTION_EXT = "replylint_question"
QUOTE_EXT = "replylint_quote"


def _token_starts(doc: Doc) -> list[int]:
    return cast(list[int], doc.to_array(IDX).tolist()) if len(doc) else []


def paren_guard(doc: Doc) -> Doc:
    """Set ``is_sent_start`` from the sentence plan (no starts inside parentheses, etc.).

    All values are written in one ``from_array`` call: setting ``Token.is_sent_start`` one
    token at a time makes spaCy re-check the whole document each time (quadratic on long input).
    """
    if len(doc) < 2:
        return doc
    plan = plan_sentence_starts(doc_text(doc))
    if not (plan.start or plan.keep):
        return doc
    starts = _token_starts(doc)
    # spaCy stores -1 ("not a start") in uint64 arrays; edit as signed, hand back unsigned.
    values = doc.to_array([SENT_START]).astype("int64")
    for pos in plan.start:
        i = bisect.bisect_left(starts, pos)
        if 0 < i < len(starts) and starts[i] == pos:
            values[i] = 1
    for pos in plan.keep:
        i = bisect.bisect_left(starts, pos)
        if 0 < i < len(starts) and starts[i] == pos:
            values[i] = -1
    doc.from_array([SENT_START], cast(Ints2d, values.astype("uint64").reshape(-1, 1)))
    return doc


SENTENCES_KEY = "replylint.sentences"


def sentence_offsets(doc: Doc) -> list[tuple[int, int]]:
    """Character offsets of each sentence, trimmed of whitespace; blank sentences dropped."""
    cached = doc.user_data.get(SENTENCES_KEY)
    if cached is not None:
        return list(cached)
    text = doc_text(doc)
    out = []
    for sent in doc.sents:
        s, e = sent.start_char, sent.end_char
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    doc.user_data[SENTENCES_KEY] = out
    return out


def _store(doc: Doc, key: str, ext: str, items: Iterable[tuple[int, int, dict[str, Any]]]) -> None:
    """``doc.spans[key]`` with each span's data on ``span._.<ext>``, the data also in a list."""
    spans: list[Span] = []
    kept: list[dict[str, Any]] = []
    seen: set[tuple[int, int]] = set()
    for start, end, data in items:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or (span.start, span.end) in seen:
            continue
        seen.add((span.start, span.end))
        span._.set(ext, data)
        spans.append(span)
        kept.append(data)
    doc.spans[key] = spans
    doc.user_data[stored_key(key)] = kept


def citations_component(doc: Doc) -> Doc:
    """``doc.spans["citations"]``: a span per cited work; data on ``span._.replylint_citation``."""
    found = find_citation_data(doc_text(doc))
    _store(doc, "citations", CITATION_EXT, ((d["start"], d["end"], d) for d in found))
    return doc


def quotes_component(doc: Doc) -> Doc:
    """``doc.spans["quotes"]``: quotations in double quotes, with their word counts."""
    found = find_quotes(doc_text(doc))
    _store(
        doc, "quotes", QUOTE_EXT, ((s, e, {"start": s, "end": e, "words": w}) for s, e, w in found)
    )
    return doc


def _data(doc: Doc, key: str, ext: str) -> Iterator[dict[str, Any]]:
    kept = doc.user_data.get(stored_key(key))
    if kept is not None:
        yield from kept
        return
    group = doc.spans.get(key)
    if group is None:
        return
    for span in group:
        data = span._.get(ext)
        if data is not None:
            yield data


def questions_component(doc: Doc) -> Doc:
    """``doc.spans["questions"]``: direct ("?") and indirect ("I wonder whether…") questions."""
    cited = [(d["start"], d["end"]) for d in _data(doc, "citations", CITATION_EXT)]
    blocked = [(d["start"], d["end"]) for d in _data(doc, "quotes", QUOTE_EXT)] + cited
    found = find_questions(doc_text(doc), sentence_offsets(doc), blocked, tails=cited)
    _store(
        doc,
        "questions",
        QUESTION_EXT,
        ((s, e, {"start": s, "end": e, "form": f}) for s, e, f in found),
    )
    return doc


_COMPONENTS = {
    "replylint_paren_guard": paren_guard,
    "replylint_citations": citations_component,
    "replylint_quotes": quotes_component,
    "replylint_questions": questions_component,
}


def register() -> None:
    """Register the extensions and components (safe to call any number of times)."""
    for ext in (CITATION_EXT, QUESTION_EXT, QUOTE_EXT):
        Span.set_extension(ext, default=None, force=True)
    for name, func in _COMPONENTS.items():
        if not Language.has_factory(name):
            Language.component(name, func=func)


register()
