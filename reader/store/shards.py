"""One JSON table file of the library (a shard), read through TinyDB's storage layer.

A shard is changed by whole-document upserts and deletes, so replaying a change twice
(after a crash, from the journal) gives the same file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from tinydb.queries import QueryLike

from reader.store.atomic import StepHook
from reader.store.documents import Doc, table_problem
from reader.store.errors import DamagedFile
from reader.store.layout import TABLES
from reader.store.signature import Signature
from reader.store.storage import SafeJSONStorage, ShardDB, Tables

__all__ = ["Doc", "Shard", "shard_docs"]


class Shard:
    """A table file holding some articles' documents, keyed by numeric document id."""

    def __init__(self, path: Path, kind: str, hook: StepHook | None = None) -> None:
        self.path = path
        self.kind = kind
        self.table = TABLES[kind]
        self.storage = SafeJSONStorage(path, hook=hook)
        self._checked: Signature | None = None

    def docs(self) -> Mapping[str, Doc]:
        """All documents, keyed by the document id as a string (TinyDB's JSON layout).

        Raises ``DamagedFile`` if the file cannot be read or its table is not of the right
        shape (checked once per version of the file); the caller recovers.
        """
        tables = self.storage.read()
        if tables is None:
            return {}
        signature = self.storage.signature
        if signature != self._checked:
            try:
                docs = shard_docs(self.path, self.kind, tables)
            except DamagedFile:
                self.storage.forget()
                raise
            self._checked = signature
            return docs
        return tables[self.table]

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
        self._write(new_tables)

    def replace(self, docs: Mapping[str, Doc]) -> None:
        """Write the shard holding exactly these documents (undoing a change)."""
        self._write({self.table: dict(docs)})

    def _write(self, tables: Tables) -> None:
        """Write the file; documents that were checked when read need no check again."""
        self.storage.write(tables)
        self._checked = self.storage.signature

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
        self._checked = None


def shard_docs(path: Path, kind: str, tables: Tables) -> dict[str, Doc]:
    """The documents of a parsed shard file; ``DamagedFile`` unless they have the right shape.

    A file without its table is damage too: every file the store writes has it, so a
    missing one means lost documents, never an empty shard.
    """
    table = TABLES[kind]
    if table not in tables:
        raise DamagedFile(path, f"holds no {table!r} table")
    problem = table_problem(kind, tables[table])
    if problem:
        raise DamagedFile(path, f"not a {kind} shard ({problem})")
    return tables[table]
