"""The normalised bibliographic record every service and importer produces, and its keys."""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace
from typing import Any

__all__ = [
    "Work",
    "WorkAuthor",
    "fold",
    "merge_works",
    "normalize_doi",
    "split_full_name",
    "strip_markup",
    "title_key",
    "title_tokens",
]

_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*|urn:doi:)", re.IGNORECASE)
_DOI_SHAPE = re.compile(r"^10\.\d{4,9}/\S+$")
_TAG = re.compile(r"<[^>]{1,200}>")
_NON_WORD = re.compile(r"[^\w\s]+", re.UNICODE)
_SPACE = re.compile(r"\s+")

#: Name particles that belong to the family name when a full name is split.
_PARTICLES = frozenset(
    "van von der den de del della di da dos das du la le ten ter bin ibn al el".split()  # noqa: SIM905
)


def normalize_doi(value: str | None) -> str | None:
    """A bare, lower-cased DOI (``10.x/...``), or None when ``value`` is not a DOI."""
    if not value:
        return None
    doi = _DOI_PREFIX.sub("", value.strip()).strip().rstrip(".,;")
    doi = doi.lower()
    return doi if _DOI_SHAPE.match(doi) else None


def strip_markup(text: str) -> str:
    """Remove inline HTML/JATS/MathML tags, unescape entities and collapse whitespace."""
    text = html.unescape(_TAG.sub("", text))
    return _SPACE.sub(" ", text).strip()


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case- and diacritics-insensitive form: 'Müller-Lüdenscheidt' -> 'muller-ludenscheidt'."""
    if text.isascii():
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.replace("ß", "ss").replace("ø", "o").replace("ł", "l").casefold()


@functools.lru_cache(maxsize=65536)
def title_tokens(title: str | None) -> tuple[str, ...]:
    """A title's words, folded, without markup or punctuation ('&' reads as 'and')."""
    if not title:
        return ()
    text = fold(strip_markup(title)).replace("&", " and ")
    text = text.replace("'", "").replace("’", "")
    return tuple(_NON_WORD.sub(" ", text).split())


def title_key(title: str | None) -> str:
    """The words of a title joined by single spaces: equal keys mean equal titles."""
    return " ".join(title_tokens(title))


def split_full_name(name: str) -> tuple[str, str | None]:
    """Split 'Jean-Paul van der Berg' into ('van der Berg', 'Jean-Paul'); best effort."""
    name = _SPACE.sub(" ", name.strip())
    if "," in name:
        family, _, given = name.partition(",")
        return family.strip(), given.strip() or None
    parts = name.split(" ")
    if len(parts) == 1:
        return parts[0], None
    start = len(parts) - 1
    while start > 1 and parts[start - 1].casefold() in _PARTICLES:
        start -= 1
    return " ".join(parts[start:]), " ".join(parts[:start]) or None


@dataclass(frozen=True)
class WorkAuthor:
    """One author: ``family`` and ``given``, or a group name in ``family`` with ``group``."""

    family: str
    given: str | None = None
    group: bool = False
    #: The name as the source wrote it when it gave no family/given split (OpenAlex).
    full: str | None = None


@dataclass(frozen=True)
class Work:
    """A work as one source describes it, normalised."""

    source: str
    doi: str | None = None
    title: str | None = None
    authors: tuple[WorkAuthor, ...] = ()
    #: The year APA cites (issue year when known, else the only year known).
    year: int | None = None
    #: Every publication year the source knows (print, online, issued).
    years: tuple[int, ...] = ()
    container: str | None = None
    container_short: str | None = None
    #: The source's own type word ("journal-article", "article", "Journal Article", ...).
    type: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    article_number: str | None = None
    pmid: str | None = None
    is_retracted: bool = False
    #: True: a journal venue with substantive content; False: preprint, non-journal venue,
    #: editorial, letter...; None: the metadata cannot tell.
    is_peer_reviewed_venue: bool | None = None
    #: Why the work is not peer-reviewed by its metadata ("posted content (preprint)", ...).
    not_peer_reviewed_reason: str | None = None
    #: A retraction notice DOI or other detail of the retraction, when known.
    retraction_detail: str | None = None
    extra: Mapping[str, str] = field(default_factory=dict)

    @property
    def first_author(self) -> WorkAuthor | None:
        return self.authors[0] if self.authors else None

    @property
    def all_years(self) -> tuple[int, ...]:
        ys = {*self.years}
        if self.year is not None:
            ys.add(self.year)
        return tuple(sorted(ys))

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["authors"] = [
            {k: v for k, v in asdict(a).items() if v not in (None, False)} for a in self.authors
        ]
        data["extra"] = dict(self.extra)
        keep = {"is_peer_reviewed_venue"}  # False is information here, not absence
        return {k: v for k, v in data.items() if k in keep or v not in (None, (), [], {}, False)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Work:
        authors = tuple(
            WorkAuthor(
                family=str(a.get("family", "")),
                given=a.get("given"),
                group=bool(a.get("group", False)),
                full=a.get("full"),
            )
            for a in data.get("authors", ())
        )
        return cls(
            source=str(data.get("source", "library")),
            doi=data.get("doi"),
            title=data.get("title"),
            authors=authors,
            year=data.get("year"),
            years=tuple(data.get("years", ())),
            container=data.get("container"),
            container_short=data.get("container_short"),
            type=data.get("type"),
            volume=data.get("volume"),
            issue=data.get("issue"),
            pages=data.get("pages"),
            article_number=data.get("article_number"),
            pmid=data.get("pmid"),
            is_retracted=bool(data.get("is_retracted", False)),
            is_peer_reviewed_venue=data.get("is_peer_reviewed_venue"),
            not_peer_reviewed_reason=data.get("not_peer_reviewed_reason"),
            retraction_detail=data.get("retraction_detail"),
            extra=dict(data.get("extra", {})),
        )


#: Which source's names and fields to prefer when several describe one work.
_PREFERENCE = {"crossref": 0, "pubmed": 1, "csl": 2, "europepmc": 3, "openalex": 4}


def merge_works(works: Iterable[Work]) -> Work | None:
    """One work from several descriptions of it: structured names first, flags OR-ed."""
    ordered = sorted(works, key=lambda w: _PREFERENCE.get(w.source, 5))
    if not ordered:
        return None
    best = ordered[0]
    years = {y for w in ordered for y in w.all_years}
    retracted = [w for w in ordered if w.is_retracted]
    not_pr = [w for w in ordered if w.is_peer_reviewed_venue is False]
    peer: bool | None = best.is_peer_reviewed_venue
    reason = best.not_peer_reviewed_reason
    if not_pr:
        peer, reason = False, not_pr[0].not_peer_reviewed_reason
    elif peer is None:
        peer = next((w.is_peer_reviewed_venue for w in ordered if w.is_peer_reviewed_venue), None)

    def first(attr: str) -> Any:
        return next((getattr(w, attr) for w in ordered if getattr(w, attr)), None)

    return replace(
        best,
        doi=first("doi"),
        title=first("title"),
        authors=first("authors") or (),
        year=first("year"),
        years=tuple(sorted(years)),
        container=first("container"),
        container_short=first("container_short"),
        volume=first("volume"),
        issue=first("issue"),
        pages=first("pages"),
        article_number=first("article_number"),
        pmid=first("pmid"),
        is_retracted=bool(retracted),
        retraction_detail=retracted[0].retraction_detail if retracted else None,
        is_peer_reviewed_venue=peer,
        not_peer_reviewed_reason=reason,
    )
