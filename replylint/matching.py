"""Match in-text citations to reference-list entries (pure).

Exact first: the cited surname(s) and the year, equal after case-folding and normalising
apostrophes and spaces (diacritics count: "Garcia" is not "García"). Then near misses, recorded
as such and never as matches: a surname within a small edit distance (Damerau-Levenshtein
<= 2, <= 1 for names of five letters or fewer, only swapped letters for three or fewer) or
differing only in diacritics or by a dropped particle or first part of a compound surname
("Berg" for "van den Berg"), in the first or any later cited name ("near-author"), or the
same authors with a year or year letter that differs by up to three years ("near-year").

Design choices the rules rely on:

* A citation whose author list differs from the entry's in count only (``et al.`` for a one- or
  two-author work, one name cited for a two-author work) or names a later author the entry
  does not have is still an exact match when first author and year agree and no entry fits
  better; ``Match.detail`` says what differs and the citation-form rules compare the counts.
* Near-miss details are one pair, "as cited ~ as listed" ("Smyth ~ Smith", "2019 ~ 2020";
  several listed years are joined with " / ").
* Initials written before a surname ("X. Li et al.") pick between entries whose first authors
  share that surname.
* Unparsed entries never match exactly; their leading name can still make a near miss.
* MLA (author-page) and numeric citations are never exact: a surname hit is a "near-year"
  with detail "no year in citation".
* An APA citation written without a year (a repeated narrative citation) matches exactly when
  one entry has its authors.
* In an "as cited in" group the original work is not expected in the list: when it has no
  exact match it gets kind "none" with detail "primary source of a secondary citation".
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import regex

from . import patterns
from .model import Citation, Match, Reference

__all__ = ["abbreviation_of", "edit_distance", "loose_key", "match_citations", "surname_key"]

_NON_ALNUM = patterns.compile(r"[^\p{L}\p{N}]")
_NAME_WORD = patterns.compile(r"[\p{L}][\p{L}'’-]*")
_SPACES = patterns.compile(r"\s+")
_YEAR_AND_LETTER = patterns.compile(r"(\d{4})([a-z]?)")
_LETTER_AFTER_HYPHEN = patterns.compile(r"(.+?)-([a-z])")
_CAPITAL = patterns.compile(r"\p{Lu}")
_WORD_BREAKS = patterns.compile(r"[\s-]+")
_LEADING_THE = patterns.compile(r"^the\s+", flags=regex.IGNORECASE)
_ENTRY_HEAD = patterns.compile(r"\s*(?:\d{1,3}[.)]\s+)?([^,.(]+)")

# Apostrophes to "'" and dashes to "-" in one table (no output of one is an input of the other).
_APOSTROPHES_AND_DASHES = str.maketrans(
    {"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "‐": "-", "‑": "-", "–": "-", "—": "-"}
)
_LEADING_INITIALS = patterns.compile(r"^(?:\p{Lu}\.\s*(?:-\s*\p{Lu}\.\s*)?)+\s+(?=\p{L})")
SECONDARY_DETAIL = "primary source of a secondary citation"


def surname_key(name: str) -> str:
    """The exact-match key of a surname or group name: NFC, case-folded, tidy apostrophes and
    spaces, leading initials ("X. Li") and trailing periods dropped."""
    if name.isascii() and name.isalpha():
        # Only ASCII letters: no step below changes them except case-folding (= lower()).
        return name.lower()
    s = unicodedata.normalize("NFC", name).translate(_APOSTROPHES_AND_DASHES)
    # Every other white space character is unprintable, so a printable text without "  " has
    # only single spaces.
    if not s.isprintable() or "  " in s:
        s = _SPACES.sub(" ", s)
    s = s.strip().strip('"“”*_,')
    if s[1:2] == ".":  # initials start with one capital and "."
        s = _LEADING_INITIALS.sub("", s)
    s = _LEADING_THE.sub("", s) if len(s.split()) > 2 else s
    return s.rstrip(". ").casefold()


def loose_key(name: str) -> str:
    """The near-miss key: ``surname_key`` without diacritics, spaces or punctuation."""
    key = surname_key(name)
    if key.isascii():
        # Decomposing, dropping combining marks and the letter replacements only touch
        # non-ASCII text; ASCII letters and digits are exactly what ``_NON_ALNUM`` keeps.
        return key if key.isalnum() else _NON_ALNUM.sub("", key)
    decomposed = unicodedata.normalize("NFKD", key)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.replace("ß", "ss").replace("ø", "o").replace("ł", "l").replace("đ", "d")
    return _NON_ALNUM.sub("", stripped)


def edit_distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (optimal string alignment: adjacent transpositions cost 1)."""
    if a == b:
        return 0
    if not a or not b:
        return len(a) or len(b)
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def abbreviation_of(name: str) -> str:
    """Initials of a group name's capitalised words: "World Health Organization" -> "WHO"."""
    words = _NAME_WORD.findall(name)
    return "".join(w[0] for w in words if w[0].isupper()).upper()


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(c in it for c in short)


def _abbreviates(abbr: str, name: str) -> bool:
    """``abbr`` (all capitals, 2+) stands for group name ``name``."""
    if len(abbr) < 2 or not abbr.isupper() or not abbr.isalpha():
        return False
    initials = abbreviation_of(name)
    if len(initials) < 2:
        return False
    return initials == abbr or (
        abbr[0] == initials[0]
        and len(abbr) >= len(initials) - 2
        and _is_subsequence(abbr, initials)
    )


def _tail_words(name: str) -> list[str]:
    keys = (loose_key(w) for w in _WORD_BREAKS.split(surname_key(name)))
    return [k for k in keys if k]


def _near_name(a: str, b: str) -> bool:
    """Surnames close enough to be a misspelling of each other (diacritics, typos), or one the
    other without its particle or first part ("Berg" / "van den Berg", "Carthon" /
    "Brooks Carthon")."""
    la, lb = loose_key(a), loose_key(b)
    if not la or not lb:
        return False
    if la == lb:
        return True
    wa, wb = _tail_words(a), _tail_words(b)
    short, long = (wa, wb) if len(wa) < len(wb) else (wb, wa)
    if short and len(short) < len(long) and long[-len(short) :] == short and len(short[-1]) > 2:
        return True
    shortest = min(len(la), len(lb))
    if shortest <= 3:  # "Li" and "Lu" are different names; only swapped letters count
        return sorted(la) == sorted(lb) and edit_distance(la, lb) == 1
    limit = 1 if shortest <= 5 else 2
    # Each edit changes the length by at most one, so the distance is at least the difference.
    return abs(len(la) - len(lb)) <= limit and edit_distance(la, lb) <= limit


def _year_parts(year: str) -> tuple[str, str]:
    """('2021', 'a') from '2021a'; ('n.d.', 'a') from 'n.d.-a'."""
    if len(year) == 4 and year.isascii() and year.isdigit():
        return year, ""  # what the steps below give for a plain year
    y = _SPACES.sub(" ", year.strip().casefold())
    m = _YEAR_AND_LETTER.fullmatch(y)
    if m:
        return m.group(1), m.group(2)
    m = _LETTER_AFTER_HYPHEN.fullmatch(y)
    if m:
        return m.group(1), m.group(2)
    return y, ""


class _Entry:
    """A reference reduced to what matching needs; ``names[i]`` is ``surname_key(raw[i])``."""

    def __init__(self, ref: Reference) -> None:
        self.ref = ref
        if ref.parsed and ref.authors:
            self.names = [surname_key(a.family) for a in ref.authors]
            self.raw = [a.family for a in ref.authors]
            self.group = ref.authors[0].group
        elif ref.parsed and ref.title:
            self.names = [surname_key(ref.title)]
            self.raw = [ref.title]
            self.group = True
        else:
            head = _ENTRY_HEAD.match(ref.text)
            first = head.group(1).strip() if head else ""
            self.names = [surname_key(first)] if first else []
            self.raw = [first] if first else []
            self.group = False
        # 21+ authors shortened with ". . ."; "et al." in an entry hides an unknown number
        self.count = len(self.names) + (20 if ref.authors_ellipsis else 0)
        if ref.authors_et_al:
            self.count = max(self.count, 3)
        self.year = ref.year


def _names_of(citation: Citation, abbreviations: dict[str, str]) -> list[tuple[str, str]]:
    """(key, as written) per cited name; a defined abbreviation becomes its full name."""
    names = []
    for name in citation.authors:
        key = surname_key(name)
        names.append((abbreviations.get(key, key), name))
    return names


def _first_equal(cited: tuple[str, str], entry: _Entry) -> bool:
    key, written = cited
    if not entry.names:
        return False
    if key == entry.names[0]:
        return True
    if entry.group and entry.ref.authors:
        return _abbreviates(written.strip(), entry.raw[0])
    if entry.group and entry.ref.title:
        # a no-author work is cited by the first words of its title
        return len(key) >= 4 and entry.names[0].startswith(key.rstrip(".…, "))
    return False


def _authors_fit(
    names: list[tuple[str, str]], et_al: bool, entry: _Entry
) -> tuple[bool, bool, str | None, str | None]:
    """(first author agrees, whole list agrees, detail when only the first does,
    "Bayssi ~ Bayssie" when a later cited name is a near miss of the entry's)."""
    if not names or not _first_equal(names[0], entry):
        return False, False, None, None
    count = entry.count
    mismatched = []
    elsewhere = False
    for i, (key, written) in enumerate(names[1:], 1):
        if i < len(entry.names) and key == entry.names[i]:
            continue
        if key in entry.names:
            elsewhere = True  # listed, but at another position
            continue
        mismatched.append((written, entry.raw[i] if i < len(entry.raw) else None))
    near = next(
        (f"{w} ~ {listed}" for w, listed in mismatched if listed and _near_name(w, listed)), None
    )
    if near:
        return True, False, None, near
    if elsewhere and not mismatched and len(names) == count:
        return True, False, "authors cited in a different order", None
    if et_al:
        if count >= 3 and not mismatched and not elsewhere:
            return True, True, None, None
        return True, False, f"et al. for a {count}-author work" if count < 3 else None, None
    if len(names) == count and not mismatched and not elsewhere:
        return True, True, None, None
    if mismatched:
        return True, False, f"{mismatched[0][0]} is not among the entry's authors", None
    return True, False, f"{len(names)} of {count} authors cited", None


def _year_equal(cited: str | None, entry: str | None) -> bool:
    if cited is None or entry is None:
        return False
    return _year_parts(cited) == _year_parts(entry)


def _year_near(cited: str, entry: str) -> bool:
    (cy, cs), (ey, es) = _year_parts(cited), _year_parts(entry)
    if cy == ey:
        return cs != es
    if cy.isdigit() and ey.isdigit():
        return abs(int(cy) - int(ey)) <= 3
    return True  # "n.d." vs "2020", "in press" vs "2024"


def match_citations(
    citations: Sequence[Citation], references: Sequence[Reference]
) -> tuple[Match, ...]:
    """One ``Match`` per citation, in order."""
    entries = [_Entry(r) for r in references]
    abbreviations = _abbreviation_map(citations)
    out = []
    for index, citation in enumerate(citations):
        match = _match_one(index, citation, entries, abbreviations)
        if match.kind != "exact" and _is_primary(index, citations):
            match = Match(citation=index, reference=None, kind="none", detail=SECONDARY_DETAIL)
        out.append(match)
    return tuple(out)


def _is_primary(index: int, citations: Sequence[Citation]) -> bool:
    """The citation is the original work of an "as cited in" pair."""
    c = citations[index]
    if c.secondary:
        return False
    for other in citations[index + 1 :]:
        if other.secondary and (other.group == c.group or other.span.start - c.span.end <= 40):
            return True
        if other.group != c.group:
            return False
    return False


def _abbreviation_map(citations: Sequence[Citation]) -> dict[str, str]:
    """ "who" -> "world health organization" for abbreviations the reply defined."""
    out: dict[str, str] = {}
    for c in citations:
        if c.abbreviation and c.authors:
            out[surname_key(c.abbreviation)] = surname_key(c.authors[0])
    return out


def _match_one(
    index: int, citation: Citation, entries: list[_Entry], abbreviations: dict[str, str]
) -> Match:
    names = _names_of(citation, abbreviations)
    if not names:
        return Match(citation=index, reference=None, kind="none")
    strict: list[int] = []
    lenient: list[tuple[int, str | None]] = []
    same_authors: list[int] = []
    near_names: list[tuple[int, str]] = []
    for i, entry in enumerate(entries):
        first, whole, detail, near = _authors_fit(names, citation.et_al, entry)
        if not first:
            continue
        if near:
            if citation.year is None or _year_equal(citation.year, entry.year):
                near_names.append((i, near))
            continue
        same_authors.append(i)
        if citation.style != "apa" or not entry.ref.parsed:
            continue
        if citation.year is None or _year_equal(citation.year, entry.year):
            if whole:
                strict.append(i)
            else:
                lenient.append((i, detail))
    detail = "no year in citation" if citation.year is None else None
    if len(strict) > 1:
        strict = _by_initials(citation, strict, entries) or strict
    if len(strict) == 1:
        return Match(citation=index, reference=strict[0], kind="exact", detail=detail)
    if len(strict) > 1:
        return Match(citation=index, reference=None, kind="ambiguous", candidates=tuple(strict))
    if len(lenient) == 1:
        i, why = lenient[0]
        why = "; ".join(d for d in (why, detail) if d) or None
        return Match(citation=index, reference=i, kind="exact", detail=why)
    if len(lenient) > 1:
        cands = tuple(i for i, _ in lenient)
        return Match(citation=index, reference=None, kind="ambiguous", candidates=cands)
    if near_names:
        return Match(
            citation=index,
            reference=None,
            kind="near-author",
            candidates=tuple(i for i, _ in near_names),
            detail=near_names[0][1],
        )
    return _near(index, citation, names, entries, same_authors)


def _initials(text: str) -> str:
    return "".join(_CAPITAL.findall(text))


def _by_initials(citation: Citation, found: list[int], entries: list[_Entry]) -> list[int]:
    """Among entries whose first authors share a surname, those with the cited initials
    ("X. Li et al." vs "Y.-J. Li et al.")."""
    if not citation.authors:
        return []
    lead = _LEADING_INITIALS.match(unicodedata.normalize("NFC", citation.authors[0]).strip())
    if not lead:
        return []
    wanted = _initials(lead.group())
    out = []
    for i in found:
        authors = entries[i].ref.authors
        if authors and authors[0].given and _initials(authors[0].given) == wanted:
            out.append(i)
    return out


def _near(
    index: int,
    citation: Citation,
    names: list[tuple[str, str]],
    entries: list[_Entry],
    same_authors: list[int],
) -> Match:
    year = citation.year
    if same_authors:
        if citation.style != "apa" or year is None:
            return Match(
                citation=index,
                reference=None,
                kind="near-year",
                candidates=tuple(same_authors),
                detail="no year in citation",
            )
        years = [i for i in same_authors if _year_near(year, entries[i].year or "unparsed")]
        if years:
            shown = " / ".join(dict.fromkeys(entries[i].year or "no year" for i in years))
            return Match(
                citation=index,
                reference=None,
                kind="near-year",
                candidates=tuple(years),
                detail=f"{year} ~ {shown}",
            )
    near: list[int] = []
    details: list[str] = []
    written = names[0][1]
    for i, entry in enumerate(entries):
        # entry.names[0] is surname_key(entry.raw[0]) (see _Entry)
        if i in same_authors or not entry.raw or names[0][0] == entry.names[0]:
            continue
        if not _near_name(names[0][0], entry.raw[0]):
            continue
        if year and entry.year and _year_parts(year)[0] != _year_parts(entry.year)[0]:
            continue
        near.append(i)
        details.append(f"{written} ~ {entry.raw[0]}")
    exact_year = [k for k, i in enumerate(near) if _year_equal(year, entries[i].year)]
    if exact_year:
        near = [near[k] for k in exact_year]
        details = [details[k] for k in exact_year]
    if near:
        return Match(
            citation=index,
            reference=None,
            kind="near-author",
            candidates=tuple(near),
            detail=details[0],
        )
    return Match(citation=index, reference=None, kind="none")
