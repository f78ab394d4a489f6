"""Sentence case and title case for APA 7 titles: detection and conversion.

APA 7 writes the titles of articles, chapters, books, reports and webpages in *sentence case*
(first word, first word after a colon, proper nouns and acronyms capitalised) and journal names
in *title case*. Nothing here has a dictionary, so the helpers work from the shape of the
title: lowercase content words are evidence of sentence case, capitalised content words away
from a sentence start are evidence of Title Case, acronyms and mixed-case words (``COVID-19``,
``mRNA``, ``eHealth``) are kept as written, and names it can know (countries, nationalities,
eponyms, named instruments and organisations) are kept. When a word might be a proper noun it
cannot know, the conversion keeps it as written and reports it as doubtful.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from .. import patterns
from .lexicon import (
    COMMON_POSSESSIVES,
    ENGLISH_FUNCTION_WORDS,
    FOREIGN_FUNCTION_WORDS,
    GEO_TAILS,
    MINOR_WORDS,
    PROPER_BIGRAMS,
    PROPER_NOUNS,
    RUN_HEADS_END,
    RUN_HEADS_END_AFTER_THE,
    RUN_HEADS_START,
    RUN_HEADS_START_AFTER_THE,
    RUN_LINKS,
    SHORT_COMMON_WORDS,
)

__all__ = [
    "Word",
    "is_all_caps",
    "is_non_english",
    "is_title_case",
    "lowercase_after_colon",
    "split_word_texts",
    "split_words",
    "title_case_evidence",
    "to_sentence_case",
    "to_title_case",
]

_WORD = patterns.compile(
    r"[\p{L}\p{M}\p{N}]+(?:['’\-‐][\p{L}\p{M}\p{N}]+)*(?:['’](?=\s|$|[,.:;?!)]))?"
)
#: ``_WORD`` as one group, to split a title into its words and what lies between them.
_WORD_SPLIT = patterns.compile(f"({_WORD.pattern})")
_SEGMENT_BREAK = patterns.compile(r"[:?!—]|\s[–-]\s|\.\s")
_HARD_BREAK = patterns.compile(r"[:?!—]|\.\s")
_HYPHEN = patterns.compile(r"[\-‐]")
_APOS = "'’"
#: Titles and words repeat across replies (the same sources, the same words): the pure
#: per-string helpers below are cached.
_TITLE_CACHE = 4096
_WORD_CACHE = 65536
_START_HEADS_AFTER_THE = RUN_HEADS_START | RUN_HEADS_START_AFTER_THE
_END_HEADS_AFTER_THE = RUN_HEADS_END | RUN_HEADS_END_AFTER_THE
#: Head kinds that start or continue a named run, and those that only continue one.
_NAME_KINDS = frozenset({"cap", "caps", "mixed"})
_RUN_KINDS = frozenset({"cap", "caps", "mixed", "digit"})
#: Kinds of word part the sentence-case conversion keeps as written (all but "cap").
_KEPT_KINDS = frozenset({"digit", "caps", "mixed", "other", "single", "lower"})
#: Every word of a ``PROPER_BIGRAMS`` pair.
_BIGRAM_WORDS = frozenset(word for pair in PROPER_BIGRAMS for word in pair)


@dataclass(frozen=True)
class Word:
    """One word of a title with its offsets and whether it starts a segment."""

    text: str
    start: int
    end: int
    #: First word of the title, or first after a colon, an end mark or an em dash.
    segment_start: bool
    #: The segment starts after a spaced hyphen or en dash (not capitalised by the converter).
    soft_start: bool = False


def split_words(title: str) -> list[Word]:
    """The words of ``title`` (hyphenated compounds and possessives stay whole)."""
    return list(_analyse(title).words)


def split_word_texts(title: str) -> list[str]:
    """The text of each of ``split_words(title)`` (without building the ``Word`` objects)."""
    return list(_analyse(title).texts)


class _Title:
    """The words of one title, and what the helpers read of them, each worked out once.

    ``texts``, ``starts``, ``ends``, ``seg`` (segment start) and ``soft`` (soft segment start)
    are the fields of ``Word``, one list each; the other lists are filled on first use. None of
    them is changed once filled.
    """

    __slots__ = (
        "_bases",
        "_kinds",
        "_lows",
        "_parts",
        "_runs",
        "_words",
        "ends",
        "seg",
        "soft",
        "starts",
        "texts",
    )

    def __init__(self, title: str) -> None:
        # [before the first word, word, between, word, ..., after the last word]: the
        # same words as ``_WORD.finditer`` (a split cuts at each of its matches)
        pieces = _WORD_SPLIT.split(title)
        texts = pieces[1::2]
        # the running lengths of the pieces: where each word starts and ends
        bounds = list(accumulate(map(len, pieces)))
        n = len(texts)
        seg = [False] * n
        soft = [False] * n
        if n:
            seg[0] = True
        for i, between in enumerate(pieces[2:-1:2], 1):
            # a single space between words is no break: neither pattern can match "  "
            if between != " ":
                between += " "
                if _SEGMENT_BREAK.search(between):
                    seg[i] = True
                    soft[i] = not _HARD_BREAK.search(between)
        self.texts = texts
        self.starts = bounds[0:-1:2]
        self.ends = bounds[1::2]
        self.seg = seg
        self.soft = soft
        self._words: tuple[Word, ...] | None = None
        self._lows: list[str] | None = None
        self._parts: list[tuple[str, ...]] | None = None
        self._kinds: list[str] | None = None
        self._bases: list[str] | None = None
        self._runs: set[int] | None = None

    @property
    def words(self) -> tuple[Word, ...]:
        if self._words is None:
            self._words = tuple(map(Word, self.texts, self.starts, self.ends, self.seg, self.soft))
        return self._words

    @property
    def lows(self) -> list[str]:
        """Each word lowercased."""
        if self._lows is None:
            self._lows = [t.lower() for t in self.texts]
        return self._lows

    @property
    def parts(self) -> list[tuple[str, ...]]:
        """Each word's hyphen parts."""
        if self._parts is None:
            self._parts = [_parts(t) if "-" in t or "‐" in t else (t,) for t in self.texts]
        return self._parts

    @property
    def kinds(self) -> list[str]:
        """The ``_part_kind`` of each word's first hyphen part."""
        if self._kinds is None:
            kinds: list[str] = []
            append = kinds.append
            for p in self.parts:
                part = p[0]
                if len(part) > 1 and part.isascii() and part.isalpha():
                    # _part_kind's letters-only case for two or more ASCII letters (every
                    # one cased), worked out here: most words of a title take it
                    if part.islower():
                        append("lower")
                    elif part.isupper():
                        append("caps")
                    else:
                        append("cap" if part[1:].islower() else "mixed")
                else:
                    append(_part_kind(part))
            self._kinds = kinds
        return self._kinds

    @property
    def bases(self) -> list[str]:
        """``_base`` of each word."""
        if self._bases is None:
            # every possessive ending ``_base`` drops holds an apostrophe: a word without one
            # has none to drop
            self._bases = [
                _base(t) if "'" in t or "’" in t else low
                for t, low in zip(self.texts, self.lows, strict=True)
            ]
        return self._bases

    @property
    def runs(self) -> set[int]:
        """Indexes of the words inside a named-entity run (``_named_runs``)."""
        if self._runs is None:
            self._runs = _named_runs(self)
        return self._runs


@lru_cache(maxsize=_TITLE_CACHE)
def _analyse(title: str) -> _Title:
    """The words of ``title``, shared by the detection and the conversion of one title."""
    return _Title(title)


@lru_cache(maxsize=_WORD_CACHE)
def _base(word: str) -> str:
    """The word without a possessive ending, lowercased."""
    w = word
    for end in ("'s", "’s", "'", "’"):
        if w.endswith(end) and len(w) > len(end):
            w = w[: -len(end)]
            break
    return w.lower()


def _letters(part: str) -> str:
    return part if part.isalpha() else "".join(filter(str.isalpha, part))


@lru_cache(maxsize=_WORD_CACHE)
def _part_kind(part: str) -> str:
    """'digit', 'caps', 'mixed', 'cap', 'lower', 'single' or 'other' for one hyphen part."""
    if part.isalpha():
        # Only letters (no character is both a letter and a digit): no digit, no apostrophe
        # to strip, so the core is the part itself; the same answers as the general case.
        if len(part) == 1:
            return "single"
        if part.isupper():
            return "caps"
        rest = part[1:]
        # ASCII letters are all cased: an uppercase one among them unless all are lowercase
        mixed = not rest.islower() if rest.isascii() else any(c.isupper() for c in rest)
        return "mixed" if mixed else ("cap" if part[0].isupper() else "lower")
    letters = _letters(part)
    if any(c.isdigit() for c in part):
        return "digit"
    if not letters:
        return "other"
    core = part.rstrip(_APOS + "s") if part.endswith(("'s", "’s")) else part.rstrip(_APOS)
    core_letters = _letters(core) or letters
    if len(core_letters) == 1:
        return "single"
    if core_letters.isupper():
        return "caps"
    if core_letters[0].isupper():
        return "mixed" if any(c.isupper() for c in core_letters[1:]) else "cap"
    return "mixed" if any(c.isupper() for c in core_letters[1:]) else "lower"


@lru_cache(maxsize=_WORD_CACHE)
def _parts(word: str) -> tuple[str, ...]:
    return tuple(_HYPHEN.split(word)) if ("-" in word or "‐" in word) else (word,)


def _is_proper(word: str, base: str) -> bool:
    """``base`` is ``_base(word)``."""
    if base in PROPER_NOUNS:
        return True
    return "-" in word and all(_base(p) in PROPER_NOUNS for p in _parts(word))


def _eponym(word: str, base: str) -> bool:
    """A capitalised possessive that is not a common noun (Parkinson's, Plato's)."""
    return word.endswith(("'s", "’s")) and base not in COMMON_POSSESSIVES


@lru_cache(maxsize=_TITLE_CACHE)
def is_all_caps(title: str) -> bool:
    """True for titles written in capitals (``LIVER TRANSPLANTATION IN BRAZIL``)."""
    texts = _analyse(title).texts
    # A word's letters are at most the word, and in an ASCII word only letters are cased, so
    # its letters are in capitals only if the word is: fewer than two words that can give a
    # capitalised run of four letters mean fewer than two ``long_caps``, and the answer False.
    possible = 0
    for x in texts:
        if len(x) >= 4 and (x.isupper() or not x.isascii()):
            possible += 1
            if possible == 2:
                break
    else:
        return False
    letters = [x for x in map(_letters, texts) if len(x) >= 2]
    if len(letters) < 2:
        return False
    caps = [x for x in letters if x.isupper()]
    long_caps = [x for x in caps if len(x) >= 4]
    return len(long_caps) >= 2 and len(caps) >= 0.8 * len(letters)


@lru_cache(maxsize=_TITLE_CACHE)
def is_non_english(title: str) -> bool:
    """True when the title's function words are clearly not English (its own conventions)."""
    lows = _analyse(title).lows
    foreign = sum(map(FOREIGN_FUNCTION_WORDS.__contains__, lows))
    # the English words are counted only when the answer can be True
    return foreign >= 2 and foreign > sum(map(ENGLISH_FUNCTION_WORDS.__contains__, lows))


def _named_runs(t: _Title) -> set[int]:
    """Indexes of words inside a named-entity run (``Beck Depression Inventory``)."""
    seg, kinds, lows = t.seg, t.kinds, t.lows
    out: set[int] = set()
    i = 0
    n = len(seg)
    while i < n:
        if kinds[i] not in _NAME_KINDS:
            i += 1
            continue
        j = i
        run = [i]
        while j + 1 < n:
            if seg[j + 1]:
                break
            if kinds[j + 1] in _RUN_KINDS:
                run.append(j + 1)
                j += 1
                continue
            if (
                lows[j + 1] in RUN_LINKS
                and j + 2 < n
                and not seg[j + 2]
                and kinds[j + 2] in _NAME_KINDS
            ):
                run.extend([j + 1, j + 2])
                j += 2
                continue
            break
        caps = [k for k in run if lows[k] not in RUN_LINKS]
        after_the = i > 0 and lows[i - 1] == "the"
        if 2 <= len(caps) <= 7:
            word_bases = t.bases
            bases = [word_bases[k] for k in caps]
            start_heads = _START_HEADS_AFTER_THE if after_the else RUN_HEADS_START
            end_heads = _END_HEADS_AFTER_THE if after_the else RUN_HEADS_END
            linked = len(run) > 1 and lows[run[1]] in RUN_LINKS
            if bases[0] in start_heads and linked:
                out.update(run)  # "Journal of Nursing Care Quality", "University of Iowa"
            else:
                heads = [idx for idx, b in enumerate(bases) if b in end_heads]
                if heads:
                    last = caps[heads[-1]]
                    out.update(k for k in run if k <= last)
        i = j + 1
    return out


def _in_bigram(bases: Sequence[str], i: int) -> bool:
    """The word at ``i`` makes a known name with a neighbour (``bases``: ``_base`` of each)."""
    here = bases[i]
    if here not in _BIGRAM_WORDS:
        return False  # both pairs below hold ``here``
    before = bases[i - 1] if i > 0 else ""
    after = bases[i + 1] if i + 1 < len(bases) else ""
    return (before, here) in PROPER_BIGRAMS or (here, after) in PROPER_BIGRAMS


def _genus(kinds: Sequence[str], lows: Sequence[str], i: int) -> bool:
    """A capital before a lowercase content word in a Title Case title (``Botrytis cinerea``)."""
    if i + 1 >= len(kinds):
        return False
    return kinds[i + 1] == "lower" and lows[i + 1] not in MINOR_WORDS


def _geo_tail(t: _Title, i: int, converted: list[str]) -> bool:
    """``River`` in ``Yangtze River``: a feature word after a name that was kept."""
    if i == 0 or t.bases[i] not in GEO_TAILS:
        return False
    before = converted[i - 1] if i - 1 < len(converted) else t.texts[i - 1]
    return before[:1].isupper() and not t.seg[i - 1]


@lru_cache(maxsize=_TITLE_CACHE)
def title_case_evidence(title: str) -> tuple[int, int]:
    """(capitalised, lowercase) content words away from segment starts, names left out."""
    t = _analyse(title)
    texts, seg, kinds, lows, parts_of = t.texts, t.seg, t.kinds, t.lows, t.parts
    cap = low = 0
    bases: list[str] | None = None  # read (and worked out) at the first capitalised word
    runs: set[int] = set()
    for i, kind in enumerate(kinds):
        if not seg[i]:
            if kind == "cap":
                if bases is None:
                    bases, runs = t.bases, t.runs
                word, base = texts[i], bases[i]
                # not a known name: in a named run, a proper noun (whole or each hyphen part),
                # an eponym (``_eponym``) or part of a known bigram (``_in_bigram``)
                if not (
                    i in runs
                    or base in PROPER_NOUNS
                    or ("-" in word and _is_proper(word, base))
                    or (base not in COMMON_POSSESSIVES and word.endswith(("'s", "’s")))
                    or (base in _BIGRAM_WORDS and _in_bigram(bases, i))
                ):
                    cap += 1
            elif kind == "lower" and lows[i] not in MINOR_WORDS:
                low += 1
        parts = parts_of[i]
        if len(parts) > 1:
            for tail in parts[1:]:
                if (
                    _part_kind(tail) == "cap"
                    and _base(tail) not in PROPER_NOUNS
                    and i not in t.runs
                ):
                    cap += 1
    return cap, low


@lru_cache(maxsize=_TITLE_CACHE)
def is_title_case(title: str) -> bool:
    """True when ``title`` is in Title Case (or capitals) rather than sentence case.

    Capitalised words that the helpers can recognise as names (countries, nationalities,
    eponyms such as ``Parkinson's``, named instruments and organisations such as ``the Beck
    Depression Inventory``) and acronyms do not count; the first word and the first word after
    a colon, an em dash or an end mark do not count either.
    """
    if not title or is_non_english(title):
        return False
    if is_all_caps(title):
        return True
    cap, low = title_case_evidence(title)
    return cap >= 2 and cap > 2 * low


def lowercase_after_colon(title: str) -> list[Word]:
    """Words that start a subtitle (after a colon) but are written in lowercase."""
    out = []
    t = _analyse(title)
    for i in range(1, len(t.texts)):
        if not t.seg[i]:
            continue
        sep = title[t.ends[i - 1] : t.starts[i]]
        head = _parts(t.texts[i])[0]
        if ":" in sep and head[:1].islower() and _part_kind(head) in ("lower", "single"):
            out.append(t.words[i])
    return out


def _capitalise(word: str) -> str:
    return word[:1].upper() + word[1:]


def _convert_caps_word(word: str, segment_start: bool) -> tuple[str, bool]:
    """Sentence-case one word of an ALL CAPS title; returns (word, doubtful)."""
    parts = _parts(word)
    out: list[str] = []
    doubtful = False
    for k, p in enumerate(parts):
        kind = _part_kind(p)
        letters = _letters(p)
        if kind == "digit":
            out.append(p)
        elif _base(p) in PROPER_NOUNS:
            out.append(p[:1].upper() + p[1:].lower())
        elif kind == "caps" and len(letters) <= 4 and p.lower() not in SHORT_COMMON_WORDS:
            out.append(p)
            doubtful = True
        else:
            low = p.lower()
            out.append(_capitalise(low) if (segment_start and k == 0) else low)
    return _join_parts(word, out), doubtful


def _rebuild(title: str, t: _Title, new: list[str]) -> str:
    """``title`` with its words replaced by ``new``."""
    pieces: list[str] = []
    pos = 0
    for start, end, n in zip(t.starts, t.ends, new, strict=True):
        pieces.append(title[pos:start])
        pieces.append(n)
        pos = end
    pieces.append(title[pos:])
    return "".join(pieces)


def to_sentence_case(title: str) -> tuple[str, list[str]]:
    """Convert ``title`` to APA sentence case.

    Returns the converted title and the words left as written because they may be proper
    nouns the converter cannot know (for the message: "check these words").
    """
    converted, doubtful = _to_sentence_case(title)
    return converted, list(doubtful)


@lru_cache(maxsize=_TITLE_CACHE)
def _to_sentence_case(title: str) -> tuple[str, tuple[str, ...]]:
    t = _analyse(title)
    texts = t.texts
    if not texts or is_non_english(title):
        return title, ()
    doubtful: list[str] = []
    new: list[str] = []
    if is_all_caps(title):
        for word, segment_start in zip(texts, t.seg, strict=True):
            text, doubt = _convert_caps_word(word, segment_start)
            new.append(text)
            if doubt:
                doubtful.append(text)
        return _rebuild(title, t, new), tuple(_unique(doubtful))
    title_case = is_title_case(title)
    seg, soft, kinds, lows, bases = t.seg, t.soft, t.kinds, t.lows, t.bases
    # the named runs are read only for a Title Case title
    runs = t.runs if title_case else set()
    n = len(texts)
    for i, parts in enumerate(t.parts):
        word = texts[i]
        if len(parts) == 1:
            # the loop below for a word of one part (k == 0, p == word), without its list
            kind = kinds[i]
            if seg[i] and not soft[i]:
                new.append(_capitalise(word) if kind == "lower" else word)
                continue
            if kind in _KEPT_KINDS or not title_case:  # kept: everything but "cap"
                new.append(word)
                continue
            base = bases[i]
            # the helpers' answers written out where they are cheap: ``_in_bigram`` needs a
            # ``_BIGRAM_WORDS`` base, ``_geo_tail`` a ``GEO_TAILS`` one; ``_eponym``, ``_genus``
            if (
                base in PROPER_NOUNS
                or (base in _BIGRAM_WORDS and _in_bigram(bases, i))
                or (base in GEO_TAILS and _geo_tail(t, i, new))
            ):
                new.append(word)
            elif (
                i in runs
                or (word.endswith(("'s", "’s")) and base not in COMMON_POSSESSIVES)
                or (i + 1 < n and kinds[i + 1] == "lower" and lows[i + 1] not in MINOR_WORDS)
            ):
                new.append(word)
                doubtful.append(word)
            else:
                new.append(word.lower())
            continue
        out: list[str] = []
        name_kept = False
        for k, p in enumerate(parts):
            kind = kinds[i] if k == 0 else _part_kind(p)
            first = k == 0
            if first and seg[i] and not soft[i]:
                out.append(_capitalise(p) if kind == "lower" else p)
            elif kind in _KEPT_KINDS:
                out.append(p)  # numbers, acronyms, "mRNA", "T cells", "vitamin D", lowercase
            elif not title_case:
                out.append(p)  # a capital inside a sentence-case title is a name
            elif (
                (bases[i] if len(parts) == 1 else _base(p)) in PROPER_NOUNS
                or (first and _in_bigram(bases, i))
                or (first and _geo_tail(t, i, new))
            ):
                out.append(p)
                name_kept = first
            elif first and (i in runs or _eponym(word, bases[i]) or _genus(kinds, lows, i)):
                out.append(p)
                doubtful.append(word)
                name_kept = True
            elif not first and (i in runs or name_kept):
                out.append(p)  # the tail of a name kept as written ("Spielmeyer-Vogt's")
            else:
                out.append(p.lower())
        new.append(_join_parts(word, out))
    return _rebuild(title, t, new), tuple(_unique(doubtful))


def _join_parts(word: str, parts: list[str]) -> str:
    """The converted hyphen ``parts`` of ``word`` joined with its own hyphens."""
    if len(parts) == 1:
        return parts[0]
    text = parts[0]
    for sep, part in zip(_HYPHEN.findall(word), parts[1:], strict=False):
        text += sep + part
    return text


@lru_cache(maxsize=_TITLE_CACHE)
def to_title_case(title: str) -> str:
    """APA title case: capitalise every word except short minor words inside a segment."""
    t = _analyse(title)
    new: list[str] = []
    for i, parts in enumerate(t.parts):
        out: list[str] = []
        for k, p in enumerate(parts):
            kind = _part_kind(p)
            minor = p.lower() in MINOR_WORDS and len(p) <= 3
            if kind in ("lower", "single") and not (minor and not (t.seg[i] and k == 0)):
                out.append(_capitalise(p))
            else:
                out.append(p)
        new.append(_join_parts(t.texts[i], out))
    return _rebuild(title, t, new)


def _unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for it in items:
        if it not in seen:
            seen.add(it)
            out.append(it)
    return out
