"""What a format reader yields besides plain articles: state to restore, links to download."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reader.store.records import NewArticle

#: A passage the reader marked in another service: ``{"text", "note", "created"}``, the
#: last two None when the export does not say (reader's own export adds ``prefix``,
#: ``suffix`` and ``id``). The import anchors each in the body and keeps it in the
#: article's state document, with the highlights made in reader (``store.highlights``).
Highlight = dict[str, str | None]


@dataclass(frozen=True)
class Failure:
    """An input that could not be imported, and why (one line, fit for the user)."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True)
class LeftOut(Failure):
    """An entry left out on purpose (a bookmarklet, a browser's own query, an uploaded file).

    Reported like a failure, one line naming it, but counted apart: an export holding
    such entries has not failed to import.
    """


@dataclass
class ImportedArticle(NewArticle):
    """An article from another reader's export, with the state it had there.

    ``None`` means the export did not say. Tags and the time it was saved go into the
    article's metadata; highlights into its state, with read and bookmark.
    """

    read: bool | None = None
    bookmarked: bool | None = None
    #: When it was marked read and bookmarked there (ISO 8601), when the export says.
    read_at: str | None = None
    bookmarked_at: str | None = None
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


#: Why an input was left out on purpose: (noun, the rest of the phrase) as a summary line
#: counts them, "skipped 2 symbolic links leading out of the folders named".
SKIP_REASONS = {
    "other-type": ("file", "of other types in the folders"),
    "special": ("special file", "in the folders (pipe, socket or device), not read"),
    "unreadable": ("folder", "in the folders that could not be read"),
    "link-out": ("symbolic link", "leading out of the folders named, not followed"),
    "link-inside": (
        "symbolic link",
        "inside the folders, not followed (the file or folder named is read as itself)",
    ),
    "link-broken": ("broken symbolic link", "in the folders (or a loop), not followed"),
    "archive-link": ("symbolic link", "inside archives, not followed"),
}


@dataclass(frozen=True)
class Skipped:
    """An input left out on purpose, not a failure: the import says so and goes on.

    ``kind`` is a key of ``SKIP_REASONS``; ``target`` is where a symbolic link leads.
    """

    path: str
    kind: str
    target: str | None = None

    def __str__(self) -> str:
        noun, rest = SKIP_REASONS[self.kind]
        leads = f" (to {self.target})" if self.target else ""
        return f"{self.path}{leads}: skipped, {noun} {rest}"


#: What reading one input gives: articles, failures, links to download and skipped members.
Item = NewArticle | Failure | Link | Skipped
