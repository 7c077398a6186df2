"""What a cleaner returns: the article found in a saved page, and what was dropped."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Removed:
    """One block the cleaner dropped, kept so the app can show it and say why."""

    text: str
    reason: str


@dataclass
class Cleaned:
    """An article as found in one input: metadata when present, the body as Markdown.

    ``body`` never repeats the title. ``date`` is ISO 8601 (``YYYY-MM-DD`` or a full
    timestamp) or None. ``removed`` lists dropped blocks in page order.
    """

    title: str | None
    body: str
    byline: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = None
    removed: list[Removed] = field(default_factory=list)
    #: Markdown reference definitions (``[text]: url``) for the ``[text]`` links in ``body``,
    #: kept apart so the body reads as prose; whatever renders the body appends them.
    links: str = ""
