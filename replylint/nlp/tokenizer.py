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

from .. import patterns

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = [
    "SPECIAL_CASES",
    "TEXT_KEY",
    "AbbreviationMatch",
    "TextKeepingTokenizer",
    "abbreviations",
    "add_special_cases",
    "doc_text",
    "keep_text",
    "make_tokenizer",
    "register_tokenizer",
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


def abbreviations(exceptions: dict[str, Any]) -> frozenset[str]:
    """``SPECIAL_CASES`` plus the one-token abbreviations ("e.g.", "Dr.") of a spaCy table."""
    own = {k for k, v in exceptions.items() if k.endswith(".") and len(v) == 1 and " " not in k}
    return frozenset(own | set(SPECIAL_CASES))


class AbbreviationMatch:
    """A tokenizer ``token_match``: true for a string that is exactly one abbreviation.

    A set lookup, same result as an anchored alternation of the cases but without compiling
    a 150-branch pattern at start-up.
    """

    def __init__(self, cases: Iterable[str], previous: Any = None) -> None:
        self.cases = frozenset(cases)
        self.previous = previous

    def __call__(self, text: str) -> object:
        if text in self.cases:
            return True
        return self.previous(text) if self.previous is not None else None


#: Name under which ``make_tokenizer`` is registered with spaCy.
TOKENIZER_NAME = "replylint_tokenizer.v1"


def make_tokenizer() -> Any:
    """spaCy's default tokenizer factory, without building the special-case table.

    The table (~1,300 English entries) cost ~80 ms at start-up only to be emptied again; its
    one-token abbreviations go into the ``token_match`` instead (see the module docstring).
    """

    def create(nlp: Language) -> Any:
        from spacy.tokenizer import Tokenizer
        from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

        defaults: Any = nlp.Defaults
        prefixes, suffixes, infixes = defaults.prefixes, defaults.suffixes, defaults.infixes
        return Tokenizer(
            nlp.vocab,
            rules={},
            prefix_search=compile_prefix_regex(prefixes).search if prefixes else None,
            suffix_search=compile_suffix_regex(suffixes).search if suffixes else None,
            infix_finditer=compile_infix_regex(infixes).finditer if infixes else None,
            token_match=AbbreviationMatch(
                abbreviations(defaults.tokenizer_exceptions), defaults.token_match
            ),
            url_match=defaults.url_match,
        )

    return create


def register_tokenizer() -> None:
    """Register ``make_tokenizer`` with spaCy (safe to call any number of times)."""
    from spacy.util import registry

    if TOKENIZER_NAME not in registry.tokenizers:
        registry.tokenizers.register(TOKENIZER_NAME, func=make_tokenizer)


def add_special_cases(nlp: Language) -> None:
    """Keep each abbreviation in ``SPECIAL_CASES`` (and spaCy's own) as one token.

    For a pipeline built with spaCy's stock tokenizer; ``build_pipeline`` uses
    ``make_tokenizer``, which does the same from the start.
    """
    tokenizer: Any = nlp.tokenizer
    rules = getattr(tokenizer, "rules", None) or {}
    tokenizer.token_match = AbbreviationMatch(abbreviations(rules), tokenizer.token_match)
    tokenizer.rules = {}


#: ``doc.user_data`` key under which the tokenizer keeps the text it was given.
TEXT_KEY = "replylint.text"


_LONG_RUN = patterns.compile(r"\S{256,}")
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
