"""The store of record: sharded TinyDB tables and article files in a library folder."""

from reader.store.errors import (
    DamagedFile,
    LibraryInUse,
    LockTimeout,
    NotALibrary,
    StoreError,
    UnknownArticle,
)
from reader.store.library import Library
from reader.store.records import AddOutcome, Article, ArticleContent, NewArticle

__all__ = [
    "AddOutcome",
    "Article",
    "ArticleContent",
    "DamagedFile",
    "Library",
    "LibraryInUse",
    "LockTimeout",
    "NewArticle",
    "NotALibrary",
    "StoreError",
    "UnknownArticle",
]
