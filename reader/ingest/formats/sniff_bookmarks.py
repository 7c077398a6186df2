"""Bookmark files that look like documents: a Netscape bookmark file is HTML, a Firefox
compressed backup binary. Told apart here, after ``sniff`` has said "document"."""

from __future__ import annotations

import re

_NETSCAPE = re.compile(rb"<!DOCTYPE\s+NETSCAPE-Bookmark-file-1", re.I)
#: The magic number of Firefox's LZ4-compressed backups (``.jsonlz4``).
MOZLZ4_MAGIC = b"mozLz40\x00"
#: The doctype comes first; a BOM, a blank line or a comment may come before it.
HEAD = 1024


def bookmark_kind(data: bytes) -> str | None:
    """``netscape``, ``mozlz4``, or None for a document of another kind."""
    if data.startswith(MOZLZ4_MAGIC):
        return "mozlz4"
    if _NETSCAPE.search(data[:HEAD]):
        return "netscape"
    return None
