"""What a cleaner returns: the article found in a saved page, and what was dropped.

Plain classes, not dataclasses: importing ``dataclasses`` (which imports ``inspect``)
takes longer than the rest of the text cleaner's start-up, and ``reader clean`` pays
start-up once per batch of pages.
"""

from __future__ import annotations

from reader.removed import Removed as Removed  # the cleaner's modules take it from here


class Cleaned:
    """An article as found in one input: metadata when present, the body as Markdown.

    ``body`` never repeats the title. ``date`` is ISO 8601 (``YYYY-MM-DD`` or a full
    timestamp) or None. ``removed`` lists dropped blocks in page order. ``links`` holds
    the Markdown reference definitions (``[text]: url``) for the ``[text]`` links in
    ``body``, kept apart so the body reads as prose; whatever renders the body appends them.
    """

    __slots__ = ("body", "byline", "date", "language", "links", "removed", "source", "title", "url")

    def __init__(
        self,
        title: str | None,
        body: str,
        byline: str | None = None,
        date: str | None = None,
        source: str | None = None,
        url: str | None = None,
        language: str | None = None,
        removed: list[Removed] | None = None,
        links: str = "",
    ) -> None:
        self.title = title
        self.body = body
        self.byline = byline
        self.date = date
        self.source = source
        self.url = url
        self.language = language
        self.removed: list[Removed] = [] if removed is None else removed
        self.links = links

    def _fields(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in _CLEANED_FIELDS)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Cleaned)
        return self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]  # mutable: compared by value, not hashable

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in _CLEANED_FIELDS)
        return f"Cleaned({shown})"


_CLEANED_FIELDS = (
    "title",
    "body",
    "byline",
    "date",
    "source",
    "url",
    "language",
    "removed",
    "links",
)
