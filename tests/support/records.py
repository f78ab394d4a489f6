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

from replylint.model import Document, Span

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


def markup_document(text: str, fmt: str = "md") -> Document:
    """A ``Document`` for an entry written with ``expand``'s markup: the markup removed and its
    italics kept as spans (a stand-in for the readers, for parser tests)."""

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


_POOL_PLACEHOLDER = re.compile(r"\{\{(pubmed|openalex):([^}]+)\}\}")


def expand_entry(template: str, fmt: str = "txt") -> str:
    """``expand`` plus ``{{pubmed:PMID}}`` and ``{{openalex:DOI}}``: the APA 7 entry for a
    PubMed or OpenAlex record."""

    def sub(m: re.Match[str]) -> str:
        pool, key = m.group(1), m.group(2).strip().lower()
        if pool == "pubmed":
            found = [r for r in pubmed_records() if r["pmid"] == key]
        else:
            found = [r for r in openalex_records() if (r.get("doi") or "").lower().endswith(key)]
        entry = apa_from_record(found[0], fmt) if found else None
        if entry is None:
            raise ValueError(f"{pool} record {key} is missing or not complete enough")
        return entry

    return expand(_POOL_PLACEHOLDER.sub(sub, template), fmt)


# --- PubMed and OpenAlex records, and a corpus of correct APA 7 journal entries ---------------
#
# Added for the APA benchmark and tests. Every entry is written from a real record; the only
# changes are formatting that APA 7 prescribes (initials from given names, the en dash, a full
# last page for PubMed's abbreviated ranges, "Article" before an e-locator, a capital after a
# colon in a title). Records whose facts would need a guess (a surname that cannot be told from a
# display name, a page that may be an article number, a title not already in sentence case) are
# left out.

_MINOR = frozenset(
    re.findall(
        r"\S+", "a an the and but or nor for of in on at to by as up via per vs with from into"
    )
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_COLON_LOWER = re.compile(r"(:\s+)([a-z])")


def title_sentence_case_trusted(title: str) -> bool:
    """A record title already written in sentence case, judged only from its own letters.

    At least three lowercase content words, and capitalised words (other than the first word and
    the first word after a colon) at most a quarter of the content words; capitals inside such
    a title are names. ALL CAPS, bracketed (translated) and very short titles are not trusted.
    """
    if not title or title.startswith("[") or title.upper() == title:
        return False
    if re.search(r"&\w+;|<[^>]+>", title):
        return False  # markup or entities left in the record
    words = _WORD.findall(title)
    if len(words) < 4:
        return False
    caps = low = 0
    after_colon = {m.end() for m in re.finditer(r":\s+", title)}
    pos = 0
    for i, w in enumerate(words):
        at = title.index(w, pos)
        pos = at + len(w)
        if i == 0 or at in after_colon or w.lower() in _MINOR:
            continue
        if any(c.isupper() for c in w[1:]) or any(c.isdigit() for c in w):
            continue  # acronyms and mixed case say nothing either way
        if w[0].isupper():
            caps += 1
        else:
            low += 1
    return low >= 3 and caps * 4 <= caps + low


def sentence_case_title(title: str) -> str:
    """A trusted sentence-case record title with APA's capital after a colon."""
    title = title.strip()
    title = title[:-1] if title.endswith(".") and not title.endswith("..") else title
    return _COLON_LOWER.sub(lambda m: m.group(1) + m.group(2).upper(), title)


def journal_title_case_trusted(name: str) -> bool:
    """A journal name already in title case (no lowercase word of four letters or more)."""
    if not name or any(ch in name for ch in ":;()[]"):
        return False
    words = _WORD.findall(name)
    return all(not (w.islower() and len(w) >= 4 and w not in _MINOR) for w in words[1:]) and (
        bool(words) and not words[0].islower()
    )


_GIVEN_TOKEN = re.compile(r"^(?:[A-Z][a-z]+|[A-Z]\.)$")
_FAMILY_TOKEN = re.compile(r"^[A-Z][a-zà-öø-ÿ'’]+(?:-[A-Z][a-zà-öø-ÿ'’]+)?$")


def split_display_name(name: str) -> dict[str, str] | None:
    """``"Hossam M. Hammady"`` -> family/given; None when the surname cannot be told for sure."""
    tokens = name.split()
    if len(tokens) < 2 or len(tokens) > 3:
        return None
    *given, family = tokens
    if not all(_GIVEN_TOKEN.match(t) for t in given) or not _FAMILY_TOKEN.match(family):
        return None
    return {"family": family, "given": " ".join(given)}


def _full_range(first: str, last: str) -> str | None:
    """PubMed's abbreviated ``151-7`` -> ``151–157``; None for forms that are not plain ranges."""
    if not (first.isdigit() and last.isdigit()):
        return None
    if len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    if int(last) <= int(first):
        return None
    return f"{first}–{last}"


def _locator_of_pages(pages: str | None) -> str | None:
    """The pages element for a PubMed pages value (range, or an e-locator article number)."""
    if not pages:
        return None
    if re.fullmatch(r"e\d+", pages):
        return f"Article {pages}"
    m = re.fullmatch(r"(\d+)-(\d+)", pages)
    if m:
        return _full_range(m.group(1), m.group(2))
    return None


def _journal_entry(
    authors: list[dict[str, str]],
    year: object,
    title: str,
    journal: str,
    volume: str,
    issue: str | None,
    locator: str | None,
    doi: str,
    fmt: str,
) -> str:
    names = author_element(authors)
    names = names if names.endswith(".") else names + "."
    end = "" if title.endswith(("?", "!")) else "."
    source = _italic(journal, fmt) + ", " + _italic(volume, fmt)
    if issue:
        source += f"({issue.replace('-', '–')})"
    if locator:
        source += ", " + locator
    return f"{names} ({year}). {title}{end} {source}. https://doi.org/{doi}"


def pubmed_entry(record: Record, fmt: str = "txt") -> str | None:
    """The APA 7 entry of a PubMed record, or None when it cannot be written without a guess."""
    people = []
    for a in record.get("authors") or []:
        if isinstance(a, str) or "collective" in a:
            return None  # a group author: kept out rather than guessed
        fore = (a.get("fore") or "").strip()
        if not fore or not a.get("last"):
            return None
        people.append({"family": a["last"], "given": fore})
    title = record.get("title") or ""
    journal = record.get("journal") or ""
    if not (people and record.get("doi") and record.get("volume") and record.get("year")):
        return None
    if not title_sentence_case_trusted(title) or not journal_title_case_trusted(journal):
        return None
    locator = _locator_of_pages(record.get("pages"))
    if locator is None:
        return None
    return _journal_entry(
        people,
        record["year"],
        sentence_case_title(title),
        journal,
        record["volume"],
        record.get("issue"),
        locator,
        record["doi"],
        fmt,
    )


def openalex_entry(record: Record, fmt: str = "txt") -> str | None:
    """The APA 7 entry of an OpenAlex work, or None when it cannot be written without a guess."""
    if record.get("type") != "journal-article" or record.get("is_paratext"):
        return None
    people = [split_display_name(n) for n in record.get("authors") or []]
    if not people or any(p is None for p in people):
        return None
    title = record.get("title") or ""
    journal = record.get("journal") or ""
    doi = (record.get("doi") or "").removeprefix("https://doi.org/")
    if not (doi and record.get("volume") and record.get("publication_year")):
        return None
    if not re.fullmatch(r"\d+", record["volume"]):
        return None  # "Volume 10", "10 Suppl": not the volume number alone
    if not title_sentence_case_trusted(title) or not journal_title_case_trusted(journal):
        return None
    first, last = record.get("first_page"), record.get("last_page")
    if not first or not last or first == last:
        return None
    if re.fullmatch(r"e\d+", first) and re.fullmatch(r"e\d+", last):
        locator = f"{first}–{last}"
    else:
        locator = _full_range(first, last)
    if locator is None:
        return None
    return _journal_entry(
        [p for p in people if p is not None],
        record["publication_year"],
        sentence_case_title(title),
        journal,
        record["volume"],
        record.get("issue"),
        locator,
        doi,
        fmt,
    )


def recent_entry(record: Record, fmt: str = "txt") -> str | None:
    """The APA 7 entry of a recent-articles record whose title is already in sentence case."""
    if not usable(record) or not title_sentence_case_trusted(record["title"]):
        return None
    if not journal_title_case_trusted(record["container_title"]):
        return None
    locator = None
    if record.get("page"):
        m = re.fullmatch(r"(\d+)-(\d+)", record["page"])
        locator = _full_range(m.group(1), m.group(2)) if m else None
        if locator is None:
            return None
    elif record.get("article_number"):
        locator = f"Article {record['article_number']}"
    return _journal_entry(
        list(record["authors"]),
        record["year"],
        sentence_case_title(record["title"]),
        record["container_title"],
        record["volume"],
        record.get("issue"),
        locator,
        record["doi"],
        fmt,
    )


def correct_corpus(fmt: str = "txt", limit: int | None = None) -> list[tuple[str, Record, str]]:
    """``(source, record, entry)`` for every record that gives a correct APA 7 entry."""
    return list(_correct_corpus(fmt, limit))


@functools.cache
def _correct_corpus(fmt: str, limit: int | None) -> tuple[tuple[str, Record, str], ...]:
    out: list[tuple[str, Record, str]] = []
    for rec in recent_articles().values():
        entry = recent_entry(rec, fmt)
        if entry:
            out.append(("recent-articles", rec, entry))
    for rec in pubmed_records():
        entry = pubmed_entry(rec, fmt)
        if entry:
            out.append(("pubmed", rec, entry))
    for rec in openalex_records():
        entry = openalex_entry(rec, fmt)
        if entry:
            out.append(("openalex", rec, entry))
            if limit is not None and len(out) >= limit:
                break
    return tuple(out)


def expected_fields(record: Record) -> dict[str, Any]:
    """What the entry parser must read from ``apa_reference(record)``, field by field."""
    families = [a["family"] for a in record["authors"]]
    if len(families) > 20:
        families = families[:19] + families[-1:]
    return {
        "authors": families,
        "year": str(record["year"]),
        "title": record["title"].rstrip("."),
        "source": record["container_title"],
        "volume": record["volume"],
        "issue": record.get("issue"),
        "pages": record["page"].replace("-", "–") if record.get("page") else None,
        "article_number": None if record.get("page") else record.get("article_number"),
        "doi": record["doi"],
        "kind": "journal-article",
    }
