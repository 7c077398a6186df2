"""What the `/` prompt asks: a function from the typed query to ordered article IDs.

The prompt only knows ``Finder``. The full-text engine (``engine_finder``) answers when the
search index is open; the title filter answers while it opens, or if it cannot be opened.
Both hand back text ready to draw: one line, control characters removed, with the spans of
the matched words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Protocol

from reader.search import SearchIndex, SearchResult, find_spans
from reader.search.text import without_joiners
from reader.ui.catalog import Catalog
from reader.ui.formatting import safe

Span = tuple[int, int]
RESULT_LIMIT = 200
"""How many results a search shows (best first)."""


@dataclass(frozen=True)
class Match:
    """How one result is drawn: where the title matched, and a snippet of the body."""

    title_spans: list[Span] = field(default_factory=list)
    snippet: str = ""
    snippet_spans: list[Span] = field(default_factory=list)


@dataclass(frozen=True)
class Found:
    """The answer to one query: article IDs in order, or a hint when it cannot be read.

    ``terms`` are what to highlight in an opened article (see ``find_spans``); ``partial``
    says only the newest matches were ranked; ``stale`` says a newer query overtook this one;
    ``best_first`` says the IDs are ranked, not newest first (as the title line says).
    ``total`` is how many match in all (``ids`` are the first of them); ``result`` is the
    index's answer, from which ``more`` reads the next of them.
    """

    ids: list[str] = field(default_factory=list)
    hint: str | None = None
    empty: str = "No matches."
    matches: dict[str, Match] = field(default_factory=dict)
    terms: list[str] = field(default_factory=list)
    partial: bool = False
    stale: bool = False
    total: int = 0
    result: SearchResult | None = field(default=None, repr=False, compare=False)
    best_first: bool = False

    @property
    def complete(self) -> bool:
        """True when every match is in ``ids``."""
        return len(self.ids) >= self.total or self.result is None


class Finder(Protocol):
    """Answers a query typed at the prompt (called from a worker thread)."""

    def __call__(self, query: str, today: date, final: bool = False) -> Found:
        """The articles matching ``query``; ``today`` anchors relative dates.

        While typing the last word counts as a prefix and broad queries get a short time
        budget; ``final`` (Enter) asks for the ranked results ``reader search`` gives.
        """
        ...


def title_filter(catalog: Callable[[], Catalog]) -> Finder:
    """A finder matching articles whose title holds every word of the query, newest first."""

    def find(query: str, today: date, final: bool = False) -> Found:
        words = without_joiners(query).casefold().split()
        if not words:
            return Found()
        titles = catalog().lowered_titles()
        ids = [article_id for title, article_id in titles if all(w in title for w in words)]
        terms = [word + "*" for word in words]
        matches: dict[str, Match] = {}
        for article_id in ids[:RESULT_LIMIT]:
            article = catalog().get(article_id)
            if article is not None:
                matches[article_id] = Match(find_spans(safe(article.title), terms))
        empty = "No title holds every word."
        return Found(ids, None, empty, matches, terms, total=len(ids))

    return find


def engine_finder(index: SearchIndex, limit: int = RESULT_LIMIT) -> Finder:
    """A finder asking the full-text index (a newer query cancels a running one)."""

    def find(query: str, today: date, final: bool = False) -> Found:
        return found_from(index.search(query, limit, typing=not final, today=today))

    return find


def found_from(result: SearchResult) -> Found:
    """A search result as the list draws it: text flattened and made safe, spans kept right."""
    if result.cancelled:
        return Found(stale=True)
    matches: dict[str, Match] = {}
    for hit in result.hits:
        title, snippet = safe(hit.title), safe(hit.snippet)
        title_spans = hit.title_spans if title == hit.title else find_spans(title, result.terms)
        snippet_spans = (
            hit.snippet_spans if snippet == hit.snippet else find_spans(snippet, result.terms)
        )
        matches[hit.id] = Match(title_spans, snippet, snippet_spans)
    ids = [hit.id for hit in result.hits]
    return Found(
        ids,
        result.error,
        "No matches.",
        matches,
        list(result.terms),
        result.partial,
        total=max(result.total, len(ids)),
        result=result,
        best_first=result.best_first,
    )


def more(index: SearchIndex, found: Found, count: int = RESULT_LIMIT) -> Found:
    """``found`` with the next ``count`` matches of its answer after the ones it holds."""
    if found.result is None or found.complete:
        return found
    hits = index.page(found.result, len(found.ids), count)
    extra = found_from(replace(found.result, hits=hits))
    known = set(found.ids)
    ids = found.ids + [i for i in extra.ids if i not in known]
    if len(ids) == len(found.ids):  # the index changed under the answer: no more to read
        return replace(found, total=len(ids))
    return replace(found, ids=ids, matches={**found.matches, **extra.matches})
