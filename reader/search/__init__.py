"""Full-text search over a library: the query language, the index, ranked results."""

from reader.search.engine import QueryError, SearchIndex
from reader.search.highlight import Matcher, find_spans
from reader.search.query import ParseError, Query, parse
from reader.search.results import Hit, SearchResult

__all__ = [
    "Hit",
    "Matcher",
    "ParseError",
    "Query",
    "QueryError",
    "SearchIndex",
    "SearchResult",
    "find_spans",
    "parse",
]
