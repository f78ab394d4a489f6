"""Build the replylint spaCy pipeline on a blank English model."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

__all__ = ["MAX_LENGTH", "PIPE_NAMES", "build_pipeline"]

#: The longest text (in characters) the pipeline accepts.
MAX_LENGTH = 20_000_000

#: The components after the tokenizer, in order.
PIPE_NAMES: tuple[str, ...] = (
    "replylint_paren_guard",
    "sentencizer",
    "replylint_citations",
    "replylint_quotes",
    "replylint_questions",
)


def build_pipeline() -> Language:
    """``spacy.blank("en")`` keeping abbreviations whole, the guard, the sentencizer, our parts."""
    from spacy.lang.en import English

    from . import components
    from .tokenizer import keep_text, make_tokenizer

    components.register()
    # What ``spacy.blank("en")`` builds, without resolving and validating its config (~15 ms).
    nlp = English(create_tokenizer=make_tokenizer())
    # spaCy's default limit (1,000,000 characters) guards the memory of parsers and taggers;
    # this pipeline has neither, and a long pasted reply must not fail.
    nlp.max_length = MAX_LENGTH
    keep_text(nlp)
    for name in PIPE_NAMES:
        nlp.add_pipe(name)
    return nlp
