"""What the index reads from the store: shard file signatures and one shard's documents.

The store has no change hooks, so the index notices changes the way the store's own cache
does: by each shard file's (inode, size, mtime). Reading one shard goes through the
library's shard reader, which recovers a damaged shard before handing it over.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from reader.store.ids import SHARDS

if TYPE_CHECKING:
    from reader.store import Library

META, STATE = "meta", "state"
KINDS = (META, STATE)
Doc = dict[str, Any]


def signature(library: Library, kind: str, name: str) -> str:
    """The file's identity and version as text; ``"none"`` when it does not exist."""
    try:
        st = os.stat(library.root / kind / f"{name}.json")
    except FileNotFoundError:
        return "none"
    return f"{st.st_ino}:{st.st_size}:{st.st_mtime_ns}"


def all_signatures(library: Library) -> dict[tuple[str, str], str]:
    """Signatures of every metadata and state shard (64 ``stat`` calls)."""
    return {(kind, name): signature(library, kind, name) for kind in KINDS for name in SHARDS}


def shard_docs(library: Library, kind: str, name: str) -> dict[str, Doc]:
    """One shard's documents keyed by TinyDB document id (the store has no public call yet)."""
    return dict(library._docs(kind, name))
