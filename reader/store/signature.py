"""A file's identity and version, (inode, size, mtime): how derived data knows it is current.

The shard parser's cache, the row cache, the newest-rows file and the search index each
remember the signatures of the shard files they were made from, and trust themselves only
while the files still match.
"""

from __future__ import annotations

import os
from pathlib import Path

Signature = tuple[int, int, int]


def file_signature(path: Path) -> Signature | None:
    """A file's signature, None if it does not exist."""
    try:
        return signature_of(os.stat(path))
    except FileNotFoundError:
        return None


def signature_of(st: os.stat_result) -> Signature:
    """The signature in a ``stat`` result (of a path or of an open file)."""
    return (st.st_ino, st.st_size, st.st_mtime_ns)
