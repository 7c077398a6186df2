"""The shapes of stored articles: what imports hand in, what lists and the reading pane get."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reader.removed import Removed


@dataclass
class NewArticle:
    """An article ready to store: cleaned body plus the input it came from.

    One that carries a ``tags`` attribute (``ImportedArticle``: another reader's export, a
    feed's categories) has them stored as well; see ``carried_tags``.
    """

    title: str
    body: str
    raw: str
    raw_format: str
    removed: list[Removed] = field(default_factory=list)
    source: str | None = None
    url: str | None = None
    date: str | None = None
    author: str | None = None
    language: str | None = None
    origin: str | None = None
    words: int = 0
    #: Reference definitions for the body's ``[text]`` links (see ``Cleaned.links``).
    links: str = ""
    #: ``identity.body_hash(body)`` when already computed (in an import's worker process),
    #: so the process that stores articles does not hash every body again.
    body_key: str | None = None
    #: For an entry of a subscribed feed: the feed's ID, the entry's key in it and what
    #: updates need to know about it (see ``reader.feeds.entries``); stored as is.
    feed_entry: dict[str, Any] | None = None
    #: The ID of the stored article this is a new version of, when the caller matched it
    #: (a feed entry by its guid): found before any match by URL or text.
    replaces: str | None = None


def carried_tags(item: NewArticle) -> tuple[str, ...]:
    """The tags an article to store carries: none, unless its reader gave it some."""
    tags = getattr(item, "tags", ())
    return tuple(tags) if isinstance(tags, tuple | list) else ()


@dataclass(slots=True)
class Article:
    """An article's metadata joined with its state (read, bookmark, tags, deleted): one row
    of a list."""

    id: str
    title: str
    source: str | None
    url: str | None
    date: str | None
    added: str
    words: int
    author: str | None
    language: str | None
    origin: str | None
    read: bool
    bookmarked: bool
    position: dict[str, Any] | None = None
    #: What "newest first" orders by: the publication date, else when it was added (see
    #: ``listing.sort_date``).
    sort_date: str = ""
    #: When it was marked read and bookmarked (ISO 8601), while it is.
    read_at: str | None = None
    bookmarked_at: str | None = None
    #: When it was deleted (ISO 8601 UTC), while it is; it is purged 30 days later.
    deleted_at: str | None = None
    #: Its tags, in their stored form (``tags.normalised``).
    tags: tuple[str, ...] = ()
    #: Passages the reader highlighted (``store.highlights``), in the order they were made.
    highlights: tuple[dict[str, Any], ...] = ()


@dataclass
class ArticleContent:
    """What the reading pane needs beyond the row: the body and what cleaning removed."""

    body: str
    raw: str
    raw_format: str
    removed: list[Removed]
    links: str = ""

    @property
    def markdown(self) -> str:
        """The body ready to render: prose followed by its link definitions."""
        return f"{self.body}\n\n{self.links}" if self.links else self.body


@dataclass(frozen=True)
class AddOutcome:
    """What happened to one article handed to ``Library.add``."""

    id: str
    title: str
    duplicate: bool
    #: The stored article it duplicates is deleted, and stays so (``revive_deleted`` off).
    deleted: bool = False
    #: A deleted article brought back by this import (``revive_deleted`` on).
    revived: bool = False
