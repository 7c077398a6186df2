"""What a library holds, as values to compare: everything a user could see, or every byte."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from reader.store import Library

#: Lock files hold the PID of the last process that took them: not library content.
LOCK_FILES = {"write.lock", "app.lock"}


def snapshot(library: Library) -> dict[str, tuple[Any, ...]]:
    """Each article's metadata, state and stored text, keyed by ID, deleted ones too
    (``added`` and when it was deleted left out, whether it is kept)."""
    seen: dict[str, tuple[Any, ...]] = {}
    for a in [*library.articles(), *library.articles(deleted=True)]:
        content = library.content(a.id)
        seen[a.id] = (
            a.title,
            a.url,
            a.source,
            a.date,
            a.words,
            a.read,
            a.bookmarked,
            a.position,
            a.tags,
            a.deleted_at is not None,
            content.body,
            content.raw,
        )
    return seen


def file_hashes(root: Path) -> dict[str, str]:
    """SHA-256 of every file under ``root`` but the lock files, by relative path."""
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file() and path.name not in LOCK_FILES
    }
