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
from collections.abc import Iterable, Mapping
from typing import Any

import orjson

from reader.store.atomic import atomic_write
from reader.store.documents import Doc, table_problem
from reader.store.ids import SHARDS
from reader.store.layout import META, Layout
from reader.store.listing import sort_date
from reader.store.signature import file_signature

LIMIT = 1000
FILE_NAME = "newest.json"
#: Changes when the order of the rows does (how undated articles sort, say).
ORDER = 2

Signatures = dict[str, list[int]]


def shard_signatures(layout: Layout) -> Signatures:
    """Each existing metadata shard file's signature, as JSON keeps it."""
    signatures: Signatures = {}
    for name in SHARDS:
        signature = file_signature(layout.shard(META, name))
        if signature is not None:
            signatures[name] = list(signature)
    return signatures


def sort_key(doc: Mapping[str, Any]) -> str:
    """Newest first orders by the publication date, else the time it was added."""
    return sort_date(doc.get("date"), str(doc.get("added") or ""))


def _number(key: str) -> int:
    """A document key as the number it is (0 for a damaged one)."""
    return int(key) if key.isdigit() else 0


class NewestRows:
    """The cache file of one library."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.path = layout.cache / FILE_NAME

    def read(self) -> list[tuple[str, Doc]] | None:
        """(document key, document) pairs, newest first; None unless still exact (and of the
        right shape: a damaged cache is ignored like a stale one)."""
        try:
            data = orjson.loads(self.path.read_bytes())
            if data.get("order") != ORDER or data["signatures"] != shard_signatures(self.layout):
                return None
            rows = [(key, doc) for key, doc in data["rows"]]
        except (OSError, orjson.JSONDecodeError, KeyError, TypeError, ValueError):
            return None
        if not all(type(key) is str for key, _ in rows):
            return None
        table = dict(rows)
        if len(table) != len(rows) or table_problem(META, table) is not None:
            return None
        return rows

    def write(self, rows: Iterable[tuple[str, Doc]]) -> None:
        """Save the newest rows as matching the shards as they are now.

        In the order ``Library.articles()`` gives: by date, and articles of the same date by
        ID, newest first (a document key is its article's ID as a number, so it sorts alike),
        so the first screen and the whole list agree on which row is first.
        """
        by_id = sorted(rows, key=lambda pair: _number(pair[0]), reverse=True)
        newest = sorted(by_id, key=lambda pair: sort_key(pair[1]), reverse=True)[:LIMIT]
        payload = {"order": ORDER, "signatures": shard_signatures(self.layout), "rows": newest}
        with contextlib.suppress(OSError):  # a cache: failing to write it costs only speed
            self.path.parent.mkdir(exist_ok=True)
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
