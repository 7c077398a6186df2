"""Queries typed at the `/` prompt, kept across runs (newest last) in a small text file."""

from __future__ import annotations

import contextlib
from pathlib import Path

from reader.store.atomic import atomic_write

LIMIT = 100


class History:
    """A list of past queries that the prompt walks with up and down."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.entries: list[str] = []
        if path is not None:
            with contextlib.suppress(OSError, UnicodeDecodeError):
                self.entries = [
                    line for line in path.read_text("utf-8").splitlines() if line.strip()
                ]

    def add(self, query: str) -> None:
        """Remember ``query`` as the newest entry (once) and save."""
        query = " ".join(query.split())
        if not query:
            return
        self.entries = [entry for entry in self.entries if entry != query][-(LIMIT - 1) :]
        self.entries.append(query)
        if self.path is not None:
            data = ("\n".join(self.entries) + "\n").encode("utf-8")
            with contextlib.suppress(OSError):
                self.path.parent.mkdir(parents=True, exist_ok=True)
                atomic_write(self.path, data, keep_previous=False)
