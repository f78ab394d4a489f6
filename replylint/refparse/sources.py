"""The title and the source part of an entry: journal, volume(issue), pages or article number;
publisher, edition, location; chapter editors and book title."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import regex

from .. import patterns
from ..lazyre import lazy_compile
from .segments import boundaries, strip_span

__all__ = ["Parts", "parse_source", "parse_title"]

_LIST_PIECE = patterns.compile(r"[^,;]+")
_E_LOCATOR = patterns.compile(r"[a-z]{1,6}\d{3,}")
_VOLUME_PIECE = patterns.compile(r"(?i)vols?\.\s*\S+")
_VOLUME_LABEL = patterns.compile(r"(?i)vols?\.")

Spans = Sequence[tuple[int, int]]


@dataclass
class Parts:
    """Field spans (local offsets) and, where they differ from the text, field values."""

    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    values: dict[str, str] = field(default_factory=dict)

    def put(self, name: str, start: int, end: int, value: str | None = None) -> None:
        self.spans[name] = (start, end)
        if value is not None:
            self.values[name] = value


_EDITION = patterns.compile(
    r"(?i)^(?:\d+(?:st|nd|rd|th)|rev\.?|revised|[a-z]+)\s+(?:ed\.?|edition)$|^\d+\s+ed\.?$"
)
_REPORT = patterns.compile(
    r"(?i)\b(?:report|publication|pub\.|document|doc\.|paper|brief|bulletin|series)\b.*\bno\.|"
    r"\breport\b|\bno\.\s*\S+"
)
_PAGES_IN = patterns.compile(r"(?i)\bpp?\.\s*(?P<pages>[\w]+(?:\s*[-–—]\s*[\w]+)?)")
_TRAILING_GROUP = patterns.compile(r"\s*(?:\((?P<paren>[^()]*)\)|\[(?P<bracket>[^\[\]]*)\])\s*$")


def parse_title(text: str, start: int, end: int, italics: Spans, parts: Parts) -> int | None:
    """Record the title starting at ``start``; return where the next element starts."""
    start, end = strip_span(text, start, end)
    if start >= end:
        return None
    cuts = boundaries(text, start, end)
    if not cuts:
        title_end, nxt = end, end
    else:
        chosen = _choose(text, start, end, cuts, italics)
        title_end = chosen[0] + (0 if text[chosen[0]] == "." else 1)
        nxt = chosen[1]
    title_end = _title_extras(text, start, title_end, parts)
    ts, te = strip_span(text, start, title_end)
    if te - ts > 1 and text[ts] in '"“':  # a title in quotation marks (not APA, kept as such)
        if text[te - 1] in '"”':
            ts, te = ts + 1, te - 1
        elif not any(q in text[ts + 1 : te] for q in '"“”'):
            ts += 1  # '"Title." Journal': the closing mark sits after the period
    if ts >= te:
        return None
    parts.put("title", ts, te)
    return nxt


_SUBTITLE = lazy_compile(
    r"(?i)(?:(?:a|an)\s+(?:[\w-]+\s+){0,4}(?:review|meta-analysis|study|trial|report|analysis|"
    r"survey|protocol|overview|update|evaluation|experience)s?"
    r"|(?:systematic|scoping|narrative|integrative|rapid|literature|umbrella)\s+review\b.*"
    r"|(?:part|phase)\s+(?:[ivx]+|\d+)\b.*"
    r"|(?:results|findings|lessons|evidence)\s+from\b.*|preliminary\s+\w+.*|report\s+of\b.*)$"
)


def _choose(
    text: str,
    start: int,
    end: int,
    cuts: list[tuple[int, int, bool]],
    italics: Spans,
) -> tuple[int, int, bool]:
    if italics:
        lead = next((it for it in italics if it[0] <= start < it[1]), None)
        if lead is not None:
            after = [c for c in cuts if c[0] >= lead[1] - 1]
            if after:
                return after[0]
        later = [it[0] for it in italics if it[0] > start]
        for c in cuts:
            if c[1] in later:
                return c
    strong = [c for c in cuts if c[2]]
    if strong and strong[0][1] < end:
        if text[strong[0][0]] in "?!" and not _journal_fits(text, strong[0][1], end):
            # "Why do nurses leave? Findings from a review. Journal, 3(1), 1-9": the title
            # runs on to the boundary after which a journal source follows, if there is one
            fits = (c for c in cuts[1:8] if c[1] < end and _journal_fits(text, c[1], end))
            fit = next(fits, None)
            if fit is not None:
                return fit
            # "Stop the burnout! A guide for nurses. Publisher.": a subtitle follows the mark
            rest = [c for c in strong[1:] if c[1] < end]
            if rest and not _chapter_at(text, strong[0][1], end):
                return rest[0]
        # "... purposes. A systematic review. Journal, 3(1)": a study-type subtitle after a
        # period belongs to the title when a journal source follows it
        chosen = strong[0]
        for c in strong[1:4]:
            if not _SUBTITLE.match(text, chosen[1], c[0]) or not _journal_fits(text, c[1], end):
                break
            chosen = c
        return chosen
    for c in cuts:  # a weak boundary ("U.S.") only when nothing else leaves a source
        if c[1] < end:
            return c
    return cuts[0]


def _title_extras(text: str, start: int, end: int, parts: Parts) -> int:
    """Peel "(2nd ed.)", "(Report No. 5)", "(pp. 1-20)" and "[Description]" off a title."""
    while True:
        # the group ends in ")" or "]": without one the search cannot match
        if text.find(")", start, end) < 0 and text.find("]", start, end) < 0:
            return end
        m = _TRAILING_GROUP.search(text, start, end)
        if not m or m.start() <= start:
            return end
        if m.group("bracket") is not None:
            parts.put("description", m.start("bracket") - 1, m.end("bracket") + 1)
            end = m.start()
            continue
        inner = m.group("paren")
        s = m.start("paren")
        known = False
        for piece in _LIST_PIECE.finditer(inner):
            p = piece.group().strip()
            ps = s + piece.start() + (len(piece.group()) - len(piece.group().lstrip()))
            pe = ps + len(p)
            if _EDITION.match(p):
                parts.put("edition", ps, pe)
                known = True
            elif (pm := _PAGES_IN.match(p)) is not None:
                parts.put("pages", ps, pe, pm.group("pages"))
                known = True
            elif _VOLUME_PIECE.match(p):
                parts.put("book_volume", ps, pe)
                known = True
            elif _REPORT.search(p):
                parts.put("report_number", ps, pe)
                known = True
        if not known:
            return end
        end = m.start()


# --- the source part ---------------------------------------------------------------------

_PAGE = r"(?:[A-Za-z]{0,2}\d+[A-Za-z]?(?:\.e\d+)?|[a-z]{1,6}\d{3,})"
# The source is comma-free runs joined by single commas, tried shortest first. It can only end
# before a space or a comma (the separator after it starts with one), so each run grows by a
# whole word or by one space at a time instead of by every character.
_SOURCE_RUN = r"(?:[^,\s]++|\s)+?"
_JOURNAL = patterns.compile(
    rf"""(?x)(?P<source>{_SOURCE_RUN}(?:,{_SOURCE_RUN})*?)(?:\s*,\s*|\s+(?=\d+[A-Za-z]?\s*\())
    (?P<vol_label>(?:Vol\.?|Volume)\s*)?(?P<volume>\d+[A-Za-z]?|[A-Z]\d+)
    (?:\s*\(\s*(?P<issue>[^()]{{1,24}}?)\s*\)|\s*,?\s*(?:No\.?|Issue|Iss\.)\s*(?P<issue>[\w-]+))?
    (?:(?:\s*[,:]\s*|\s+)(?:
        (?P<pages_all>(?P<pp>pp?\.\s*)?(?P<pages>{_PAGE}(?:\s*[-–—‐‑]+\s*{_PAGE})?
            (?:\s*,\s*{_PAGE}(?:\s*[-–—]\s*{_PAGE})?)*))(?![\w])
      | (?P<article_all>(?:Article|Art\.)(?:\s+(?:No\.?|number))?\s*
            (?P<article>[A-Za-z]{{0,6}}\d[\w.-]*))
    ))?
    (?P<rest>(?:\s*\.)?(?:\s+\S.*)?)\s*$"""
)
# _JOURNAL's group numbers: the regex module looks a group name up anew on every call, which
# costs more than reading the group itself.
_J_GROUPS = ("source", "volume", "issue", "pages_all", "pages", "article_all", "article", "rest")
_J_SOURCE, _J_VOLUME, _J_ISSUE, _J_PAGES_ALL, _J_PAGES, _J_ARTICLE_ALL, _J_ARTICLE, _J_REST = (
    _JOURNAL.groupindex[name] for name in _J_GROUPS
)
#: What may follow the journal part: a status, a PubMed id, an original-publication note.
_EXTRA = patterns.compile(
    r"(?i)(?P<status>advance online publication|epub ahead of print|online ahead of print|"
    r"online first|in press)|(?P<pmid>PMC?ID\s*:?\s*\w+|PMC\d+)|"
    r"(?P<original>\(original work published[^)]*\))"
)
_STATUS = patterns.compile(
    r"(?i)\s*(?:advance online publication|epub ahead of print|online ahead of print|"
    r"online first|in press)\.?\s*$"
)
_LOCATION = patterns.compile(
    r"(?P<loc>\p{Lu}[\p{L}.'’]*(?:\s+\p{Lu}[\p{L}.'’]*){0,3}"
    r"(?:,\s*\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*){0,2})?)\s*:\s*(?P<pub>\S.*)$"
)
_CHAPTER = patterns.compile(r"In\s+")


def _chapter_at(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` opens with "In" and a space (a chapter's book part)."""
    return text.startswith("In", start, end) and _CHAPTER.match(text, start, end) is not None


_IN_EDITORS = patterns.compile(r"\((?P<label>[Ee]ds?\.?|[Ee]ditors?)\)\s*,?\s*")
_CHAPTER_PAREN = patterns.compile(r"\((?P<inner>[^()]*\b(?:pp?\.|ed\.|Vols?\.)[^()]*)\)")


def _journal_fits(text: str, start: int, end: int, strict: bool = True) -> bool:
    start, end = strip_span(text, start, end, " \t\n.,")
    if start >= end or _chapter_at(text, start, end):
        return False
    return _journal_ok(text, _JOURNAL.match(text, start, end), strict)


def _journal_ok(text: str, j: regex.Match[str] | None, strict: bool) -> bool:
    """Whether ``j`` (a ``_JOURNAL`` match) leaves nothing after the journal part but a status,
    a PubMed id or an original-publication note; with ``strict``, whether the journal name also
    has no sentence end inside it."""
    if not j:
        return False
    rest = j[_J_REST]
    # an _EXTRA match holds letters: a rest of spaces and punctuation has none to remove
    if rest.strip(" .;,") and _EXTRA.sub("", rest).strip(" .;,"):
        return False
    # strict: the journal name is one element, with no sentence end inside it
    return not strict or not any(
        c[2] for c in boundaries(text, j.start(_J_SOURCE), j.end(_J_SOURCE))
    )


def parse_source(text: str, start: int, end: int, italics: Spans, parts: Parts) -> None:
    """Record the source part ``text[start:end]`` (everything between title and links)."""
    start, end = strip_span(text, start, end, " \t\n.,")
    if start >= end:
        return
    if _chapter_at(text, start, end):
        _parse_chapter(text, start, end, italics, parts)
        return
    # what _journal_fits(text, start, end, strict=False) reads, without matching twice: the
    # span is already stripped and is not a chapter
    j = _JOURNAL.match(text, start, end)
    if j and _journal_ok(text, j, strict=False):
        _put_journal(text, j, parts)
        return
    _parse_other(text, start, end, italics, parts)


def _put_journal(text: str, j: regex.Match[str], parts: Parts) -> None:
    s, e = strip_span(text, j.start(_J_SOURCE), j.end(_J_SOURCE), ' \t\n"“”')
    parts.put("source", s, e)
    parts.put("volume", j.start(_J_VOLUME), j.end(_J_VOLUME))
    if j.group(_J_ISSUE):
        parts.put("issue", j.start(_J_ISSUE), j.end(_J_ISSUE))
    article, pages = j.group(_J_ARTICLE, _J_PAGES)
    if article:
        parts.put("article_number", j.start(_J_ARTICLE_ALL), j.end(_J_ARTICLE_ALL), article)
    elif pages:
        if _E_LOCATOR.fullmatch(pages):  # an e-locator without "Article"
            parts.put("article_number", j.start(_J_PAGES), j.end(_J_PAGES), pages)
        else:
            parts.put("pages", j.start(_J_PAGES_ALL), j.end(_J_PAGES_ALL), pages)
    if not j[_J_REST].strip(" .;,"):
        return  # spaces and punctuation: no status, PubMed id or note (each holds letters)
    for extra in _EXTRA.finditer(text, j.start(_J_REST), j.end(_J_REST)):
        kind = next(k for k in ("status", "pmid", "original") if extra.group(k))
        parts.put(kind, extra.start(), extra.end())


def _segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    segs = []
    pos = start
    for mark, nxt, strong in boundaries(text, start, end):
        if not strong:
            continue
        s, e = strip_span(text, pos, mark + (0 if text[mark] == "." else 1))
        if s < e:
            segs.append((s, e))
        pos = nxt
    s, e = strip_span(text, pos, end, " \t\n.")
    if s < e:
        segs.append((s, e))
    return segs


def _parse_other(text: str, start: int, end: int, italics: Spans, parts: Parts) -> None:
    segs = _segments(text, start, end)
    if not segs:
        return
    first = segs[0]
    for seg in segs[1:]:
        if _STATUS.match(text, seg[0], seg[1]):
            parts.put("status", *seg)
    loc = _LOCATION.match(text, first[0], first[1])
    if loc and loc.group("loc").count(" ") <= 3:
        parts.put("location", loc.start("loc"), loc.end("loc"))
        first = strip_span(text, loc.start("pub"), loc.end("pub"))
    parts.put("source", *first)


def _parse_chapter(text: str, start: int, end: int, italics: Spans, parts: Parts) -> None:
    parts.put("chapter_in", start, start + 2)
    pos = start + 2
    while pos < end and text[pos].isspace():
        pos += 1
    ed = _IN_EDITORS.search(text, pos, end)
    first_cut = next((b for b in boundaries(text, pos, end) if b[2]), None)
    if ed and (first_cut is None or ed.start() < first_cut[0]):
        s, e = strip_span(text, pos, ed.end(), " ,")
        parts.put("editors", s, e)
        pos = ed.end()
    # the book title runs to its "(ed., pp.)" parenthesis or to the end of the element
    cut = next((b for b in boundaries(text, pos, end) if b[2]), None)
    limit = cut[0] if cut else end
    p = _CHAPTER_PAREN.search(text, pos, limit + 1 if cut else end)
    book_end = p.start() if p else limit
    bs, be = strip_span(text, pos, book_end, " \t\n,")
    if bs < be:
        parts.put("book_title", bs, be)
    if p:
        for piece in _LIST_PIECE.finditer(p.group("inner")):
            raw = piece.group().strip()
            ps = (
                p.start("inner")
                + piece.start()
                + (len(piece.group()) - len(piece.group().lstrip()))
            )
            pe = ps + len(raw)
            if _EDITION.match(raw):
                parts.put("edition", ps, pe)
            elif (pm := _PAGES_IN.match(raw)) is not None:
                parts.put("pages", ps, pe, pm.group("pages"))
            elif _VOLUME_LABEL.match(raw):
                parts.put("book_volume", ps, pe)
    rest = cut[1] if cut else end
    if p and p.end() > rest:
        after = [b for b in boundaries(text, p.end(), end) if b[2]]
        rest = after[0][1] if after else end
    if rest < end:
        sub = Parts()
        _parse_other(text, rest, end, italics, sub)
        if "source" in sub.spans:
            parts.put("publisher", *sub.spans["source"])
        if "location" in sub.spans:
            parts.put("location", *sub.spans["location"])
