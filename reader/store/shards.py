"""One JSON table file of the library (a shard), read through TinyDB's storage layer.

A shard is changed by whole-document upserts and deletes, so replaying a change twice
(after a crash, from the journal) gives the same file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from tinydb.queries import QueryLike

from reader.store.atomic import StepHook
from reader.store.storage import SafeJSONStorage, ShardDB

Doc = dict[str, Any]


class Shard:
    """A table file holding some articles' documents, keyed by numeric document id."""

    def __init__(self, path: Path, table: str, hook: StepHook | None = None) -> None:
        self.path = path
        self.table = table
        self.storage = SafeJSONStorage(path, hook=hook)

    def docs(self) -> Mapping[str, Doc]:
        """All documents, keyed by the document id as a string (TinyDB's JSON layout).

        Raises ``DamagedFile`` if the file cannot be read; the caller recovers.
        """
        tables = self.storage.read()
        if tables is None:
            return {}
        return tables.get(self.table, {})

    def get(self, doc_id: int) -> Doc | None:
        """One document, or None."""
        return self.docs().get(str(doc_id))

    def apply(self, upserts: Mapping[int, Doc], deletes: Iterable[int] = ()) -> None:
        """Write the shard with these documents replaced or removed, atomically and durably."""
        tables = self.storage.read() or {}
        table = dict(tables.get(self.table, {}))
        for doc_id in deletes:
            table.pop(str(doc_id), None)
        for doc_id, doc in upserts.items():
            table[str(doc_id)] = doc
        new_tables = dict(tables)
        new_tables[self.table] = table
        self.storage.write(new_tables)

    def search(self, condition: QueryLike) -> list[tuple[int, Doc]]:
        """Documents matching a TinyDB query, through TinyDB itself."""
        if not self.path.exists():
            return []
        storage = self.storage
        database = ShardDB(storage=lambda: storage)
        table = database.table(self.table)
        return [(doc.doc_id, dict(doc)) for doc in table.search(condition)]

    def forget_cache(self) -> None:
        """Drop cached data, e.g. after a failed change that may have left it half-made."""
        self.storage.forget()
