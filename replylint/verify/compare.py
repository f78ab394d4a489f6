"""Compare a reference entry with the work it names (pure).

Decisions (see docs/verify.md):

* **Title**: equal when the folded words are equal (case, punctuation, markup, diacritics
  and '&'/'and' ignored). A missing or extra subtitle is a minor difference (info).
* **First author**: surnames compared without case or diacritics; a compound or particle
  surname matches when all its words are in the source's name (OpenAlex gives full names
  only). Only the first author is compared.
* **Year**: matches when it equals any year the source knows (print, online, issued).
  When the source knows a single year and the entry is exactly one year later, it may be
  the print year of an online-first article: a minor difference (info), not an error.
* **Journal**: equal after folding, dropping "the"/"of"/"and"... and parenthesised place
  names; ISO/MEDLINE abbreviations match word by word as prefixes ("Front Psychol").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from ..model import Reference
from .work import Work, WorkAuthor, fold, title_key, title_tokens

__all__ = [
    "Mismatch",
    "compare",
    "entry_year",
    "is_same_work",
    "journal_matches",
    "repair_split",
    "surname_matches",
    "title_similarity",
    "year_mismatch",
]

_STOP = frozenset("the of and in for on a an de la des du und fur et".split())  # noqa: SIM905
_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_WORDS = re.compile(r"[^\W_]+")
_SUBTITLE = re.compile(r"[:?.!]\s")


@dataclass(frozen=True)
class Mismatch:
    """One field that differs: what the entry says and what the source says."""

    field: str
    written: str
    actual: str
    #: A difference worth a note, not an error (subtitle left out, print vs online year).
    minor: bool = False
    note: str | None = None


def entry_year(year: str | None) -> int | None:
    """2022 for "2022" or "2022a"; None for "n.d.", "in press" or nothing."""
    if year and year[:4].isascii() and year[:4].isdigit():
        return int(year[:4])
    return None


def title_similarity(a: str | None, b: str | None) -> float:
    """0..1: the best of word-set Jaccard, word-sequence ratio and (for close calls only)
    character ratio of the folded titles, so a typo in one word still scores high."""
    ta, tb = title_tokens(a), title_tokens(b)
    if not ta or not tb:
        return 0.0
    if ta == tb:
        return 1.0
    sa, sb = set(ta), set(tb)
    jaccard = len(sa & sb) / len(sa | sb)
    best = max(jaccard, SequenceMatcher(None, ta, tb, autojunk=False).ratio())
    if 0.4 <= best < 0.9:
        chars = SequenceMatcher(None, " ".join(ta), " ".join(tb), autojunk=False)
        if chars.quick_ratio() > best:
            best = max(best, chars.ratio())
    return best


def _main_title(title: str) -> str:
    m = _SUBTITLE.search(title)
    return title[: m.start()] if m else title


def _name_words(text: str) -> list[str]:
    return _WORDS.findall(fold(text))


def surname_matches(written: str, author: WorkAuthor) -> bool:
    """Whether the surname as written names ``author`` (diacritics/case/hyphens ignored)."""
    w = _name_words(written.split(",")[0])  # a surname never holds a comma
    if not w:
        return True
    fam = _name_words(author.family)
    if author.group:
        return bool(set(w) & set(fam)) and len(set(w) & set(fam)) >= min(len(w), len(fam)) / 2
    if w == fam or "".join(w) == "".join(fam):
        return True
    pool = set(fam) | set(_name_words(author.full or ""))
    if author.full is None and len(fam) == 1:
        return False
    return set(w) <= pool and w[-1] in pool


def _journal_name(written: str) -> str:
    """The journal as written, without trailing volume, issue, pages or article number
    segments that a parser may have left on it ("Case Reports, bcr-220227")."""
    parts = _PAREN.sub(" ", written).split(",")
    while len(parts) > 1 and (
        re.search(r"\d", parts[-1]) or re.match(r"\s*(article|pp?\.)", parts[-1], re.I)
    ):
        parts.pop()
    return ",".join(parts)


def _journal_words(name: str) -> list[str]:
    text = fold(_PAREN.sub(" ", name)).replace("&", " and ")
    return [t for t in _WORDS.findall(text) if t not in _STOP]


def _abbreviates(short: Sequence[str], long: Sequence[str]) -> bool:
    return len(short) == len(long) and all(
        a.startswith(b) or b.startswith(a) for a, b in zip(short, long, strict=True)
    )


def journal_matches(written: str, work: Work) -> bool:
    """Whether the journal as written names the work's journal (full or abbreviated)."""
    w = _journal_words(_journal_name(written))
    if not w:
        return True
    for name in (work.container, work.container_short):
        if not name:
            continue
        n = _journal_words(name)
        if w == n or "".join(w) == "".join(n) or _abbreviates(w, n):
            return True
        # A part of the name (a series title before a colon or after a period was dropped).
        distinctive = len(w) >= 2 or (len(w) == 1 and len(w[0]) >= 8)
        if distinctive and len(w) < len(n) and (n[: len(w)] == w or n[-len(w) :] == w):
            return True
    return False


def year_mismatch(written: int, work: Work) -> Mismatch | None:
    years = work.all_years
    if not years or written in years:
        return None
    shown = " / ".join(str(y) for y in years)
    if len(years) == 1 and written == years[0] + 1:
        return Mismatch(
            "year",
            str(written),
            shown,
            minor=True,
            note=f"{shown} may be the online date; check the issue year",
        )
    return Mismatch("year", str(written), shown)


def _split_title(entry: Reference, work: Work) -> Reference | None:
    """The entry with title and journal re-joined, when a title containing ". " was split
    into title and source while reading the entry ("Effect of X spp. Or derived ...")."""
    if not (entry.title and entry.source and work.title and work.container):
        return None
    wk = title_key(work.title)
    ek = title_key(entry.title)
    if not wk.startswith(ek + " "):
        return None
    rest = title_key(entry.source)
    tail = wk[len(ek) + 1 :]
    if rest == tail:  # the journal was lost in the split: nothing left to compare it with
        return replace(entry, title=work.title, source=None)
    if not rest.startswith(tail + " "):
        return None
    remainder = rest[len(tail) + 1 :]
    if not journal_matches(remainder, work):
        return None
    return replace(entry, title=work.title, source=remainder)


def repair_split(entry: Reference, work: Work) -> Reference:
    """``entry`` with a title split by the entry reader re-joined, when ``work`` shows it."""
    return _split_title(entry, work) or entry


def compare(entry: Reference, work: Work) -> list[Mismatch]:
    """The fields where the entry and the work differ (empty when they agree)."""
    out: list[Mismatch] = []
    split = _split_title(entry, work)
    if split:
        entry = split
    if entry.title and work.title and title_key(entry.title) != title_key(work.title):
        ek, wk = title_key(entry.title), title_key(work.title)
        if ek == title_key(_main_title(work.title)):
            out.append(
                Mismatch("title", entry.title, work.title, minor=True, note="subtitle left out")
            )
        elif wk == title_key(_main_title(entry.title)):
            out.append(
                Mismatch("title", entry.title, work.title, minor=True, note="extra subtitle")
            )
        elif len(ek.split()) >= 3 and wk.startswith(ek + " "):
            note = "the title is cut short"
            out.append(Mismatch("title", entry.title, work.title, minor=True, note=note))
        else:
            out.append(Mismatch("title", entry.title, work.title))
    first = work.first_author
    if entry.authors and first is not None and not surname_matches(entry.authors[0].family, first):
        out.append(Mismatch("first author", entry.authors[0].family, first.full or first.family))
    year = entry_year(entry.year)
    if year is not None:
        ym = year_mismatch(year, work)
        if ym:
            out.append(ym)
    # A repository or conference "venue" is not the journal an entry names: not compared.
    journal_venue = work.is_peer_reviewed_venue is not False
    if (
        entry.source
        and work.container
        and journal_venue
        and not journal_matches(entry.source, work)
    ):
        out.append(Mismatch("journal", entry.source, work.container))
    return out


def is_same_work(entry: Reference, work: Work) -> float:
    """A confidence (0..1) that ``work`` is the work ``entry`` names; 0 when it is not.

    A title alone never identifies a work (the same title exists under unrelated DOIs): a
    near-equal title needs the first author or the year to agree; a looser one needs both.
    """
    entry = repair_split(entry, work)
    sim = title_similarity(entry.title, work.title)
    author_ok = bool(
        entry.authors
        and work.first_author
        and surname_matches(entry.authors[0].family, work.first_author)
    )
    year = entry_year(entry.year)
    year_ok = year is not None and any(abs(year - y) <= 1 for y in work.all_years)
    if sim >= 0.9 and (author_ok or year_ok):
        return sim + 0.05 * (author_ok + year_ok)
    if sim >= 0.7 and author_ok and year_ok:
        return sim
    return 0.0
