"""The store of record: sharded TinyDB tables and article files in a library folder.

Names are loaded on first use, so a command that needs only ``reader.store.records`` (the
cleaner's output types) does not pay for importing TinyDB.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.store.errors import (
        ChangeIncomplete,
        DamagedFile,
        LibraryInUse,
        LockTimeout,
        NotALibrary,
        StoreError,
        UnknownArticle,
    )
    from reader.store.library import Library
    from reader.store.records import AddOutcome, Article, ArticleContent, NewArticle

_WHERE = {
    "ChangeIncomplete": "errors",
    "DamagedFile": "errors",
    "LibraryInUse": "errors",
    "LockTimeout": "errors",
    "NotALibrary": "errors",
    "StoreError": "errors",
    "UnknownArticle": "errors",
    "Library": "library",
    "AddOutcome": "records",
    "Article": "records",
    "ArticleContent": "records",
    "NewArticle": "records",
}

__all__ = [
    "AddOutcome",
    "Article",
    "ArticleContent",
    "ChangeIncomplete",
    "DamagedFile",
    "Library",
    "LibraryInUse",
    "LockTimeout",
    "NewArticle",
    "NotALibrary",
    "StoreError",
    "UnknownArticle",
]


def __getattr__(name: str) -> Any:
    """Import the submodule that defines ``name`` when it is first asked for."""
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'reader.store' has no attribute {name!r}")
    return getattr(import_module(f"reader.store.{module}"), name)
