"""Tokenizer special cases: abbreviations that must stay one token so sentences do not split.

The cases are applied through the tokenizer's ``token_match`` (a pattern for strings it keeps
whole) rather than its special-case table. Measured on spaCy 3.8: once a document contains a
table special case, the tokenizer stops caching the rest of that document's words, and a
~300-word reply with "et al." took about 2.7 ms to tokenize instead of 0.08 ms. The English
table's own one-token abbreviations ("e.g.", "Dr.", "p.m.") move into the same pattern; its
contractions ("don't" -> "do", "n't") are dropped, which nothing here needs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import regex

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = [
    "SPECIAL_CASES",
    "TEXT_KEY",
    "TextKeepingTokenizer",
    "add_special_cases",
    "doc_text",
    "keep_text",
]

#: Abbreviations common in citations and academic prose that the blank English tokenizer
#: splits into word + ".", which the sentencizer then takes for a sentence end.
SPECIAL_CASES: tuple[str, ...] = (
    "al.",
    "et.",
    "et.al.",
    "pp.",
    "pg.",
    "pgs.",
    "n.d.",
    "Vol.",
    "vol.",
    "Vols.",
    "vols.",
    "ed.",
    "eds.",
    "Ed.",
    "Eds.",
    "No.",
    "Nos.",
    "para.",
    "paras.",
    "Para.",
    "par.",
    "Trans.",
    "trans.",
    "Suppl.",
    "suppl.",
    "cf.",
    "Cf.",
    "Fig.",
    "fig.",
    "Figs.",
    "Ch.",
    "ch.",
    "chap.",
    "Chap.",
    "approx.",
    "viz.",
    "Sec.",
    "sec.",
    "Assoc.",
    "Dept.",
    "Univ.",
)


def add_special_cases(nlp: Language) -> None:
    """Keep each abbreviation in ``SPECIAL_CASES`` (and spaCy's own) as one token."""
    tokenizer: Any = nlp.tokenizer
    rules = getattr(tokenizer, "rules", None) or {}
    own = {k for k, v in rules.items() if k.endswith(".") and len(v) == 1 and " " not in k}
    cases = sorted(own | set(SPECIAL_CASES), key=len, reverse=True)
    pattern = regex.compile("(?:" + "|".join(regex.escape(c) for c in cases) + r")\Z")
    previous = tokenizer.token_match
    if previous is None:
        tokenizer.token_match = pattern.match
    else:

        def token_match(text: str) -> object:
            return pattern.match(text) or previous(text)

        tokenizer.token_match = token_match
    tokenizer.rules = {}


#: ``doc.user_data`` key under which the tokenizer keeps the text it was given.
TEXT_KEY = "replylint.text"


_LONG_RUN = regex.compile(r"\S{256,}")
_RUN_PIECE = 128


def _break_run(m: regex.Match[str]) -> str:
    chars = list(m.group(0))
    for i in range(_RUN_PIECE - 1, len(chars), _RUN_PIECE):
        chars[i] = " "
    return "".join(chars)


def _breakable(text: str) -> str:
    """``text`` with very long runs of non-space characters cut by spaces, same length.

    spaCy's affix splitting is quadratic in the length of one run (5,000 "(" took 2 s), so
    runs of 256+ characters, which prose never has, are tokenised in pieces. The components
    read the original text, and offsets are unchanged.
    """
    return _LONG_RUN.sub(_break_run, text) if _LONG_RUN.search(text) else text


class TextKeepingTokenizer:
    """Wraps a tokenizer and keeps each input text on its ``Doc``.

    ``Doc.text`` rebuilds the string from the tokens on every access (about 0.15 ms for a
    300-word reply); the components read it several times per document.
    """

    def __init__(self, tokenizer: Any) -> None:
        self._tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self._tokenizer(_breakable(text))
        doc.user_data[TEXT_KEY] = text
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str) -> Any:
        if name == "_tokenizer":  # not set yet (unpickling)
            raise AttributeError(name)
        return getattr(self._tokenizer, name)


def keep_text(nlp: Language) -> None:
    """Make ``nlp``'s tokenizer keep the text on each ``Doc`` (see ``doc_text``)."""
    if not isinstance(nlp.tokenizer, TextKeepingTokenizer):
        nlp.tokenizer = TextKeepingTokenizer(nlp.tokenizer)


def doc_text(doc: Doc) -> str:
    """``doc.text``, from the tokenizer's copy when there is one."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.text
        doc.user_data[TEXT_KEY] = text
    return text
