"""A TinyDB storage that writes atomically and refuses to take damage for an empty file.

Stock ``JSONStorage`` rewrites its file in place (a crash leaves new JSON followed by old
bytes) and opens a 0-byte file as an empty database. This one writes through
``atomic_write``, raises ``DamagedFile`` for anything it cannot parse, and keeps the parsed
data in memory until the file changes on disk (by inode, size and mtime), so TinyDB's
read-per-call costs a ``stat`` instead of a parse while another process's writes are
still seen.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from reader.store.atomic import StepHook, atomic_write
from reader.store.errors import DamagedFile
from reader.store.signature import Signature, file_signature, signature_of

__all__ = ["SafeJSONStorage", "ShardDB", "Tables", "file_signature", "parse_tables"]

Tables = dict[str, dict[str, Any]]


def parse_tables(path: Path, raw: bytes) -> Tables:
    """Parse a store file, raising ``DamagedFile`` unless it is a TinyDB document."""
    if not raw:
        raise DamagedFile(path, "file is empty (0 bytes)")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise DamagedFile(
            path, f"not valid JSON ({error.args[0] if error.args else error})"
        ) from None
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise DamagedFile(path, "not a table file")
    return data


class SafeJSONStorage(Storage):
    """TinyDB storage: atomic durable writes, cached reads, damage reported, never hidden."""

    def __init__(
        self, path: str | Path, hook: StepHook | None = None, durable: bool = True
    ) -> None:
        self.path = Path(path)
        self.hook = hook
        self.durable = durable
        self._cache: Tables | None = None
        self._cached_signature: Signature | None = None

    def read(self) -> Tables | None:
        """The file's tables, None if it does not exist yet (TinyDB then starts empty)."""
        signature = file_signature(self.path)
        if signature is None:
            self.forget()
            return None
        if self._cache is not None and signature == self._cached_signature:
            return self._cache
        with open(self.path, "rb") as handle:
            raw = handle.read()
            signature = signature_of(os.fstat(handle.fileno()))
        self._cache = parse_tables(self.path, raw)
        self._cached_signature = signature
        return self._cache

    def write(self, data: Tables) -> None:
        """Replace the file with ``data``; on failure forget the cache TinyDB may have mutated."""
        try:
            payload = orjson.dumps(data)
            atomic_write(self.path, payload, durable=self.durable, hook=self.hook)
        except BaseException:
            self.forget()
            raise
        self._cache = data
        self._cached_signature = file_signature(self.path)

    @property
    def signature(self) -> Signature | None:
        """Identifies the cached version of the file (None when nothing is cached)."""
        return self._cached_signature

    def forget(self) -> None:
        """Drop the cached data so the next read parses the file again."""
        self._cache = None
        self._cached_signature = None

    def close(self) -> None:
        """Nothing is held open between calls."""


class UncachedTable(Table):
    """A Table without TinyDB's query cache, which would miss other processes' writes."""

    default_query_cache_capacity = 0


class ShardDB(TinyDB):
    """TinyDB over ``SafeJSONStorage`` with uncached tables."""

    table_class = UncachedTable
