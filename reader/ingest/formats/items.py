"""What a format reader yields besides plain articles: state to restore, links to download."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reader.store.records import NewArticle

#: A passage the reader marked in another service: ``{"text", "note", "created"}``, the
#: last two None when the export does not say. Kept in the article's metadata, in the shape
#: a highlights feature can take up.
Highlight = dict[str, str | None]


@dataclass(frozen=True)
class Failure:
    """An input that could not be imported, and why (one line, fit for the user)."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True)
class Skipped(Failure):
    """An entry left out on purpose (a bookmarklet, a browser's own query, an uploaded file).

    Reported like a failure, one line naming it, but counted apart: an export holding
    such entries has not failed to import.
    """


@dataclass
class ImportedArticle(NewArticle):
    """An article from another reader's export, with the state it had there.

    ``None`` means the export did not say. Tags, highlights and the time it was saved go
    into the article's metadata.
    """

    read: bool | None = None
    bookmarked: bool | None = None
    position: dict[str, Any] | None = None
    tags: tuple[str, ...] = ()
    saved: str | None = None
    highlights: tuple[Highlight, ...] = ()
    #: Its ID in the library it was exported from (reader's own export), kept if free.
    stored_id: str | None = None


@dataclass(frozen=True)
class Link:
    """A URL an input lists without its content: a saved page or a feed to download.

    ``name`` is how failures about it are reported; ``container`` the input that listed it.
    ``summary`` is what the export says about the page (its description, the note saved
    with it), shown in the link-only article until the page is downloaded.
    """

    url: str
    kind: str  # "page" or "feed"
    container: str
    name: str
    title: str | None = None
    date: str | None = None
    read: bool | None = None
    bookmarked: bool | None = None
    tags: tuple[str, ...] = field(default_factory=tuple)
    saved: str | None = None
    author: str | None = None
    source: str | None = None
    summary: str | None = None
    highlights: tuple[Highlight, ...] = field(default_factory=tuple)

    def state(self) -> dict[str, Any]:
        """The state the export gave the link, as ``ImportedArticle`` fields."""
        return {
            "read": self.read,
            "bookmarked": self.bookmarked,
            "tags": self.tags,
            "saved": self.saved,
            "highlights": self.highlights,
        }


#: What reading one input gives: articles, failures and links to download.
Item = NewArticle | Failure | Link
