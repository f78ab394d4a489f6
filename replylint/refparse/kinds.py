"""Guess what kind of work an entry describes from its parsed parts."""

from __future__ import annotations

from collections.abc import Mapping

from .. import patterns

__all__ = ["guess_kind", "is_preprint"]

_NON_WORD = patterns.compile(r"\W+")

_PREPRINT_NAME = patterns.compile(
    r"(?i)\b(?:arxiv|medrxiv|biorxiv|psyarxiv|socarxiv|edarxiv|chemrxiv|techrxiv|ssrn|"
    r"research\s+square|osf\s+preprints|preprints\.org|authorea|preprint)\b"
)
_PREPRINT_DOI = patterns.compile(
    r"(?i)^10\.(?:31234|31219|31235|31222|2139/ssrn|21203/rs\.|48550/arxiv|20944/preprints|"
    r"1101/\d{4}\.\d{2}\.\d{2}\.|1101/\d{6})"
)
#: What every ``_PREPRINT_DOI`` match starts with (digits, dots and slashes have no case).
_PREPRINT_DOI_STARTS = ("10.312", "10.2139/", "10.21203/", "10.48550/", "10.20944/", "10.1101/")
_PREPRINT_URL = patterns.compile(
    r"(?i)\b(?:arxiv\.org|medrxiv\.org|biorxiv\.org|psyarxiv\.com|osf\.io/preprints|ssrn\.com|"
    r"researchsquare\.com|preprints\.org)\b"
)
_PUBLISHER = patterns.compile(
    r"(?i)\b(?:press|publish\w*|publications|books|wiley|springer|elsevier|sage|routledge|"
    r"guilford|pearson|mcgraw|wolters|lippincott|saunders|mosby|cengage|norton|jossey|"
    r"jones\s*&\s*bartlett|taylor\s*&\s*francis|palgrave|macmillan|penguin|harper|random house|"
    r"oxford university|cambridge university|university|academic|davis)\b"
)
_PERIODICAL = patterns.compile(
    r"(?i)\b(?:journal|review|quarterly|annals|proceedings|bulletin|letters|archives|"
    r"transactions|research|nursing|medicine|psychology|psychiatry|science|sciences)\b"
)
_REPORT_WORDS = patterns.compile(
    r"(?i)\b(?:report|fact sheet|policy brief|white paper|guideline)s?\b"
)


#: A word that every ``_PREPRINT_NAME`` match holds, lower-cased.
_PREPRINT_WORDS = ("rxiv", "ssrn", "research", "osf", "preprint", "authorea")


def _may_name_preprint(value: str) -> bool:
    """False when ``_PREPRINT_NAME`` cannot match: an ASCII value without any of its words
    (ASCII letters match without case only their ASCII cases)."""
    if not value.isascii():
        return True
    low = value.lower()
    return any(word in low for word in _PREPRINT_WORDS)


def is_preprint(values: Mapping[str, str], doi: str | None, url: str | None) -> bool:
    for key in ("source", "description", "publisher", "status"):
        if key in values:
            value = values[key]
            if _may_name_preprint(value) and _PREPRINT_NAME.search(value):
                return True
    if doi and doi.startswith(_PREPRINT_DOI_STARTS) and _PREPRINT_DOI.match(doi):
        return True
    return bool(url and _PREPRINT_URL.search(url))


def guess_kind(
    values: Mapping[str, str],
    italic: Mapping[str, bool | None],
    *,
    doi: str | None,
    url: str | None,
    group_author: str | None,
    edited: bool,
    year: str | None = None,
) -> str:
    """One of "preprint", "chapter", "journal-article", "report", "book", "webpage", "unknown"."""
    source = values.get("source", "")
    if is_preprint(values, doi, url):
        return "preprint"
    if "book_title" in values and (
        not url or any(k in values for k in ("editors", "pages", "publisher", "edition"))
    ):
        return "chapter"  # not "In *Wikipedia*. URL", an entry in an online reference work
    if "report_number" in values:
        return "report"
    if "volume" in values and "edition" not in values:
        return "journal-article" if source else "book"
    if "status" in values and source:
        return "journal-article"
    publisher_like = bool(source and _PUBLISHER.search(source)) or "location" in values
    if "edition" in values or edited:
        return "book"
    if _REPORT_WORDS.search(values.get("description", "")):
        return "report"
    if group_author and source:
        same = _NON_WORD.sub("", source.lower()) == _NON_WORD.sub("", group_author.lower())
        if same or source.strip(". ").lower() == "author":
            return "report"
    journal_like = italic.get("source") is not False or italic.get("title") is not True
    in_press = (year or "").startswith("in press")
    if (doi or in_press) and source and not publisher_like and journal_like:
        return "journal-article"
    if publisher_like:
        return "book"
    if source and not url and _PERIODICAL.search(source) and italic.get("title") is not True:
        return "journal-article"
    if url and not doi:
        if url.lower().split("?")[0].endswith(".pdf") and group_author:
            return "report"
        return "webpage"
    if italic.get("title") and source and not doi:
        return "book"
    return "unknown"
