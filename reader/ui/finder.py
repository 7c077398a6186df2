"""What the `/` prompt asks: a function from the typed query to ordered article IDs.

The prompt only knows ``Finder``; a full-text engine can replace the title filter here
without touching the screens.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from reader.ui.catalog import Catalog


@dataclass(frozen=True)
class Found:
    """The answer to one query: article IDs best first, and a hint when the query is odd."""

    ids: list[str] = field(default_factory=list)
    hint: str | None = None


Finder = Callable[[str], Found]


def title_filter(catalog: Callable[[], Catalog]) -> Finder:
    """A finder matching articles whose title holds every word of the query, newest first."""

    def find(query: str) -> Found:
        words = query.casefold().split()
        if not words:
            return Found([], None)
        titles = catalog().lowered_titles()
        ids = [article_id for title, article_id in titles if all(w in title for w in words)]
        return Found(ids, None if ids else "no title holds every word")

    return find
