"""What the index knows about its words: how many articles hold each, which are common,
which pairs are indexed as one token, and what a word being typed may become.

*Common* is a statistical rule, not a list of English words, so it holds in any language:
a word held by over 1/``COMMON_SHARE`` of the articles ("the", "in", "of" hold nearly all)
says little about any one of them. Such a word must still match, but it is not highlighted
when the query has other words, and a query of common words only is listed newest first:
ranking tens of thousands of matches by a word that is everywhere would cost a BM25 pass
over all of them and order them by little more than their length.
"""

from __future__ import annotations

import sqlite3

from reader.search.pairs import pair_token

COMMON_SHARE = 4
"""A word (or phrase) is common when over 1/this of the articles hold it."""
COMMON_FROM = 50
"""Below this many articles no word is common: a handful of articles says too little."""
COMPLETIONS = 12
"""How many whole words the word being typed stands for (the commonest ones)."""


def is_common(df: int, articles: int) -> bool:
    """Whether a word held by ``df`` of ``articles`` articles is common."""
    return articles >= COMMON_FROM and df * COMMON_SHARE > articles


class Vocabulary:
    """The index's word statistics, read as a query needs them (one connection, one thread)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        row = connection.execute("SELECT count(*) FROM docs").fetchone()
        self.articles = int(row[0])
        self._heavy: frozenset[str] | None = None
        self._heavy_read = False
        self._vocabulary_ready = False

    @property
    def spilled(self) -> bool:
        """Whether some day had more articles than row numbers (see ``rowids``): date
        filters must then compare the stored dates."""
        row = self._connection.execute("SELECT 1 FROM info WHERE key = 'spilled'").fetchone()
        return row is not None

    def df(self, word: str) -> int:
        """How many articles hold ``word`` (a folded token)."""
        row = self._connection.execute("SELECT df FROM terms WHERE term = ?", (word,)).fetchone()
        return int(row[0]) if row else 0

    def common(self, word: str) -> bool:
        """Whether ``word`` is common (see the module docstring)."""
        return is_common(self.df(word), self.articles)

    @property
    def heavy(self) -> frozenset[str] | None:
        """The words whose pairs are indexed, or None while none are chosen."""
        if not self._heavy_read:
            self._heavy = read_heavy(self._connection)
            self._heavy_read = True
        return self._heavy

    def indexed_pair(self, first: str, second: str) -> bool:
        """Whether every article holding ``first second`` has that pair's token."""
        heavy = self.heavy
        return heavy is not None and first in heavy and second in heavy

    def pair_df(self, first: str, second: str) -> int:
        """How many articles hold the pair's token (FTS5 counts its list of articles)."""
        if not self._vocabulary_ready:
            self._connection.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_rows USING fts5vocab(main, fts, 'row')"
            )
            self._vocabulary_ready = True
        row = self._connection.execute(
            "SELECT doc FROM temp.fts_rows WHERE term = ?", (pair_token(first, second),)
        ).fetchone()
        return int(row[0]) if row else 0

    def complete(self, prefix: str) -> list[str]:
        """The commonest indexed words starting with ``prefix``, the word itself first."""
        rows = self._connection.execute(
            "SELECT term FROM terms WHERE term >= ? AND term < ? ORDER BY df DESC LIMIT ?",
            (prefix, prefix + "\U0010ffff", COMPLETIONS),
        )
        words = [str(term) for (term,) in rows]
        return sorted(words, key=lambda word: word != prefix)


def read_heavy(connection: sqlite3.Connection) -> frozenset[str] | None:
    """The heavy words the index holds the pairs of, or None while none are chosen."""
    row = connection.execute("SELECT value FROM info WHERE key = 'heavy'").fetchone()
    if row is None:
        return None
    return frozenset(str(word) for (word,) in connection.execute("SELECT word FROM heavy"))


def keep_heavy(connection: sqlite3.Connection, heavy: frozenset[str]) -> None:
    """Record the heavy words chosen (inside the caller's transaction)."""
    connection.executemany("INSERT OR IGNORE INTO heavy VALUES (?)", [(w,) for w in heavy])
    connection.execute("INSERT OR REPLACE INTO info VALUES ('heavy', 'chosen')")
