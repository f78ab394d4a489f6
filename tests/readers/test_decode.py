"""Bytes to text: byte-order marks, UTF-16, UTF-8, the cp1252 fallback, binary input."""

from __future__ import annotations

import codecs

import pytest

from replylint.errors import InputError
from replylint.readers import parse_bytes
from replylint.readers.decode import decode_bytes

TEXT = "Burnout fell (Sulley & Bayssie, 2021) — “really”, café.\n"


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-8"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.encode("utf-16"),
        TEXT.encode("utf-16-le"),
        TEXT.encode("utf-16-be"),
        codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"),
    ],
    ids=["utf8-bom", "utf8", "utf16le-bom", "utf16be-bom", "utf16", "utf16le", "utf16be", "utf32"],
)
def test_encodings_decode_to_the_same_text(data: bytes) -> None:
    assert decode_bytes(data, "x.txt") == TEXT


def test_cp1252_curly_quotes_and_letters() -> None:
    data = b"\x93Quoted\x94 caf\xe9 it\x92s \x96 dash"
    assert decode_bytes(data) == "“Quoted” café it’s – dash"
    doc = parse_bytes(data, "txt", "x.txt")
    assert doc.text == '"Quoted" café it\'s – dash'
    assert doc.position(doc.text.index("café")) == (1, 10)


def test_mostly_utf8_with_a_stray_cp1252_byte_keeps_both() -> None:
    data = "Mendonça said ".encode() + b"\x93yes\x94"
    assert decode_bytes(data) == "Mendonça said “yes”"


def test_undefined_cp1252_bytes_do_not_fail() -> None:
    assert decode_bytes(b"abc \x81 def") == "abc \x81 def"


def test_bom_is_not_in_the_text_and_columns_ignore_it() -> None:
    doc = parse_bytes(codecs.BOM_UTF8 + b"Hi (Yang et al., 2024).", "txt", "x.txt")
    assert doc.text.startswith("Hi")
    assert doc.position(doc.text.index("(")) == (1, 4)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"  \n\t\n", "empty"),
        (codecs.BOM_UTF8, "empty"),
        (b"abc\x00\x01\x02def\x00\xff\xfe\x00", "binary"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"\x89PNG\r\n\x1a\n", "PNG"),
        (bytes(range(1, 9)) * 40, "binary"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "UTF-16"),
    ],
)
def test_bad_bytes_raise_input_error(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message) as info:
        parse_bytes(data, "txt", "bad.txt")
    assert info.value.path == "bad.txt"
    assert "bad.txt" in str(info.value)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_markup_that_holds_no_text_is_empty(fmt: str) -> None:
    with pytest.raises(InputError, match="empty"):
        parse_bytes(
            b"<p></p><!-- only a comment -->" if fmt == "html" else b"***\n\n---\n", fmt, "x"
        )
