"""What a search returns: hits with the spans to highlight, the number of matches, and a way
to read the rest of them; or a hint when the query is malformed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.search.answer import Answer

Span = tuple[int, int]


@dataclass(frozen=True)
class Hit:
    """One matching article: enough to draw a result line without asking the store."""

    id: str
    score: float
    title: str
    snippet: str
    title_spans: list[Span]
    snippet_spans: list[Span]
    source: str | None = None
    date: str | None = None
    """The publication date; None for an undated article."""
    read: bool = False
    bookmarked: bool = False
    added: str | None = None
    """When it was saved (what an undated article sorts by)."""


@dataclass(frozen=True)
class SearchResult:
    """Hits in order: best first when ``best_first``, else newest first (see ``engine``: a query
    of common words only, of filters only, or ``sort:date``); ``error`` is a hint for the
    prompt; ``terms`` are the folded words and phrases to highlight in an opened article
    (``Matcher.for_terms`` finds them).

    ``total`` is how many articles match in all; ``hits`` are the first of them, and
    ``SearchIndex.page`` reads any later stretch of the same answer (the list filling in
    as it scrolls). Every answer is complete: ``partial`` stays False (it said, once, that
    only the newest matches had been ranked)."""

    hits: list[Hit] = field(default_factory=list)
    error: str | None = None
    terms: list[str] = field(default_factory=list)
    cancelled: bool = False
    partial: bool = False
    total: int = 0
    answer: Answer | None = field(default=None, repr=False, compare=False)
    best_first: bool = False
