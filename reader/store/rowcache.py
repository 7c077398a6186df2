"""Each metadata shard's list rows in a compact derived file, so a full list skips JSON.

Listing a 100k-article library spends most of its time parsing 60-odd MB of metadata
JSON into dicts that are then turned into rows. This cache keeps, per shard, the row
fields column by column in ``marshal`` form (several times faster to load than JSON),
together with the signature (inode, size, mtime) of the shard file they were made from.
It is derived data: a cache whose signature no longer matches its shard is ignored and
written again after the next parse; writers need not touch it. A CRC guards the payload,
since ``marshal`` must not be handed damaged bytes.
"""

from __future__ import annotations

import contextlib
import marshal
import zlib
from pathlib import Path
from typing import Any

from reader.store.atomic import atomic_write
from reader.store.signature import Signature

VERSION = 4
FOLDER = "rows"

#: One row: (document key, id, title, source, url, date, added, words, author, language,
#: origin, sort_date, tags the import carried). Stored as one list per field.
Row = tuple[Any, ...]
ROW_WIDTH = 13
Columns = tuple[list[Any], ...]


class RowCache:
    """The row files of one library, one per metadata shard."""

    def __init__(self, cache_folder: Path) -> None:
        self.folder = cache_folder / FOLDER

    def read(self, shard: str, signature: Signature) -> Columns | None:
        """The shard's rows as columns, or None unless made from exactly this shard file."""
        try:
            blob = (self.folder / f"{shard}.bin").read_bytes()
        except OSError:
            return None
        if len(blob) < 4 or zlib.crc32(blob[4:]) != int.from_bytes(blob[:4], "little"):
            return None
        try:
            version, stored_signature, columns = marshal.loads(blob[4:])
        except (EOFError, ValueError, TypeError):
            return None
        if version != VERSION or tuple(stored_signature) != signature:
            return None
        if not isinstance(columns, tuple) or not all(isinstance(c, list) for c in columns):
            return None
        if columns and (len(columns) != ROW_WIDTH or len({len(c) for c in columns}) != 1):
            return None
        return columns

    def write(self, shard: str, signature: Signature, rows: list[Row]) -> None:
        """Save rows made from the shard file with this signature; failing costs only speed."""
        columns = tuple(list(column) for column in zip(*rows, strict=True)) if rows else ()
        payload = marshal.dumps((VERSION, tuple(signature), columns))
        blob = zlib.crc32(payload).to_bytes(4, "little") + payload
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            atomic_write(self.folder / f"{shard}.bin", blob, keep_previous=False, durable=False)
