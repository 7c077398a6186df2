"""Keeping the index in step with the store, by the store's shard files.

The store has no change hooks, so each shard file's signature (inode, size, mtime) is
recorded when the index takes it in; a sync compares them with the files (64 ``stat``
calls) and re-reads only shards that changed: new articles are indexed, gone and deleted
ones removed (a deleted one is held out, and comes back when restored), changed ones
replaced, the read and bookmark flags and the tags copied over.

One process syncs at a time (``search.lock``); another that finds it held searches the
index as it is rather than wait. New articles are indexed in chunks, each its own
transaction with the word counts it adds, so an interrupted build keeps what it did; row
numbers follow dates whatever order articles come in (see ``rowids``). Chunks are prepared
(``prepare``) in a second thread while SQLite (which releases the GIL) indexes the previous
one; a bulk sync (a first build, a large import) does that in a helper process instead
(started by ``multiprocessing``'s spawn method, so a script that triggers one needs the
usual ``if __name__ == "__main__"`` guard), commits in larger chunks, and into an empty
index holds FTS5's segment merging back until one ``optimize`` at the end.

Until the heavy words are chosen (see ``pairs``) chunks are prepared one after another, so
that the chunk that brings the index to ``HEAVY_FROM`` articles chooses them before the
next is prepared.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reader.search import pairs
from reader.search.article_state import (
    changed_tags,
    copy_flags,
    deleted_ids,
    effective_tags,
    keep_out,
    kept_out,
    tag_text,
)
from reader.search.pairs import HEAVY_PAIRS, JOIN
from reader.search.prepare import (
    Counted,
    Doc,
    Item,
    PreparedChunk,
    indexed_column,
    metadata_tags,
    prepare,
    preparer,
    sort_day,
    stamp,
    submit,
)
from reader.search.rowids import RowidAllocator
from reader.search.schema import IndexDamaged
from reader.search.source import META, STATE, all_signatures, shard_docs
from reader.search.text import AUTHOR_MARK, SOURCE_MARK, field_text, tokens
from reader.search.vocabulary import keep_heavy, read_heavy
from reader.store.ids import SHARDS, article_id_of, doc_id_of
from reader.store.listing import sort_date
from reader.store.locks import flock_within

if TYPE_CHECKING:
    from concurrent.futures import Future

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
_INSERT_FTS = "INSERT INTO fts(rowid, title, body, source, author, tags) VALUES (?, ?, ?, ?, ?, ?)"
_DELETE_FTS = (
    "INSERT INTO fts(fts, rowid, title, body, source, author, tags) "
    "VALUES ('delete', ?, ?, ?, ?, ?, ?)"
)
_INSERT_DOC = (
    "INSERT INTO docs(rowid, id, shard, stamp, title, source, author, date, added, day, "
    "tags, tagged, pairs) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_Columns = tuple[str, str, str, str, str]


@dataclass
class _Plan:
    """What a sync will change, worked out before anything is written."""

    signatures: dict[tuple[str, str], str]
    shards: list[str]
    remove: list[int] = field(default_factory=list)
    add: list[Item] = field(default_factory=list)
    states: dict[str, dict[str, Doc]] = field(default_factory=dict)
    held_out: dict[str, set[str]] = field(default_factory=dict)
    retag: list[tuple[str | None, str]] = field(default_factory=list)


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
        yield flock_within(fd, wait or 0.0)
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
        remove(connection, sorted(plan.remove))
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
        states = plan.states[name] = shard_docs(library, STATE, name)
        deleted = deleted_ids(states)
        held = kept_out(connection, name)
        if recorded.get((META, name)) != current[(META, name)] or held - deleted:
            docs = shard_docs(library, META, name)
            _plan_articles(connection, plan, name, docs, states, deleted)
        else:  # only state changed: articles deleted now leave the index
            indexed = {
                str(article_id): int(rowid)
                for rowid, article_id in connection.execute(
                    "SELECT rowid, id FROM docs WHERE shard = ?", (name,)
                )
            }
            plan.remove.extend(
                rowid for article_id, rowid in indexed.items() if article_id in deleted
            )
            plan.held_out[name] = (held | indexed.keys()) & deleted
    plan.add.sort(key=lambda item: (sort_day(item[1]), *_undated_first(item[1]), item[0]))
    return plan


def _undated_first(doc: Doc) -> tuple[bool, str]:
    """Among the articles of one day, the undated ones first, in the order they were saved
    (their place in the lists: ``listing.sort_date``)."""
    if doc.get("date"):
        return True, ""
    return False, sort_date(None, str(doc.get("added") or ""))


def _plan_articles(
    connection: sqlite3.Connection,
    plan: _Plan,
    name: str,
    docs: dict[str, Doc],
    states: dict[str, Doc],
    deleted: set[str],
) -> None:
    """Which of a shard's articles to remove, add or retag, its metadata in hand."""
    indexed = {
        str(article_id): (int(rowid), str(old_stamp), tags)
        for rowid, article_id, old_stamp, tags in connection.execute(
            "SELECT rowid, id, stamp, tags FROM docs WHERE shard = ?", (name,)
        )
    }
    present = {article_id_of(int(key)): doc for key, doc in docs.items()}
    wanted = {article_id: doc for article_id, doc in present.items() if article_id not in deleted}
    plan.held_out[name] = present.keys() & deleted
    for article_id, (rowid, old_stamp, tags) in indexed.items():
        doc = wanted.get(article_id)
        if doc is None or old_stamp != stamp(doc):
            plan.remove.append(rowid)
        elif tags != metadata_tags(doc):
            plan.retag.append((metadata_tags(doc), article_id))
    for article_id, doc in wanted.items():
        known = indexed.get(article_id)
        if known is None or known[1] != stamp(doc):
            state = states.get(str(doc_id_of(article_id)))
            plan.add.append((article_id, doc, effective_tags(state, metadata_tags(doc))))


def remove(connection: sqlite3.Connection, rowids: Iterable[int]) -> None:
    """Take articles out of the index, giving FTS5 back the text it indexed for each."""
    heavy = read_heavy(connection)
    lost: Counter[str] = Counter()
    for rowid in rowids:
        stored = _stored(connection, rowid)
        if stored is None:
            continue
        if stored.pairs == HEAVY_PAIRS and heavy is None:
            raise IndexDamaged("an article was indexed with heavy words the index does not know")
        columns, words = stored.columns(heavy if stored.pairs == HEAVY_PAIRS else None)
        lost.update(words)
        connection.execute(_DELETE_FTS, (rowid, *columns))
        for table in ("docs", "bodies"):
            connection.execute(f"DELETE FROM {table} WHERE rowid = ?", (rowid,))
    _count_words(connection, lost, -1)


@dataclass(frozen=True)
class _Stored:
    """An indexed article's text as the index keeps it."""

    title: str
    body: str
    source: str | None
    author: str | None
    tagged: str | None
    pairs: int

    def columns(
        self, heavy: frozenset[str] | None, tagged: str | None = None
    ) -> tuple[_Columns, set[str]]:
        """The columns as FTS5 is given them (with the pairs of ``heavy``, and the tags
        indexed, or ``tagged`` instead), and the article's words."""
        title_words, body_words = tokens(self.title), tokens(self.body)
        columns = (
            indexed_column(self.title, title_words, heavy),
            indexed_column(self.body, body_words, heavy),
            field_text(self.source, SOURCE_MARK),
            field_text(self.author, AUTHOR_MARK),
            tag_text(tagged if tagged is not None else self.tagged),
        )
        return columns, {*title_words, *body_words}


def _stored(connection: sqlite3.Connection, rowid: int) -> _Stored | None:
    row = connection.execute(
        "SELECT title, body, source, author, tagged, pairs FROM docs JOIN bodies USING (rowid) "
        "WHERE rowid = ?",
        (rowid,),
    ).fetchone()
    if row is None:
        return None
    title, body_z, source, author, tagged, pairs = row
    return _Stored(title, zlib.decompress(body_z).decode(), source, author, tagged, int(pairs))


def _pair_older(connection: sqlite3.Connection, heavy: frozenset[str]) -> None:
    """Index the pair tokens of the articles indexed before the heavy words were chosen (a
    chunk's worth at most: they are chosen early), so that every article has them."""
    older = connection.execute("SELECT rowid FROM docs WHERE pairs != ?", (HEAVY_PAIRS,))
    changes = []
    for (rowid,) in older.fetchall():
        stored = _stored(connection, int(rowid))
        if stored is not None:
            changes.append((int(rowid), stored.columns(None)[0], stored.columns(heavy)[0]))
    _index_again(connection, changes)
    connection.execute("UPDATE docs SET pairs = ? WHERE pairs != ?", (HEAVY_PAIRS, HEAVY_PAIRS))


def _retag(
    connection: sqlite3.Connection,
    changed: list[tuple[int, str | None]],
    heavy: frozenset[str] | None,
) -> None:
    """Index articles again with their new effective tags."""
    changes = []
    for rowid, tagged in changed:
        stored = _stored(connection, rowid)
        if stored is None:
            continue
        with_pairs = heavy if stored.pairs == HEAVY_PAIRS else None
        old, new = stored.columns(with_pairs)[0], stored.columns(with_pairs, tagged or "")[0]
        changes.append((rowid, old, new))
    _index_again(connection, changes)
    connection.executemany(
        "UPDATE docs SET tagged = ? WHERE rowid = ?", [(tagged, rowid) for rowid, tagged in changed]
    )


def _index_again(
    connection: sqlite3.Connection, changes: list[tuple[int, _Columns, _Columns]]
) -> None:
    """Give FTS5 articles' new text for their old: every old text out, then every new one
    in, each in row-number order (FTS5 writes out what it holds in memory whenever a row
    number does not follow the one before, and a row put back where it was just taken out
    is such a case)."""
    changes.sort(key=lambda change: change[0])
    connection.executemany(_DELETE_FTS, [(rowid, *old) for rowid, old, _ in changes])
    connection.executemany(_INSERT_FTS, [(rowid, *new) for rowid, _, new in changes])


def _add_all(
    connection: sqlite3.Connection,
    library: Library,
    items: list[Item],
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
    heavy = read_heavy(connection)
    done = 0

    def start(number: int) -> Future[PreparedChunk]:
        # While the heavy words are not chosen, every chunk counts its words (to choose
        # them by); a bulk sync otherwise counts them once, from FTS5, at the end.
        counted = None if heavy is not None else _counted(connection)
        return submit(pool, library, chunks[number], heavy, counted, not bulk or heavy is None)

    _set_merging(connection, _HELD_MERGING if fresh else _DEFAULT_MERGING)
    with preparer(bulk) as pool:
        pending = start(0)
        for number in range(len(chunks)):
            try:
                prepared = pending.result()
            except (OSError, BrokenExecutor):  # the helper process died: prepare here
                counted = None if heavy is not None else _counted(connection)
                prepared = prepare(
                    library, chunks[number], heavy, counted, not bulk or heavy is None
                )
            heavy = heavy or prepared.heavy
            ahead = number + 1 < len(chunks)
            chosen = heavy is not None
            if ahead and chosen:
                pending = start(number + 1)
            _insert(connection, prepared)
            if ahead and not chosen:  # the next chunk counts from this one's words
                pending = start(number + 1)
            done += len(prepared.items)
            if progress:
                progress(done, len(items))
    if fresh:
        _set_merging(connection, _DEFAULT_MERGING)
        connection.execute("INSERT INTO fts(fts) VALUES ('optimize')")
        connection.executescript("PRAGMA incremental_vacuum")  # execute() frees one page
    if bulk:
        with transaction(connection):
            _count_words_from_index(connection)


def _counted(connection: sqlite3.Connection) -> Counted:
    """The index's word counts so far (small: the heavy words are chosen early)."""
    (articles,) = connection.execute("SELECT count(*) FROM docs").fetchone()
    words = {str(term): int(df) for term, df in connection.execute("SELECT term, df FROM terms")}
    return Counted(int(articles), words, pairs.HEAVY_FROM)


def _set_merging(connection: sqlite3.Connection, settings: tuple[tuple[str, int], ...]) -> None:
    """FTS5's segment-merging settings (kept in the index file, so restored after a build)."""
    for name, value in settings:
        connection.execute("INSERT INTO fts(fts, rank) VALUES (?, ?)", (name, value))


def _count_words_from_index(connection: sqlite3.Connection) -> None:
    """Replace the word counts with FTS5's own (one pass over its vocabulary, cheaper than
    counting each article's words in Python), pair tokens left out."""
    connection.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_rows USING fts5vocab(main, fts, 'row')"
    )
    connection.execute("DELETE FROM terms")
    connection.execute(
        "INSERT INTO terms SELECT term, doc FROM temp.fts_rows WHERE instr(term, ?) = 0",
        (JOIN,),
    )


def _insert(connection: sqlite3.Connection, chunk: PreparedChunk) -> None:
    """Index a prepared chunk, with its word counts, in one transaction.

    Rows go in in row-number order: FTS5 writes out what it holds in memory whenever a row
    number is lower than the one before, which would cut the chunk into many small segments.
    """
    with transaction(connection):
        if chunk.heavy is not None:
            keep_heavy(connection, chunk.heavy)
            _pair_older(connection, chunk.heavy)
        present = _present(connection, [item.article_id for item in chunk.items])
        words = Counter(chunk.words)
        rowids = RowidAllocator(connection, [item.day for item in chunk.items])
        docs_rows: list[tuple[object, ...]] = []
        body_rows: list[tuple[int, bytes]] = []
        fts_rows: list[tuple[int, str, str, str, str, str]] = []
        for item in chunk.items:
            if item.article_id in present:  # a sync cut short may have indexed it
                if words:
                    words.subtract({*tokens(item.title), *tokens(item.body)})
                continue
            rowid = rowids.allocate(item.day)
            docs_rows.append(
                (
                    rowid,
                    item.article_id,
                    item.article_id[0],
                    item.stamp,
                    item.title,
                    item.source,
                    item.author,
                    item.date,
                    item.added,
                    item.day,
                    item.tags,
                    item.tagged,
                    item.pairs,
                )
            )
            body_rows.append((rowid, zlib.compress(item.body.encode(), BODY_COMPRESSION)))
            fts_rows.append(
                (
                    rowid,
                    item.title_text,
                    item.body_text,
                    field_text(item.source, SOURCE_MARK),
                    field_text(item.author, AUTHOR_MARK),
                    tag_text(item.tagged),
                )
            )
        connection.executemany(_INSERT_DOC, docs_rows)
        connection.executemany("INSERT INTO bodies(rowid, body) VALUES (?, ?)", body_rows)
        fts_rows.sort(key=lambda row: row[0])
        connection.executemany(_INSERT_FTS, fts_rows)
        _count_words(connection, words, 1)
        if rowids.spilled:
            connection.execute("INSERT OR REPLACE INTO info VALUES ('spilled', '1')")


def _count_words(connection: sqlite3.Connection, words: Counter[str], sign: int) -> None:
    """Add (or take away) articles from the counts of the words they hold."""
    connection.executemany(
        "INSERT INTO terms VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
        [(word, sign * count) for word, count in words.items() if count > 0],
    )
    if sign < 0:
        connection.executemany(
            "DELETE FROM terms WHERE term = ? AND df <= 0", [(word,) for word in words]
        )


def _present(connection: sqlite3.Connection, ids: list[str]) -> set[str]:
    """Which of these articles the index already holds (a sync cut short may have added them)."""
    marks = ",".join("?" * len(ids))
    return {row[0] for row in connection.execute(f"SELECT id FROM docs WHERE id IN ({marks})", ids)}


def _finish(connection: sqlite3.Connection, plan: _Plan) -> None:
    """Copy the synced shards' flags and tags, and record their signatures."""
    with transaction(connection):
        connection.executemany("UPDATE docs SET tags = ? WHERE id = ?", plan.retag)
        heavy = read_heavy(connection)
        for name in plan.shards:
            states = plan.states.get(name, {})
            copy_flags(connection, name, states)
            _retag(connection, changed_tags(connection, name, states), heavy)
            keep_out(connection, name, plan.held_out.get(name, set()))
        connection.executemany(
            "INSERT OR REPLACE INTO shards VALUES (?, ?, ?)",
            [
                (kind, name, plan.signatures[(kind, name)])
                for name in plan.shards
                for kind in (META, STATE)
            ],
        )
