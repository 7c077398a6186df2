"""What the index reads from the store, through the store's public read API only: shard
signatures, one shard's documents, whether the library holds articles.

The store has no change hooks, so the index notices changes the way the store's own caches
do: by each shard file's signature, kept in the index as text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reader.store.layout import KINDS, META, STATE
from reader.store.signature import Signature

if TYPE_CHECKING:
    from reader.store import Library

__all__ = ["KINDS", "META", "STATE", "Doc", "all_signatures", "shard_docs"]

Doc = dict[str, Any]


def as_text(signature: Signature | None) -> str:
    """A signature as the index stores it; ``"none"`` for a shard with no file."""
    return "none" if signature is None else ":".join(map(str, signature))


def all_signatures(library: Library) -> dict[tuple[str, str], str]:
    """Signatures of every metadata and state shard (64 ``stat`` calls)."""
    return {key: as_text(signature) for key, signature in library.shard_signatures().items()}


def shard_docs(library: Library, kind: str, name: str) -> dict[str, Doc]:
    """One shard's documents keyed by document number (a damaged shard recovered first)."""
    return dict(library.documents(kind, name))
