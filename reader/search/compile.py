"""A parsed ``Query`` turned into an FTS5 MATCH expression and SQL filters.

Every user term is re-tokenized and quoted here, so FTS5 syntax in what the user typed
(``NEAR``, ``*``, ``^``, parentheses, quotes) is always data, never syntax.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from reader.search.query import AnyOf, Query, Term
from reader.search.text import is_cjk

MIN_PREFIX = 2
"""A last word shorter than this is matched whole while typing: a one-letter prefix would
match nearly every article and stall the prompt."""

Completer = Callable[[str], list[str]]
"""The commonest indexed words starting with a prefix (see ``SearchIndex``)."""

_COLUMNS = {None: "{title body}", "title": "title", "source": "source", "author": "author"}


@dataclass
class Compiled:
    """What the engine runs: MATCH expressions and a WHERE clause over the ``docs`` table."""

    match: str | None = None
    any_of: str | None = None
    """What must match, loosened to "one of the required items" (for title-first samples)."""
    exclude: str | None = None
    where: list[str] = field(default_factory=list)
    params: list[object] = field(default_factory=list)


def compile_query(query: Query, complete: Completer | None = None) -> Compiled:
    """The MATCH text for what must (and must not) match, and SQL for the filters; a prefix
    term becomes its completions from ``complete`` (none given: FTS5's own prefix query)."""
    compiled = Compiled()
    positive = [expr for item in query.required if (expr := _item(item, complete))]
    negative = [expr for term in query.excluded if (expr := term_match(term))]
    if positive:
        compiled.match = " AND ".join(positive)
        compiled.any_of = " OR ".join(positive)
    if negative:
        compiled.exclude = " OR ".join(negative)
    for column, value in (("read", query.read), ("bookmarked", query.bookmarked)):
        if value is not None:
            compiled.where.append(f"d.{column} = ?")
            compiled.params.append(int(value))
    if query.before:
        compiled.where.append("d.day < ?")
        compiled.params.append(query.before)
    if query.after:
        compiled.where.append("d.day >= ?")
        compiled.params.append(query.after)
    return compiled


def _item(item: Term | AnyOf, complete: Completer | None) -> str | None:
    if isinstance(item, Term):
        return term_match(item, complete)
    options = [expr for term in item.options if (expr := term_match(term, complete))]
    if not options:
        return None
    return "(" + " OR ".join(options) + ")"


def term_match(term: Term, complete: Completer | None = None) -> str | None:
    """One term as a quoted FTS5 phrase with its column filter; None if it has no word."""
    words = term.words
    if not words:
        return None
    column = _COLUMNS[term.field]
    last = words[-1]
    if not (term.prefix and len(last) >= MIN_PREFIX and not is_cjk(last[-1])):
        return f"{column} : {_quote(words)}"
    if complete is None:
        return f"{column} : {_quote(words)}*"
    endings = complete(last) or [last]
    phrases = " OR ".join(_quote([*words[:-1], ending]) for ending in endings)
    return f"{column} : ({phrases})"


def _quote(words: list[str]) -> str:
    return '"' + " ".join(words).replace('"', '""') + '"'
