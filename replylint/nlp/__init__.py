"""The NLP stage: a spaCy pipeline that finds citations, questions, quotations and sentences.

Importing this package does not import spaCy; ``load_pipeline`` does, on first use.

The pipeline is ``spacy.blank("en")`` with abbreviations kept whole ("al.", "pp.", "n.d.",
``tokenizer.py``) and these components, registered once under ``replylint_*`` names:

- ``replylint_paren_guard``: no sentence starts inside parentheses, a start after "… et al."
  before a capitalised word and at paragraph breaks, headings and list items (``guard.py``);
- ``sentencizer``;
- ``replylint_citations``: ``doc.spans["citations"]``, one span per cited work, with the
  parsed work on ``span._.replylint_citation`` (``citations.py``);
- ``replylint_quotes``: ``doc.spans["quotes"]``, ``span._.replylint_quote`` (``quotes.py``);
- ``replylint_questions``: ``doc.spans["questions"]``, ``span._.replylint_question``
  (``questions.py``).

Extension values are plain data; ``extract`` turns them into ``Citation``, ``Question`` and
``Quote`` objects with offsets in the text given to spaCy. The components also keep the values
of each group as a list in ``doc.user_data`` (``convert.stored_key``), which ``extract`` reads
instead of visiting every span when it is there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..model import Citation, Question, Quote, Span
from .convert import citation_from_data, question_from_data, quote_from_data, stored_key
from .tokenizer import doc_text

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

__all__ = ["BodyAnalysis", "extract", "load_pipeline"]

_CITATION_EXT = "replylint_citation"
_QUESTION_EXT = "replylint_question"
_QUOTE_EXT = "replylint_quote"


@dataclass(frozen=True)
class BodyAnalysis:
    """What the pipeline found in one document's body."""

    citations: tuple[Citation, ...]
    questions: tuple[Question, ...]
    quotes: tuple[Quote, ...]
    sentences: tuple[Span, ...]


def load_pipeline() -> Language:
    """The replylint pipeline (imports spaCy; takes about a second the first time)."""
    from .pipeline import build_pipeline

    return build_pipeline()


def _items(doc: Any, key: str, ext: str) -> list[dict[str, Any]]:
    kept: list[dict[str, Any]] | None = doc.user_data.get(stored_key(key))
    if kept is not None:
        return kept
    group = doc.spans.get(key)
    if group is None:
        return []
    return [d for d in (span._.get(ext) for span in group) if d is not None]


def _sentences(doc: Any) -> tuple[Span, ...]:
    from .components import sentence_offsets  # spaCy is loaded: ``doc`` was processed

    return tuple(Span(s, e) for s, e in sentence_offsets(doc))


def extract(doc: Any) -> BodyAnalysis:
    """Turn a processed ``Doc`` into model objects (offsets are offsets in ``doc.text``)."""
    text = doc_text(doc)
    return BodyAnalysis(
        citations=tuple(
            citation_from_data(text, d) for d in _items(doc, "citations", _CITATION_EXT)
        ),
        questions=tuple(
            question_from_data(text, d) for d in _items(doc, "questions", _QUESTION_EXT)
        ),
        quotes=tuple(quote_from_data(text, d) for d in _items(doc, "quotes", _QUOTE_EXT)),
        sentences=_sentences(doc) if doc.has_annotation("SENT_START") else (),
    )
