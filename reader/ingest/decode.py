"""Bytes of a saved file to text, or a clear reason why they are not text."""

from __future__ import annotations

import codecs
import re

from reader.lazy_pattern import LazyPattern

_META_CHARSET = LazyPattern(rb"""<meta[^<>]+charset\s*=\s*["']?([A-Za-z0-9_\-:.]+)""", re.I)
_XML_ENCODING = LazyPattern(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""")


_BINARY_MAGIC = (
    b"\x89PNG",
    b"%PDF",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"GIF8",
    b"\xff\xd8\xff",
    b"\x7fELF",
)


class NotText(ValueError):
    """The bytes are binary data, not a document."""


#: What an input that is not text is told, whatever its name says.
NOT_TEXT = "binary data, not a text document"
#: Text in UTF-16 holds a NUL in every other byte: it is known by its byte-order mark.
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
#: How far into the bytes the test for binary data looks.
_HEAD = 8192

#: Control bytes that no text holds more than a few of (tab, line ends, form feed and ESC,
#: which colour codes in saved terminal output use, are left out).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])


def is_binary(data: bytes) -> bool:
    """Binary files start with a known signature, have a NUL byte near the start, or are
    over a twentieth control bytes; text with a UTF-16 byte-order mark is text.

    A NUL in the first 8 KB is how git and grep tell binary data too: no text encoding
    but UTF-16 (and UTF-32) writes one, so garbage with a few of them is not taken for
    an article. Random or compressed data is about a tenth control bytes whatever its
    name says; text, even text carrying terminal escape sequences, has next to none.
    """
    head = data[:_HEAD]
    if head.startswith(_BINARY_MAGIC):
        return True
    if head.startswith(_UTF16_BOMS):
        return False
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls * 20 > len(head)


def decode(data: bytes) -> str:
    """Decode a document: BOM, then UTF-8, then a declared charset, then Windows-1252.

    A file made of binary data is refused; a stray NUL byte past the first 8 KB (where
    ``is_binary`` looks) is dropped.
    """
    if is_binary(data):
        raise NotText(NOT_TEXT)
    if not data.startswith(_UTF16_BOMS):
        data = data.replace(b"\x00", b"")
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _XML_ENCODING.regex.search(data[:200]) or _META_CHARSET.regex.search(data[:4096])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    text = data.decode("utf-8", errors="replace")
    high_bytes = sum(1 for byte in data if byte >= 0x80)
    if text.count("\ufffd") * 10 <= high_bytes:
        return text  # mostly valid UTF-8 with a few broken bytes
    return data.decode("cp1252", errors="replace")
