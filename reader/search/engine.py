"""``SearchIndex``: open the index beside a library, keep it in step, answer queries fast.

Built for a prompt that searches on every keystroke from a worker thread: each call to
``search`` supersedes the ones before it (a running query notices at its next SQLite
progress callback and stops, so stale results are dropped, not waited for), and a query
that would rank too many articles within its time budget (shorter with ``typing=True``)
falls back to the newest matches, title matches first, marked ``partial``.

Ranking costs two passes over every match (bm25 first counts the articles holding each
phrase), and a phrase with a common word reads that word's positions in every candidate
article, so a broad query is judged from its newest part before anything is ranked, and
the fallback never calls bm25: it reads only the newest stretch of the index.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import time
import zlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from reader.search.compile import Compiled, compile_query
from reader.search.highlight import Matcher
from reader.search.query import Query, Term, parse
from reader.search.results import Hit, SearchResult
from reader.search.schema import (
    TITLE_WEIGHT,
    IndexDamaged,
    IndexUnavailable,
    connect,
    connect_read_only,
    ensure_schema,
    is_corruption,
    is_environment,
    quick_check,
)
from reader.search.source import all_signatures
from reader.search.sync import (
    Progress,
    recorded_signatures,
    stale_shards,
    sync,
    sync_held,
    sync_lock,
    transaction,
)

if TYPE_CHECKING:
    from reader.store import Library

TYPING_BUDGET = 0.045
"""Seconds a ranked query may take while the user types before the sampled plan is used."""
FULL_BUDGET = 0.07
"""The same for a search the user asked for in full (Enter, ``reader search``)."""
SNIPPET_BUDGET = 0.06
"""Seconds from the start of a search while typing after which result rows are made without
a snippet: a snippet takes about half a millisecond, and the prompt shows 200 rows."""
SNIPPETS_ALWAYS = 40
"""Rows that get their snippet whatever the time (a tall screen of results)."""
COMPLETIONS = 12
"""How many whole words the word being typed stands for (the commonest ones)."""
TYPING_SAMPLE, FULL_SAMPLE = 300, 5000
"""A query matching over ``RANK_FACTOR`` times this many articles is sampled at once, not
ranked (and a ``sort:date`` sample is put in date order among this many newest)."""
RANK_FACTOR = 5
RANK_PASSES = 3.0
"""Ranking costs about this many times one pass that only counts the matches."""
ESTIMATE_SLICE = 10
"""A large index guesses how many articles match from its newest 1/this part (see
``_too_broad``)."""
NOTHING_TO_SEARCH = "nothing to search for: type a word"
"""What an empty query gets when asked for (not while typing)."""
REBUILD_WAIT = 30.0
"""Seconds a rebuild waits for another process's sync to finish before giving up."""
_BM25 = f"bm25(fts, {TITLE_WEIGHT}, 1.0, 0.0, 0.0)"
_TIE_SLACK = 16


class _Stop(Exception):
    """A newer search started, so this one's results would be stale."""


class SearchIndex:
    """The full-text index of one library (``LIBRARY/search.sqlite``); safe across threads
    and processes."""

    def __init__(self, library: Library, path: Path) -> None:
        self.library = library
        self.path = path
        self.notices: list[str] = []
        self._lock = threading.Lock()
        self._generation = 0
        self._size_cache: tuple[tuple[int, int], tuple[int, int]] | None = None
        #: Why the index is open read-only (a full disk, a read-only folder), or "".
        self._read_only = ""
        self._connection = self._connect()

    # ----- opening, syncing, rebuilding ----------------------------------------------

    @classmethod
    def open(
        cls, library: Library, *, sync: bool = True, progress: Progress | None = None
    ) -> SearchIndex:
        """The library's index, created or repaired if need be and (with ``sync``) brought up
        to date with the store; what happened on the way is in ``notices``. A disk too full
        (or too read-only) to bring it up to date leaves a notice and the index as it is;
        ``IndexUnavailable`` when it cannot be opened at all."""
        index = cls(library, library.layout.search_index)
        if sync:
            index.sync(progress)
        return index

    def _connect(self) -> sqlite3.Connection:
        existed = self.path.exists()
        try:
            connection = connect(self.path)
            created = ensure_schema(connection)
        except (IndexDamaged, sqlite3.DatabaseError) as error:
            if is_environment(error):
                return self._connect_read_only(error)
            self._notice(f"{self.path}: search index damaged ({error}); rebuilding it")
            return self._fresh_file()
        if created and existed:
            self._notice(f"{self.path}: search index was empty; building it")
        elif created and self.library.holds_articles():
            self._notice("building the search index (this library has none yet)")
        return connection

    def _connect_read_only(self, error: BaseException) -> sqlite3.Connection:
        """The index as it is, read only, when it cannot be opened for writing; else
        ``IndexUnavailable``."""
        try:
            if not self.path.exists():
                raise error
            connection = connect_read_only(self.path)
            if ensure_schema(connection):
                raise error
        except (IndexDamaged, sqlite3.DatabaseError):
            raise IndexUnavailable(f"{self.path}: cannot be opened ({error})") from None
        self._read_only = f"{error}"
        return connection

    def _fresh_file(self) -> sqlite3.Connection:
        """A new, empty index file in place of the old one."""
        self._remove_files()
        try:
            connection = connect(self.path)
            ensure_schema(connection)
        except (IndexDamaged, sqlite3.DatabaseError) as error:
            raise IndexUnavailable(f"{self.path}: cannot be made again ({error})") from None
        return connection

    def _notice(self, message: str) -> None:
        """Say something once (a failing disk fails every sync the same way)."""
        if message not in self.notices:
            self.notices.append(message)

    def _remove_files(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.remove(f"{self.path}{suffix}")

    def sync(self, progress: Progress | None = None) -> int:
        """Take in every store change since the last sync; returns the articles (re)indexed,
        -1 if another process is syncing or it could not be done now (the index is then
        searched as it is). A damaged index is rebuilt, with a notice."""
        with self._lock:
            try:
                return self._sync(progress)
            except Exception as error:
                if not self._is_damage(error):
                    raise
                self._notice(f"{self.path}: search index damaged ({error}); rebuilt")
        return self.rebuild(progress, damaged=True)

    def _sync(self, progress: Progress | None = None) -> int:
        """Sync, or leave a notice when the disk does not let it (the old index answers)."""
        if self._read_only:
            if stale_shards(all_signatures(self.library), recorded_signatures(self._connection)):
                self._notice(
                    f"{self.path}: cannot be written ({self._read_only}); searching the "
                    "index as it is, without the library's latest changes"
                )
            return -1
        try:
            return sync(self._connection, self.library, progress)
        except Exception as error:
            if not is_environment(error):
                raise
            self._notice(
                f"{self.path}: search index not brought up to date ({error}); "
                "searching it as it is"
            )
            return -1

    def _is_damage(self, error: BaseException) -> bool:
        """Whether an error means the index file is damaged: surely so for some errors, and
        for other database errors when SQLite's own check of the file finds fault."""
        if is_corruption(error):
            return True
        if not isinstance(error, sqlite3.DatabaseError) or is_environment(error):
            return False
        try:
            return quick_check(self._connection) is not None
        except sqlite3.DatabaseError as again:
            return not is_environment(again)

    def rebuild(
        self, progress: Progress | None = None, *, wait: float = REBUILD_WAIT, damaged: bool = False
    ) -> int:
        """Index the whole library again; returns the number of articles indexed.

        Waits up to ``wait`` seconds for another process's sync, then gives up with
        ``IndexUnavailable`` and leaves the index as it was. A sound index is emptied and
        filled in place (other processes' connections stay valid); a damaged one is made
        again as a new file."""
        if self._read_only:
            raise IndexUnavailable(f"{self.path}: cannot be written; the index is as it was")
        with self._lock, sync_lock(self.library.layout.search_lock, wait) as held:
            if not held:
                raise IndexUnavailable(
                    f"{self.path}: another process is updating the search index; gave up "
                    f"after {wait:g} s, the index is as it was"
                )
            try:
                if damaged:
                    raise IndexDamaged("rebuilding a damaged index")
                self._empty()
            except Exception as error:
                if not (isinstance(error, IndexDamaged) or self._is_damage(error)):
                    raise
                self._connection.close()
                self._connection = self._fresh_file()
            self._size_cache = None
            try:
                sync_held(self._connection, self.library, progress)
                self._connection.execute("INSERT INTO fts(fts) VALUES ('optimize')")
                self._connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.DatabaseError as error:
                if is_environment(error):
                    raise IndexUnavailable(f"{self.path}: cannot be rebuilt ({error})") from None
                raise
            return self.count()

    def _empty(self) -> None:
        """Remove every article from the index, in one transaction."""
        with transaction(self._connection):
            self._connection.execute("INSERT INTO fts(fts) VALUES ('delete-all')")
            for table in ("docs", "bodies", "shards", "terms"):
                self._connection.execute(f"DELETE FROM {table}")

    def verify(self, expected: set[str]) -> list[str]:
        """What ``reader check`` finds wrong with the index (it is rebuilt if anything is):
        SQLite's check of the file, every stored text and body readable, and the articles
        it holds the same as the store's. Nothing to check when there is no index yet."""
        if not self.path.exists():
            return []
        problem = None
        with self._lock:
            try:
                problem = quick_check(self._connection)
                if problem is None:
                    self._read_everything()
                    if self._sync() < 0:
                        return []  # not up to date: nothing to compare with
                    rows = self._connection.execute("SELECT id FROM docs")
                    held = {str(article_id) for (article_id,) in rows}
                    if held != expected:
                        problem = (
                            f"holds {len(held & expected)} of the library's {len(expected)} "
                            f"articles and {len(held - expected)} others"
                        )
            except Exception as error:
                if is_environment(error) or not self._is_damage(error):
                    raise
                problem = str(error)
        if problem is None:
            return []
        self.rebuild(damaged=True)
        return [f"{self.path}: search index {problem}; rebuilt"]

    def _read_everything(self) -> None:
        """Read every stored text and body once, so damage in them shows as an error."""
        connection = self._connection
        texts = (
            "SELECT id, shard, stamp, title, source, author, day FROM docs",
            "SELECT kind, name, signature FROM shards",
        )
        for sql in texts:
            for _ in connection.execute(sql):
                pass  # decoding each row is the check
        for (body,) in connection.execute("SELECT body FROM bodies"):
            zlib.decompress(body).decode()

    def count(self) -> int:
        """Articles in the index."""
        row = self._connection.execute("SELECT count(*) FROM docs").fetchone()
        return int(row[0])

    def close(self) -> None:
        """Release the database file."""
        with self._lock:
            self._connection.close()

    def cancel(self) -> None:
        """Stop any running search (from any thread); it returns ``cancelled``."""
        self._generation += 1

    # ----- searching -----------------------------------------------------------------

    def search(
        self,
        text: str,
        limit: int = 50,
        *,
        typing: bool = False,
        today: date | None = None,
    ) -> SearchResult:
        """Articles matching ``text``, best first; never raises for what a user types.

        A damaged index is rebuilt (with a notice) and the query run again, once.
        """
        return self._search(text, limit, typing, today, retry=True)

    def _search(
        self, text: str, limit: int, typing: bool, today: date | None, retry: bool
    ) -> SearchResult:
        self._generation += 1
        mine = self._generation
        parsed = parse(text, typing=typing, today=today)
        if not isinstance(parsed, Query):
            return SearchResult(error=parsed.hint)
        terms = parsed.positive_terms()
        if parsed.is_empty:
            # Nothing typed yet shows nothing; asked for in earnest, it is an error.
            return SearchResult() if typing else SearchResult(error=NOTHING_TO_SEARCH)
        with self._lock:
            if mine != self._generation:
                return SearchResult(cancelled=True)
            try:
                compiled = compile_query(parsed, self._complete)
                nothing = not (compiled.match or compiled.exclude or compiled.where)
                if nothing and not parsed.sort:
                    return SearchResult(error=NOTHING_TO_SEARCH)
                return self._run(parsed, compiled, terms, limit, typing, mine)
            except _Stop:
                return SearchResult(cancelled=True)
            except Exception as error:
                if not retry or not self._is_damage(error):
                    if isinstance(error, sqlite3.Error | zlib.error | UnicodeDecodeError):
                        return SearchResult(error=f"search failed: {error}")
                    raise
                self._notice(f"{self.path}: search index damaged ({error}); rebuilt")
        try:
            self.rebuild(damaged=True)
        except IndexUnavailable as error:
            return SearchResult(error=str(error))
        return self._search(text, limit, typing, today, retry=False)

    def _run(
        self,
        query: Query,
        compiled: Compiled,
        terms: list[Term],
        limit: int,
        typing: bool,
        mine: int,
    ) -> SearchResult:
        began = time.perf_counter()
        self._sync()
        partial = False
        by_date = query.sort == "date" or (query.sort is None and compiled.match is None)
        if compiled.match is None:
            ranked = self._by_date_without_words(compiled, limit, mine)
        else:
            match = compiled.match
            if compiled.exclude:
                match = f"({match}) NOT ({compiled.exclude})"
            budget = TYPING_BUDGET if typing else FULL_BUDGET
            sample = TYPING_SAMPLE if typing else FULL_SAMPLE
            try:
                with self._watch(mine, budget):
                    if self._too_broad(match, sample * RANK_FACTOR, budget, began):
                        raise _OutOfTime
                    ranked = self._ranked(match, compiled, limit, by_date)
            except _OutOfTime:
                with self._watch(mine, None):
                    ranked = self._sampled(match, compiled, limit, by_date, sample)
                partial = True
        snippets_until = began + SNIPPET_BUDGET if typing else None
        hits = self._hits(ranked, Matcher.for_terms(terms), snippets_until)
        return SearchResult(hits=hits, terms=[term_text(t) for t in terms], partial=partial)

    @contextlib.contextmanager
    def _watch(self, mine: int, budget: float | None) -> Iterator[None]:
        """Abort the SQL inside when a newer search starts or ``budget`` seconds pass."""
        deadline = time.perf_counter() + budget if budget is not None else None
        timed_out = False

        def check() -> int:
            nonlocal timed_out
            if self._generation != mine:
                return 1
            if deadline is not None and time.perf_counter() > deadline:
                timed_out = True
                return 1
            return 0

        self._connection.set_progress_handler(check, 2000)
        try:
            yield
        except sqlite3.OperationalError as error:
            if self._generation != mine:
                raise _Stop from None
            if timed_out:
                raise _OutOfTime from None
            raise error
        finally:
            self._connection.set_progress_handler(None, 0)
        if self._generation != mine:
            raise _Stop

    def _too_broad(self, match: str, count: int, budget: float, began: float) -> bool:
        """True when over ``count`` articles match, or ranking them would overrun ``budget``.

        Counting every match costs as much as a search pass when a phrase holds a common
        word, so a large index counts the matches in its newest part alone (rows are
        numbered by date, and FTS5 reads only that stretch of each word's list) and scales
        up both the count and the time it took; only an estimate close to ``count`` is
        checked by counting (which stops at ``count``)."""
        connection = self._connection
        newest, total = self._size()
        if total > count * 2:
            start = self._newest_part(newest, total, count)
            (in_part,) = connection.execute(
                "SELECT count(*) FROM docs WHERE rowid > ?", (start,)
            ).fetchone()
            part_began = time.perf_counter()
            sql = "SELECT count(*) FROM (SELECT 1 FROM fts WHERE fts MATCH ? AND rowid > ? LIMIT ?)"
            (found,) = connection.execute(sql, (match, start, count + 1)).fetchone()
            scale = total / max(in_part, 1)
            passes = RANK_PASSES * scale * (time.perf_counter() - part_began)
            if found > count or found * scale > count * 2:
                return True
            if began + budget < time.perf_counter() + passes:
                return True
            if found * scale < count / 2:
                return False
        sql = "SELECT count(*) FROM (SELECT 1 FROM fts WHERE fts MATCH ? LIMIT ?)"
        row = connection.execute(sql, (match, count + 1)).fetchone()
        return int(row[0]) > count

    def _size(self) -> tuple[int, int]:
        """The highest row number and the number of articles (counting 100k rows takes
        20 ms, so it is kept until the file changes)."""
        version = (
            self._connection.execute("PRAGMA data_version").fetchone()[0],
            self._connection.total_changes,
        )
        if self._size_cache is None or self._size_cache[0] != version:
            newest, total = self._connection.execute(
                "SELECT max(rowid), count(*) FROM docs"
            ).fetchone()
            self._size_cache = (version, (int(newest or 0), int(total)))
        return self._size_cache[1]

    @staticmethod
    def _newest_part(newest: int, total: int, count: int) -> int:
        """The row number after which the newest part of the index begins."""
        return newest - max(total // ESTIMATE_SLICE, count // 2)

    def _ranked(
        self, match: str, compiled: Compiled, limit: int, by_date: bool
    ) -> list[tuple[int, float]]:
        """(rowid, score) best first, every match ranked."""
        if by_date:
            sql = (
                f"SELECT fts.rowid, -{_BM25} FROM fts JOIN docs AS d ON d.rowid = fts.rowid "
                f"WHERE fts MATCH ? {_and(compiled.where)} ORDER BY d.day DESC LIMIT ?"
            )
            rows = self._connection.execute(sql, [match, *compiled.params, limit]).fetchall()
            return [(int(r), float(s)) for r, s in rows]
        if compiled.where:
            sql = (
                f"SELECT fts.rowid, -{_BM25} AS score, d.day FROM fts "
                f"JOIN docs AS d ON d.rowid = fts.rowid WHERE fts MATCH ? {_and(compiled.where)} "
                f"ORDER BY score DESC, d.day DESC LIMIT ?"
            )
            rows = self._connection.execute(sql, [match, *compiled.params, limit]).fetchall()
            return [(int(r), float(s)) for r, s, _ in rows]
        sql = f"SELECT rowid, -{_BM25} AS score FROM fts WHERE fts MATCH ? ORDER BY score DESC LIMIT ?"
        rows = self._connection.execute(sql, (match, limit + _TIE_SLACK)).fetchall()
        return self._break_ties(rows, limit)

    def _break_ties(self, rows: list[tuple[int, float]], limit: int) -> list[tuple[int, float]]:
        """Equal scores ordered newest first."""
        if not rows:
            return []
        days = self._days([int(r) for r, _ in rows])
        ordered = sorted(rows, key=lambda row: days.get(row[0], ""), reverse=True)
        ordered.sort(key=lambda row: row[1], reverse=True)  # stable: newest first among equals
        return [(int(r), float(s)) for r, s in ordered[:limit]]

    def _sampled(
        self, match: str, compiled: Compiled, limit: int, by_date: bool, sample: int
    ) -> list[tuple[int, float]]:
        """For a query too broad to rank in time: the newest matches, those with a query
        word in the title (among the newest part of the index) first, unscored (score 0);
        with ``by_date``, the newest ``sample`` matches in date order. Reads only the
        newest stretch of the index, never every match as bm25 would."""
        # CROSS JOIN keeps FTS5 the outer loop, reading its lists from the newest row
        # back; otherwise SQLite may walk ``docs`` and probe FTS5 once per row.
        join = "CROSS JOIN docs AS d ON d.rowid = fts.rowid" if compiled.where else ""
        sql = (
            f"SELECT fts.rowid FROM fts {join} WHERE fts MATCH ? {_and(compiled.where)} "
            "AND fts.rowid > ? ORDER BY fts.rowid DESC LIMIT ?"
        )
        if by_date:
            rowids = [
                int(r)
                for (r,) in self._connection.execute(
                    sql, [match, *compiled.params, 0, max(sample, limit)]
                )
            ]
            days = self._days(rowids)
            rowids.sort(key=lambda rowid: days.get(rowid, ""), reverse=True)
            return [(rowid, 0.0) for rowid in rowids[:limit]]
        newest, total = self._size()
        start = self._newest_part(newest, total, sample)
        in_title = f"({match}) AND title : ({compiled.any_of or match})"
        # Ascending: FTS5 starts at a lower rowid bound, but read backwards it does not
        # stop there; the newest of these are taken here.
        window = (
            f"SELECT fts.rowid FROM fts {join} WHERE fts MATCH ? {_and(compiled.where)} "
            "AND fts.rowid > ?"
        )
        rows = self._connection.execute(window, [in_title, *compiled.params, start])
        titled = sorted((int(r) for (r,) in rows), reverse=True)[:limit]
        rest = [
            int(r) for (r,) in self._connection.execute(sql, [match, *compiled.params, 0, limit])
        ]
        chosen = list(dict.fromkeys([*titled, *rest]))[:limit]
        return [(rowid, 0.0) for rowid in chosen]

    def _by_date_without_words(
        self, compiled: Compiled, limit: int, mine: int
    ) -> list[tuple[int, float]]:
        """Filter-only and exclude-only queries: newest first."""
        where = list(compiled.where)
        params = list(compiled.params)
        if compiled.exclude:
            where.append("d.rowid NOT IN (SELECT rowid FROM fts WHERE fts MATCH ?)")
            params.append(compiled.exclude)
        clause = ("WHERE " + " AND ".join(where)) if where else ""
        sql = f"SELECT d.rowid FROM docs AS d {clause} ORDER BY d.day DESC LIMIT ?"
        with self._watch(mine, None):
            rows = self._connection.execute(sql, [*params, limit]).fetchall()
        return [(int(r), 0.0) for (r,) in rows]

    def _complete(self, prefix: str) -> list[str]:
        """The commonest indexed words starting with ``prefix``, the word itself first."""
        rows = self._connection.execute(
            "SELECT term FROM terms WHERE term >= ? AND term < ? ORDER BY df DESC LIMIT ?",
            (prefix, prefix + "\U0010ffff", COMPLETIONS),
        )
        words = [str(term) for (term,) in rows]
        return sorted(words, key=lambda word: word != prefix)

    def _days(self, rowids: list[int]) -> dict[int, str]:
        marks = ",".join("?" * len(rowids))
        sql = f"SELECT rowid, day FROM docs WHERE rowid IN ({marks})"
        return {int(r): str(d) for r, d in self._connection.execute(sql, rowids)}

    def _hits(
        self, ranked: list[tuple[int, float]], matcher: Matcher, snippets_until: float | None
    ) -> list[Hit]:
        """The result rows; while typing, rows past the first ``SNIPPETS_ALWAYS`` reached
        after ``snippets_until`` go without a snippet, so the prompt keeps up."""
        if not ranked:
            return []
        marks = ",".join("?" * len(ranked))
        sql = (
            "SELECT rowid, id, title, source, day, read, bookmarked, body "
            f"FROM docs JOIN bodies USING (rowid) WHERE rowid IN ({marks})"
        )
        rows = {row[0]: row for row in self._connection.execute(sql, [r for r, _ in ranked])}
        hits: list[Hit] = []
        for rowid, score in ranked:
            row = rows.get(rowid)
            if row is None:
                continue
            _, article_id, title, source, day, read, bookmarked, body_z = row
            snippet, snippet_spans = "", list[tuple[int, int]]()
            if (
                snippets_until is None
                or len(hits) < SNIPPETS_ALWAYS
                or time.perf_counter() < snippets_until
            ):
                snippet, snippet_spans = matcher.snippet(zlib.decompress(body_z).decode())
            hits.append(
                Hit(
                    id=article_id,
                    score=round(score, 6),
                    title=title,
                    snippet=snippet,
                    title_spans=matcher.spans(title),
                    snippet_spans=snippet_spans,
                    source=source,
                    date=day or None,
                    read=bool(read),
                    bookmarked=bool(bookmarked),
                )
            )
        return hits


class _OutOfTime(Exception):
    """The ranked query went over its time budget."""


def term_text(term: Term) -> str:
    """A term as ``SearchResult.terms`` lists it: folded words, ``*`` after a prefix."""
    return " ".join(term.words) + ("*" if term.prefix else "")


def _and(conditions: list[str]) -> str:
    return "".join(f" AND {condition}" for condition in conditions)
