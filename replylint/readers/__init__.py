"""Readers: turn an input file (txt, md, html, docx, or stdin) into a ``Document``.

``read_path`` does the file I/O; ``parse_bytes`` and ``parse_text`` are pure. Every reader
builds ``Document.text`` with the same normalisation and keeps, for every character, the
offset in the file it came from (see ``replylint.readers.normalize``).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from ..errors import InputError, UsageError
from ..model import Document
from .decode import decode_bytes
from .docx import parse_docx
from .html import parse_html
from .markdown import parse_markdown
from .text import parse_plain

__all__ = ["FORMATS", "detect_format", "parse_bytes", "parse_text", "read_path"]

#: The input formats, by name.
FORMATS: tuple[str, ...] = ("txt", "md", "html", "docx")

_EXTENSIONS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".mdown": "md",
    ".mkd": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".docx": "docx",
}
_LOOKS_HTML = re.compile(
    rb"\A\s*(?:<!doctype html|<html|<body|<p[\s>]|<div[\s>]|<br\s*/?>|<span[\s>])", re.I
)


_CHECK_PATH = "Check the path: spelling, folder and extension"


def detect_format(path: str | Path) -> str:
    """The format for a path from its extension; unknown extensions and ``-`` read as text."""
    if str(path) == "-":
        return "txt"
    file = path if isinstance(path, Path) else Path(path)  # a Path is not parsed again
    return _EXTENSIONS.get(file.suffix.lower(), "txt")


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise UsageError(f"unknown input format {fmt!r}; expected one of: {', '.join(FORMATS)}")


def parse_text(text: str, fmt: str, path: str = "<text>") -> Document:
    """A ``Document`` from already-decoded text in format ``fmt`` (txt, md or html)."""
    _check_format(fmt)
    if fmt == "docx":
        raise UsageError("DOCX is a binary format: use parse_bytes or read_path")
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise InputError(f"{path}: the input is empty", path=path)
    if "\x00" in text:
        raise InputError(f"{path}: binary input (contains NUL characters), not text", path=path)
    if fmt == "md":
        document = parse_markdown(text, path)
    elif fmt == "html":
        document = parse_html(text, path)
    else:
        document = parse_plain(text, path)
    if not document.text.strip():
        raise InputError(f"{path}: no text to check (the {fmt} input is empty)", path=path)
    return document


def parse_bytes(data: bytes, fmt: str, path: str) -> Document:
    """A ``Document`` from a file's bytes in format ``fmt``."""
    _check_format(fmt)
    if fmt == "docx":
        if not data.strip():
            raise InputError(f"{path}: the file is empty", path=path)
        document = parse_docx(data, path)
        if not document.text.strip():
            raise InputError(f"{path}: no text to check (the DOCX file is empty)", path=path)
        return document
    return parse_text(decode_bytes(data, path), fmt, path)


def read_path(path: str | Path, fmt: str | None = None) -> Document:
    """Read and parse a file (``-`` reads standard input); ``fmt`` overrides the extension.

    Standard input is read as text unless it starts like an HTML fragment or is a DOCX file.
    """
    name = str(path)
    if name == "-":
        stream = getattr(sys.stdin, "buffer", None)
        data = stream.read() if stream is not None else sys.stdin.read().encode("utf-8")
        if fmt is None:
            if data.startswith(b"PK\x03\x04"):
                fmt = "docx"
            elif _LOOKS_HTML.match(data[:1024].lstrip(b"\xef\xbb\xbf")):
                fmt = "html"
            else:
                fmt = "txt"
        return parse_bytes(data, fmt, "-")
    file = path if isinstance(path, Path) else Path(path)
    try:
        # Unbuffered: the file is read whole in one go, so a buffer would only copy it.
        with open(file, "rb", buffering=0) as handle:
            data = handle.readall()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file", path=name, hint=_CHECK_PATH) from None
    except IsADirectoryError:
        raise InputError(
            f"{name}: is a directory, not a file", path=name, hint=_CHECK_PATH
        ) from None
    except PermissionError:
        raise InputError(
            f"{name}: permission denied", path=name, hint="Check that you may read the file"
        ) from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})", path=name) from None
    return parse_bytes(data, fmt or detect_format(file), name)
