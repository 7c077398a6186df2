"""A query's complete answer: every matching article in order, counted, read page by page.

Two orders, both complete:

- *ranked*: BM25 scores every match (title above body) and SQLite keeps the best, ties
  newest first, while a pass that only counts gives the total (half the work of bringing
  every scored row into Python); the first time a page beyond them is asked for, the whole
  order is read once and kept, so any later page is a slice of it;
- *newest first* (``sort:date``, a query of common words only, filters alone): one pass
  counts the matches, and pages are read from the newest end of FTS5's lists (row numbers
  follow dates, see ``rowids``), each page starting below the last row read, so a page costs
  a few rows however many articles match.
"""

from __future__ import annotations

import sqlite3
from abc import ABC, abstractmethod
from dataclasses import dataclass, field

from reader.search.compile import Compiled
from reader.search.highlight import Matcher
from reader.search.schema import TITLE_WEIGHT

BM25 = f"bm25(fts, {TITLE_WEIGHT}, 1.0, 0.0, 0.0, 0.0)"
"""Lower is better (FTS5's sign); a result's ``score`` is its negation."""
_BATCH = 50
"""Rows read at a time from the newest end, at least."""


@dataclass
class Answer(ABC):
    """The engine's hold on one answer: its order, its count, and what it highlights."""

    total: int
    matcher: Matcher

    @abstractmethod
    def rows(
        self, connection: sqlite3.Connection, start: int, count: int
    ) -> list[tuple[int, float]]:
        """Row numbers and scores of the answer's places ``start`` to ``start + count``."""


@dataclass
class RankedAnswer(Answer):
    """Every match, scored and in order: the best at once, the rest when first asked for."""

    select: str = ""
    """SQL for every match, scored, best first."""
    params: list[object] = field(default_factory=list)
    ranked: list[tuple[int, float]] = field(default_factory=list)
    complete: bool = False

    def rows(
        self, connection: sqlite3.Connection, start: int, count: int
    ) -> list[tuple[int, float]]:
        if start + count > len(self.ranked) and not self.complete:
            self.ranked = _scored(connection, self.select, self.params)
            self.complete = True
        return self.ranked[start : start + count]


@dataclass
class NewestAnswer(Answer):
    """Matches newest first, read from the newest end as far as asked."""

    select: str = ""
    """SQL for the next rows below a row number (its last two parameters: that row number
    and how many rows)."""
    params: list[object] = field(default_factory=list)
    read_so_far: list[int] = field(default_factory=list)
    exhausted: bool = False

    def rows(
        self, connection: sqlite3.Connection, start: int, count: int
    ) -> list[tuple[int, float]]:
        while len(self.read_so_far) < start + count and not self.exhausted:
            below = self.read_so_far[-1] if self.read_so_far else 1 << 62
            wanted = max(_BATCH, start + count - len(self.read_so_far))
            found = [
                int(rowid)
                for (rowid,) in connection.execute(self.select, [*self.params, below, wanted])
            ]
            self.read_so_far.extend(found)
            self.exhausted = len(found) < wanted
        return [(rowid, 0.0) for rowid in self.read_so_far[start : start + count]]


def ranked(
    connection: sqlite3.Connection, compiled: Compiled, matcher: Matcher, first: int
) -> RankedAnswer:
    """Count every match, and score them all to keep the best ``first``; the best first,
    ties newest first."""
    source, params = _source(compiled, [])
    (total,) = connection.execute(f"SELECT count(*) {source}", params).fetchone()
    select = f"SELECT fts.rowid, {BM25} AS score {source} ORDER BY score, fts.rowid DESC"
    best = _scored(connection, f"{select} LIMIT ?", [*params, first])
    return RankedAnswer(
        total=int(total),
        matcher=matcher,
        select=select,
        params=params,
        ranked=best,
        complete=len(best) == int(total),
    )


def _scored(
    connection: sqlite3.Connection, sql: str, params: list[object]
) -> list[tuple[int, float]]:
    """Row numbers and scores (higher is better)."""
    return [(int(rowid), -float(score)) for rowid, score in connection.execute(sql, params)]


def newest_first(
    connection: sqlite3.Connection, compiled: Compiled, matcher: Matcher
) -> NewestAnswer:
    """Count every match; the pages are read newest first as they are asked for."""
    source, params = _source(compiled, [])
    (total,) = connection.execute(f"SELECT count(*) {source}", params).fetchone()
    row = "fts.rowid" if compiled.match is not None else "d.rowid"
    select = f"SELECT {row} {source} AND {row} < ? ORDER BY {row} DESC LIMIT ?"
    return NewestAnswer(total=int(total), matcher=matcher, select=select, params=params)


def count(connection: sqlite3.Connection, compiled: Compiled, *, unread_only: bool) -> int:
    """How many articles match (of them, how many are unread)."""
    source, params = _source(compiled, ["d.read = 0"] if unread_only else [])
    (total,) = connection.execute(f"SELECT count(*) {source}", params).fetchone()
    return int(total)


def _source(compiled: Compiled, extra: list[str]) -> tuple[str, list[object]]:
    """The FROM and WHERE clauses of a query's matches (WHERE always there, so callers may
    add ``AND ...``), and their parameters."""
    conditions: list[str] = []
    params: list[object] = []
    if compiled.match is not None:
        row = "fts.rowid"
        conditions.append("fts MATCH ?")
        params.append(compiled.match)
    else:
        row = "d.rowid"
    for bound, operator in ((compiled.low, ">="), (compiled.high, "<")):
        if bound is not None:
            conditions.append(f"{row} {operator} ?")
            params.append(bound)
    conditions += [*compiled.where, *extra]
    params += compiled.params
    if compiled.match is None and compiled.exclude is not None:
        conditions.append("d.rowid NOT IN (SELECT rowid FROM fts WHERE fts MATCH ?)")
        params.append(compiled.exclude)
    if compiled.match is None:
        source = "FROM docs AS d"
    elif compiled.where or extra:
        # CROSS JOIN keeps FTS5 the outer loop, reading its lists in row order; otherwise
        # SQLite may walk ``docs`` and ask FTS5 once per row.
        source = "FROM fts CROSS JOIN docs AS d ON d.rowid = fts.rowid"
    else:
        source = "FROM fts"
    return f"{source} WHERE " + (" AND ".join(conditions) or "1"), params
