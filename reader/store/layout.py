"""Where everything of a library lives: the one place that knows the folder layout.

    library.json            format marker
    meta/<c>.json           article metadata (table "articles"), shard = the ID's first char
    state/<c>.json          read / bookmark / reading position (table "state")
    bodies/<cc>/<id>.json   cleaned body, removed blocks, raw input, and a copy of the metadata
    packs/<name>.pack       the same for many articles a large import stored at once
    views.json              saved searches (table "views"), in the user's order
    journal.json            a change touching several shards, until all of them are written
    pending.json            article files a change is writing or deleting, until it is done
    cache/                  derived files that speed up listing (newest rows, row columns)
    feeds.json              subscriptions: the feeds the library follows (table "feeds")
    search.sqlite           the search index (derived), with search.lock for its writers
    damaged/                files found unreadable, set aside
    write.lock, app.lock    the cross-process locks

Everything else (the store's readers and writers, the search index) asks a ``Layout`` for
paths instead of joining names itself.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

META, STATE = "meta", "state"
#: The subscriptions file is a table file like the shards, of its own kind.
FEED_TABLE = "feeds"
KINDS = (META, STATE)
#: The TinyDB table each kind of shard file holds.
TABLES = {META: "articles", STATE: "state", FEED_TABLE: "feeds"}
MANIFEST = "library.json"
JOURNAL = "journal.json"
PENDING = "pending.json"
VIEWS = "views.json"
BODIES = "bodies"
PACKS = "packs"
PACK_SUFFIX = ".pack"
CACHE = "cache"
DAMAGED = "damaged"
WRITE_LOCK = "write.lock"
APP_LOCK = "app.lock"
SEARCH_INDEX = "search.sqlite"
FEEDS = "feeds.json"
SEARCH_LOCK = "search.lock"
#: Names a library folder may hold (a folder holding others is not taken for a library).
OWN_NAMES = frozenset(
    {
        MANIFEST,
        JOURNAL,
        PENDING,
        VIEWS,
        FEEDS,
        BODIES,
        PACKS,
        CACHE,
        DAMAGED,
        WRITE_LOCK,
        APP_LOCK,
        SEARCH_LOCK,
    }
    | set(KINDS)
)


@dataclass(frozen=True)
class Layout:
    """The paths of one library folder."""

    root: Path

    @property
    def manifest(self) -> Path:
        return self.root / MANIFEST

    @property
    def journal(self) -> Path:
        return self.root / JOURNAL

    @property
    def pending(self) -> Path:
        return self.root / PENDING

    @property
    def views(self) -> Path:
        return self.root / VIEWS

    @property
    def bodies(self) -> Path:
        return self.root / BODIES

    @property
    def packs(self) -> Path:
        return self.root / PACKS

    @property
    def cache(self) -> Path:
        return self.root / CACHE

    @property
    def damaged(self) -> Path:
        return self.root / DAMAGED

    @property
    def write_lock(self) -> Path:
        return self.root / WRITE_LOCK

    @property
    def app_lock(self) -> Path:
        return self.root / APP_LOCK

    @property
    def feeds(self) -> Path:
        return self.root / FEEDS

    @property
    def search_index(self) -> Path:
        return self.root / SEARCH_INDEX

    @property
    def search_lock(self) -> Path:
        return self.root / SEARCH_LOCK

    def folder(self, kind: str) -> Path:
        """The folder of one kind of shard (``meta`` or ``state``)."""
        return self.root / kind

    def shard(self, kind: str, name: str) -> Path:
        """A shard file: ``meta/<name>.json`` or ``state/<name>.json``."""
        return self.root / kind / f"{name}.json"

    def body(self, article_id: str) -> Path:
        """An article's own file."""
        return self.root / f"{BODIES}/{article_id[:2]}/{article_id}.json"  # one join: read often

    def pack(self, name: str) -> Path:
        """An article pack (``name`` checked by ``packs.is_name`` first)."""
        return self.root / f"{PACKS}/{name}{PACK_SUFFIX}"

    def body_files(self, shard: str) -> dict[str, Path]:
        """The article files of one shard's articles, by article ID (one folder listing per
        existing ``bodies/<shard><c>`` folder; temp files left out)."""
        found: dict[str, Path] = {}
        try:
            with os.scandir(self.bodies) as folders:
                names = [entry.name for entry in folders if entry.name.startswith(shard)]
        except FileNotFoundError:
            return found
        for name in names:
            try:
                with os.scandir(self.bodies / name) as entries:
                    for entry in entries:
                        if entry.name.endswith(".json") and not entry.name.startswith("."):
                            found[entry.name[:-5]] = Path(entry.path)
            except (FileNotFoundError, NotADirectoryError):
                continue
        return found

    def is_own(self, name: str) -> bool:
        """Whether a name in the library folder is one a library makes."""
        return (
            name in OWN_NAMES
            or name.startswith(SEARCH_INDEX)
            or name.endswith(".prev")
            or (name.startswith(".") and name.endswith(".tmp"))
        )
