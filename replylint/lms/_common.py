"""Small helpers the LMS readers share: ids, dates, HTML sniffing, pseudonymous author ids."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

__all__ = [
    "looks_like_html",
    "message_text",
    "norm_id",
    "parse_timestamp",
    "pseudonym",
    "timestamp_or_note",
]

_HTML_TAG = re.compile(
    r"<(?:p|br|div|span|em|i|strong|b|ul|ol|li|blockquote|a|h[1-6])\b[^>]*>", re.I
)


def norm_id(value: object) -> str | None:
    """An id as text; None, "", "0" and 0 (Moodle's "no parent") become None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if text in ("", "0", "null", "None"):
        return None
    return text


def parse_timestamp(value: object) -> dt.datetime | None:
    """ISO 8601 text, a Unix timestamp (int or digits), or None/"" -> datetime or None.

    Raises ValueError for anything else. Naive values are kept naive; the calendar date is
    what grading uses.
    """
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(f"not a date: {value!r}")
    if isinstance(value, int | float):
        return _from_unix(float(value))
    text = str(value).strip()
    if not text:
        return None
    if re.fullmatch(r"\d{9,11}(?:\.\d+)?", text):
        return _from_unix(float(text))
    iso = text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text
    try:
        return dt.datetime.fromisoformat(iso)
    except ValueError:
        pass
    try:
        return dt.datetime.combine(dt.date.fromisoformat(text), dt.time())
    except ValueError:
        pass
    # Moodle's "humandates" option: "Wednesday, 25 November 2026, 2:15 PM".
    for fmt in ("%A, %d %B %Y, %I:%M %p", "%d %B %Y, %I:%M %p", "%A, %d %B %Y, %H:%M"):
        try:
            return dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
    raise ValueError(f"not a date: {text!r}")


def _from_unix(seconds: float) -> dt.datetime:
    try:
        return dt.datetime.fromtimestamp(seconds, tz=dt.UTC)
    except (OverflowError, OSError, ValueError):
        raise ValueError(f"not a date: timestamp {seconds!r} is out of range") from None


def looks_like_html(text: str) -> bool:
    return bool(_HTML_TAG.search(text))


def pseudonym(name: str) -> str:
    """A stable, non-obvious id for an author known only by name (generic CSV exports)."""
    digest = hashlib.sha256(name.strip().casefold().encode("utf-8")).hexdigest()
    return "anon-" + digest[:10]


def timestamp_or_note(value: object, where: str, notes: list[str]) -> dt.datetime | None:
    """``parse_timestamp(value)``; an unreadable date becomes a note (``where``: which field)."""
    try:
        return parse_timestamp(value)
    except ValueError as exc:
        notes.append(f"{where} {exc}")
        return None


def message_text(message: object, what: str) -> tuple[str | None, str | None]:
    """``(text, problem)`` for an export's message field; ``what`` names the record."""
    if message is None:
        return None, f"the {what} has no message"
    if not isinstance(message, str):
        return None, f"the {what}'s message is not text"
    return message, None
