"""Parse one reference-list entry into a ``Reference`` (pure).

The parser reads the APA 7 shape ``Authors. (Date). Title. Source. DOI/URL`` and keeps every
element as written, with its span in document offsets and its italics, so rules can check the
form. It is tolerant of common student forms (``and`` for ``&``, a missing ``&``, ``et al.``,
``doi:`` labels, hyphen page ranges, a year without parentheses, a publisher location) and
records them as written instead of correcting them.

An entry it cannot read is kept with ``parsed=False`` and a ``problem``; nothing is guessed:

* no date element after the authors (MLA, Chicago, Vancouver, prose) -> unparsed; an entry
  that looks like MLA gets the problem "not APA 7 form: looks like MLA";
* a bare URL -> unparsed, ``kind="webpage"``, with ``url`` set;
* an author element that is neither a list of names nor a group name nor a title -> unparsed.

Even unparsed entries keep a DOI or URL found in them, since those are read, not guessed.
An entry with no author (``Title. (2020). Source.``) is parsed with ``authors=()`` and the title
taken from the author position.

Field keys (``Reference.fields``; each value is the text as written): ``authors``, ``date``,
``title``, ``source``, ``volume``, ``issue``, ``pages`` (with any "pp."), ``article_number``
(with "Article"), ``doi`` (with its prefix; ``Reference.doi`` is the bare ``10.x/y``), ``url``,
``retrieved``, ``marker`` (a list number or bullet), ``editors`` ("(Eds.)" after authors, or
the editors after "In"), ``chapter_in``, ``book_title``, ``edition``, ``book_volume``,
``publisher`` (books, reports, webpages, chapters), ``location``, ``report_number``,
``description`` ("[Preprint]"), ``status`` ("Advance online publication"), ``pmid``,
``original`` ("(Original work published 1950)") and ``run_on`` (a second entry that follows
this one without a break; it is left out of this entry's fields).

Kind guess, first that applies: preprint (repository name, DOI prefix or host), chapter ("In"
with editors, pages or a publisher), report (report number, report wording, publisher = group
author or "Author"), journal article (volume, advance-online status, or a DOI or "in press"
with a periodical-like source), book (edition, editors as authors, publisher-like source),
webpage (URL without DOI), else unknown.
"""

from __future__ import annotations

from . import patterns
from .lazyre import lazy_compile
from .model import Author, Document, Reference, RefField, Span
from .refparse.authors import FAMILY, INITIALS, AuthorItem, AuthorList, parse_authors
from .refparse.dates import DateElement, find_date
from .refparse.kinds import guess_kind
from .refparse.links import Links, find_links
from .refparse.segments import mask_emphasis, strip_span
from .refparse.sources import Parts, parse_source, parse_title

__all__ = ["parse_reference", "parse_reference_text"]

_NAME_START = patterns.compile(r"\s*[\p{Lu}\p{N}][\p{L}\p{N}]")

#: Longer than any real entry (20 authors, a long title and a URL fit in well under half).
MAX_ENTRY = 4000
_MARKER = patterns.compile(r"\s*(?:\d{1,3}[.)]|\[\d{1,3}\]|[-*•●▪◦·–])\s+")
_MLA_START = lazy_compile(rf"{FAMILY},\s*\p{{Lu}}\p{{Ll}}+(?:\s+\p{{Lu}}(?:\p{{Ll}}+|\.))*\.\s")
_MLA_SIGNS = lazy_compile(r"(?i)\bvol\.\s*\d|\bno\.\s*\d+,\s*\d{4}|[\"“][^\"”]{3,}[.,][\"”]")
# A new "Surname, I. ... (2020)." after an entry's end mark or link: two entries run together.
_RUN_ON_DATE = r"\(\s*(?:\d{4}[a-z]?|n\.\s?d\.|in press)[^()]{0,20}\)\."
_RUN_ON = lazy_compile(
    rf"(?:[.)]|\S/\S*|\d)\s+(?={FAMILY},\s*{INITIALS}[^()]{{0,400}}?{_RUN_ON_DATE})"
)
#: The date that every run-on match ends with; it opens with a literal "(", so the search
#: for it skips ahead quickly, where ``_RUN_ON`` tries every position of the entry.
_LATER_DATE = patterns.compile(_RUN_ON_DATE)
_APA_AUTHOR_START = lazy_compile(rf"\s*{FAMILY},\s*{INITIALS}")
_VANCOUVER = lazy_compile(rf"\b\d{{4}}(?:\s+\w{{3}})?\s*;\s*\d+|^{FAMILY}\s+\p{{Lu}}{{1,3}},")


def parse_reference_text(text: str) -> Reference:
    """Parse a plain-text entry (a throwaway txt ``Document``; no italics)."""
    document = Document(
        path="<entry>", format="txt", text=text, source=text, origin=range(len(text) + 1)
    )
    return parse_reference(document, Span(0, len(text)))


def parse_reference(document: Document, span: Span) -> Reference:
    """Parse ``document.text[span]``; every field span is in document offsets."""
    text = document.text[span.start : span.end]
    base = span.start
    italics = tuple(
        (max(it.start, base) - base, min(it.end, span.end) - base)
        for it in document.italics
        if it.end > base and it.start < span.end
    )
    parts = Parts()
    pos = 0
    # a marker opens with a space, a digit, "[" or a bullet: never with a letter
    marker = None if text[:1].isalpha() else _MARKER.match(text)
    if marker:
        ms, me = strip_span(text, marker.start(), marker.end())
        parts.put("marker", ms, me)
        pos = marker.end()
    first = find_date(text, pos)
    limit = _run_on_start(text, first)
    if limit < len(text):
        parts.put("run_on", *strip_span(text, limit, len(text)))
    links = find_links(text[:limit], pos)
    _put_links(parts, links)
    body_end = links.start if links.start is not None else limit
    written = text  # field values are taken as written; the elements are read without "*"
    text = mask_emphasis(text, body_end)

    # a field can only be italic where an italic run overlaps the entry
    runs = italics if document.carries_italics and italics else None

    def unparsed(problem: str, kind: str = "unknown") -> Reference:
        return _reference(document, span, written, parts, links, runs, problem=problem, kind=kind)

    if len(text) > MAX_ENTRY:
        return unparsed(f"longer than {MAX_ENTRY} characters: not one reference entry")
    # The first date of the whole entry is also the first one before ``body_end`` when nothing
    # was masked and it is a parenthesised date ending by ``body_end``. Cutting the text there
    # only lets a date's look-ahead succeed at the new end ("\s*$"); an earlier date would have
    # to reach it over only spaces, but the later date's "(" lies in between (a date holds no
    # "(" of its own), and the later date itself reads the same.
    if first is not None and text is written and first.parenthesised and first.span[1] <= body_end:
        date: DateElement | None = first
    else:
        date = find_date(text, pos, body_end)
    if date is None:
        return unparsed(*_why_no_date(text, pos, body_end, links))
    parts.put("date", *date.span)
    element = strip_span(text, pos, date.span[0])
    if element[0] >= element[1]:
        return unparsed("no author or title before the date")
    authors = parse_authors(text, *element)
    # an italic author element is a title (no-author work), unless the italics run on into
    # the date (a whole entry or list set in italics)
    italic_element = (
        bool(italics)
        and _covered(italics, *element)
        and not _covered(italics, element[0], date.span[1])
    )
    if not authors.ok and not italic_element and _group_with_title(text, element, date, body_end):
        # a long group name with lowercase words, followed by a title and a journal source
        authors = AuthorList(ok=True)
        name_end = element[1] - 1 if text[element[1] - 1] == "." else element[1]
        authors.items.append(
            AuthorItem(text[element[0] : name_end], None, True, (element[0], name_end))
        )
    if authors.ok and not italic_element:
        parts.put("authors", *element)
        if authors.editors:
            parts.put("editors", *authors.editors)
        nxt = parse_title(text, date.span[1], body_end, italics, parts)
        if nxt is None:
            return unparsed("no title after the date")
        parse_source(text, nxt, body_end, italics, parts)
    elif _title_like(text, *element):
        # no author: the title moves to the author position
        te = element[1] - 1 if text[element[1] - 1] == "." else element[1]
        parts.put("title", *strip_span(text, element[0], te, ' \t\n"“”'))
        parse_source(text, date.span[1], body_end, italics, parts)
        authors.items.clear()
    else:
        return unparsed("the author element is not a list of names or a group name")
    people = tuple(
        Author(a.family, a.given, a.group, Span(base + a.span[0], base + a.span[1]))
        for a in authors.items
    )
    return _reference(
        document,
        span,
        written,
        parts,
        links,
        runs,
        authors=people,
        ellipsis=authors.ellipsis,
        et_al=authors.et_al,
        year=date.year,
        edited=authors.editors is not None,
    )


def _run_on_start(text: str, first: DateElement | None) -> int:
    """Where a second entry starts inside this one ("... 1–9. https://doi.org/... Smith, J.
    (2020). ..."), when the list was not split there; else ``len(text)``. ``first`` is the
    first date element of the entry."""
    if first is None or len(text) > MAX_ENTRY:
        return len(text)
    # every _RUN_ON match holds a _LATER_DATE match after its start: without one, none can
    if not _LATER_DATE.search(text, first.span[1]):
        return len(text)
    m = _RUN_ON.search(text, first.span[1])
    return m.start() + len(m.group()) if m else len(text)


def _name_start(name: str) -> bool:
    """A capitalised word of two or more letters opens the element."""
    return bool(_NAME_START.match(name))


def _group_with_title(
    text: str, element: tuple[int, int], date: DateElement, body_end: int
) -> bool:
    """Whether the text after the date reads as title + journal, so the element is an author."""
    name = text[element[0] : element[1]]
    if not name.endswith(".") or len(name.split()) > 25 or not _name_start(name):
        return False
    trial = Parts()
    nxt = parse_title(text, date.span[1], body_end, (), trial)
    if nxt is None:
        return False
    parse_source(text, nxt, body_end, (), trial)
    return "volume" in trial.spans


def _covered(italics: tuple[tuple[int, int], ...], start: int, end: int) -> bool:
    return any(s <= start and end <= e + 1 for s, e in italics)


def _title_like(text: str, start: int, end: int) -> bool:
    element = text[start:end]
    words = element.split()
    return 2 <= len(words) <= 60 and element.rstrip().endswith((".", "?", "!"))


def _put_links(parts: Parts, links: Links) -> None:
    if links.doi_span:
        parts.put("doi", *links.doi_span)
    if links.url_span:
        parts.put("url", *links.url_span)
    if links.retrieved_span:
        parts.put("retrieved", *links.retrieved_span)


def _why_no_date(text: str, start: int, end: int, links: Links) -> tuple[str, str]:
    body = text[start:end].strip()
    if not body.strip(" .") and (links.url or links.doi):
        kind = "unknown" if links.doi else "webpage"  # a bare DOI may name any kind of work
        return "a bare link, not an APA reference entry (no author, date or title)", kind
    if _MLA_START.match(text, start) or _MLA_SIGNS.search(text, start):
        return "not APA 7 form: looks like MLA (no date in parentheses after the author)", "unknown"
    if _VANCOUVER.search(text[start:]):
        return "not APA 7 form: looks like Vancouver/NLM (year after the source)", "unknown"
    if _APA_AUTHOR_START.match(text, start):
        return "no date element after the authors (APA 7: the year in parentheses)", "unknown"
    return "no author-date-title structure (no date element found)", "unknown"


def _is_italic(text: str, runs: tuple[tuple[int, int], ...], start: int, end: int) -> bool:
    """``Document.is_italic`` of a field ``text[start:end]`` of the entry ``text``.

    ``runs`` are the document's italic runs that overlap the entry, clipped to it, in order,
    in entry offsets. The answer is the same: a field lies inside the entry, so a run that
    misses the entry never holds a position looked at, and a run clipped at the entry's end
    still reaches the field's end.
    """
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return False
    pos = start
    for s, e in runs:
        if s <= pos < e:
            pos = e
            # allow whitespace between adjacent italic runs
            while pos < end and text[pos].isspace():
                pos += 1
            if pos >= end:
                return True
    return False


def _reference(
    document: Document,
    span: Span,
    text: str,
    parts: Parts,
    links: Links,
    runs: tuple[tuple[int, int], ...] | None,
    *,
    problem: str | None = None,
    kind: str | None = None,
    authors: tuple[Author, ...] = (),
    ellipsis: bool = False,
    et_al: bool = False,
    year: str | None = None,
    edited: bool = False,
) -> Reference:
    base = span.start
    fields: dict[str, RefField] = {}
    raw: dict[str, str] = {}
    italic: dict[str, bool | None] = {}
    # A format that cannot carry italics answers None for every span (Document.is_italic).
    # Without an italic run overlapping the entry it answers False: a field span lies inside
    # the entry, so no run can hold its first non-space character.
    no_italics: bool | None = False if document.carries_italics else None
    for name, (s, e) in parts.spans.items():
        raw[name] = value = text[s:e]
        italic[name] = flag = no_italics if runs is None else _is_italic(text, runs, s, e)
        fields[name] = RefField(value, Span(base + s, base + e), flag)
    values = raw | parts.values  # every value kept apart has a span, so its name is in raw
    parsed = problem is None
    if parsed:
        group = authors[0].family if authors and authors[0].group else None
        kind = guess_kind(
            values,
            italic,
            doi=links.doi,
            url=links.url,
            group_author=group,
            edited=edited,
            year=year,
        )
        if kind in ("book", "report", "webpage") and "source" in values:
            fields.setdefault("publisher", fields["source"])
    model = values if parsed else {}  # an unparsed entry has no model values
    return Reference(
        span=span,
        text=text,
        parsed=parsed,
        authors=authors,
        authors_ellipsis=ellipsis,
        authors_et_al=et_al,
        year=year,
        title=model.get("title"),
        source=values.get("book_title", model.get("source")) if parsed else None,
        volume=model.get("volume"),
        issue=model.get("issue"),
        pages=model.get("pages"),
        article_number=model.get("article_number"),
        doi=links.doi,
        url=links.url,
        kind=kind or "unknown",
        fields=fields,
        problem=problem,
    )
