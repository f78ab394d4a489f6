"""More APA 7 in-text rules: locators, ``n.d.``, year letters, placement, "as cited in",
non-APA styles and group-author abbreviations (C109-C115).

The pipeline records what it saw in ``Citation.flags``, ``style`` and ``parts``; these checks
report it and build fixes from those spans and small regexes over the citation's own text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

import regex

from .. import patterns
from ..engine import Context, check
from ..model import Citation, Diagnostic, Edit, Fix, Reply, Span
from ._util import cited_label, fold, is_personal_communication, shared_secondary_originals

__all__ = ["fix_locator", "group_span"]

_SEVERAL_PAGES = patterns.compile(r"[–,]")
_COLON_GAP = patterns.compile(r"\s*:\s*")

_PAGE_LABELS = frozenset({"p", "p.", "pg", "pg.", "pgs", "pgs.", "page", "pages", "pp", "pp."})
_PARA_LABELS = frozenset({"para", "para.", "paras", "paras.", "par.", "par", "¶", "¶¶"})
_LOC = patterns.compile(r"^(?P<lab>[^\s\d]+?)(?P<sp>\s*)(?P<num>(?:\d|[ivxlcdm]+\b).*)$", regex.I)
_RANGE_HYPHEN = patterns.compile(r"(?<=\w)\s*[-‐‑—]\s*(?=\w)")


def fix_locator(locator: str) -> str | None:
    """The APA 7 form of a page or paragraph locator, or None if it is not one."""
    m = _LOC.match(locator.strip())
    if not m:
        return None
    lab = m.group("lab").lower()
    num = _RANGE_HYPHEN.sub("–", m.group("num").strip())
    several = bool(_SEVERAL_PAGES.search(num))
    if lab in _PAGE_LABELS:
        label = "pp." if several else "p."
    elif lab in _PARA_LABELS:
        label = "paras." if several else "para."
    else:
        return None
    return f"{label} {num}"


def _apa(c: Citation) -> bool:
    return c.style == "apa" and not is_personal_communication(c)


# --- C109 locator form ------------------------------------------------------------------------


@check("apa.locator-format")
def locator_format(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """C109: ``p. 5``, ``pp. 5–7``, ``para. 3`` (not ``pg. 5``, ``page 5``, ``p.5``, ``pp. 5``)."""
    text = reply.document.text
    for c in reply.citations:
        span = c.parts.get("locator")
        if span is None or not _apa(c):
            continue
        written = text[span.start : span.end]
        good = fix_locator(written)
        year = c.parts.get("year")
        colon = None
        if year is not None:
            gap = _COLON_GAP.match(text[year.end : span.start])
            if gap and gap.end() == span.start - year.end:
                colon = Span(year.end, span.start)
        edits: list[Edit] = []
        if good is not None and good != written:
            edits.append(Edit(span, good))
        if colon is not None:
            edits.append(Edit(colon, ", "))
        if not edits and "locator-form" not in c.flags:
            continue
        shown = good or written
        yield ctx.diagnostic(
            span,
            f"Locator “{written}” in {cited_label(c)}: APA 7 writes “{shown}”"
            + (" after a comma" if colon is not None else ""),
            hint="Use “p.” for a page, “pp.” and an en dash for a range, “para.” for a paragraph",
            fix=Fix(tuple(edits), "safe", f"Write “{shown}”") if edits else None,
        )


# --- C110 n.d. form -----------------------------------------------------------------------------


@check("apa.no-date-format")
def no_date_format(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """C110: undated works cited as ``n.d.`` (not ``nd``, ``n. d.``, ``no date``, ``N.D.``)."""
    text = reply.document.text
    for c in reply.citations:
        span = c.parts.get("year")
        if span is None or not ({"nd-form", "in-press-form"} & c.flags):
            continue
        written = text[span.start : span.end]
        good = "n.d." if "nd-form" in c.flags else "in press"
        if written == good:
            continue
        yield ctx.diagnostic(
            span,
            f"“{written}” in {cited_label(c)}: APA 7 writes “{good}”",
            hint=f"Write “{good}” (lowercase, as shown)",
            fix=Fix((Edit(span, good),), "safe", f"Write “{good}”"),
        )


# --- C111 same author, same year ---------------------------------------------------------------

_SUFFIX = patterns.compile(r"^(\d{4})([a-z])$|^(n\.d\.|in press)-([a-z])$")


def _base_year(year: str) -> tuple[str, str]:
    m = _SUFFIX.match(year)
    if not m:
        return year, ""
    if m.group(1):
        return m.group(1), m.group(2)
    return m.group(3), m.group(4)


@check("apa.same-author-year-suffix")
def same_author_year_suffix(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """C111: citations use the year letters of the reference list (2020a, 2020b)."""
    listed: dict[tuple[str, str], set[str]] = defaultdict(set)
    for ref in reply.references:
        if ref.parsed and ref.authors and ref.year:
            base, letter = _base_year(ref.year)
            listed[(fold(ref.authors[0].family), base)].add(letter)
    if not listed:
        return
    skip = shared_secondary_originals(reply, ctx)
    for i, c in enumerate(reply.citations):
        if i in skip or not _apa(c) or not c.authors or not c.year:
            continue
        base, letter = _base_year(c.year)
        letters = listed.get((fold(c.authors[0]), base))
        if not letters:
            continue
        if not letter:
            lettered = sorted(x for x in letters if x)
            if not lettered:
                continue
            forms = ", ".join(base + ("" if base[0].isdigit() else "-") + x for x in lettered)
            yield ctx.diagnostic(
                c.parts.get("year", c.span),
                f"{cited_label(c)}: the reference list has several works by this author in "
                f"{base} ({forms}); add the letter",
                hint="Use the same letter as the reference entry",
                data={"letters": lettered},
            )
        elif letter not in letters and "" in letters:
            yield ctx.diagnostic(
                c.parts.get("year", c.span),
                f"{cited_label(c)}: the reference entry for {base} has no letter “{letter}”",
                hint="Use letters only for several works by the same author(s) in one year, "
                "the same in the text and the list",
            )


# --- C112 citation after the period --------------------------------------------------------

_ABBREV = patterns.compile(r"(?:\b(?:al|e\.g|i\.e|etc|vs|cf|U\.S|Dr|Mr|Mrs|Ms|St|No)|\b\p{L})\.$")
_BEFORE = patterns.compile(r"(?P<mark>[.!?])(?P<q>[\"”’']?)(?P<ws>[ \t]*\n?[ \t]*)$")
#: What a ``_BEFORE`` match ends with before its spaces, tabs and newlines.
_MARK_OR_QUOTE = frozenset(".!?\"”’'")


def group_span(reply: Reply, c: Citation) -> Span:
    """The whole parenthesis of a parenthetical citation (all works of its group)."""
    members = [x for x in reply.citations if x.group == c.group and x.narrative == c.narrative]
    start = min(x.span.start for x in members)
    end = max(x.span.end for x in members)
    text = reply.document.text
    if not text[start:end].startswith("("):
        opening = text.rfind("(", max(0, start - 200), start)
        if opening != -1 and ")" not in text[opening:start]:
            start = opening
    if not text[start:end].endswith(")"):
        closing = text.find(")", end, end + 200)
        if closing != -1 and "(" not in text[end:closing]:
            end = closing + 1
    return Span(start, end)


def _in_block_quote(reply: Reply, offset: int) -> bool:
    for span, kind in reply.document.blocks:
        if kind == "blockquote" and span.start <= offset <= span.end + 2:
            return True
    return any(
        e.kind == "blockquote" and e.span.start <= offset <= e.span.end + 2
        for e in reply.sections.excluded
    )


@check("apa.citation-after-period")
def citation_after_period(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """C112: ``…care. (Smith, 2019)``: the citation goes before the sentence's period."""
    text = reply.document.text
    seen: set[int] = set()
    for c in reply.citations:
        if c.narrative or c.group in seen or not _apa(c):
            continue
        seen.add(c.group)
        span = group_span(reply, c)
        if not text[span.start : span.end].startswith("("):
            continue
        before = text[max(0, span.start - 80) : span.start]
        # _BEFORE ends with a mark, maybe a quote, then spaces, tabs and newlines only
        if before.rstrip(" \t\n")[-1:] not in _MARK_OR_QUOTE:
            continue
        m = _BEFORE.search(before)
        if m is None or m.group("ws").count("\n") > 1:
            continue
        mark_at = span.start - len(before) + m.start("mark")
        head = text[max(0, mark_at - 6) : mark_at + 1]
        if m.group("mark") == "." and _ABBREV.search(head):
            continue
        if _in_block_quote(reply, mark_at):
            continue  # a block quotation ends with its punctuation, then the citation
        after = text[span.end : span.end + 3]
        if after[:1] and after[:1] not in ".!?\n\r \t" and after.strip():
            continue  # the sentence goes on: a mid-text parenthesis, not a misplaced citation
        mark = m.group("mark")
        edits = [Edit(Span(mark_at, mark_at + 1), "" if m.group("ws") or m.group("q") else " ")]
        if not after.startswith(mark) and not after.startswith("."):
            edits.append(Edit(Span(span.end, span.end), mark))
        yield ctx.diagnostic(
            span,
            f"The citation {text[span.start : span.end]} comes after the sentence's "
            f"“{mark}”; put it before the final punctuation",
            hint="Write “… claim (Author, Year).”",
            fix=Fix(tuple(edits), "unsafe", "Move the punctuation after the citation"),
        )


# --- C113 "as cited in" --------------------------------------------------------------------------


@check("apa.secondary-citation-form")
def secondary_citation_form(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """C113: a secondary source is cited "as cited in", not "cited in" or "as quoted in"."""
    text = reply.document.text
    for c in reply.citations:
        if not c.secondary or "secondary-form" not in c.flags:
            continue
        head = text[max(0, c.span.start - 40) : c.span.start]
        m = regex.search(
            r"(?i)((?:as\s+)?(?:cited|quoted|referenced|mentioned)\s+(?:in|by))\s*$", head
        )
        wrote = m.group(1) if m else "the phrase before the source"
        yield ctx.diagnostic(
            c.span,
            f"Secondary source introduced with “{wrote}”: APA 7 writes “as cited in”",
            hint="Write “(Original, Year, as cited in Author, Year)”",
        )


# --- C114 non-APA styles -------------------------------------------------------------------------


@check("apa.non-apa-style")
def non_apa_style(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """C114: MLA author-page ``(Smith 23)`` or numeric ``[3]`` citations in an APA reply."""
    for c in reply.citations:
        if c.style == "mla":
            yield ctx.diagnostic(
                c.span,
                f"{c.text} looks like an MLA author-page citation; APA 7 cites author and year",
                hint="Write “(Author, Year, p. N)”",
                data={"style": "mla"},
            )
        elif c.style == "numeric":
            yield ctx.diagnostic(
                c.span,
                f"{c.text} is a numbered citation; APA 7 cites author and year",
                hint="Write “(Author, Year)” and list the references alphabetically",
                data={"style": "numeric"},
            )


# --- C115 group-author abbreviations ----------------------------------------------------------

_ABBR = patterns.compile(r"^[\p{Lu}&]{2,10}$")


@check("apa.group-author-abbreviation")
def group_author_abbreviation(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """C115: a group abbreviation (``WHO``) used before it is introduced."""
    introduced: set[str] = set()
    reported: set[str] = set()
    for c in reply.citations:
        if c.abbreviation:
            introduced.add(c.abbreviation)
            continue
        if not _apa(c) or len(c.authors) != 1:
            continue
        name = c.authors[0]
        if not _ABBR.match(name) or name in introduced or name in reported:
            continue
        reported.add(name)
        yield ctx.diagnostic(
            c.parts.get("authors", c.span),
            f"“{name}” is used before it is introduced; give the full group name with the "
            "abbreviation at the first citation",
            hint=f"First citation: “(Full Name [{name}], Year)” or “Full Name ({name}, Year)”",
        )
