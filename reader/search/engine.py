"""``SearchIndex``: open the index beside a library, keep it in step, answer queries fast.

Built for a prompt that searches on every keystroke from a worker thread: each call to
``search`` supersedes the ones before it (a running query notices at its next SQLite
progress callback and stops, so stale results are dropped, not waited for).

Every query is answered in full: ``total`` counts every match, ``hits`` are the first page
and ``page`` reads any later one. A query is ranked by BM25 when one of its required words
or phrases is not common (see ``vocabulary``), else listed newest first (see ``answer``);
while typing, a query that would take long to rank (``TYPING_RANK_WORK``) is listed newest
first too, until Enter ranks it.
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

from reader.search.answer import Answer, count, newest_first, ranked
from reader.search.compile import compile_query, highlighted
from reader.search.highlight import Matcher
from reader.search.hits import make_hits
from reader.search.query import NOTHING_TO_SEARCH, ParseError, Query, Term, parse
from reader.search.results import Hit, SearchResult
from reader.search.schema import (
    IndexDamaged,
    IndexOutdated,
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
from reader.search.vocabulary import Vocabulary

if TYPE_CHECKING:
    from reader.store import Library

SNIPPET_BUDGET = 0.06
"""Seconds from the start of a search while typing after which result rows are made without
a snippet: a snippet takes a few tenths of a millisecond, and the prompt may ask for 200."""
SNIPPETS_ALWAYS = 40
"""Rows that get their snippet whatever the time (a tall screen of results)."""
TYPING_RANK_WORK = 30_000
"""While typing, a query is ranked only when the articles it may match times the words and
phrases it names stays under this (else it is listed newest first until Enter): ranking
reads every word of the query in every match, a microsecond or so each, and a word being
typed stands for a dozen of the commonest words it may become."""
REBUILD_WAIT = 30.0
"""Seconds a rebuild waits for another process's sync to finish before giving up."""


class QueryError(ValueError):
    """A query that cannot be read; its message is the hint the prompt shows."""


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
        self._counts: dict[tuple[str, bool, date | None], tuple[tuple[int, int], int]] = {}
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
        except IndexOutdated as error:
            connection.close()
            self._notice(f"{self.path}: search index {error}; building it again")
            return self._fresh_file()
        except (IndexDamaged, sqlite3.DatabaseError, UnicodeDecodeError) as error:
            # A damaged schema can make SQLite's own message undecodable text.
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
                f"{self.path}: search index not brought up to date ({error}); searching it as it is"
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
            try:
                sync_held(self._connection, self.library, progress)
                self._connection.execute("INSERT INTO fts(fts) VALUES ('optimize')")
                self._connection.executescript("PRAGMA incremental_vacuum")
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
            for table in ("docs", "bodies", "held_out", "heavy", "shards", "terms"):
                self._connection.execute(f"DELETE FROM {table}")
            self._connection.execute("DELETE FROM info WHERE key IN ('heavy', 'spilled')")

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
                    deleted = self._connection.execute("SELECT id FROM held_out")
                    expected = expected - {str(article_id) for (article_id,) in deleted}
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
            "SELECT id, shard, stamp, title, source, author, date, added, day, tags, tagged "
            "FROM docs",
            "SELECT id, shard FROM held_out",
            "SELECT word FROM heavy",
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
        """Articles matching ``text``, best first: the first ``limit`` of them, and how many
        there are in all. Never raises for what a user types.

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
        if parsed.is_empty:
            # Nothing typed yet shows nothing; asked for in earnest, it is an error.
            return SearchResult() if typing else SearchResult(error=NOTHING_TO_SEARCH)
        with self._lock:
            if mine != self._generation:
                return SearchResult(cancelled=True)
            try:
                return self._run(parsed, limit, typing, mine)
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

    def _run(self, query: Query, limit: int, typing: bool, mine: int) -> SearchResult:
        began = time.perf_counter()
        self._sync()
        vocabulary = Vocabulary(self._connection)
        compiled = compile_query(query, vocabulary)
        if not (compiled.match or compiled.exclude or query.has_filters or query.sort):
            return SearchResult(error=NOTHING_TO_SEARCH)
        terms = highlighted(query, vocabulary)
        matcher = Matcher.for_terms(terms)
        rank = compiled.match is not None and (
            query.sort == "relevance"
            or (
                query.sort is None
                and compiled.rankable
                and not (typing and compiled.estimate * compiled.phrases > TYPING_RANK_WORK)
            )
        )
        with self._watch(mine):
            if rank:
                answer: Answer = ranked(self._connection, compiled, matcher, limit)
            else:
                answer = newest_first(self._connection, compiled, matcher)
            rows = answer.rows(self._connection, 0, limit)
        snippets_until = began + SNIPPET_BUDGET if typing else None
        hits = make_hits(self._connection, rows, matcher, snippets_until, SNIPPETS_ALWAYS)
        return SearchResult(
            hits=hits,
            terms=[term_text(t) for t in terms],
            total=answer.total,
            answer=answer,
            best_first=rank,
        )

    def page(self, result: SearchResult, start: int, count: int) -> list[Hit]:
        """The hits at places ``start`` to ``start + count`` of an answer (fewer at its end):
        the list filling in as it scrolls. Cheap: a ranked answer keeps its whole order, a
        newest-first one reads on from where it stopped. An article gone from the index
        since the search is left out."""
        if result.answer is None or count <= 0:
            return []
        with self._lock:
            rows = result.answer.rows(self._connection, max(start, 0), count)
            return make_hits(self._connection, rows, result.answer.matcher, None, 0)

    def count_matches(
        self, text: str, *, unread_only: bool = False, today: date | None = None
    ) -> int:
        """How many articles match a query (a saved view), or how many of them are unread:
        one counting pass, no ranking, no rows; kept until the index changes, so a sidebar
        that asks for every view on every refresh pays only after a change.
        ``QueryError`` when the query cannot be read."""
        parsed = parse(text, today=today)
        if isinstance(parsed, ParseError):
            raise QueryError(parsed.hint)
        with self._lock:
            try:
                return self._count(parsed, (text, unread_only, today))
            except Exception as error:
                if not self._is_damage(error):
                    raise
                self._notice(f"{self.path}: search index damaged ({error}); rebuilt")
        self.rebuild(damaged=True)
        with self._lock:
            return self._count(parsed, (text, unread_only, today))

    def _count(self, query: Query, key: tuple[str, bool, date | None]) -> int:
        self._sync()
        version = self._data_version()
        cached = self._counts.get(key)
        if cached is not None and cached[0] == version:
            return cached[1]
        compiled = compile_query(query, Vocabulary(self._connection))
        found = count(self._connection, compiled, unread_only=key[1])
        self._counts[key] = (version, found)
        return found

    def _data_version(self) -> tuple[int, int]:
        """Changes whenever this or another connection changes the index."""
        (version,) = self._connection.execute("PRAGMA data_version").fetchone()
        return int(version), self._connection.total_changes

    @contextlib.contextmanager
    def _watch(self, mine: int) -> Iterator[None]:
        """Abort the SQL inside when a newer search starts."""

        def check() -> int:
            return 1 if self._generation != mine else 0

        self._connection.set_progress_handler(check, 2000)
        try:
            yield
        except sqlite3.OperationalError:
            if self._generation != mine:
                raise _Stop from None
            raise
        finally:
            self._connection.set_progress_handler(None, 0)
        if self._generation != mine:
            raise _Stop


def term_text(term: Term) -> str:
    """A term as ``SearchResult.terms`` lists it: folded words, ``*`` after a prefix."""
    return " ".join(term.words) + ("*" if term.prefix else "")
