"""APA 7 reference-list form: heading, order, author and date elements, titles, source, links.

Every check reads the parsed ``Reference`` fields (spans in document offsets). Small regexes
run over a field's own text; nothing re-parses the entry. Entries the parser could not read
are reported once (R114) and skipped by every other rule: nothing is guessed about them.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterator

import regex

from .. import patterns
from ..apa.lexicon import MINOR_WORDS
from ..apa.names import fold, sort_key, title_key
from ..apa.sentence_case import (
    is_all_caps,
    is_non_english,
    is_title_case,
    lowercase_after_colon,
    split_word_texts,
    to_sentence_case,
    to_title_case,
)
from ..engine import Context, check
from ..model import Diagnostic, Edit, Fix, Reference, RefField, Reply, Severity, Span
from ._util import param_str, reference_label

__all__ = ["parsed_references"]

_PAGE_RANGE = patterns.compile(r"([A-Za-z]*)(\d+)\s*[-–]\s*([A-Za-z]*)(\d+)")
_NOT_EMPHASIS = patterns.compile(r"[^*_]")
_CAPITALS_ONLY = patterns.compile(r"\p{Lu}{1,3}")
_IN_PARENS = patterns.compile(r"\([^()]*\)")
_DIGIT = patterns.compile(r"\d")
_CAPITALISED_WORD = patterns.compile(r"\p{Lu}\p{Ll}{2,}")
_HYPHEN = patterns.compile(r"[-‐]")
_SENTENCE_BREAK = patterns.compile(r"[.?!]\s")
_VOLUME_LABEL_END = patterns.compile(r"(?i)(?:Vol\.?|Volume)\s*$")
_DIGIT_COLON_END = patterns.compile(r"\d\s*:\s*$")
_SPACE_PAREN = patterns.compile(r"\s+\(")
_ARTICLE_NUMBER_LABEL = patterns.compile(r"Article\s+(?:number|No\.?)\s")
_ISSUE_LABEL = patterns.compile(r"(?i)No\.|Issue|Iss\.")

_HEADING_OK = "References"
_DOI_GOOD = "https://doi.org/"
_SENTENCE_KINDS = frozenset({"journal-article", "chapter", "book", "report", "webpage", "preprint"})
_ITALIC_TITLE_KINDS = frozenset({"book", "report", "webpage", "preprint"})


def parsed_references(reply: Reply) -> Iterator[tuple[int, Reference]]:
    """``(index, entry)`` for every entry the parser could read."""
    for i, ref in enumerate(reply.references):
        if ref.parsed:
            yield i, ref


def _parsed(reply: Reply, ctx: Context) -> tuple[tuple[int, Reference], ...]:
    """``parsed_references``, listed once per reply for the reference-list rules."""
    return ctx.per_reply(reply, "reflist.parsed", lambda r: tuple(parsed_references(r)))


def _field(ref: Reference, name: str) -> RefField | None:
    return ref.fields.get(name)


def _fix(span: Span, content: str, message: str, safe: bool = True) -> Fix:
    return Fix((Edit(span, content),), "safe" if safe else "unsafe", message)


# --- R101 heading ----------------------------------------------------------------------------

_HEADING_WORDS = patterns.compile(r"[\p{L}][\p{L} ]*[\p{L}]|[\p{L}]")


@check("reflist.heading")
def heading(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """R101: the reference list is headed "References" (no colon, not "Works Cited")."""
    span = reply.sections.heading
    if span is None:
        return
    text = reply.document.slice(span)
    m = _HEADING_WORDS.search(text)
    if m is None:
        return
    words = m.group()
    word_span = Span(span.start + m.start(), span.start + m.end())
    after = text[m.end() :].strip(" *_#\t")
    entries = len(reply.references)
    if words == _HEADING_OK and not after:
        return
    if words == "Reference" and entries <= 1 and not after:
        level = param_str(ctx.params, "singular_severity", "info")
        if level == "none":
            return
        yield ctx.diagnostic(
            span,
            "Heading “Reference” for a single entry; APA 7 labels the list “References”",
            hint="Write “References”",
            fix=_fix(word_span, _HEADING_OK, "Write “References”"),
            severity=Severity.parse(level),
        )
        return
    if words.lower() == "references" and not after:
        yield ctx.diagnostic(
            span,
            f"Heading “{words}”: APA 7 writes it “References”",
            hint="Write “References” (bold and centred in a paper)",
            fix=_fix(word_span, _HEADING_OK, "Write “References”"),
        )
        return
    # "References:", "Works Cited", "Bibliography", "Reference List" ...
    fix_span = Span(word_span.start, span.start + len(text.rstrip(" \t")))
    trailing = text[m.end() : len(text.rstrip(" \t"))]
    content = _HEADING_OK + _NOT_EMPHASIS.sub("", trailing)
    yield ctx.diagnostic(
        span,
        f"Heading “{text.strip()}”: APA 7 labels the list “References”, with no colon",
        hint="Write “References”",
        fix=_fix(fix_span, content, "Write “References”"),
        data={"heading": text.strip()},
    )


# --- R102 order --------------------------------------------------------------------------------

_PARTICLES = patterns.compile(
    r"^(?:(?:van|von|de|del|della|der|den|di|da|du|la|le|ten|ter|dos|das)\s+)+", regex.I
)
#: The letters a ``_PARTICLES`` match starts with (no other character case-folds to them).
_PARTICLE_FIRST = frozenset("vdltVDLT")


def _first_element(ref: Reference) -> str:
    if ref.authors:
        return ref.authors[0].family
    return ref.title or ref.text


def _variants(ref: Reference) -> list[str]:
    """What an entry may be filed under (a particle or a leading "The" either way)."""
    first = _first_element(ref)
    if not ref.authors:
        return [title_key(first)]
    variants = [first]
    if first[:1] in _PARTICLE_FIRST:
        stripped = _PARTICLES.sub("", first)
        if stripped != first:
            variants.append(stripped)
    if first.lower().startswith("the "):
        variants.append(first[4:])
    return variants


def _keys(ref: Reference, variants: list[str]) -> list[tuple[object, ...]]:
    """Acceptable ordering keys, one for each of ``_variants(ref)``."""
    rest = tuple(a.family + " " + (a.given or "") for a in ref.authors[1:])
    title = ref.title or ""
    if not ref.authors:
        return [sort_key(variants[0], (), ref.year, title)]
    given = ref.authors[0].given or ""
    return [sort_key(v, rest, ref.year, title, initials=given) for v in variants]


def _title_words(ref: Reference, n: int = 4) -> str:
    words = (ref.title or "").split()
    return " ".join(words[:n]) + (" …" if len(words) > n else "")


def _out_of_order(keys_a: list[tuple[object, ...]], keys_b: list[tuple[object, ...]]) -> bool:
    """Every acceptable key of the first entry sorts after every one of the second."""
    return all(ka > kb for ka in keys_a for kb in keys_b)


@check("reflist.order")
def order(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """R102: entries in alphabetical order, letter by letter, nothing precedes something."""
    refs = list(_parsed(reply, ctx))
    if len(refs) < 2 or len(refs) != len(reply.references):
        return
    variants = [_variants(r) for _, r in refs]
    # the first item of a key is its variant folded: the keys are built only when those leave
    # the order of two entries open
    heads = [[fold(v) for v in vs] for vs in variants]
    keys: list[list[tuple[object, ...]]] | None = None
    for k, ((_, a), (_, b)) in enumerate(itertools.pairwise(refs)):
        if any(ha < hb for ha in heads[k] for hb in heads[k + 1]):
            continue  # a key of the first sorts before one of the second: not out of order
        if keys is None:
            keys = [_keys(r, vs) for (_, r), vs in zip(refs, variants, strict=True)]
        if _out_of_order(keys[k], keys[k + 1]):
            mins = [min(ks) for ks in keys]
            ordered = [refs[j][1] for j in sorted(range(len(refs)), key=mins.__getitem__)]
            edits = tuple(
                Edit(old.span, reply.document.slice(new.span))
                for (_, old), new in zip(refs, ordered, strict=True)
                if old is not new
            )
            la, lb = reference_label(a), reference_label(b)
            if la == lb:  # same authors and year: the titles decide
                la += f" “{_title_words(a)}”"
                lb += f" “{_title_words(b)}”"
            yield ctx.diagnostic(
                b.span,
                f"Reference list is not in alphabetical order: {lb} should come before {la}",
                hint="Sort the entries by the first author's surname, letter by letter",
                fix=Fix(edits, "unsafe", "Sort the reference list") if edits else None,
            )
            return


# --- R103 author element --------------------------------------------------------------------

_SUFFIX = patterns.compile(r",?\s*(?:Jr\.|Sr\.|II|III|IV)$")
_INITIALS_OK = patterns.compile(r"^\p{Lu}\p{Ll}?\.(?:(?:\s|-)\p{Lu}\p{Ll}?\.)*$")
_AND_WORD = patterns.compile(r"(,?)\s+and\s+(?=\p{Lu})")
_NO_SERIAL = patterns.compile(r"(?<=[\p{L}.])\s+&\s+")
_ELLIPSIS_CHAR = patterns.compile(r"…")
_AMP_ELLIPSIS = patterns.compile(r"&\s*(?=\.\s*\.\s*\.|…)")
_GROUP_ABBR = patterns.compile(r"\s*\[[\p{Lu}&]{2,}\]")
#: What a given name ends with when ``_SUFFIX`` can match (it is stripped: no final newline).
_SUFFIX_ENDS = ("Jr.", "Sr.", "II", "IV")


def _initials_ok(given: str) -> bool:
    """``_INITIALS_OK`` matches ``given``; "A." and "A. B." are read without the pattern."""
    if len(given) == 2 and given[1] == "." and "A" <= given[0] <= "Z":
        return True
    if (
        len(given) == 5
        and given[1] == given[4] == "."
        and given[2] == " "
        and "A" <= given[0] <= "Z"
        and "A" <= given[3] <= "Z"
    ):
        return True
    return _INITIALS_OK.match(given) is not None


def _author_problems(ref: Reference, f: RefField) -> Iterator[tuple[Span, str, str, Fix | None]]:
    text = f.value
    base = f.span.start
    people = [a for a in ref.authors if not a.group]
    for a in people:
        given = (a.given or "").strip()
        if given.endswith(_SUFFIX_ENDS):
            given = _SUFFIX.sub("", given)
        if not given:
            continue
        if _initials_ok(given):
            continue
        where = a.span or f.span
        if _CAPITALS_ONLY.fullmatch(given):
            yield (
                where,
                f"“{a.family} {given}”: initials need periods and a comma after the surname "
                f"(“{a.family}, {'. '.join(given)}.”)",
                "Write each author as “Surname, I. I.”",
                None,
            )
        elif _CAPITALISED_WORD.match(given):
            yield (
                where,
                f"“{a.family}, {given}”: APA 7 gives initials, not first names",
                "Write each author as “Surname, I. I.”",
                None,
            )
        else:
            yield (
                where,
                f"“{a.family}, {given}”: initials are written “I. I.” with periods and spaces",
                "Write each author as “Surname, I. I.”",
                None,
            )
    # each pattern below needs a literal ("[", "and", "…", "&"): checked first, it is cheaper
    for m in _GROUP_ABBR.finditer(text) if "[" in text else ():
        span = Span(base + m.start(), base + m.end())
        yield (
            span,
            f"Group author abbreviation “{m.group().strip()}” in the reference list",
            "The reference list spells the group name out, without the abbreviation",
            _fix(span, "", "Remove the abbreviation", safe=False),
        )
    m_and = _AND_WORD.search(text) if "and" in text else None
    if m_and and len(ref.authors) >= 2:
        span = Span(base + m_and.start(), base + m_and.end())
        yield (
            span,
            "“and” between authors in a reference; APA 7 uses “&” before the last author",
            "Write “, & ” before the last author",
            _fix(span, ", & ", "Write “, &” before the last author", safe=False),
        )
    for m in _ELLIPSIS_CHAR.finditer(text) if "…" in text else ():
        span = Span(base + m.start(), base + m.end())
        yield (
            span,
            "The ellipsis in a 21+ author list is three spaced periods “. . .”, not “…”",
            "Write “. . .”",
            _fix(span, ". . .", "Write “. . .”"),
        )
    has_amp = "&" in text
    m_amp = _AMP_ELLIPSIS.search(text) if has_amp else None
    if m_amp:
        span = Span(base + m_amp.start(), base + m_amp.end())
        yield (
            span,
            "No “&” before the ellipsis of a 21+ author list",
            "Write the first 19 authors, “. . .”, then the last author, with no “&”",
            _fix(span, "", "Remove the “&”", safe=False),
        )
    n = len(ref.authors)
    if ref.authors_ellipsis:
        if n != 20:
            yield (
                f.span,
                f"A 21+ author list gives the first 19 authors, “. . .”, and the last author "
                f"(this entry lists {n})",
                "List authors 1-19, then “. . .”, then the final author",
                None,
            )
        return
    if n > 20:
        yield (
            f.span,
            f"{n} authors listed: with 21 or more, APA 7 gives the first 19, “. . .”, "
            f"and the final author",
            "List authors 1-19, then “. . .”, then the final author",
            None,
        )
    if n >= 2 and not has_amp and not m_and and not ref.authors_et_al:
        yield (
            f.span,
            "No “&” before the last author",
            "Write “, & ” before the last author",
            None,
        )
    if n >= 2 and has_amp:
        m_ns = _NO_SERIAL.search(text)
        if m_ns and not text[: m_ns.start()].rstrip().endswith(","):
            span = Span(base + m_ns.start(), base + m_ns.end())
            yield (
                span,
                "A comma goes before “&” in a reference author list (“Author, A., & Writer, B.”)",
                "Write “, & ” before the last author",
                _fix(span, ", & ", "Add the comma before “&”", safe=False),
            )


@check("reflist.authors")
def authors(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """R103: ``Surname, I. I.``, commas, ``&`` before the last author, up to 20 authors."""
    for _, ref in _parsed(reply, ctx):
        f = _field(ref, "authors")
        if f is None:
            continue
        for span, message, hint, fix in _author_problems(ref, f):
            yield ctx.diagnostic(span, message, hint=hint, fix=fix)


# --- R104 et al. in a reference -------------------------------------------------------------


@check("reflist.et-al")
def et_al(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """R104: no "et al." in a reference entry."""
    for _, ref in _parsed(reply, ctx):
        if not ref.authors_et_al:
            continue
        f = _field(ref, "authors")
        yield ctx.diagnostic(
            f.span if f else ref.span,
            "“et al.” in a reference entry: APA 7 lists up to 20 authors "
            "(21+: the first 19, “. . .”, the last)",
            hint="Write out every author from the source",
        )


# --- R105 date element ----------------------------------------------------------------------

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE_OK = patterns.compile(
    rf"^\((?:\d{{4}}[a-z]?(?:, (?:(?:{_MONTHS})(?: \d{{1,2}}(?:–\d{{1,2}})?)?|Spring|Summer|"
    rf"Fall|Winter))?|n\.d\.(?:-[a-z])?|in press(?:-[a-z])?)\)\.$"
)
_ND_WRONG = patterns.compile(
    r"(?i)\(\s*(?:n\.\s+d\.|n\.d(?!\.)|nd|no\s+date|N\.D\.)(?P<sfx>-[a-z])?\s*\)"
)
_BARE_YEAR = patterns.compile(r"^(?P<y>\d{4}[a-z]?|n\.d\.|in press)\.$")


@check("reflist.date")
def date(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """R105: the date as ``(2021).``, ``(2023, May 2).``, ``(n.d.).`` or ``(in press).``."""
    for _, ref in _parsed(reply, ctx):
        f = _field(ref, "date")
        if f is None:
            continue
        raw = f.value.strip()
        if _DATE_OK.match(raw):
            if ref.kind == "journal-article" and "," in raw:
                yield ctx.diagnostic(
                    f.span,
                    f"Journal articles take the year only: “{raw}”",
                    hint=f"Write “({ref.year}).”",
                    fix=_fix(f.span, f"({ref.year}).", "Keep the year only", safe=False),
                    severity=Severity.WARNING,
                )
            continue
        nd = _ND_WRONG.search(raw)
        if nd:
            good = "(n.d." + (nd.group("sfx") or "") + ")."
            yield ctx.diagnostic(
                f.span,
                f"Undated work: write “{good}”, not “{raw}”",
                hint="APA 7 writes “n.d.” (lowercase, periods, no space)",
                fix=_fix(f.span, good, f"Write “{good}”"),
            )
            continue
        bare = _BARE_YEAR.match(raw)
        if bare:
            good = f"({bare.group('y')})."
            yield ctx.diagnostic(
                f.span,
                f"The date goes in parentheses: “{good}”",
                hint="Write the date in parentheses, followed by a period",
                fix=_fix(f.span, good, f"Write “{good}”"),
            )
            continue
        fix = None
        if _IN_PARENS.fullmatch(raw) and _DATE_OK.match(raw + "."):
            fix = _fix(f.span, raw + ".", "Add the period")
        yield ctx.diagnostic(
            f.span,
            f"Date element “{raw}” is not in APA 7 form (“(2021).”, “(2021, May 3).”, “(n.d.).”)",
            hint="Write the year in parentheses, then a period",
            fix=fix,
        )


# --- R106 sentence case of titles -----------------------------------------------------------


@check("reflist.title-case")
def title_case(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """R106: titles of articles, chapters, books and reports in sentence case."""
    for _, ref in _parsed(reply, ctx):
        f = _field(ref, "title")
        if f is None or (ref.kind not in _SENTENCE_KINDS and ref.kind != "unknown"):
            continue
        title = f.value
        if is_non_english(title) or title.startswith("["):
            continue
        if is_title_case(title):
            converted, doubtful = to_sentence_case(title)
            caps = "in capitals" if is_all_caps(title) else "in Title Case"
            hint = "Capitalise only the first word, the first word after a colon, and names"
            if doubtful:
                hint += "; check the words kept as written: " + ", ".join(doubtful)
            yield ctx.diagnostic(
                f.span,
                f"Title {caps}; APA 7 writes it in sentence case: “{converted}”",
                hint=hint,
                fix=_fix(f.span, converted, "Convert the title to sentence case", safe=False)
                if converted != title
                else None,
                data={"suggestion": converted, "doubtful": doubtful},
            )
            continue
        for w in lowercase_after_colon(title):
            span = Span(f.span.start + w.start, f.span.start + w.start + 1)
            yield ctx.diagnostic(
                span,
                f"Capitalise the first word after a colon in a title: “{w.text}”",
                hint=f"Write “{w.text[:1].upper() + w.text[1:]}”",
                fix=_fix(span, w.text[:1].upper(), "Capitalise the word", safe=False),
            )


# --- R107 journal name in title case ---------------------------------------------------------


def _journal_lowercase_words(words: list[str]) -> list[str]:
    """The lowercase content words after the first of a journal name's ``words``."""
    out = []
    for w in words[1:]:
        # _HYPHEN splits at "-" and "‐" only: without them the head is the word
        head = _HYPHEN.split(w)[0] if "-" in w or "‐" in w else w
        if head.islower() and len(head) >= 4 and head not in MINOR_WORDS:
            out.append(w)
    return out


@check("reflist.journal-case")
def journal_case(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """R107: the journal name in title case (``Journal of Nursing Care Quality``)."""
    for _, ref in _parsed(reply, ctx):
        if ref.kind != "journal-article":
            continue
        f = _field(ref, "source")
        if f is None or is_non_english(f.value) or _SENTENCE_BREAK.search(f.value):
            continue  # a sentence break inside: the title/source split is in doubt
        name = f.value
        name_words = split_word_texts(name)
        first = name_words[:1]
        lower_first = bool(first) and first[0][:1].islower() and first[0].islower()
        words = _journal_lowercase_words(name_words)
        if not words and not lower_first:
            continue
        good = to_title_case(name)
        yield ctx.diagnostic(
            f.span,
            f"Journal name “{name}” is not in title case",
            hint=f"Write the name as the journal does, in title case: “{good}”",
            fix=_fix(f.span, good, "Title-case the journal name", safe=False)
            if good != name
            else None,
            data={"suggestion": good},
        )


# --- R108 DOI form ---------------------------------------------------------------------------


@check("reflist.doi")
def doi(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """R108: DOIs as ``https://doi.org/10...``, no label, no period after."""
    text = reply.document.text
    for _, ref in _parsed(reply, ctx):
        f = _field(ref, "doi")
        if f is None or not ref.doi:
            continue
        raw = f.value
        good = _DOI_GOOD + ref.doi
        if not raw.startswith(_DOI_GOOD):
            yield ctx.diagnostic(
                f.span,
                f"DOI written “{raw}”; APA 7 writes DOIs as “{good}”",
                hint="Write the DOI as a https://doi.org/ link",
                fix=_fix(f.span, good, "Write the DOI as a https://doi.org/ link"),
            )
        after = f.span.end
        if after < len(text) and text[after] == "." and after + 1 >= ref.span.end:
            span = Span(after, after + 1)
            yield ctx.diagnostic(
                span,
                "No period after a DOI or URL",
                hint="Remove the period after the DOI",
                fix=_fix(span, "", "Remove the period"),
            )


# --- R109 Retrieved from ----------------------------------------------------------------------


@check("reflist.retrieved-from")
def retrieved_from(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """R109: no "Retrieved from" before a DOI or a stable URL."""
    for _, ref in _parsed(reply, ctx):
        f = _field(ref, "retrieved")
        if f is None:
            continue
        phrase = f.value
        if _DIGIT.search(phrase):
            continue  # a retrieval date for a changing page is APA 7
        target = _field(ref, "doi") or _field(ref, "url")
        end = target.span.start if target else f.span.end
        is_doi = target is not None and target is _field(ref, "doi")
        yield ctx.diagnostic(
            f.span,
            f"“{phrase}” before a {'DOI' if is_doi else 'URL'}: APA 7 drops it",
            hint="Give the DOI or URL on its own",
            fix=_fix(Span(f.span.start, end), "", f"Remove “{phrase}”"),
        )


# --- R110 publisher location -------------------------------------------------------------------


@check("reflist.publisher-location")
def publisher_location(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """R110: no publisher location in book, chapter and report entries."""
    for _, ref in _parsed(reply, ctx):
        loc = _field(ref, "location")
        if loc is None or ref.kind == "journal-article":
            continue
        pub = _field(ref, "publisher") or _field(ref, "source")
        fix = None
        if pub is not None and pub.span.start > loc.span.start:
            fix = _fix(Span(loc.span.start, pub.span.start), "", "Remove the location", safe=False)
        yield ctx.diagnostic(
            loc.span,
            f"Publisher location “{loc.value}”: APA 7 leaves it out",
            hint="Give the publisher name only",
            fix=fix,
        )


# --- R111 volume, issue, pages --------------------------------------------------------------

_HYPHENS = patterns.compile(r"(?<=\w)\s*[-‐‑—]+\s*(?=\w)")
_PP = patterns.compile(r"^pp?\.\s*")


def _range_fixes(f: RefField) -> list[Edit]:
    edits = []
    for m in _HYPHENS.finditer(f.value):
        edits.append(Edit(Span(f.span.start + m.start(), f.span.start + m.end()), "–"))
    return edits


def _abbreviated(pages: str) -> bool:
    m = _PAGE_RANGE.fullmatch(pages)
    if not m:
        return False
    return len(m.group(4)) < len(m.group(2)) and int(m.group(4)) < int(m.group(2))


@check("reflist.volume-issue-pages")
def volume_issue_pages(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """R111: ``volume(issue), first–last`` or ``Article N``; en dashes; no Vol./No./pp."""
    text = reply.document.text
    for _, ref in _parsed(reply, ctx):
        vol = _field(ref, "volume")
        issue = _field(ref, "issue")
        pages = _field(ref, "pages")
        art = _field(ref, "article_number")
        if ref.kind == "journal-article" and vol is not None:
            before = text[max(ref.span.start, vol.span.start - 8) : vol.span.start]
            lab = _VOLUME_LABEL_END.search(before)
            if lab:
                span = Span(vol.span.start - len(before) + lab.start(), vol.span.start)
                yield ctx.diagnostic(
                    span,
                    "No “Vol.” label before a journal volume",
                    hint="Write the volume number alone, in italics",
                    fix=_fix(span, "", "Remove “Vol.”"),
                )
            if issue is not None:
                gap = text[vol.span.end : issue.span.start]
                if _SPACE_PAREN.fullmatch(gap):
                    span = Span(vol.span.end, vol.span.end + len(gap) - 1)
                    yield ctx.diagnostic(
                        span,
                        "No space between the volume and the (issue)",
                        hint="Write “75(5)”",
                        fix=_fix(span, "", "Remove the space"),
                    )
                elif _ISSUE_LABEL.search(gap):
                    yield ctx.diagnostic(
                        Span(vol.span.end, issue.span.end),
                        "Write the issue in parentheses after the volume: “75(5)”, not “No. 5”",
                        hint="Write “volume(issue)”",
                    )
                edits = _range_fixes(issue)
                if edits:
                    yield ctx.diagnostic(
                        issue.span,
                        f"Issue range “{issue.value}” takes an en dash",
                        hint="Write the range with an en dash (–)",
                        fix=Fix(tuple(edits), "safe", "Use an en dash"),
                    )
        if pages is not None and "report_number" not in ref.fields:
            raw = pages.value
            pp = _PP.match(raw)
            if pp and ref.kind == "journal-article":
                span = Span(pages.span.start, pages.span.start + pp.end())
                yield ctx.diagnostic(
                    span,
                    "No “pp.” before journal article pages",
                    hint="Write the page range alone",
                    fix=_fix(span, "", "Remove “pp.”"),
                )
            edits = _range_fixes(pages)
            if edits:
                yield ctx.diagnostic(
                    pages.span,
                    f"Page range “{raw}” takes an en dash (–), not a hyphen",
                    hint="Write the range with an en dash",
                    fix=Fix(tuple(edits), "safe", "Use an en dash"),
                )
            if _abbreviated(_PP.sub("", raw)):
                yield ctx.diagnostic(
                    pages.span,
                    f"Abbreviated page range “{raw}”: give both page numbers in full",
                    hint="Write the last page in full (“151–157”, not “151–7”)",
                )
            if _DIGIT_COLON_END.search(text[max(0, pages.span.start - 3) : pages.span.start]):
                yield ctx.diagnostic(
                    pages.span,
                    "A comma, not a colon, goes before the pages",
                    hint="Write “75(5), 631–643”",
                )
        if art is not None:
            raw = " ".join(art.value.split())  # a line wrap is a space
            if not raw.startswith("Article "):
                number = ref.article_number or raw
                good = f"Article {number}"
                yield ctx.diagnostic(
                    art.span,
                    f"Article number written “{raw}”; APA 7 writes “{good}”",
                    hint=f"Write “{good}”",
                    fix=_fix(
                        art.span,
                        good,
                        f"Write “{good}”",
                        safe=not raw[:1].isdigit() and raw[:1] != "e",
                    ),
                )
            elif _ARTICLE_NUMBER_LABEL.match(raw):
                good = f"Article {ref.article_number}"
                yield ctx.diagnostic(
                    art.span,
                    f"Article number written “{raw}”; APA 7 writes “{good}”",
                    hint=f"Write “{good}”",
                    fix=_fix(art.span, good, f"Write “{good}”"),
                )


# --- R112 missing DOI ------------------------------------------------------------------------


@check("reflist.missing-doi")
def missing_doi(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """R112: a journal article with no DOI or URL."""
    for _, ref in _parsed(reply, ctx):
        if ref.kind != "journal-article" or ref.doi or ref.url:
            continue
        if (ref.year or "").startswith("in press"):
            continue  # accepted, not yet published: usually no DOI yet
        yield ctx.diagnostic(
            ref.span,
            f"No DOI for the journal article {reference_label(ref)}",
            hint="Add the DOI as https://doi.org/… if the article has one "
            "(database articles without a DOI need no URL)",
        )


# --- R113 duplicate entries ------------------------------------------------------------------


def _identity(ref: Reference) -> tuple[str, ...]:
    if ref.doi:
        return ("doi", ref.doi.lower().rstrip("."))
    return _work_identity(ref)


def _work_identity(ref: Reference) -> tuple[str, ...]:
    """The identity of an entry read from its authors, year and title (not its DOI)."""
    return (
        "work",
        "|".join(fold(a.family) for a in ref.authors),
        (ref.year or "").lower(),
        fold(ref.title or ""),
    )


@check("reflist.duplicate")
def duplicate(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """R113: the same work listed twice."""
    parsed = _parsed(reply, ctx)
    if len(parsed) < 2:
        return  # a work listed twice needs two entries
    seen: dict[tuple[str, ...], Reference] = {}
    for _, ref in parsed:
        key = _identity(ref)
        if not ref.title and key[0] == "work":
            continue
        first = seen.get(key)
        if first is None:
            # the same work with and without a DOI (a key without a DOI is that key already)
            alt = key if key[0] == "work" else _work_identity(ref)
            first = seen.get(alt)
            seen[key] = ref
            if alt != key:
                seen.setdefault(alt, ref)
        if first is not None and first is not ref:
            yield ctx.diagnostic(
                ref.span,
                f"{reference_label(ref)} is listed twice",
                hint="Keep one entry for each work",
            )


# --- R114 unparseable entry -------------------------------------------------------------------


@check("reflist.unparsed")
def unparsed(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """R114: an entry that could not be read as an APA entry (shown, not guessed)."""
    for ref in reply.references:
        if ref.parsed:
            continue
        why = ref.problem or "no author-date-title structure"
        yield ctx.diagnostic(
            ref.span,
            f"Could not read this entry as an APA 7 reference: {why}",
            hint="Write it as Author, A. A. (Year). Title. Source. https://doi.org/…",
            data={"problem": why},
        )


# --- R115 missing elements --------------------------------------------------------------------


@check("reflist.missing-element")
def missing_element(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """R115: an entry without a title or a source."""
    for _, ref in _parsed(reply, ctx):
        missing = []
        if not ref.title:
            missing.append("title")
        has_source = any(k in ref.fields for k in ("source", "publisher", "book_title"))
        if not has_source and not ref.doi and not ref.url:
            missing.append("source (journal, publisher or URL)")
        if not missing:
            continue
        yield ctx.diagnostic(
            ref.span,
            f"{reference_label(ref)} has no {' and no '.join(missing)}",
            hint="An APA 7 entry gives author, date, title and source",
            data={"missing": missing},
        )


# --- R116 italics ------------------------------------------------------------------------------


def _italic_problems(ref: Reference, other_italic: bool) -> Iterator[tuple[RefField, str]]:
    def f(name: str) -> RefField | None:
        fld = _field(ref, name)
        return fld if fld is not None and fld.italic is not None else None

    title = f("title")
    if ref.kind == "journal-article":
        src, vol, issue = f("source"), f("volume"), f("issue")
        if src is not None and not src.italic:
            yield src, f"The journal name “{src.value}” is italic in APA 7"
        if vol is not None and not vol.italic:
            yield vol, f"The volume number “{vol.value}” is italic"
        if issue is not None and issue.italic:
            yield issue, f"The issue number “({issue.value})” is not italic"
        if title is not None and title.italic:
            yield title, "An article title is not italic"
    elif ref.kind == "chapter":
        book = f("book_title")
        if title is not None and title.italic:
            yield title, "A chapter title is not italic"
        if book is not None and not book.italic:
            yield book, f"The book title “{book.value}” is italic"
    elif ref.kind in _ITALIC_TITLE_KINDS and title is not None and not title.italic:
        if other_italic:
            return  # a newspaper or a reference work ("In *Wikipedia*") is italic instead
        what = {"book": "book", "report": "report", "webpage": "page", "preprint": "preprint"}
        yield title, f"The {what[ref.kind]} title is italic in APA 7"


@check("reflist.italics")
def italics(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """R116: italics of journal name and volume, book and report titles (md, html, docx only)."""
    if not reply.document.carries_italics:
        return
    for _, ref in _parsed(reply, ctx):
        title = _field(ref, "title")
        other = any(
            it.overlaps(ref.span) and (title is None or not it.overlaps(title.span))
            for it in reply.document.italics
        )
        for fld, message in _italic_problems(ref, other):
            yield ctx.diagnostic(fld.span, message, hint="Fix the italics in your editor")


# --- R117 year suffixes in the list ----------------------------------------------------------

_SUFFIXED = patterns.compile(r"^(\d{4}|n\.d\.-?|in press-?)([a-z])?$")


@check("reflist.year-suffix")
def year_suffix(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """R117: same author list and year: letters a, b, … in title order."""
    dated: list[tuple[Reference, str]] = []
    for _, ref in _parsed(reply, ctx):
        if not ref.authors or not ref.year:
            continue
        m = _SUFFIXED.match(ref.year)
        if m:
            dated.append((ref, m.group(1).rstrip("-")))
    # a group of two or more needs a year base written twice: only those entries are keyed
    seen: set[str] = set()
    repeated: set[str] = set()
    for _, base in dated:
        (repeated if base in seen else seen).add(base)
    groups: dict[tuple[tuple[str, ...], str], list[Reference]] = defaultdict(list)
    for ref, base in dated:
        if base not in repeated:
            continue
        key = (tuple(fold(a.family) + fold(a.given or "") for a in ref.authors), base)
        groups[key].append(ref)
    for (_, base), refs in groups.items():
        if len(refs) < 2:
            continue
        by_title = sorted(refs, key=lambda r: title_key(r.title or ""))
        for k, ref in enumerate(by_title):
            want = base + ("-" if not base[0].isdigit() else "") + "abcdefghijklmnopqrstuvwxyz"[k]
            if ref.year == want:
                continue
            f = _field(ref, "date")
            yield ctx.diagnostic(
                f.span if f else ref.span,
                f"Same author(s) and year as another entry: write “({want}).” here "
                "(letters follow the order of the titles)",
                hint="Add a, b, … after the year, by title, and use the same letters in the text",
                data={"suffix": want},
            )
