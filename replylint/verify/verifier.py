"""Verify that reference entries name real works: library and cache first, then the services.

Only the reference entries are looked up, never the reply's text. DOI first (Crossref, then
OpenAlex); without a DOI, or when the DOI is unknown, by title, first author and year
(Crossref ``query.bibliographic``, OpenAlex, PubMed, Europe PMC). Every answer is cached in
the library with its date. Offline, the library and the cache are the whole world.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..errors import NetworkError
from ..model import Diagnostic, Document, Edit, Fix, Reference, Reply, RuleMeta, Severity, Span
from .apa_format import format_apa_reference, format_authors, format_doi, sentence_case
from .compare import Mismatch, compare, entry_year, is_same_work
from .crossref import fetch_crossref_doi, fetch_crossref_search
from .europepmc import fetch_europepmc_search
from .library import Library
from .openalex import fetch_openalex_doi, fetch_openalex_search
from .pubmed import fetch_pubmed_search
from .work import Work, merge_works, normalize_doi, title_key

if TYPE_CHECKING:  # pragma: no cover
    from .http import HttpClient

__all__ = ["CODES", "DOI_SERVICES", "SEARCH_SERVICES", "Lookup", "Verifier", "existence_rules"]

CODES = ("V101", "V102", "V103", "V104", "V105", "V106", "V107")
DoiFetch = Callable[["HttpClient", str], "Work | None"]
SearchFetch = Callable[..., list[Work]]
DOI_SERVICES: Sequence[tuple[str, DoiFetch]] = (
    ("Crossref", fetch_crossref_doi),
    ("OpenAlex", fetch_openalex_doi),
)
SEARCH_SERVICES: Sequence[tuple[str, SearchFetch]] = (
    ("Crossref", fetch_crossref_search),
    ("OpenAlex", fetch_openalex_search),
    ("PubMed", fetch_pubmed_search),
    ("Europe PMC", fetch_europepmc_search),
)
_DOI_IN_TEXT = re.compile(r"\b10\.\d{4,9}/[^\s\"<>]+", re.IGNORECASE)


def existence_rules(extra_packs: Sequence[str | Path] = ()) -> dict[str, RuleMeta]:
    """The V rules' metadata from the rule packs."""
    from ..engine import load_rules

    return {c: r for c, r in load_rules(list(extra_packs)).items() if c in CODES}


@dataclass
class Lookup:
    """What a lookup found: a work, nothing ("not-found"), or no answer ("unreachable")."""

    status: Literal["found", "not-found", "unreachable"]
    work: Work | None = None
    #: Services that could not be reached, with the reason.
    unreachable: dict[str, str] = field(default_factory=dict)
    #: Where the answer came from: "library", "cache" or a service name.
    via: str = ""


def _query_key(title: str, authors: Sequence[str], year: int | None) -> str:
    first = authors[0].casefold() if authors else ""
    return f"search:{title_key(title)}|{first}|{year or ''}"


def _best(entry: Reference, works: Sequence[Work]) -> Work | None:
    """The candidate that is the entry's work, if any. Between equally good candidates (a
    preprint and its journal version share title and authors) the one with the entry's exact
    year wins, then the journal version, then the service's order."""
    year = entry_year(entry.year)
    scored = [
        (
            round(is_same_work(entry, w), 3),
            year is not None and year in w.all_years,
            w.is_peer_reviewed_venue is True,
            -i,
            w,
        )
        for i, w in enumerate(works)
    ]
    scored = [s for s in scored if s[0] > 0]
    if not scored:
        return None
    return max(scored, key=lambda s: s[:4])[4]


class Verifier:
    """Looks reference entries up and reports V-rule diagnostics.

    ``client`` may be None (offline only). ``rules`` are the V rules' metadata (loaded from
    the packs when not given); ``select`` limits the codes reported (all V codes by default).
    After ``verify``, ``unreachable`` names every service that could not be reached.
    """

    def __init__(
        self,
        client: HttpClient | None,
        library: Library,
        *,
        offline: bool = False,
        strict_network: bool = False,
        rules: Mapping[str, RuleMeta] | None = None,
        select: Collection[str] | None = None,
        max_age_days: int = 30,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        self.client = client
        #: Online, cached answers older than this are asked again (a DOI gets registered, a
        #: work gets retracted); offline, every cached answer is used.
        self.max_age_days = max_age_days
        self._today = today
        self.library = library
        self.offline = offline or client is None
        self.strict_network = strict_network
        self.rules = dict(rules) if rules is not None else existence_rules()
        self.select = set(select) if select is not None else set(self.rules)
        self.unreachable: dict[str, str] = {}
        self._down: set[str] = set()

    # -- lookups -------------------------------------------------------------------------

    def _stamp(self) -> str:
        return self._today().isoformat()

    def _cached(self, service: str, query: str) -> tuple[str, list[Work]] | None:
        """A usable cached answer (status, works), or None to ask the service."""
        cached = self.library.cached(service, query)
        if cached is None:
            return None
        status, works, fetched = cached
        if not self.offline:
            try:
                age = (self._today() - dt.date.fromisoformat(fetched[:10])).days
            except ValueError:
                return None
            if age > self.max_age_days:
                return None
        return status, works

    def _network_down(self, service: str, exc: NetworkError) -> None:
        self.unreachable.setdefault(service, str(exc))
        self._down.add(service)

    def lookup_doi(self, doi: str) -> Lookup:
        """The work with ``doi``: library, then cache, then Crossref and OpenAlex."""
        work = self.library.by_doi(doi, imported_only=not self.offline)
        if work is not None:
            return Lookup("found", work, via="library")
        answers: list[str] = []
        down: dict[str, str] = {}
        for service, fetch in DOI_SERVICES:
            query = f"doi:{doi}"
            cached = self._cached(service, query)
            if cached is not None:
                status, works = cached
                if status == "found" and works:
                    return Lookup("found", merge_works(works), via="cache")
                answers.append(status)
                continue
            if self.offline or self.client is None:
                continue
            if service in self._down:
                down[service] = self.unreachable[service]
                continue
            try:
                found = fetch(self.client, doi)
            except NetworkError as exc:
                self._network_down(service, exc)
                down[service] = str(exc)
                continue
            status = "found" if found else "not-found"
            answer = [found] if found else []
            self.library.store(service, query, status, answer, fetched=self._stamp())
            if found is not None:
                self.library.add_works([found], origin=f"fetched:{service}")
                return Lookup("found", found, via=service)
            answers.append("not-found")
        if down:
            return Lookup("unreachable", unreachable=down)
        if answers.count("not-found") == len(DOI_SERVICES):
            return Lookup("not-found", via="services")  # every service said so (now or cached)
        return Lookup("not-found", via="offline")

    def search(self, entry: Reference) -> Lookup:
        """The work an entry describes, by title, first author and year."""
        title = entry.title or ""
        if not title_key(title):
            return Lookup("not-found")
        only = not self.offline
        best = _best(entry, self.library.by_title(title, imported_only=only)) or _best(
            entry, self.library.search(title, imported_only=only)
        )
        if best is None and entry.source:
            # A title with ". " inside may have been split into title and source.
            joined = f"{title} {entry.source}"
            best = _best(entry, self.library.search(joined, imported_only=only))
        if best is not None:
            return Lookup("found", best, via="library")
        authors = [a.family for a in entry.authors]
        year = entry_year(entry.year)
        query = _query_key(title, authors, year)
        down: dict[str, str] = {}
        for service, fetch in SEARCH_SERVICES:
            cached = self._cached(service, query)
            if cached is not None:
                best = _best(entry, cached[1])
                if best is not None:
                    return Lookup("found", best, via="cache")
                continue
            if self.offline or self.client is None:
                continue
            if service in self._down:
                down[service] = self.unreachable[service]
                continue
            try:
                works = fetch(self.client, title=title, authors=authors, year=year)
            except NetworkError as exc:
                self._network_down(service, exc)
                down[service] = str(exc)
                continue
            status = "found" if works else "not-found"
            self.library.store(service, query, status, works, fetched=self._stamp())
            best = _best(entry, works)
            if best is not None:
                self.library.add_works([best], origin=f"fetched:{service}")
                return Lookup("found", best, via=service)
        if down and len(down) == len(SEARCH_SERVICES):
            return Lookup("unreachable", unreachable=down)
        return Lookup("not-found", unreachable=down, via="offline" if self.offline else "services")

    # -- diagnostics ---------------------------------------------------------------------

    def _diag(
        self,
        code: str,
        span: Span,
        message: str,
        *,
        hint: str | None = None,
        fix: Fix | None = None,
        data: Mapping[str, Any] | None = None,
        severity: Severity | None = None,
    ) -> Diagnostic | None:
        rule = self.rules.get(code)
        if rule is None or code not in self.select:
            return None
        return Diagnostic(
            code=code,
            name=rule.name,
            category=rule.category,
            severity=severity or rule.severity,
            message=message,
            span=span,
            fix=fix,
            hint=hint,
            criterion=rule.criterion,
            data=dict(data or {}),
        )

    def verify(self, reply: Reply) -> list[Diagnostic]:
        """The V-rule findings for every reference entry of ``reply``, in document order."""
        out: list[Diagnostic] = []
        for entry in reply.references:
            out.extend(self.verify_entry(entry, reply.document))
        return sorted(out, key=lambda d: (d.span.start, d.span.end, d.code))

    def verify_entry(self, entry: Reference, document: Document | None = None) -> list[Diagnostic]:
        """The V-rule findings for one entry."""
        fmt = document.format if document is not None else "txt"
        found: list[Diagnostic | None] = []
        doi = normalize_doi(entry.doi) if entry.doi else None
        if doi is None:
            m = _DOI_IN_TEXT.search(entry.text)
            doi = normalize_doi(m.group(0)) if m else None
        span = entry.span
        doi_span = entry.fields["doi"].span if "doi" in entry.fields else span
        if doi is None and not title_key(entry.title):
            found.append(
                self._diag(
                    "V107",
                    span,
                    "could not verify: the entry has no DOI and no title that could be read",
                    hint="Write the entry in APA 7 form so it can be checked.",
                )
            )
            return [d for d in found if d]
        if doi is not None:
            res = self.lookup_doi(doi)
            if res.status == "found" and res.work is not None:
                found.extend(self._evaluate(entry, res.work, fmt, has_doi=True))
                return [d for d in found if d]
            by_title = self.search(entry) if title_key(entry.title) else Lookup("not-found")
            if res.status == "unreachable":
                if by_title.status == "found" and by_title.work is not None:
                    found.extend(self._evaluate(entry, by_title.work, fmt, has_doi=True))
                else:
                    found.append(self._could_not_verify(span, res.unreachable))
                return [d for d in found if d]
            resolved = res.via == "services"
            found.extend(self._doi_unknown(entry, doi, doi_span, by_title, fmt, resolved))
            return [d for d in found if d]
        res = self.search(entry)
        if res.status == "found" and res.work is not None:
            found.extend(self._evaluate(entry, res.work, fmt, has_doi=False))
        elif res.status == "unreachable" or (res.unreachable and not self.offline):
            found.append(self._could_not_verify(span, res.unreachable))
        else:
            found.append(self._not_found(span))
        return [d for d in found if d]

    def _could_not_verify(self, span: Span, down: Mapping[str, str]) -> Diagnostic | None:
        names = ", ".join(sorted(down)) or "the services"
        detail = "; ".join(down[k] for k in sorted(down))
        return self._diag(
            "V107",
            span,
            f"could not verify: {names} unreachable",
            hint="Run again later, or verify offline against a library (--offline --library).",
            data={"unreachable": dict(down), "detail": detail},
        )

    def _not_found(self, span: Span) -> Diagnostic | None:
        where = (
            "in the library or the lookup cache (offline)"
            if self.offline
            else "in Crossref, OpenAlex, PubMed or Europe PMC"
        )
        return self._diag(
            "V103",
            span,
            f"no work with this title, first author and year was found {where}",
            hint="Check the title, authors and year against the source itself; add its DOI.",
        )

    def _doi_unknown(
        self,
        entry: Reference,
        doi: str,
        doi_span: Span,
        by_title: Lookup,
        fmt: str,
        services_said_no: bool,
    ) -> list[Diagnostic | None]:
        """An unknown DOI: V101 when the DOI services said "not found" (now or in the cache);
        offline, with only the library to go by, V102 (the library has the work under another
        DOI) or V103 (it has nothing)."""
        real = by_title.work if by_title.status == "found" else None
        if real is not None and real.doi and real.doi != doi:
            message = f"DOI {doi} does not belong to this work; the work's DOI is {real.doi}"
            fix = Fix(
                (Edit(doi_span, format_doi(real.doi)),) if doi_span != entry.span else (),
                "unsafe",
                f"Replace the DOI with {real.doi}",
            )
            code = "V101" if services_said_no else "V102"
            out: list[Diagnostic | None] = [
                self._diag(
                    code,
                    doi_span,
                    message if code == "V101" else f"metadata differs: {message}",
                    hint="Copy the DOI from the article's page or from doi.org.",
                    fix=fix if fix.edits else None,
                    data={"doi": doi, "actual_doi": real.doi},
                )
            ]
            rest = [d for d in self._evaluate(entry, real, fmt, has_doi=True) if d]
            out.extend(d for d in rest if d.code != "V102" or d.severity != Severity.INFO)
            return out
        if not services_said_no:
            return [self._not_found(entry.span)]
        return [
            self._diag(
                "V101",
                doi_span,
                f"DOI {doi} does not resolve: neither Crossref nor OpenAlex knows it",
                hint="Check the DOI for typos; copy it from the article's page.",
                data={"doi": doi},
            )
        ]

    def _evaluate(
        self, entry: Reference, work: Work, fmt: str, *, has_doi: bool
    ) -> list[Diagnostic | None]:
        out: list[Diagnostic | None] = []
        mismatches = compare(entry, work)
        if mismatches:
            out.append(self._mismatch(entry, work, mismatches, fmt))
        if work.is_retracted:
            detail = f" ({work.retraction_detail})" if work.retraction_detail else ""
            out.append(
                self._diag(
                    "V104",
                    entry.span,
                    f"this work has been retracted{detail}",
                    hint="Do not rely on a retracted work; cite a current source instead.",
                    data={"doi": work.doi, "source": work.source},
                )
            )
        if work.is_peer_reviewed_venue is False:
            out.append(
                self._diag(
                    "V105",
                    entry.span,
                    f"by its metadata this work is not a peer-reviewed journal article: "
                    f"{work.not_peer_reviewed_reason or work.type}",
                    hint="Support the claim with a peer-reviewed journal article.",
                    data={"type": work.type, "source": work.source},
                )
            )
        if not has_doi and work.doi:
            text = entry.text.rstrip()
            end = entry.span.end - (len(entry.text) - len(text))
            insert_at = Span(end, end)
            sep = " " if text.endswith(".") else ". "
            out.append(
                self._diag(
                    "V106",
                    entry.span,
                    f"the work has a DOI the entry leaves out: {format_doi(work.doi)}",
                    hint="APA 7 includes the DOI whenever a work has one.",
                    fix=Fix(
                        (Edit(insert_at, sep + format_doi(work.doi)),),
                        "unsafe",
                        f"Add {format_doi(work.doi)}",
                    ),
                    data={"doi": work.doi},
                )
            )
        return out

    def _mismatch(
        self, entry: Reference, work: Work, mismatches: Sequence[Mismatch], fmt: str
    ) -> Diagnostic | None:
        parts = []
        for m in mismatches:
            note = f" ({m.note})" if m.note else ""
            parts.append(f"{m.field} is “{m.written}” but the source has “{m.actual}”{note}")
        minor = all(m.minor for m in mismatches)
        where = f"DOI {work.doi}" if work.doi else work.source
        message = f"metadata differs from the record ({where}): " + "; ".join(parts)
        edits = _field_edits(entry, work, mismatches)
        if edits is not None:
            names = ", ".join(m.field for m in mismatches if not m.minor)
            fix = Fix(edits, "unsafe", f"Correct the {names} from the record")
        else:
            text = entry.text
            trailing = len(text) - len(text.rstrip())
            target = Span(entry.span.start, entry.span.end - trailing)
            fix = Fix(
                (Edit(target, format_apa_reference(work, fmt)),),
                "unsafe",
                "Replace the entry with the verified metadata (APA 7)",
            )
        return self._diag(
            "V102",
            entry.span,
            message,
            hint="Correct the entry from the source itself; the unsafe fix rewrites it.",
            fix=fix,
            severity=Severity.INFO if minor else None,
            data={
                "mismatches": [
                    {"field": m.field, "written": m.written, "actual": m.actual, "minor": m.minor}
                    for m in mismatches
                ],
                "record": work.to_dict(),
            },
        )


_YEAR_IN_DATE = re.compile(r"\b(1[89]|20)\d\d(?=[a-z]?\b)")


def _field_edits(
    entry: Reference, work: Work, mismatches: Sequence[Mismatch]
) -> tuple[Edit, ...] | None:
    """Edits of just the differing elements (so markup around other elements is kept), or
    None when an element's position is unknown (then the whole entry is rewritten)."""
    edits: list[Edit] = []
    for m in mismatches:
        if m.minor:
            continue
        if m.field == "year":
            f = entry.fields.get("date")
            found = _YEAR_IN_DATE.search(f.value) if f is not None and work.year else None
            if f is None or found is None:
                return None
            start = f.span.start + found.start()
            edits.append(Edit(Span(start, start + 4), str(work.year)))
        elif m.field == "title":
            f = entry.fields.get("title")
            if f is None or not work.title:
                return None
            title = sentence_case(work.title.strip())
            if not f.value.rstrip().endswith((".", "?", "!")):
                title = title.rstrip(".")
            edits.append(Edit(f.span, title))
        elif m.field == "first author":
            f = entry.fields.get("authors")
            if f is None or not work.authors:
                return None
            names = format_authors(work.authors)
            edits.append(Edit(f.span, names if f.value.endswith(".") else names.rstrip(".")))
        elif m.field == "journal":
            f = entry.fields.get("source")
            if f is None or not work.container:
                return None
            edits.append(Edit(f.span, work.container))
        else:
            return None
    spans = sorted((e.span for e in edits), key=lambda sp: (sp.start, sp.end))
    if not edits or any(a.overlaps(b) for a, b in itertools.pairwise(spans)):
        return None
    return tuple(edits)
