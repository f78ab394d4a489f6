"""DOIs, URLs and "Retrieved ... from" phrases in a reference entry."""

from __future__ import annotations

from typing import NamedTuple

from .. import patterns

__all__ = ["Links", "find_links", "trim_link"]

_DOI = patterns.compile(
    r"""(?ix)
    (?P<prefix>
        https?://(?:dx\.|www\.)?doi\.org/[ ]?
      | https?://doi[-.]org[\w.-]*/
      | (?<![\w/])doi\.org/
      | (?<![\w/.])doi\s*:\s*
      | (?<![\w/.])doi\s+(?=10\.)
    )?
    (?P<doi>10\.\d{4,9}/\S+)
    """
)
_DOI_GROUP = _DOI.groupindex["doi"]  # by number: the regex module looks a name up on every call
_URL = patterns.compile(r"(?i)(?:https?://|(?<![\w@/.])www\.)[^\s<>\"]+")
#: What a ``_DOI`` match and a ``_URL`` match start with (ASCII case aside): a prefix ("http",
#: "doi") or the bare DOI ("10."), and "http" or "www.".
_DOI_STARTS = ("http", "doi", "10.")
_URL_STARTS = ("http", "www.")
_RETRIEVED = patterns.compile(
    r"(?i)\b(?:retrieved|accessed)\b(?P<date>[^.]{0,40}?)\s*,?\s*\bfrom\s*$"
)


def trim_link(text: str, start: int, end: int) -> int:
    """The end of a DOI/URL match without trailing punctuation or unbalanced brackets."""
    while end > start:
        ch = text[end - 1]
        if ch in ".,;:'\"”’>":
            end -= 1
        elif ch in ")]}":
            opener = {")": "(", "]": "[", "}": "{"}[ch]
            body = text[start:end]
            if body.count(opener) < body.count(ch):
                end -= 1
            else:
                break
        else:
            break
    return end


class Links(NamedTuple):
    """Where the DOI, URL and retrieval phrase are (local offsets), and the bare DOI."""

    doi: str | None = None
    doi_span: tuple[int, int] | None = None
    url: str | None = None
    url_span: tuple[int, int] | None = None
    retrieved_span: tuple[int, int] | None = None
    #: Where the links part of the entry starts (the first DOI, URL or retrieval phrase).
    start: int | None = None


def _first_start(low: str | None, after: int, starts: tuple[str, ...]) -> int | None:
    """Where the first of ``starts`` occurs in ``low`` at or after ``after`` (None: nowhere).

    ``low`` is the entry lower-cased, offset for offset (None when lowering changed its length,
    as "İ" does: then every position may start a match and the answer is ``after``). The
    patterns' IGNORECASE letters here match only their ASCII cases, except "i", which also
    matches "İ": so no match starts before the position returned, and a search from there
    finds the same match as one from ``after`` (look-behinds still see the text before it).
    """
    if low is None:
        return after
    first = None
    for start in starts:
        i = low.find(start, after)
        if i >= 0 and (first is None or i < first):
            first = i
    return first


def find_links(text: str, after: int = 0) -> Links:
    """Find the first DOI and the first other URL at or after ``after``."""
    doi = doi_span = url = url_span = retrieved = None
    starts: list[int] = []
    lowered = text.lower()
    low = lowered if len(lowered) == len(text) else None
    doi_from = _first_start(low, after, _DOI_STARTS)
    m = _DOI.search(text, doi_from) if doi_from is not None else None
    if m:
        doi_start = m.start(_DOI_GROUP)
        end = trim_link(text, doi_start, m.end())
        doi = text[doi_start:end]
        doi_span = (m.start(), end)
        starts.append(m.start())
    url_from = _first_start(low, after, _URL_STARTS)
    for u in _URL.finditer(text, url_from) if url_from is not None else ():
        if doi_span and doi_span[0] <= u.start() < doi_span[1]:
            continue
        end = trim_link(text, u.start(), u.end())
        if "doi.org/" in text[u.start() : end].lower() and doi_span:
            continue
        url = text[u.start() : end]
        url_span = (u.start(), end)
        starts.append(u.start())
        break
    first = min(starts) if starts else None
    if first is not None:
        line_start = max(text.rfind(".", after, first), text.rfind("\n", after, first), after)
        before = text[line_start:first]
        # the phrase ends with "from" and spaces ("\s" are all str.isspace; no letter but the
        # ASCII ones matches "f", "r", "o" or "m" without case)
        r = _RETRIEVED.search(before) if before.rstrip()[-4:].lower() == "from" else None
        if r:
            retrieved = (line_start + r.start(), first)
            while retrieved[1] > retrieved[0] and text[retrieved[1] - 1].isspace():
                retrieved = (retrieved[0], retrieved[1] - 1)
            starts.append(retrieved[0])
    return Links(
        doi=doi,
        doi_span=doi_span,
        url=url,
        url_span=url_span,
        retrieved_span=retrieved,
        start=min(starts) if starts else None,
    )
