"""Reading an input file's bytes within limits, and saying why a file cannot be read."""

from __future__ import annotations

from pathlib import Path

from reader.ingest.decode import NotText

#: Larger documents are refused: no article is this big, and cleaning one could take minutes.
MAX_INPUT_BYTES = 20 * 1024 * 1024
#: Archives and exports hold a whole library, so they may be larger.
MAX_CONTAINER_BYTES = 1024 * 1024 * 1024
CONTAINER_SUFFIXES = (".zip", ".json", ".csv", ".gz", ".xml", ".rss", ".atom", ".opml")


def read_bytes(path: Path) -> bytes:
    """The file's bytes; raises ``OSError`` or ``NotText`` with a user-facing reason."""
    size = path.stat().st_size
    limit = MAX_CONTAINER_BYTES if path.suffix.lower() in CONTAINER_SUFFIXES else MAX_INPUT_BYTES
    if size > limit:
        raise NotText(
            f"file too large ({size / 1048576:.0f} MB; the limit is {limit // 1048576} MB)"
        )
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
