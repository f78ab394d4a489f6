"""Build APA 7 reference entries from the real records beside the project, at test time.

Test cases never contain a copied reference: they name a record by DOI with a placeholder,
``{{ref:10.3389/fpsyg.2024.1367516}}``, and ``expand`` writes the entry from the record in the
markup of the case's format (``*italics*`` for Markdown, ``<em>`` for HTML, none for text).
``{{cite:DOI}}`` and ``{{narrative:DOI}}`` write a correct APA 7 in-text citation of the record.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SHARED_DATA = ROOT.parent / "shared" / "data"

Record = Mapping[str, Any]


@functools.cache
def recent_articles() -> dict[str, Record]:
    """Records from ``recent-articles`` by lower-case DOI."""
    path = SHARED_DATA / "recent-articles" / "records.jsonl"
    out: dict[str, Record] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                out[rec["doi"].lower()] = rec
    return out


def usable(record: Record) -> bool:
    """A record complete enough to write a reference without inventing anything."""
    return bool(
        record.get("authors")
        and record.get("authors_complete")
        and record.get("title")
        and record.get("container_title")
        and record.get("year")
        and record.get("volume")
    )


def usable_records() -> list[Record]:
    return [r for r in recent_articles().values() if usable(r)]


def initials(given: str) -> str:
    """'Eric A.' -> 'E. A.'; 'Jean-Paul' -> 'J.-P.'"""
    parts = []
    for word in re.split(r"\s+", given.strip()):
        if not word:
            continue
        pieces = [p for p in word.replace(".", " ").split("-") if p.strip()]
        parts.append("-".join(p.strip()[0].upper() + "." for p in pieces))
    return " ".join(parts)


def _author(a: Mapping[str, str]) -> str:
    given = a.get("given") or ""
    return f"{a['family']}, {initials(given)}" if given else a["family"]


def author_element(authors: Iterable[Mapping[str, str]]) -> str:
    names = [_author(a) for a in authors]
    if len(names) == 1:
        return names[0]
    if len(names) <= 20:
        return ", ".join(names[:-1]) + ", & " + names[-1]
    return ", ".join(names[:19]) + ", . . . " + names[-1]


def _italic(text: str, fmt: str) -> str:
    if fmt == "md":
        return f"*{text}*"
    if fmt == "html":
        return f"<em>{text}</em>"
    return text


def apa_reference(record: Record, fmt: str = "txt") -> str:
    """The APA 7 journal-article entry for a record, in the markup of ``fmt``."""
    if not usable(record):
        raise ValueError(f"record {record.get('doi')} is not complete enough for a reference")
    authors = author_element(record["authors"])
    authors = authors if authors.endswith(".") else authors + "."
    title = record["title"].rstrip(".")
    end = "" if title.endswith(("?", "!")) else "."
    source = _italic(record["container_title"], fmt) + ", " + _italic(record["volume"], fmt)
    if record.get("issue"):
        source += f"({record['issue']})"
    if record.get("page"):
        source += ", " + record["page"].replace("-", "–")
    elif record.get("article_number"):
        source += f", Article {record['article_number']}"
    return f"{authors} ({record['year']}). {title}{end} {source}. https://doi.org/{record['doi']}"


def surname_key(record: Record) -> str:
    fam = record["authors"][0]["family"]
    return unicodedata.normalize("NFKD", fam).encode("ascii", "ignore").decode().lower()


def cite(record: Record, narrative: bool = False) -> str:
    fams = [a["family"] for a in record["authors"]]
    year = record["year"]
    if len(fams) == 1:
        names = fams[0]
    elif len(fams) == 2:
        names = f"{fams[0]} {'and' if narrative else '&'} {fams[1]}"
    else:
        names = f"{fams[0]} et al."
    return f"{names} ({year})" if narrative else f"({names}, {year})"


_PLACEHOLDER = re.compile(r"\{\{(ref|cite|narrative):([^}]+)\}\}")


def expand(template: str, fmt: str = "txt") -> str:
    """Replace ``{{ref:DOI}}``, ``{{cite:DOI}}`` and ``{{narrative:DOI}}`` placeholders."""
    records = recent_articles()

    def sub(m: re.Match[str]) -> str:
        kind, doi = m.group(1), m.group(2).strip().lower()
        rec = records[doi]
        if kind == "ref":
            return apa_reference(rec, fmt)
        return cite(rec, narrative=kind == "narrative")

    return _PLACEHOLDER.sub(sub, template)


# --- larger pools: PubMed and OpenAlex records written as APA 7 journal entries ----------------


@functools.cache
def pubmed_records() -> tuple[Record, ...]:
    """The PubMed efetch records (``pubmed-efetch-xml/records_slim.jsonl``)."""
    return tuple(_read_jsonl(SHARED_DATA / "pubmed-efetch-xml" / "records_slim.jsonl"))


@functools.cache
def openalex_records() -> tuple[Record, ...]:
    """The OpenAlex work records (``synergy-openalex/works_slim.jsonl``)."""
    return tuple(_read_jsonl(SHARED_DATA / "synergy-openalex" / "works_slim.jsonl"))


def _read_jsonl(path: Path) -> list[Record]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


#: An electronic locator written where pages go ("e2308706120", "eabl6449", "ooae099").
_E_LOCATOR = re.compile(r"[a-z]{1,6}\d{3,}")


def full_page_range(pages: str) -> str:
    """PubMed's abbreviated '217-64' -> '217-264' (digits only; letter pages kept as printed)."""
    m = re.fullmatch(r"(\d+)-(\d+)", pages.strip())
    if not m:
        return pages.strip()
    first, last = m.groups()
    if len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    return f"{first}-{last}"


def common_record(record: Record) -> dict[str, Any] | None:
    """A PubMed or OpenAlex record in the ``recent-articles`` shape, or None when incomplete.

    OpenAlex gives display names only; the family name is taken as the last word, which can
    split compound surnames wrongly but never invents one.
    """
    if "pmid" in record and "last_page" not in record:
        authors = []
        for a in record.get("authors") or []:
            if isinstance(a, str):  # a collective (group) author
                authors.append({"family": a, "given": ""})
            elif a.get("collective"):
                authors.append({"family": a["collective"], "given": ""})
            elif a.get("last"):
                authors.append({"family": a["last"], "given": a.get("fore") or ""})
        pages = record.get("pages") or ""
        page = article = None
        if re.fullmatch(r"[A-Za-z]?\d+[A-Za-z]?-[A-Za-z]?\d+[A-Za-z]?", pages):
            page = full_page_range(pages)
        elif _E_LOCATOR.fullmatch(pages):
            article = pages
        elif pages:
            page = pages
        out = {
            "doi": record.get("doi"),
            "title": (record.get("title") or "").rstrip("."),
            "authors": authors,
            "authors_complete": True,
            "container_title": record.get("journal"),
            "year": record.get("year"),
            "volume": record.get("volume"),
            "issue": record.get("issue"),
            "page": page,
            "article_number": article,
        }
    else:
        authors = []
        for name in record.get("authors") or []:
            words = name.split()
            if not words:
                continue
            authors.append({"family": words[-1], "given": " ".join(words[:-1])})
        first, last = record.get("first_page"), record.get("last_page")
        page = f"{first}-{last}" if first and last and first != last else first
        article = None
        if page and _E_LOCATOR.fullmatch(page):
            page, article = None, page
        doi = record.get("doi") or ""
        out = {
            "doi": re.sub(r"^https?://doi\.org/", "", doi) or None,
            "title": (record.get("title") or "").rstrip("."),
            "authors": authors,
            "authors_complete": True,
            "container_title": record.get("journal"),
            "year": record.get("publication_year"),
            "volume": record.get("volume"),
            "issue": record.get("issue"),
            "page": page,
            "article_number": article,
        }
    if not (usable(out) and out["doi"] and out["title"]):
        return None
    if any(ch in out["title"] for ch in "<>[]"):  # markup or translated titles
        return None
    return out


def apa_from_record(record: Record, fmt: str = "txt") -> str | None:
    """The APA 7 journal entry for a PubMed or OpenAlex record, or None when incomplete."""
    common = common_record(record)
    return apa_reference(common, fmt) if common else None


_MARKUP = {"md": re.compile(r"\*([^*]+)\*"), "html": re.compile(r"<em>(.*?)</em>")}


def markup_document(text: str, fmt: str = "md") -> Any:
    """A ``Document`` for an entry written with ``expand``'s markup: the markup removed and its
    italics kept as spans (a stand-in for the readers, for parser tests)."""
    from replylint.model import Document, Span

    if fmt not in _MARKUP:
        return Document(
            path=f"entry.{fmt}", format=fmt, text=text, source=text, origin=range(len(text) + 1)
        )
    plain: list[str] = []
    origin: list[int] = []
    italics: list[Span] = []
    pos = 0
    for m in _MARKUP[fmt].finditer(text):
        for i in range(pos, m.start()):
            plain.append(text[i])
            origin.append(i)
        start = len(plain)
        for i in range(m.start(1), m.end(1)):
            plain.append(text[i])
            origin.append(i)
        italics.append(Span(start, len(plain)))
        pos = m.end()
    for i in range(pos, len(text)):
        plain.append(text[i])
        origin.append(i)
    origin.append(len(text))
    return Document(
        path=f"entry.{fmt}",
        format=fmt,
        text="".join(plain),
        source=text,
        origin=origin,
        italics=tuple(italics),
        carries_italics=True,
    )


_PUBMED_PLACEHOLDER = re.compile(r"\{\{pubmed:(\d+)\}\}")


def expand_entry(template: str, fmt: str = "txt") -> str:
    """``expand`` plus ``{{pubmed:PMID}}``: the APA 7 entry for a PubMed record."""
    records = {r["pmid"]: r for r in pubmed_records()}

    def sub(m: re.Match[str]) -> str:
        entry = apa_from_record(records[m.group(1)], fmt)
        if entry is None:
            raise ValueError(f"PubMed record {m.group(1)} is not complete enough")
        return entry

    return expand(_PUBMED_PLACEHOLDER.sub(sub, template), fmt)
