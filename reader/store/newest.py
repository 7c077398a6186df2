"""The newest articles' metadata in one small file, so a first screen needs no full read.

Reading every metadata shard of a 100k-article library takes a good part of a second; the
app's first screen shows a few dozen rows. This file holds the newest ``LIMIT`` documents
together with the signatures (inode, size, mtime) of the shards they were taken from. It
is derived data: when any shard has changed behind its back it is simply not used, and the
next full read writes it again. Writers that change metadata update it in the same locked
step, so it stays valid across imports.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import orjson

from reader.store.atomic import atomic_write

LIMIT = 1000
FILE_NAME = "newest.json"

Doc = dict[str, Any]
Signatures = dict[str, list[int]]


def shard_signatures(meta_folder: Path) -> Signatures:
    """Each metadata shard file's identity: inode, size and modification time."""
    signatures: Signatures = {}
    with os.scandir(meta_folder) as entries:
        for entry in entries:
            if entry.name.endswith(".json") and not entry.name.startswith("."):
                st = entry.stat()
                signatures[entry.name] = [st.st_ino, st.st_size, st.st_mtime_ns]
    return signatures


def sort_key(doc: Mapping[str, Any]) -> str:
    """Newest first orders by the publication date, else the time it was added."""
    return str(doc.get("date") or doc.get("added") or "")


def _number(key: str) -> int:
    """A document key as the number it is (0 for a damaged one)."""
    return int(key) if key.isdigit() else 0


class NewestRows:
    """The cache file of one library."""

    def __init__(self, meta_folder: Path, cache_folder: Path) -> None:
        self.meta_folder = meta_folder
        self.path = cache_folder / FILE_NAME

    def read(self) -> list[tuple[str, Doc]] | None:
        """(document key, document) pairs, newest first; None unless still exact."""
        try:
            data = orjson.loads(self.path.read_bytes())
            if data["signatures"] != shard_signatures(self.meta_folder):
                return None
            return [(str(key), doc) for key, doc in data["rows"]]
        except (OSError, orjson.JSONDecodeError, KeyError, TypeError, ValueError):
            return None

    def write(self, rows: Iterable[tuple[str, Doc]]) -> None:
        """Save the newest rows as matching the shards as they are now.

        In the order ``Library.articles()`` gives: by date, and articles of the same date by
        ID, newest first (a document key is its article's ID as a number, so it sorts alike),
        so the first screen and the whole list agree on which row is first.
        """
        by_id = sorted(rows, key=lambda pair: _number(pair[0]), reverse=True)
        newest = sorted(by_id, key=lambda pair: sort_key(pair[1]), reverse=True)[:LIMIT]
        payload = {"signatures": shard_signatures(self.meta_folder), "rows": newest}
        self.path.parent.mkdir(exist_ok=True)
        with contextlib.suppress(OSError):  # a cache: failing to write it costs only speed
            atomic_write(self.path, orjson.dumps(payload), keep_previous=False, durable=False)

    def update(
        self, before: list[tuple[str, Doc]] | None, upserts: Mapping[str, Doc], deletes: set[str]
    ) -> None:
        """After a change to metadata: fold it into rows read before it, or drop the file."""
        if before is None:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
            return
        changed = deletes | set(upserts)
        kept = [(key, doc) for key, doc in before if key not in changed]
        self.write(kept + list(upserts.items()))
