"""Keeping the index in step with the store, by the store's shard files.

The store has no change hooks, so each shard file's signature (inode, size, mtime) is
recorded when the index takes it in; a sync compares them with the files (64 ``stat``
calls) and re-reads only shards that changed: new articles are indexed, gone ones removed,
changed ones replaced, the read and bookmark flags copied over.

One process syncs at a time (``search.lock``); another that finds it held searches the
index as it is rather than wait. New articles are indexed oldest first in chunks, each its
own transaction, so index row numbers follow dates (broad queries take the newest rows
cheaply) and an interrupted build keeps what it did. Bodies are read and compressed in a
second thread while SQLite (which releases the GIL) indexes the previous chunk; a bulk sync
does that in a helper process instead (started by ``multiprocessing``'s spawn method, so a
script that triggers one needs the usual ``if __name__ == "__main__"`` guard).

A bulk sync (a first build, a large import) counts completable words from FTS5's own
vocabulary once at the end instead of tokenizing every article again in Python (which cost
more than the indexing itself), and commits in larger chunks; a build into an empty index
also holds FTS5's segment merging back until one ``optimize`` at the end, so the index is
merged once rather than level by level.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
import sqlite3
import time
import unicodedata
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reader.search.source import META, STATE, Doc, all_signatures, shard_docs
from reader.search.text import is_cjk, split_cjk, tokens
from reader.store.errors import DamagedFile, UnknownArticle
from reader.store.ids import SHARDS, article_id_of

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future

    from reader.store import Library

Progress = Callable[[int, int], None]
"""Called with (articles done, articles to index) while a sync runs."""

CHUNK = 1000
BULK = 5000
"""From this many new articles a sync is a bulk one (see the module docstring)."""
BULK_CHUNK = 5000
BODY_COMPRESSION = 1
"""zlib level of stored bodies: level 6 is 7% smaller but takes twice the CPU time."""
_DEFAULT_MERGING = (("automerge", 4), ("crisismerge", 16))
_HELD_MERGING = (("automerge", 0), ("crisismerge", 64))
_ASCII_WORD = re.compile(r"[a-z0-9]{2,}")
_INSERT_FTS = "INSERT INTO fts(rowid, title, body, source, author) VALUES (?, ?, ?, ?, ?)"
_DELETE_FTS = (
    "INSERT INTO fts(fts, rowid, title, body, source, author) VALUES ('delete', ?, ?, ?, ?, ?)"
)
_INSERT_DOC = (
    "INSERT INTO docs(rowid, id, shard, stamp, title, source, author, day) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_BODY = "INSERT INTO bodies(rowid, body) VALUES (?, ?)"


@dataclass
class _Plan:
    """What a sync will change, worked out before anything is written."""

    signatures: dict[tuple[str, str], str]
    shards: list[str]
    remove: list[int] = field(default_factory=list)
    add: list[tuple[str, Doc]] = field(default_factory=list)
    states: dict[str, dict[str, Doc]] = field(default_factory=dict)


def indexed_form(text: str | None) -> str:
    """Text as it goes into the full-text table: NFC, CJK characters set apart."""
    text = text or ""
    if not text.isascii():
        text = split_cjk(unicodedata.normalize("NFC", text))
    return text


def recorded_signatures(connection: sqlite3.Connection) -> dict[tuple[str, str], str]:
    """The shard versions the index reflects."""
    rows = connection.execute("SELECT kind, name, signature FROM shards")
    return {(kind, name): sig for kind, name, sig in rows}


def stale_shards(
    current: dict[tuple[str, str], str], recorded: dict[tuple[str, str], str]
) -> list[str]:
    """Names of shards whose metadata or state file differs from what the index took in."""
    changed = {name for (kind, name), sig in current.items() if recorded.get((kind, name)) != sig}
    return [name for name in SHARDS if name in changed]


@contextlib.contextmanager
def sync_lock(path: Path, wait: float | None = None) -> Iterator[bool]:
    """Hold the index's sync lock if it is free (or frees within ``wait`` seconds); yields
    False when another process keeps it, or when its file cannot be opened (a library this
    user may not write: the index is then searched as it is)."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        yield False
        return
    try:
        deadline = time.monotonic() + (wait or 0.0)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    yield False
                    return
                time.sleep(0.02)
        yield True
    finally:
        os.close(fd)


def sync(connection: sqlite3.Connection, library: Library, progress: Progress | None = None) -> int:
    """Bring every changed shard into the index; returns how many articles were (re)indexed,
    or -1 when another process is syncing."""
    if not stale_shards(all_signatures(library), recorded_signatures(connection)):
        return 0
    with sync_lock(library.layout.search_lock) as held:
        if not held:
            return -1
        return sync_held(connection, library, progress)


def sync_held(
    connection: sqlite3.Connection, library: Library, progress: Progress | None = None
) -> int:
    """``sync`` for a caller that holds the sync lock."""
    current = all_signatures(library)
    recorded = recorded_signatures(connection)
    todo = stale_shards(current, recorded)
    if not todo:
        return 0
    plan = _plan(connection, library, todo, current, recorded)
    with transaction(connection):
        remove(connection, plan.remove)
    _add_all(connection, library, plan.add, progress)
    _finish(connection, plan)
    return len(plan.add)


@contextlib.contextmanager
def transaction(connection: sqlite3.Connection) -> Iterator[None]:
    """``BEGIN IMMEDIATE`` ... ``COMMIT``, rolled back on any error.

    SQLite rolls a transaction back by itself after some errors (a full disk): rolling
    back again would fail with "no transaction is active" and hide the real error.
    """
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                connection.execute("ROLLBACK")
        raise


def _plan(
    connection: sqlite3.Connection,
    library: Library,
    todo: list[str],
    current: dict[tuple[str, str], str],
    recorded: dict[tuple[str, str], str],
) -> _Plan:
    plan = _Plan(signatures=current, shards=todo)
    for name in todo:
        if recorded.get((META, name)) != current[(META, name)]:
            _plan_articles(connection, plan, name, shard_docs(library, META, name))
        plan.states[name] = shard_docs(library, STATE, name)
    plan.add.sort(key=lambda item: (_day(item[1]), item[0]))
    return plan


def _plan_articles(
    connection: sqlite3.Connection, plan: _Plan, name: str, docs: dict[str, Doc]
) -> None:
    indexed = {
        article_id: (rowid, stamp)
        for rowid, article_id, stamp in connection.execute(
            "SELECT rowid, id, stamp FROM docs WHERE shard = ?", (name,)
        )
    }
    wanted = {article_id_of(int(key)): doc for key, doc in docs.items()}
    for article_id, (rowid, stamp) in indexed.items():
        doc = wanted.get(article_id)
        if doc is None or stamp != _stamp(doc):
            plan.remove.append(rowid)
    for article_id, doc in wanted.items():
        known = indexed.get(article_id)
        if known is None or known[1] != _stamp(doc):
            plan.add.append((article_id, doc))


def _stamp(doc: Doc) -> str:
    """Changes when anything the index holds for an article changes."""
    fields = (doc.get(k) or "" for k in ("body_hash", "title", "source", "author", "date", "added"))
    return hashlib.blake2b("\x1f".join(fields).encode(), digest_size=10).hexdigest()


def _day(doc: Doc) -> str:
    return str(doc.get("date") or doc.get("added") or "")


def remove(connection: sqlite3.Connection, rowids: Iterable[int]) -> None:
    """Take articles out of the index, giving FTS5 back the text it indexed for each."""
    for rowid in rowids:
        row = connection.execute(
            "SELECT title, body, source, author FROM docs JOIN bodies USING (rowid) "
            "WHERE rowid = ?",
            (rowid,),
        ).fetchone()
        if row is None:
            continue
        title, body_z, source, author = row
        body = zlib.decompress(body_z).decode()
        connection.execute(
            _DELETE_FTS,
            (
                rowid,
                indexed_form(title),
                indexed_form(body),
                indexed_form(source),
                indexed_form(author),
            ),
        )
        connection.execute("DELETE FROM docs WHERE rowid = ?", (rowid,))
        connection.execute("DELETE FROM bodies WHERE rowid = ?", (rowid,))


_Rows = tuple[list[tuple[object, ...]], list[tuple[object, ...]]]


def _add_all(
    connection: sqlite3.Connection,
    library: Library,
    items: list[tuple[str, Doc]],
    progress: Progress | None,
) -> None:
    """Index new articles chunk by chunk, preparing the next chunk while SQLite works."""
    if not items:
        return
    from concurrent.futures import BrokenExecutor

    bulk = len(items) >= BULK
    fresh = bulk and connection.execute("SELECT 1 FROM docs LIMIT 1").fetchone() is None
    size = BULK_CHUNK if bulk else CHUNK
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    done = 0
    counts: Counter[str] = Counter()
    _set_merging(connection, _HELD_MERGING if fresh else _DEFAULT_MERGING)
    with _preparer(bulk) as pool:
        pending = _submit(pool, library, chunks[0], bulk)
        for number in range(len(chunks)):
            try:
                prepared = pending.result()
            except (OSError, BrokenExecutor):  # the helper process died: prepare here
                prepared = _prepare(library, chunks[number], not bulk)
            if number + 1 < len(chunks):
                pending = _submit(pool, library, chunks[number + 1], bulk)
            _insert(connection, prepared, counts)
            done += len(prepared)
            if progress:
                progress(done, len(items))
    if fresh:
        _set_merging(connection, _DEFAULT_MERGING)
        connection.execute("INSERT INTO fts(fts) VALUES ('optimize')")
    with transaction(connection):
        if bulk:
            _count_terms_from_index(connection)
        else:
            connection.executemany(
                "INSERT INTO terms VALUES (?, ?) "
                "ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
                counts.items(),
            )


def _preparer(bulk: bool) -> Executor:
    """Where chunks are prepared: a small sync uses a thread; a bulk one a process of its
    own, since reading 100k files in a thread beside SQLite's Python-side work made each
    wait for the other's lock on the interpreter (preparing took 4x longer than alone)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

    if bulk:
        with contextlib.suppress(OSError):
            context = multiprocessing.get_context("spawn")
            return ProcessPoolExecutor(max_workers=1, mp_context=context)
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="search-prepare")


def _submit(
    pool: Executor, library: Library, chunk: list[tuple[str, Doc]], bulk: bool
) -> Future[list[_Prepared]]:
    """Start preparing ``chunk``; prepared here at once if the pool cannot take it."""
    from concurrent.futures import Future, ThreadPoolExecutor

    try:
        if isinstance(pool, ThreadPoolExecutor):
            return pool.submit(_prepare, library, chunk, not bulk)
        return pool.submit(_prepare_at, str(library.root), chunk)
    except (OSError, RuntimeError):  # a broken pool raises BrokenExecutor, a RuntimeError
        done: Future[list[_Prepared]] = Future()
        done.set_result(_prepare(library, chunk, not bulk))
        return done


def _prepare_at(root: str, items: list[tuple[str, Doc]]) -> list[_Prepared]:
    """``_prepare`` for a bulk sync, run in the helper process (given the library's folder)."""
    from reader.store.library import Library

    return _prepare(Library(Path(root)), items, False)


def _set_merging(connection: sqlite3.Connection, settings: tuple[tuple[str, int], ...]) -> None:
    """FTS5's segment-merging settings (kept in the index file, so restored after a build)."""
    for name, value in settings:
        connection.execute("INSERT INTO fts(fts, rank) VALUES (?, ?)", (name, value))


def _count_terms_from_index(connection: sqlite3.Connection) -> None:
    """Replace the completable words with FTS5's vocabulary and document counts (one pass
    over the index; single characters are never completed to, and CJK is indexed as single
    characters)."""
    connection.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_vocabulary USING fts5vocab(main, fts, 'row')"
    )
    connection.execute("DELETE FROM terms")
    connection.execute(
        "INSERT INTO terms SELECT term, doc FROM temp.fts_vocabulary WHERE length(term) > 1"
    )


_Prepared = tuple[str, str, str, str | None, str | None, str, bytes, str, str, set[str]]


def _prepare(library: Library, items: list[tuple[str, Doc]], count_words: bool) -> list[_Prepared]:
    """Read, fold and compress a chunk's bodies (in the helper thread), with the words
    typing may complete to when ``count_words``."""
    prepared: list[_Prepared] = []
    for article_id, doc in items:
        body = _body(library, article_id)
        title = doc.get("title") or "(untitled)"
        prepared.append(
            (
                article_id,
                _stamp(doc),
                title,
                doc.get("source"),
                doc.get("author"),
                _day(doc),
                zlib.compress(body.encode(), BODY_COMPRESSION),
                indexed_form(title),
                indexed_form(body),
                _completable(title, body) if count_words else set(),
            )
        )
    return prepared


def _completable(title: str, body: str) -> set[str]:
    """The article's distinct words that typing may complete to (not single letters or CJK)."""
    text = f"{title}\n{body}"
    if text.isascii():  # the common case, ~10x faster than the full Unicode tokenizer
        return set(_ASCII_WORD.findall(text.lower()))
    return {word for word in tokens(text) if len(word) > 1 and not is_cjk(word[0])}


def _insert(
    connection: sqlite3.Connection, prepared: list[_Prepared], counts: Counter[str]
) -> None:
    with transaction(connection):
        present = _present(connection, [item[0] for item in prepared])
        row = connection.execute("SELECT max(rowid) FROM docs").fetchone()
        next_rowid = int(row[0] or 0) + 1
        docs_rows: list[tuple[object, ...]] = []
        body_rows: list[tuple[int, bytes]] = []
        fts_rows: list[tuple[object, ...]] = []
        for item in prepared:
            article_id, stamp, title, source, author, day, body_z, title_i, body_i, words = item
            if article_id in present:
                continue
            counts.update(words)
            rowid, next_rowid = next_rowid, next_rowid + 1
            docs_rows.append((rowid, article_id, article_id[0], stamp, title, source, author, day))
            body_rows.append((rowid, body_z))
            fts_rows.append((rowid, title_i, body_i, indexed_form(source), indexed_form(author)))
        connection.executemany(_INSERT_DOC, docs_rows)
        connection.executemany(_INSERT_BODY, body_rows)
        connection.executemany(_INSERT_FTS, fts_rows)


def _present(connection: sqlite3.Connection, ids: list[str]) -> set[str]:
    """Which of these articles the index already holds (a sync cut short may have added them)."""
    marks = ",".join("?" * len(ids))
    return {row[0] for row in connection.execute(f"SELECT id FROM docs WHERE id IN ({marks})", ids)}


def _body(library: Library, article_id: str) -> str:
    """The article's body; an article whose body file is missing is indexed by its title."""
    try:
        return library.content(article_id).body
    except (UnknownArticle, DamagedFile):
        return ""


def _finish(connection: sqlite3.Connection, plan: _Plan) -> None:
    """Copy the read/bookmark flags of the synced shards and record their signatures."""
    with transaction(connection):
        for name in plan.shards:
            _sync_flags(connection, name, plan.states.get(name, {}))
        connection.executemany(
            "INSERT OR REPLACE INTO shards VALUES (?, ?, ?)",
            [
                (kind, name, plan.signatures[(kind, name)])
                for name in plan.shards
                for kind in (META, STATE)
            ],
        )


def _sync_flags(connection: sqlite3.Connection, name: str, states: dict[str, Doc]) -> None:
    connection.execute(
        "UPDATE docs SET read = 0, bookmarked = 0 WHERE shard = ? AND (read OR bookmarked)",
        (name,),
    )
    connection.executemany(
        "UPDATE docs SET read = ?, bookmarked = ? WHERE id = ?",
        [
            (
                int(bool(state.get("read"))),
                int(bool(state.get("bookmarked"))),
                article_id_of(int(key)),
            )
            for key, state in states.items()
            if state.get("read") or state.get("bookmarked")
        ],
    )
