"""What a search returns: hits with the spans to highlight, or a hint when the query is malformed."""

from __future__ import annotations

from dataclasses import dataclass, field

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
    read: bool = False
    bookmarked: bool = False


@dataclass(frozen=True)
class SearchResult:
    """Hits best first; ``error`` is a hint for the prompt; ``terms`` are the folded words and
    phrases to highlight in an opened article (``Matcher.for_terms`` finds them)."""

    hits: list[Hit] = field(default_factory=list)
    error: str | None = None
    terms: list[str] = field(default_factory=list)
    cancelled: bool = False
    partial: bool = False
