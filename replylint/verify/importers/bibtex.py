"""BibTeX entries as ``Work`` records (a small, forgiving parser: no macros or crossrefs)."""

from __future__ import annotations

import re
import unicodedata

from ..work import Work, WorkAuthor, normalize_doi, split_full_name

__all__ = ["parse_bibtex", "parse_bibtex_entries"]

_ACCENTS = {
    "'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303",
    "=": "\u0304", ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b",
    "c": "\u0327", "k": "\u0328",
}  # fmt: skip
_ACCENT = re.compile(r"\\([`'^\"~=.uvHck])\s*\{?\\?([A-Za-z])\}?")
_SYMBOLS = {r"\ss": "ß", r"\o": "ø", r"\O": "Ø", r"\l": "ł", r"\L": "Ł", r"\&": "&", r"\%": "%"}
_NOT_PEER_REVIEWED = {
    "inproceedings": "a conference paper, not a journal article",
    "conference": "a conference paper, not a journal article",
    "incollection": "a book chapter, not a journal article",
    "inbook": "a book chapter, not a journal article",
    "book": "a book, not a journal article",
    "techreport": "a report, not a journal article",
    "phdthesis": "a thesis, not a journal article",
    "mastersthesis": "a thesis, not a journal article",
    "unpublished": "unpublished work (a preprint)",
    "online": "a web page, not a journal article",
    "misc": "a miscellaneous item, not a journal article",
}


def _delatex(value: str) -> str:
    value = _ACCENT.sub(
        lambda m: unicodedata.normalize("NFC", m.group(2) + _ACCENTS[m.group(1)]), value
    )
    for cmd, char in _SYMBOLS.items():
        value = value.replace(cmd + "{}", char).replace(cmd, char)
    value = value.replace("{", "").replace("}", "").replace("--", "-").replace("~", " ")
    return " ".join(value.split())


def _value(text: str, i: int) -> tuple[str, int]:
    """Read one field value starting at ``text[i]``; returns (raw value, index after it)."""
    if i >= len(text):
        return "", i
    if text[i] == "{":
        depth, j = 0, i
        while j < len(text):
            if text[j] == "{":
                depth += 1
            elif text[j] == "}":
                depth -= 1
                if depth == 0:
                    return text[i + 1 : j], j + 1
            j += 1
        return text[i + 1 :], len(text)
    if text[i] == '"':
        j = i + 1
        depth = 0
        while j < len(text) and not (text[j] == '"' and depth == 0):
            depth += {"{": 1, "}": -1}.get(text[j], 0)
            j += 1
        return text[i + 1 : j], j + 1
    m = re.compile(r"[^,}\s]*").match(text, i)
    end = m.end() if m else i
    return text[i:end], end


def parse_bibtex_entries(text: str) -> list[tuple[str, dict[str, str]]]:
    """(entry type, fields) for every ``@type{key, ...}`` entry; comments are skipped."""
    out = []
    for m in re.finditer(r"@\s*(\w+)\s*[{(]", text):
        kind = m.group(1).lower()
        if kind in ("comment", "preamble", "string"):
            continue
        i = text.find(",", m.end())
        if i < 0:
            continue
        fields: dict[str, str] = {}
        i += 1
        while i < len(text):
            fm = re.compile(r"\s*([\w\-:]+)\s*=\s*").match(text, i)
            if not fm:
                break
            raw, i = _value(text, fm.end())
            fields[fm.group(1).lower()] = _delatex(raw)
            while i < len(text) and text[i] in " \t\r\n#":
                i += 1
            if i < len(text) and text[i] == ",":
                i += 1
            else:
                break
        out.append((kind, fields))
    return out


def _authors(value: str) -> tuple[WorkAuthor, ...]:
    out = []
    for name in re.split(r"\s+and\s+", value):
        name = name.strip()
        if not name or name.lower() == "others":
            continue
        family, given = split_full_name(name)
        out.append(WorkAuthor(family=family, given=given))
    return tuple(out)


def parse_bibtex(text: str) -> list[Work]:
    works = []
    for kind, f in parse_bibtex_entries(text):
        m = re.search(r"\d{4}", f.get("year", "") or f.get("date", ""))
        year = int(m.group(0)) if m else None
        peer: bool | None = True if kind == "article" else None
        reason = None
        if kind in _NOT_PEER_REVIEWED:
            peer, reason = False, _NOT_PEER_REVIEWED[kind]
        works.append(
            Work(
                source="bibtex",
                doi=normalize_doi(f.get("doi")),
                title=f.get("title") or None,
                authors=_authors(f.get("author", "")),
                year=year,
                years=(year,) if year else (),
                container=f.get("journal") or f.get("journaltitle") or f.get("booktitle") or None,
                type=kind,
                volume=f.get("volume") or None,
                issue=f.get("number") or f.get("issue") or None,
                pages=f.get("pages") or None,
                pmid=f.get("pmid") or None,
                is_peer_reviewed_venue=peer,
                not_peer_reviewed_reason=reason,
            )
        )
    return works
