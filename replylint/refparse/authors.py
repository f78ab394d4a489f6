"""The author element of a reference entry: people, group authors, "&", ellipsis, et al."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

import regex

from .. import patterns
from ..lazyre import lazy_compile

__all__ = ["AuthorItem", "AuthorList", "looks_like_group", "parse_authors"]

_GROUP_WORD = patterns.compile(r"[\p{L}\p{N}&][\p{L}\p{M}\p{N}'’.&-]*")
_NOT_IN_A_NAME = patterns.compile(r"[?!;:\"“”]|\s{2,}")
_CAPITAL_OR_DIGIT = patterns.compile(r"[\p{Lu}\p{N}]")
_SPACES = patterns.compile(r"\s+")

# Each pattern below opens with a look-ahead for the first letters its words can start with:
# it changes nothing that matches, and spares the engine trying every word at each capital.
PARTICLE = (
    r"(?=[a-z])(?:van|von|vander|der|den|de|del|della|dela|des|di|da|das|do|dos|du|la|le|el|al"
    r"|bin|ibn|ten|ter|zu|af|av|y)"
)
# A capitalised name word of two or more letters: O'Neill, McAnally, García-López, D'Angelo.
_CAPWORD = r"(?:\p{Lu}[\p{L}\p{M}'’]*[\p{L}\p{M}](?:-\p{L}[\p{L}\p{M}'’]*)*)"
# An elided particle: d'Angelo, de'Angelis, dell'Acqua, l'Heureux.
_ELIDED = (
    r"(?=[dDlL])(?:[dDlL]|[dD]e|[dD]ell|[dD]all|[dD]egli)['’]\p{Lu}[\p{L}\p{M}'’]*"
    r"(?:-\p{L}[\p{L}\p{M}'’]*)*"
)
_NAMEWORD = rf"(?:{_ELIDED}|{_CAPWORD})"
# Capitalised prefixes that are not initials: "St. John", "Ste. Marie", "Ó Súilleabháin".
_PREFIX = r"(?:(?:St|Ste)\.\s*|Ó\s+|Ní\s+)"
FAMILY = (
    rf"(?:{_PREFIX}?(?:{PARTICLE}\s+)*{_NAMEWORD}"
    rf"(?:\s+(?:{PARTICLE}\s+)*{_NAMEWORD}){{0,3}})"
)
_INITIAL = r"\p{Lu}\p{Ll}?\."
INITIALS = rf"(?:{_INITIAL}(?:\s*-\s*{_INITIAL})*(?:\s*{_INITIAL}(?:\s*-\s*{_INITIAL})*)*)"
_FULLGIVEN = r"(?:\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?(?:\s+(?:\p{Lu}\p{Ll}+|\p{Lu}\.))*)"
_SUFFIX = r"(?:,?\s*(?:Jr\.|Sr\.|II|III|IV)(?![\p{L}]))"
_ENDS = r"(?=\s*(?:,|&|\band\b|\.\s*\.\s*\.|…|\(|\.?\s*$|et\.?\s*al\b))"

_PERSON_INVERTED = patterns.compile(
    rf"(?P<family>{FAMILY})\s*,\s*(?P<given>{INITIALS}|{_FULLGIVEN}|\p{{Lu}}{{1,2}}(?![\p{{L}}.]))"
    rf"(?P<suffix>{_SUFFIX})?{_ENDS}"
)
_PERSON_FORWARD = lazy_compile(rf"(?P<given>{INITIALS})\s*(?P<family>{FAMILY}){_ENDS}")
# Vancouver/NLM habit "Prime H" or a missing comma "Prime H." (recorded as written).
_PERSON_NOCOMMA = lazy_compile(
    rf"(?P<family>{FAMILY})\s+(?P<given>{INITIALS}|\p{{Lu}}{{1,3}}(?![\p{{L}}]))"
    rf"(?P<suffix>{_SUFFIX})?{_ENDS}"
)
_SEPARATOR_PATTERN = r"\s*(?:,\s*)?(?P<word>&|and\b)\s*|\s*,\s*"
_ELLIPSIS_PATTERN = r"\s*,?\s*(?:\.\s*\.\s*\.|…)\s*,?\s*"
_ET_AL_PATTERN = r"\s*,?\s*et\.?\s*al(?:\.|(?![\p{L}]))\s*,?\s*"
_ELLIPSIS = patterns.compile(_ELLIPSIS_PATTERN)
_ET_AL = patterns.compile(_ET_AL_PATTERN, regex.IGNORECASE)
#: What follows a name: group ``more`` where ``_ELLIPSIS`` or ``_ET_AL`` would match, else the
#: separator (its alternatives come last, so they are tried exactly as on their own).
_AFTER_NAME = patterns.compile(
    rf"(?P<more>{_ELLIPSIS_PATTERN}|(?i:{_ET_AL_PATTERN}))|{_SEPARATOR_PATTERN}"
)
_MORE = _AFTER_NAME.groupindex["more"]
_EDITORS = patterns.compile(r"\s*\((?P<label>[Ee]ds?\.?|[Ee]ditors?)\)\s*\.?\s*$")
_GROUP_END = patterns.compile(r"\s*(?:,\s*)?&\s*|\s*$")
_PERSONISH = patterns.compile(r",\s*\p{Lu}(?:\.|\p{Lu}?(?![\p{L}]))")

_BRACKETED = patterns.compile(r"\s*\[[\p{Lu}\p{N}&.-]{2,12}\]$")
_FUNCTION_WORDS = frozenset(
    [
        "of",
        "for",
        "and",
        "the",
        "on",
        "in",
        "at",
        "to",
        "by",
        "with",
        "from",
        "de",
        "la",
        "des",
        "du",
        "del",
        "der",
        "und",
        "für",
        "y",
        "e",
        "et",
        "a",
        "an",
        "as",
        "&",
    ]
)


class AuthorItem(NamedTuple):
    """One author as written (a named tuple: cheap to build, one per name in every entry)."""

    family: str
    given: str | None
    group: bool
    span: tuple[int, int]


@dataclass
class AuthorList:
    items: list[AuthorItem] = field(default_factory=list)
    ellipsis: bool = False
    et_al: bool = False
    editors: tuple[int, int] | None = None
    #: Separators as written before each author after the first: ", ", ", & ", " and ", ...
    separators: list[str] = field(default_factory=list)
    ok: bool = True


def looks_like_group(text: str) -> bool:
    """A group/organisation name: capitalised words, function words and acronyms only."""
    words = _GROUP_WORD.findall(text)
    if not words or len(words) > 20 or not _CAPITAL_OR_DIGIT.match(text.strip()):
        return False
    if _NOT_IN_A_NAME.search(text):
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _FUNCTION_WORDS for w in words)


#: A person pattern's family, given and suffix groups (None: it has no suffix group).
_Groups = tuple[int | str, int | str, int | str | None]
#: The person patterns in the order they are tried, each with its groups. The first, which
#: reads most names, gives them by number: the regex module looks a group name up anew on
#: every call, which costs more than reading the group itself.
_PERSONS: tuple[tuple[regex.Pattern[str], _Groups], ...] = (
    (
        _PERSON_INVERTED,
        (
            _PERSON_INVERTED.groupindex["family"],
            _PERSON_INVERTED.groupindex["given"],
            _PERSON_INVERTED.groupindex["suffix"],
        ),
    ),
    (_PERSON_FORWARD, ("family", "given", None)),
    (_PERSON_NOCOMMA, ("family", "given", "suffix")),
)


_INVERTED_GROUPS = _PERSONS[0][1]


def _try_other_person(text: str, pos: int, end: int) -> tuple[regex.Match[str], _Groups] | None:
    """A name read by a person pattern after the first (which the caller tries itself)."""
    for pattern, groups in _PERSONS[1:]:
        m = pattern.match(text, pos, end)
        if m:
            return m, groups
    return None


def parse_authors(text: str, start: int, end: int) -> AuthorList:
    """Parse ``text[start:end]`` (the element before the date) into authors."""
    out = AuthorList()
    # "(Eds.)" needs a "(": most author elements have none and skip the search
    ed = _EDITORS.search(text, start, end) if text.find("(", start, end) >= 0 else None
    if ed:
        out.editors = (ed.start() + len(ed.group()) - len(ed.group().lstrip()), ed.end())
        end = ed.start()
    while end > start and text[end - 1].isspace():
        end -= 1
    pos = start
    items = out.items
    # the last character: a final period closes the element (see below)
    last_is_period = end > start and text[end - 1] == "."
    while pos < end:
        while pos < end and text[pos].isspace():
            pos += 1
        if pos >= end:
            break
        # text[pos] is not a space (every "\s" is one for str.isspace), so _ELLIPSIS can only
        # match at a comma or a dot, and _ET_AL at a comma or an "e" (IGNORECASE folds "e" to
        # nothing else): most names start elsewhere and skip both patterns
        ch = text[pos]
        e = _ELLIPSIS.match(text, pos, end) if ch in ",.…" else None
        if e and e.end() > pos:
            out.ellipsis = True
            out.separators.append(e.group())
            pos = e.end()
            continue
        a = _ET_AL.match(text, pos, end) if ch in ",eE" and items else None
        if a:
            out.et_al = True
            pos = a.end()
            continue
        # the first person pattern reads most names: it is tried here, the others after it
        m = _PERSON_INVERTED.match(text, pos, end)
        person = (m, _INVERTED_GROUPS) if m else _try_other_person(text, pos, end)
        if person:
            m, (family_group, given_group, suffix_group) = person
            family, given = m.group(family_group, given_group)
            # a space is the only "\s" that str.isprintable accepts, so a printable name
            # without double spaces has no run for _SPACES to collapse
            if not given.isprintable() or "  " in given:
                given = _SPACES.sub(" ", given)
            given = given.strip()
            suffix = m.group(suffix_group) if suffix_group is not None else None
            if suffix:
                given += ", " + suffix.strip(" ,")
            span = m.span()
            items.append(AuthorItem(family, given, False, span))
            pos = span[1]
        else:
            whole = text[pos:end].rstrip(" .")
            if looks_like_group(whole) and not _PERSONISH.search(whole):
                gend = end
            else:
                g = _GROUP_END.search(text, pos, end)
                gend = g.start() if g else end
            name_end = gend
            while name_end > pos and text[name_end - 1] in ". ,":
                name_end -= 1
            name = text[pos:name_end]
            if not looks_like_group(name):
                if not out.items:
                    out.ok = False
                    return out
                # after real names, an odd last element is kept as written (a long group name)
                name_end = end
                while name_end > pos and text[name_end - 1] in ". ,":
                    name_end -= 1
                name, gend = text[pos:name_end], end

            bracket = _BRACKETED.search(name)
            if bracket and bracket.start() > 0:  # "World Health Organization [WHO]" (not APA)
                name = name[: bracket.start()]
            out.items.append(AuthorItem(name, None, True, (pos, pos + len(name))))
            pos = gend
        if pos >= end:
            break
        # a final period closes the element (``end`` stops before trailing spaces, so that
        # period is the last character and only spaces may come before it)
        if last_is_period and (
            pos == end - 1 or (text[pos].isspace() and text[pos : end - 1].isspace())
        ):
            break
        # The usual separator, ", " before a capital: an ellipsis needs "." or "…" there, "et
        # al." an "e" or "E", "&"/"and" an "&" or "a", so _AFTER_NAME could only match the
        # plain ", " (its "\s*" stops at the capital, which is no space).
        if (
            pos + 2 < end
            and text[pos] == ","
            and text[pos + 1] == " "
            and text[pos + 2].isupper()
            and text[pos + 2] != "E"
        ):
            out.separators.append(", ")
            pos += 2
            continue
        s = _AFTER_NAME.match(text, pos, end)
        if s and s.group(_MORE) is not None:
            continue  # an ellipsis or "et al." is read at the top of the loop
        if not s:
            out.ok = False
            return out
        out.separators.append(s.group())
        pos = s.end()
    if not out.items:
        out.ok = False
    return out
