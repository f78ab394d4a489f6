"""Write a verified work as an APA 7 journal-article reference entry (for unsafe fixes)."""

from __future__ import annotations

import re

from .work import Work, WorkAuthor

__all__ = ["format_apa_reference", "format_authors", "format_doi", "initials", "sentence_case"]


_CONTENT_WORD = re.compile(r"(?<![:?!.]\s)(?<!^)\b[A-Za-z][a-z]{3,}\b")


def _looks_title_case(title: str) -> bool:
    """Most content words past the start are capitalised (Title Case), or all caps."""
    words = _CONTENT_WORD.findall(title)
    capitalised = sum(1 for w in words if w[0].isupper())
    return title.isupper() or (bool(words) and capitalised * 2 > len(words))


def sentence_case(title: str) -> str:
    """APA sentence case, keeping any word that might be a proper noun as written.

    A title that is not in Title Case is kept as written: its capitals are proper nouns.
    """
    if not _looks_title_case(title):
        return title
    try:
        from ..apa.sentence_case import to_sentence_case
    except ImportError:  # pragma: no cover - the APA helpers ship with replylint
        return title
    return to_sentence_case(title)[0]


def initials(given: str) -> str:
    """'Eric A.' -> 'E. A.'; 'Jean-Paul' -> 'J.-P.'; 'JD' (PubMed initials) -> 'J. D.'"""
    parts: list[str] = []
    for word in given.replace(".", ". ").split():
        if word.isupper() and word.isalpha() and len(word) <= 3 and len(word) > 1:
            parts.extend(f"{c}." for c in word)
            continue
        pieces = [p for p in word.replace(".", "").split("-") if p]
        if pieces:
            parts.append("-".join(p[0].upper() + "." for p in pieces))
    return " ".join(parts)


def _author(a: WorkAuthor) -> str:
    if a.group or not a.given:
        return a.family
    return f"{a.family}, {initials(a.given)}"


def format_authors(authors: tuple[WorkAuthor, ...]) -> str:
    """The APA 7 author element ("Lee, E., Anselmo, M., & Tahsin, C. T.")."""
    names = [_author(a) for a in authors]
    if not names:
        return ""
    if len(names) == 1:
        text = names[0]
    elif len(names) <= 20:
        text = ", ".join(names[:-1]) + ", & " + names[-1]
    else:
        text = ", ".join(names[:19]) + ", . . . " + names[-1]
    return text if text.endswith(".") else text + "."


def format_doi(doi: str) -> str:
    return f"https://doi.org/{doi}"


def _italic(text: str, fmt: str) -> str:
    if fmt == "md":
        return f"*{text}*"
    if fmt == "html":
        return f"<em>{text}</em>"
    return text


def format_apa_reference(work: Work, fmt: str = "txt") -> str:
    """The APA 7 entry for ``work`` in the markup of ``fmt`` (md, html, or plain)."""
    parts: list[str] = []
    authors = format_authors(work.authors)
    year = f"({work.year})." if work.year else "(n.d.)."
    parts.append(f"{authors} {year}" if authors else year)
    if work.title:
        title = sentence_case(work.title.strip().rstrip("."))
        parts.append(title if re.search(r"[?!]$", title) else title + ".")
    if work.container:
        source = _italic(work.container, fmt)
        if work.volume:
            source += ", " + _italic(work.volume, fmt)
            if work.issue:
                source += f"({work.issue})"
        if work.pages:
            source += ", " + work.pages.replace("-", "–")
        elif work.article_number:
            source += f", Article {work.article_number}"
        parts.append(source + ".")
    if work.doi:
        parts.append(format_doi(work.doi))
    return " ".join(parts)
