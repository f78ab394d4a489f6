"""Bytes to text: byte-order marks, UTF-16 without a mark, UTF-8, and a cp1252 fallback.

Bytes that are not valid UTF-8 are decoded one by one as Windows-1252 (the usual encoding of a
file saved by an old Word or Notepad), so a mostly-UTF-8 file with a stray ``0x93`` keeps both
its accented letters and its curly quote.
"""

from __future__ import annotations

import codecs
import re

from ..errors import InputError

__all__ = ["decode_bytes", "detect_encoding"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (a .docx file needs the .docx extension)"),
    (b"\xd0\xcf\x11\xe0", "an old binary Word (.doc) file; save it as .docx"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"{\\rtf", "an RTF file; save it as .docx or .txt"),
)
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
#: The bytes that encode ``_CONTROL``'s characters in UTF-8, one byte each.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])


def _cp1252_byte(err: UnicodeError) -> tuple[str, int]:
    """Decode the first invalid byte as cp1252 (undefined cp1252 bytes as Latin-1)."""
    if not isinstance(err, UnicodeDecodeError):
        raise err
    byte = err.object[err.start : err.start + 1]
    try:
        return byte.decode("cp1252"), err.start + 1
    except UnicodeDecodeError:
        return byte.decode("latin-1"), err.start + 1


codecs.register_error("replylint-cp1252", _cp1252_byte)


def _utf16_without_bom(data: bytes) -> str | None:
    """The encoding of BOM-less UTF-16 text (mostly ASCII), or None."""
    if len(data) < 4 or len(data) % 2:
        return None
    even = data[0::2].count(0)
    odd = data[1::2].count(0)
    half = len(data) // 2
    if odd > half * 0.3 and even < half * 0.05:
        return "utf-16-le"
    if even > half * 0.3 and odd < half * 0.05:
        return "utf-16-be"
    return None


def detect_encoding(data: bytes) -> tuple[str, bytes]:
    """The encoding ``decode_bytes`` reads ``data`` with, and its byte-order mark (or b"").

    Used to write a fixed file back the way it came: a cp1252 file stays cp1252.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, bom
    if b"\x00" in data:
        encoding16 = _utf16_without_bom(data)
        if encoding16 is not None:
            return encoding16, b""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252", b""
    return "utf-8", b""


def decode_bytes(data: bytes, path: str = "<bytes>") -> str:
    """Decode a file's bytes; raise ``InputError`` for empty or binary input."""
    if not data.strip():
        raise InputError(f"{path}: the file is empty", path=path)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{path}: starts with a {encoding.upper()} byte-order mark but is not valid "
                    f"{encoding.upper()} ({exc.reason} at byte {exc.start + len(bom)})",
                    path=path,
                ) from None
            return _check_text(text, path)
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"{path}: not text: this is {what}", path=path)
    if b"\x00" in data:
        encoding16 = _utf16_without_bom(data)
        if encoding16 is None:
            raise InputError(f"{path}: binary file (contains NUL bytes), not text", path=path)
        try:
            return _check_text(data.decode(encoding16), path)
        except UnicodeDecodeError:
            raise InputError(f"{path}: binary file, not text", path=path) from None
    text = data.decode("utf-8", errors="replylint-cp1252")
    if len(data.translate(None, _CONTROL_BYTES)) == len(data) and text.strip():
        # What ``_check_text`` would pass: no control byte means no control character, as
        # UTF-8 encodes each of them as that one byte and no other character uses bytes below
        # 0x80, and the fallback decodes only bytes from 0x80 up, none to a control character.
        return text
    return _check_text(text, path)


def _check_text(text: str, path: str) -> str:
    if not text.strip():
        raise InputError(f"{path}: the file is empty", path=path)
    sample = text[:65536]
    controls = len(_CONTROL.findall(sample))
    if "\x00" in sample or controls > max(8, len(sample) // 50):
        raise InputError(f"{path}: binary file (control characters), not text", path=path)
    return text
