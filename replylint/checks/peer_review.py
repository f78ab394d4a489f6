"""Peer-reviewed sources, judged offline from what a reference entry shows.

``classify`` gives a class and the evidence for it; it never guesses: an entry it cannot read
is ``unknown`` and reported as "could not tell" (info), not as a non-scholarly source.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat

import regex

from .. import patterns
from ..engine import Context, check
from ..model import Diagnostic, Reference, Reply, Severity
from ._util import param_int, param_list, reference_label, reply_anchor

__all__ = ["Classification", "classify", "domain_of"]

_URL = patterns.compile(r"https?://([^/\s<>\"')]+)", regex.IGNORECASE)
_MEDRXIV_DOI = patterns.compile(r"^10\.1101/\d{4}\.\d{2}\.\d{2}\.")

#: Fallbacks when a pack gives no lists (the shipped pack lists the same values).
_DEFAULTS: dict[str, tuple[str, ...]] = {
    "preprint_domains": (
        "arxiv.org",
        "medrxiv.org",
        "biorxiv.org",
        "psyarxiv.com",
        "osf.io",
        "ssrn.com",
        "researchsquare.com",
        "preprints.org",
    ),
    "preprint_doi_prefixes": (
        "10.31234/",
        "10.31219/",
        "10.31235/",
        "10.2139/ssrn.",
        "10.21203/rs.",
        "10.48550/arxiv.",
        "10.20944/preprints",
    ),
    "preprint_keywords": (
        "[preprint]",
        "medrxiv",
        "biorxiv",
        "psyarxiv",
        "arxiv",
        "ssrn",
        "research square",
    ),
    "wiki_keywords": ("wikipedia",),
    "reference_work_keywords": (
        "dictionary",
        "encyclopedia",
        "encyclopaedia",
        "merriam-webster",
        "britannica",
    ),
    "news_domains": (
        "nytimes.com",
        "washingtonpost.com",
        "cnn.com",
        "bbc.com",
        "bbc.co.uk",
        "theguardian.com",
        "forbes.com",
        "npr.org",
        "usatoday.com",
        "reuters.com",
        "apnews.com",
        "nbcnews.com",
        "cbsnews.com",
        "foxnews.com",
        "time.com",
        "psychologytoday.com",
    ),
    "website_domains": (
        "mayoclinic.org",
        "webmd.com",
        "healthline.com",
        "verywellmind.com",
        "verywellhealth.com",
        "clevelandclinic.org",
        "medicalnewstoday.com",
        "wikihow.com",
        "blogspot.com",
        "wordpress.com",
        "medium.com",
    ),
    "scholarly_domains": (
        "doi.org",
        "ncbi.nlm.nih.gov",
        "pubmed.ncbi.nlm.nih.gov",
        "pmc.ncbi.nlm.nih.gov",
        "europepmc.org",
        "sciencedirect.com",
        "springer.com",
        "wiley.com",
        "tandfonline.com",
        "sagepub.com",
        "journals.lww.com",
        "mdpi.com",
        "frontiersin.org",
        "biomedcentral.com",
        "plos.org",
        "jamanetwork.com",
        "bmj.com",
        "nature.com",
        "apa.org",
    ),
}


@dataclass(frozen=True)
class Classification:
    """``kind``: journal, preprint, wiki, reference-work, news, website, book, report, unknown."""

    kind: str
    evidence: str

    @property
    def scholarly(self) -> bool:
        return self.kind == "journal"


def domain_of(text: str) -> str | None:
    """The host name of the first URL in ``text``, lower-cased, without ``www.``."""
    if "://" not in text:  # every URL the pattern reads has "://"
        return None
    m = _URL.search(text)
    if not m:
        return None
    host = m.group(1).lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def _in_domains(host: str | None, domains: Sequence[str]) -> str | None:
    """The first of ``domains`` (lower-cased, stripped, none empty) that ``host`` is in."""
    if not host:
        return None
    for d in domains:
        # both ways end with ``d``: checked first, the dotted name is built only then
        if host.endswith(d) and (host == d or host.endswith("." + d)):
            return d
    return None


def _freeze(value: object) -> object:
    """A hashable stand-in for a list of strings; anything else is returned as is."""
    if isinstance(value, list) and all(map(isinstance, value, repeat(str))):
        return tuple(value)
    return value


def _lists(params: Mapping[str, object]) -> dict[str, list[str]]:
    frozen = tuple(map(_freeze, map(params.get, _DEFAULTS)))
    try:
        return _lists_of(frozen)
    except TypeError:  # an unhashable value: build the lists without the cache
        return _build_lists(params)


def _build_lists(params: Mapping[str, object]) -> dict[str, list[str]]:
    lists = {k: [v.lower() for v in param_list(params, k, d)] for k, d in _DEFAULTS.items()}
    for k, values in lists.items():
        if k.endswith("_domains"):  # compared with host names as they are
            lists[k] = [d for d in (v.strip() for v in values) if d]
    return lists


@lru_cache(maxsize=64)
def _lists_of(frozen: tuple[object, ...]) -> dict[str, list[str]]:
    """The keyword and domain lists, built once per distinct set of parameters."""
    params = {
        k: list(v) if isinstance(v, tuple) else v for k, v in zip(_DEFAULTS, frozen, strict=True)
    }
    return _build_lists({k: v for k, v in params.items() if v is not None})


@lru_cache(maxsize=64)
def _one_of(values: tuple[tuple[str, ...], ...]) -> dict[str, list[str]]:
    """One dict for equal lists (built from the keys of ``_DEFAULTS``, in order)."""
    return {k: list(v) for k, v in zip(_DEFAULTS, values, strict=True)}


def _rule_lists(params: Mapping[str, object]) -> dict[str, list[str]]:
    """``_lists``, the same object for rules whose lists are equal (so the classes of one
    reply are shared between them without comparing the lists)."""
    return _one_of(tuple(tuple(v) for v in _lists(params).values()))


@lru_cache(maxsize=256)
def _keyword_pattern(keyword: str) -> regex.Pattern[str]:
    return regex.compile(r"\b" + regex.escape(keyword) + r"\b")


def _journal_evidence(ref: Reference) -> str | None:
    if ref.source and ref.volume and (ref.issue or ref.pages or ref.article_number):
        where = "article number" if ref.article_number and not ref.pages else "pages"
        if ref.issue and not (ref.pages or ref.article_number):
            where = "issue"
        return f"journal “{ref.source}” with volume and {where}"
    if ref.kind == "journal-article" and (ref.doi or ref.volume):
        return "journal article" + (" with a DOI" if ref.doi else " with a volume")
    if ref.source and ref.doi and ref.kind not in ("book", "chapter", "report"):
        return f"periodical “{ref.source}” with a DOI"
    return None


def classify(ref: Reference, params: Mapping[str, object] | None = None) -> Classification:
    """What kind of source an entry looks like, with the evidence."""
    return _classify(ref, _lists(params or {}))


def _classify(ref: Reference, lists: Mapping[str, list[str]]) -> Classification:
    """``classify`` with the keyword and domain lists already built (once per check run)."""
    text = ref.text
    # Lowered only when read: before the journal evidence, only the "[" keywords read it,
    # and lowercasing makes no "[", so a text without one cannot hold them.
    low = text.lower() if "[" in text else None
    host = domain_of(ref.url or "") or domain_of(text)
    doi = (ref.doi or "").lower()

    if doi.startswith(tuple(lists["preprint_doi_prefixes"])) or (
        doi.startswith("10.1101/") and _MEDRXIV_DOI.match(doi)  # the pattern's literal head
    ):
        return Classification("preprint", f"preprint DOI {ref.doi}")
    if d := _in_domains(host, lists["preprint_domains"]):
        return Classification("preprint", f"preprint server {d}")
    source_low = (ref.source or "").lower()
    for kw in lists["preprint_keywords"]:
        if kw and (kw in source_low or (low is not None and kw.startswith("[") and kw in low)):
            return Classification("preprint", f"“{kw}”")

    journal = _journal_evidence(ref)
    if journal:
        return Classification("journal", journal)
    if low is None:
        low = text.lower()

    if any(kw in low for kw in lists["wiki_keywords"]):
        return Classification("wiki", "Wikipedia")
    for kw in lists["reference_work_keywords"]:
        # the pattern is the keyword itself between word boundaries: it needs the substring
        if kw in low and _keyword_pattern(kw).search(low):
            return Classification("reference-work", f"“{kw}”")
    if d := _in_domains(host, lists["news_domains"]):
        return Classification("news", f"news or magazine site {d}")
    if d := _in_domains(host, lists["website_domains"]):
        return Classification("website", f"website {d}")
    if ref.kind == "webpage":
        return Classification("website", f"web page{f' at {host}' if host else ''}")
    if ref.kind in ("book", "chapter"):
        return Classification("book", "a book or chapter (publisher, no journal)")
    if ref.kind == "report":
        return Classification("report", "a report")
    if ref.kind == "preprint":
        return Classification("preprint", "a preprint")
    return Classification("unknown", "no journal, volume or DOI could be read")


def _classes(reply: Reply, ctx: Context) -> tuple[Classification, ...]:
    """The class of each of the reply's entries, shared by the rules of one reply.

    The classes depend on the rule's lists, so they are shared only between rules whose lists
    are equal (those of the shipped pack are).
    """
    lists = ctx.derived("peer_review.lists", _rule_lists)
    shared = ctx.shared(reply)
    last = shared.get("peer_review.classes")
    if last is not None and (last[0] is lists or last[0] == lists):
        return last[1]
    classes = tuple(_classify(ref, lists) for ref in reply.references)
    shared["peer_review.classes"] = (lists, classes)
    return classes


_WHAT = {
    "wiki": "a Wikipedia article",
    "reference-work": "a dictionary or encyclopedia entry",
    "news": "a news or magazine item",
    "website": "a website",
    "book": "a book or textbook",
}
#: The classes P101 reports (the others are journal articles or preprints, P103's).
_REPORTED = frozenset({*_WHAT, "report", "unknown"})


@check("peer-review.non-scholarly")
def non_scholarly(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """P101: entries that look like websites, news, wikis, dictionaries or books."""
    classes = _classes(reply, ctx)
    for i, (ref, cls) in enumerate(zip(reply.references, classes, strict=True)):
        if cls.kind not in _REPORTED:
            continue
        label = reference_label(ref)
        data = {"reference": i, "class": cls.kind, "evidence": cls.evidence}
        if cls.kind in _WHAT:
            yield ctx.diagnostic(
                ref.span,
                f"{label} looks like {_WHAT[cls.kind]} ({cls.evidence}), not a peer-reviewed "
                "journal article",
                hint="Support the point with a peer-reviewed journal article (journal, volume, "
                "issue, pages, usually a DOI); keep this one only as extra background",
                data=data,
            )
        elif cls.kind == "report":
            yield ctx.diagnostic(
                ref.span,
                f"{label} looks like a report: it may be authoritative, but it is not a "
                "peer-reviewed journal article",
                hint="Check whether the rubric accepts reports; otherwise add a journal article",
                severity=Severity.INFO,
                data=data,
            )
        elif cls.kind == "unknown":
            yield ctx.diagnostic(
                ref.span,
                f"Could not tell whether {label} is a peer-reviewed source ({cls.evidence})",
                hint="Write the entry in APA 7 form (journal, volume(issue), pages, DOI) so it "
                "can be checked",
                severity=Severity.INFO,
                data=data,
            )


@check("peer-review.preprint")
def preprint(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """P103: preprints have not been peer-reviewed."""
    classes = _classes(reply, ctx)
    for i, (ref, cls) in enumerate(zip(reply.references, classes, strict=True)):
        if cls.kind != "preprint":
            continue
        yield ctx.diagnostic(
            ref.span,
            f"{reference_label(ref)} is a preprint ({cls.evidence}), which has not been "
            "peer-reviewed",
            hint="Look for the published version of the study and cite that instead",
            data={"reference": i, "evidence": cls.evidence},
        )


@check("peer-review.too-few")
def too_few(reply: Reply, ctx: Context) -> Iterator[Diagnostic]:
    """P102: fewer than ``min_peer_reviewed`` entries that look like journal articles."""
    needed = ctx.derived("peer_review.needed", lambda p: param_int(p, "min_peer_reviewed", 1))
    if needed <= 0:
        return
    classes = _classes(reply, ctx)
    have = sum(1 for c in classes if c.scholarly)
    if have >= needed:
        return
    unknown = sum(1 for c in classes if c.kind == "unknown")
    span = reply.sections.heading or reply.sections.reference_list or reply_anchor(reply)
    n = len(reply.references)
    if n == 0:
        yield ctx.diagnostic(
            span,
            "The reply has no reference list, so no peer-reviewed journal article supports it; "
            f"the rubric asks for at least {needed}",
            hint=f"Support the reply with {needed} peer-reviewed journal article"
            f"{'s' if needed != 1 else ''}, cited in the text and listed under “References”",
            data={"peer_reviewed": 0, "entries": 0, "required": needed, "unknown": 0},
        )
        return
    found = "no" if have == 0 else f"only {have}"
    note = f" ({unknown} could not be classified)" if unknown else ""
    yield ctx.diagnostic(
        span,
        f"The reference list has {found} peer-reviewed journal article"
        f"{'s' if have != 1 else ''} among {n} entr{'ies' if n != 1 else 'y'}{note}; the rubric "
        f"asks for at least {needed}",
        hint=f"Support the reply with {needed - have} more peer-reviewed journal article"
        f"{'s' if needed - have != 1 else ''}",
        data={"peer_reviewed": have, "entries": n, "required": needed, "unknown": unknown},
    )
