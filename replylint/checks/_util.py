"""Small pure helpers shared by the built-in check kinds."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache
from itertools import filterfalse

import regex

from .. import patterns
from ..engine import Context
from ..model import Citation, Reference, Reply, Span

__all__ = [
    "cited_label",
    "fold",
    "is_in_press",
    "is_personal_communication",
    "is_undated",
    "param_bool",
    "param_int",
    "param_list",
    "param_str",
    "parse_year",
    "reference_label",
    "reply_anchor",
    "secondary_originals",
    "sentence_of",
    "shared_secondary_originals",
]

_SPACE_OR_PERIOD = patterns.compile(r"[\s.]")


def parse_year(year: str | None) -> int | None:
    """The publication year as a number: ``"2022a"`` -> 2022; ``"n.d."``/``"in press"`` -> None."""
    if not year:
        return None
    head = year.strip()[:4]
    # four digits first; ``isdecimal`` is Unicode's decimal digits, as a regex ``\d``
    return int(head) if len(head) == 4 and head.isdecimal() else None


def fold(name: str) -> str:
    """A surname folded for comparison: no diacritics, lower case, straight apostrophes."""
    name = name.replace("’", "'").replace("‘", "'")
    if name.isascii():
        # NFKD leaves ASCII as it is and no ASCII character is combining
        return name.casefold().strip()
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(filterfalse(unicodedata.combining, decomposed)).casefold().strip()


def reply_anchor(reply: Reply) -> Span:
    """Where a finding about the whole reply points: its first sentence, else its first line."""
    if reply.sentences:
        return reply.sentences[0]
    text = reply.document.text
    for span in reply.sections.body:
        chunk = text[span.start : span.end]
        stripped = chunk.lstrip()
        if stripped:
            start = span.start + len(chunk) - len(stripped)
            line_end = text.find("\n", start, span.end)
            return Span(start, line_end if line_end != -1 else span.end)
    return Span(0, min(len(text), len(text.split("\n", 1)[0])))


def sentence_of(reply: Reply, offset: int) -> Span | None:
    """The sentence span holding ``offset``, if any."""
    for s in reply.sentences:
        if s.start <= offset < s.end:
            return s
    return None


def reference_label(ref: Reference) -> str:
    """A short human label for an entry: ``Smith et al. (2018)``, or the entry's first words."""
    year = ref.year or "n.d."
    if ref.authors:
        names = [a.family for a in ref.authors]
        if len(names) == 1:
            who = names[0]
        elif len(names) == 2:
            who = f"{names[0]} and {names[1]}"
        else:
            who = f"{names[0]} et al."
        return f"{who} ({year})"
    words = ref.text.split()
    head = " ".join(words[:6]) + (" …" if len(words) > 6 else "")
    return f"“{head}”"


def cited_label(citation: Citation) -> str:
    """A citation as written (its parentheses kept), on one line."""
    return " ".join(citation.text.split())


def is_undated(year: str | None) -> bool:
    if not year:
        return False
    low = str(year).lower()
    # the substitution only removes characters: without an "n" it cannot start with "nd"
    return "n" in low and _SPACE_OR_PERIOD.sub("", low).startswith("nd")


def is_in_press(year: str | None) -> bool:
    return bool(year) and str(year).lower().startswith("in press")


def secondary_originals(reply: Reply) -> set[int]:
    """Indexes of citations naming the *original* work in an "as cited in" group.

    Only the secondary work (after "as cited in") belongs in the reference list, so rules
    about listed works skip these.
    """
    out: set[int] = set()
    if not any(c.secondary for c in reply.citations):
        return out  # only a group with a secondary work has originals
    by_group: dict[int, list[int]] = {}
    for i, c in enumerate(reply.citations):
        by_group.setdefault(c.group, []).append(i)
    for members in by_group.values():
        secondary_at = [i for i in members if reply.citations[i].secondary]
        if not secondary_at:
            continue
        first = min(secondary_at)
        out.update(i for i in members if i < first and not reply.citations[i].secondary)
    return out


def shared_secondary_originals(reply: Reply, ctx: Context) -> frozenset[int]:
    """``secondary_originals``, worked out once per reply for all rules."""
    return ctx.per_reply(reply, "secondary_originals", lambda r: frozenset(secondary_originals(r)))


def is_personal_communication(citation: Citation) -> bool:
    return "personal communication" in citation.text.lower()


def _get(params: Mapping[str, object], key: str, default: object) -> object:
    value = params.get(key, default)
    return default if value is None else value


def param_int(params: Mapping[str, object], key: str, default: int) -> int:
    value = _get(params, key, default)
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return default


def param_str(params: Mapping[str, object], key: str, default: str) -> str:
    value = _get(params, key, default)
    return value if isinstance(value, str) else default


def param_bool(params: Mapping[str, object], key: str, default: bool) -> bool:
    value = _get(params, key, default)
    return value if isinstance(value, bool) else default


def param_list(params: Mapping[str, object], key: str, default: Iterable[str] = ()) -> list[str]:
    value = _get(params, key, list(default))
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [str(v) for v in value if str(v).strip()]
    return list(default)


@lru_cache(maxsize=64)
def cue_pattern(
    words: tuple[str, ...], before: str, after: str, *, apostrophes: bool = False
) -> regex.Pattern[str]:
    """A case-insensitive pattern for any of the cue phrases ``words``, compiled once per list.

    A space in a cue matches any run of white space; with ``apostrophes`` a straight
    apostrophe also matches a curly one. ``before`` and ``after`` are written around the
    alternation (boundaries, an optional lead-in).
    """
    alternatives = []
    for word in words:
        alternative = regex.escape(word).replace(r"\ ", r"\s+")
        if apostrophes:
            alternative = alternative.replace("'", "['’]")
        alternatives.append(alternative)
    return regex.compile(before + "(?:" + "|".join(alternatives) + ")" + after, regex.IGNORECASE)
