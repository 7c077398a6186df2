"""A change to several shards, committed together: collected, journalled, then applied.

A change touching more than one shard is first written whole to ``journal.json``; after a
crash the next writer (or the next open) applies it again, and since a change is made of
whole-document upserts and deletes, applying it twice gives the same files. A change of one
shard needs no journal: the shard's own atomic write is all or nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import orjson

from reader.store.documents import Doc, doc_problem
from reader.store.ids import SHARDS
from reader.store.layout import TABLES

ShardKey = tuple[str, str]
"""(kind, shard name)."""


@dataclass
class Transaction:
    """Whole-document changes to shards, committed together."""

    changes: dict[ShardKey, tuple[dict[int, Doc], set[int]]] = field(default_factory=dict)
    #: Whether the change recorded its article files in ``pending.json`` (removed after).
    marked: bool = False
    #: Whether the files of the articles it deletes go right after it commits.
    removes_files: bool = False

    def upsert(self, kind: str, shard: str, doc_id: int, doc: Doc) -> None:
        upserts, deletes = self.changes.setdefault((kind, shard), ({}, set()))
        deletes.discard(doc_id)
        upserts[doc_id] = doc

    def delete(self, kind: str, shard: str, doc_id: int) -> None:
        upserts, deletes = self.changes.setdefault((kind, shard), ({}, set()))
        upserts.pop(doc_id, None)
        deletes.add(doc_id)

    def pending(self, kind: str, shard: str) -> dict[int, Doc]:
        """The documents this change writes to a shard so far."""
        change = self.changes.get((kind, shard))
        return change[0] if change else {}

    def to_json(self) -> bytes:
        return orjson.dumps(
            [
                {
                    "kind": kind,
                    "shard": shard,
                    "upserts": {str(k): v for k, v in ups.items()},
                    "deletes": sorted(dels),
                }
                for (kind, shard), (ups, dels) in self.changes.items()
            ]
        )

    @classmethod
    def from_json(cls, raw: bytes) -> Transaction:
        """Parse a journal; ``ValueError`` unless every change names a real shard and docs.

        Checked closely because a damaged journal is applied at open: a wrong kind must
        not stop every start, nor a shard name write outside the library, nor a document
        of the wrong shape reach a shard.
        """
        tx = cls()
        try:
            for change in orjson.loads(raw):
                kind, shard = change["kind"], change["shard"]
                if kind not in TABLES or shard not in SHARDS:
                    raise ValueError(f"unknown shard {kind!r}/{shard!r}")
                ups = {int(k): v for k, v in change["upserts"].items()}
                deletes = {int(d) for d in change["deletes"]}
                problem = next(filter(None, (doc_problem(kind, doc) for doc in ups.values())), None)
                if problem:
                    raise ValueError(f"a journalled document is damaged: {problem}")
                tx.changes[(kind, shard)] = (ups, deletes)
        except (orjson.JSONDecodeError, KeyError, TypeError, AttributeError) as error:
            raise ValueError(str(error)) from None
        return tx
