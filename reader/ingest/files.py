"""Reading an input file's bytes within limits, and saying why a file cannot be read."""

from __future__ import annotations

import stat
from typing import TYPE_CHECKING

from reader.ingest.decode import NotText

if TYPE_CHECKING:  # ``reader clean`` reads the limits here without loading pathlib
    from pathlib import Path

MIB = 1024 * 1024
#: The largest text, Markdown or other document read, whether from disk, a ``.gz`` or a
#: zip member. A saved article's text is a few hundred kB at most; 2 MiB is some 350,000
#: words. Every byte of such a file is text, and text costs: counting and hashing words
#: and cleaning lines take up to 0.6 s per MiB (CJK text, one-letter words), so a document
#: this size is read, cleaned and stored within 2 s and 256 MiB of address space
#: (``tests/bench/reliability_hostile.py`` measures it).
MAX_INPUT_BYTES = 2 * MIB
#: The largest HTML page. A saved news page is well under 2 MB (the largest of the 181
#: pages of the dev corpus is 1.4 MB), but pages saved with their pictures inline run to
#: several MB. Markup, scripts and inlined pictures cost little once cut before parsing,
#: and what parsing may cost is bounded there (``reader.clean.html_budget``).
MAX_PAGE_BYTES = 8 * MIB
#: Archives and exports hold a whole library, so they may be larger on disk.
MAX_CONTAINER_BYTES = 1024 * MIB
#: A container inside a ``.gz`` or a zip expands to at most this: real exports compress
#: some 5-10 times, so the compressed file is already large, and a bomb stops here.
MAX_EXPANDED_CONTAINER_BYTES = 64 * MIB
CONTAINER_SUFFIXES = (".zip", ".json", ".csv", ".xml", ".rss", ".atom", ".opml")
PAGE_SUFFIXES = (".html", ".htm", ".xhtml")


def input_limit(name: str, *, expanded: bool = False) -> int:
    """The most bytes the file ``name`` may hold; ``expanded``: once decompressed.

    The one source of the input limits: files on disk, ``.gz`` contents and zip members
    all take theirs from here, by what the name says they hold.
    """
    lower = name.lower()
    if lower.endswith(".gz"):  # compressed, it is never larger than what it holds
        return input_limit(lower[:-3], expanded=True)
    base = lower.rsplit("/", 1)[-1]
    suffix = "." + base.rsplit(".", 1)[-1] if "." in base else ""
    if suffix in PAGE_SUFFIXES:
        return MAX_PAGE_BYTES
    if suffix not in CONTAINER_SUFFIXES:
        return MAX_INPUT_BYTES
    return MAX_EXPANDED_CONTAINER_BYTES if expanded else MAX_CONTAINER_BYTES


def too_large(size: int, limit: int) -> str:
    """The reason given for an input past its limit."""
    return f"file too large ({describe_size(size)}; the limit is {describe_size(limit)})"


def describe_size(size: int) -> str:
    """``2 MB``, ``2.5 MB``, ``300 kB``: a size as messages give it."""
    value, unit = (size / MIB, "MB") if size >= MIB else (size / 1024, "kB")
    return f"{value:.1f}".removesuffix(".0") + " " + unit


def read_bytes(path: Path) -> bytes:
    """The file's bytes; raises ``OSError`` or ``NotText`` with a user-facing reason.

    Only regular files are read: opening a named pipe or a device would wait for a
    writer, or read forever.
    """
    status = path.stat()
    if stat.S_ISDIR(status.st_mode):
        raise IsADirectoryError(21, "Is a directory", str(path))
    if not stat.S_ISREG(status.st_mode):
        raise NotText("not a regular file (a pipe, socket or device)")
    size = status.st_size
    limit = input_limit(path.name)
    if size > limit:
        raise NotText(too_large(size, limit))
    data = path.read_bytes()
    if not data.strip():
        raise NotText("file is empty")
    return data


def unreadable_reason(error: OSError) -> str:
    """One line saying why the file could not be read."""
    if isinstance(error, IsADirectoryError):
        return "is a folder"
    if isinstance(error, FileNotFoundError):
        return "no such file"
    if isinstance(error, PermissionError):
        return "permission denied"
    return error.strerror or str(error)
