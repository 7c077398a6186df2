"""The index file ``LIBRARY/search.sqlite``: its tables, and opening it safely from any process.

The full-text table is contentless (it stores only the index); each title and body is
indexed with its pair tokens after it (see ``pairs``). Its ``docs`` companion keeps what a
result line shows (title, source, dates) so results print without reading the store, the
read and bookmark flags for ``is:``, and the metadata's and the effective tags (the latter
also indexed, for ``tag:``: see ``article_state``). Row numbers follow dates (see
``rowids``).
``bodies`` keeps each body compressed: FTS5 in SQLite 3.40 can only remove a contentless
row given the text it indexed, and snippets need it too. Bodies have their own table so that
``docs`` stays small: a broad query joins thousands of matches to it for its filters.
``held_out`` lists deleted articles (not indexed until restored), ``heavy`` the words whose
pairs are indexed, ``shards`` which version of each store shard file the index reflects,
and ``terms`` every word with how many articles hold it: for the common-word rule, and to
complete the word being typed to its commonest whole words (an FTS5 prefix query without a
prefix index merges every matching list with positions: 100-270 ms at 100k for "mini*",
against 0.2 ms for "minister"; prefix indexes cost 0.2-0.45x the body text in size).
"""

from __future__ import annotations

import sqlite3
import zlib
from pathlib import Path

from reader.store.errors import StoreError

SCHEMA_VERSION = "5"
"""The form of the index: raised when what is indexed for the same article changes (5: the
invisible characters inside words dropped), so that an older index is built again once."""
TOKENIZER = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'"
TITLE_WEIGHT = 6.0
"""bm25 weight of a title match against 1.0 for the body: a word in the title says far more."""

_TABLES = f"""
CREATE VIRTUAL TABLE fts USING fts5(
    title, body, source, author, tags, content='', tokenize="{TOKENIZER}"
);
CREATE TABLE docs(
    rowid INTEGER PRIMARY KEY,  -- in date order (see rowids)
    id TEXT NOT NULL,
    shard TEXT NOT NULL,
    stamp TEXT NOT NULL,
    title TEXT NOT NULL,
    source TEXT,
    author TEXT,
    date TEXT,                  -- the publication date, NULL when undated
    added TEXT NOT NULL,        -- when it was saved
    day TEXT NOT NULL,          -- what it sorts by: date, else added
    read INTEGER NOT NULL DEFAULT 0,
    bookmarked INTEGER NOT NULL DEFAULT 0,
    tags TEXT,                  -- the metadata's tags (JSON), NULL when none
    tagged TEXT,                -- its effective tags as indexed (JSON), NULL when none
    pairs INTEGER NOT NULL      -- which pair tokens it was indexed with (see pairs)
);
CREATE TABLE bodies(rowid INTEGER PRIMARY KEY, body BLOB NOT NULL);
CREATE UNIQUE INDEX docs_id ON docs(id);
CREATE INDEX docs_shard ON docs(shard);
CREATE TABLE held_out(id TEXT PRIMARY KEY, shard TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX held_out_shard ON held_out(shard);
CREATE TABLE heavy(word TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE shards(kind TEXT NOT NULL, name TEXT NOT NULL, signature TEXT NOT NULL,
                    PRIMARY KEY (kind, name)) WITHOUT ROWID;
CREATE TABLE terms(term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE info(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
INSERT INTO fts(fts, rank) VALUES ('hashsize', 67108864)
"""


class IndexDamaged(Exception):
    """The index file cannot be used as it is; it is derived data, so it is built again."""


class IndexOutdated(IndexDamaged):
    """The index file was made by an older version of reader: built again in the new form."""


def connect(path: Path) -> sqlite3.Connection:
    """A connection in WAL mode that waits for other writers instead of failing at once."""
    new = not path.exists() or path.stat().st_size == 0
    connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30.0)
    if new:
        connection.execute("PRAGMA page_size=16384")  # compressed bodies pack well
        # FTS5's merges free many pages (a tenth of the file after a build), which
        # ``PRAGMA incremental_vacuum`` then gives back to the disk.
        connection.execute("PRAGMA auto_vacuum=INCREMENTAL")
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    connection.execute("PRAGMA cache_size=-32000")
    return connection


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that only reads the file as it is, creating nothing beside it.

    For a disk with no byte free or a folder this user may not write, where SQLite cannot
    make the shared-memory file that WAL mode needs: the index then still answers.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    return sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)


def ensure_schema(connection: sqlite3.Connection) -> bool:
    """Create the tables in an empty file; True if they were created, ``IndexDamaged`` if the
    file holds something else or an older layout."""
    try:
        names = {str(row[0]) for row in connection.execute("SELECT name FROM sqlite_master")}
        if not names:
            connection.execute("BEGIN IMMEDIATE")
            names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
            if not names:
                for statement in _TABLES.split(";"):
                    if statement.strip():
                        connection.execute(statement)
                connection.execute("INSERT INTO info VALUES ('schema', ?)", (SCHEMA_VERSION,))
                connection.execute("COMMIT")
                return True
            connection.execute("COMMIT")
        if not {"info", "fts", "docs", "bodies"} <= names:
            raise IndexDamaged("tables missing")
        row = connection.execute("SELECT value FROM info WHERE key = 'schema'").fetchone()
        if row is None or not str(row[0]).isdigit():
            raise IndexDamaged("made by another program or version of reader")
        if int(row[0]) < int(SCHEMA_VERSION):
            raise IndexOutdated(f"made by an older version of reader (form {row[0]})")
        if row[0] != SCHEMA_VERSION:
            raise IndexDamaged("made by a newer version of reader")
        return False
    except sqlite3.DatabaseError as error:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        if is_environment(error):
            raise
        raise IndexDamaged(str(error)) from None


class IndexUnavailable(StoreError):
    """The index cannot be used or changed now (a full disk, no permission, another process
    rebuilding it); a one-line message, and the index is left as it was."""


#: Result codes that say something about the disk or other processes, not about the file:
#: the index is kept (a full disk must not cost the index that still answers).
_ENVIRONMENT = frozenset(
    {
        sqlite3.SQLITE_FULL,
        sqlite3.SQLITE_IOERR,
        sqlite3.SQLITE_BUSY,
        sqlite3.SQLITE_LOCKED,
        sqlite3.SQLITE_READONLY,
        sqlite3.SQLITE_CANTOPEN,
        sqlite3.SQLITE_PERM,
        sqlite3.SQLITE_NOMEM,
        sqlite3.SQLITE_INTERRUPT,
        sqlite3.SQLITE_PROTOCOL,
        sqlite3.SQLITE_NOLFS,
        sqlite3.SQLITE_AUTH,
    }
)
_DAMAGE = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_FORMAT})


def _code(error: BaseException) -> int | None:
    """SQLite's primary result code of an error (the extended code's low byte)."""
    code = getattr(error, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def is_environment(error: BaseException) -> bool:
    """True for errors of the disk or of other processes: full, failing, read-only, busy."""
    if isinstance(error, OSError):
        return True
    code = _code(error)
    if code is None and isinstance(error, sqlite3.OperationalError):
        text = str(error)
        return text.startswith(("database or disk is full", "disk I/O error", "database is locked",
                                "attempt to write a readonly", "unable to open"))  # fmt: skip
    return code in _ENVIRONMENT


def is_corruption(error: BaseException) -> bool:
    """True for errors that surely mean the file is damaged: its pages, its text, its
    compressed bodies. Other database errors may be damage too (see ``quick_check``)."""
    if isinstance(error, IndexDamaged | zlib.error | UnicodeDecodeError):
        return True
    if not isinstance(error, sqlite3.DatabaseError) or is_environment(error):
        return False
    return _code(error) in _DAMAGE or str(error).startswith("Could not decode")


def quick_check(connection: sqlite3.Connection) -> str | None:
    """SQLite's own check of the file's structure: None when sound, else its first finding."""
    rows = connection.execute("PRAGMA quick_check").fetchall()
    findings = [str(row[0]) for row in rows if row[0] != "ok"]
    return findings[0] if findings else None
