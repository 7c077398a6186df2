"""The library: a folder of sharded TinyDB tables and one body file per article.

Layout, chosen so a change writes little whatever the library's size:

    library.json            format marker
    meta/<c>.json           article metadata (TinyDB table "articles"), shard = ID's first char
    state/<c>.json          read / bookmark / reading position (TinyDB table "state")
    bodies/<cc>/<id>.json   cleaned body, removed blocks, raw input, and a copy of the metadata
    journal.json            a change touching several shards, until all of them are written
    cache/                  derived files that speed up listing (newest rows, row columns)
    damaged/                files found unreadable, set aside
    write.lock, app.lock    the cross-process locks

Marking read rewrites one state shard (a few KB per 100 articles); an import writes its
bodies, then the touched metadata shards. Every file is replaced atomically and durably.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from operator import attrgetter
from pathlib import Path
from typing import Any

import orjson
from tinydb.queries import QueryLike

from reader.clean.model import Removed
from reader.store.atomic import StepHook, atomic_write, fsync_dir, remove_stale_temps, sync_many
from reader.store.errors import DamagedFile, NotALibrary, StoreError, UnknownArticle
from reader.store.identity import body_hash, identity_of, url_key
from reader.store.ids import (
    SHARDS,
    article_id_of,
    doc_id_of,
    looks_like_id_prefix,
    make_id,
    shard_of,
)
from reader.store.locks import AppLock, WriteLock
from reader.store.newest import LIMIT as NEWEST_LIMIT
from reader.store.newest import NewestRows
from reader.store.records import AddOutcome, Article, ArticleContent, NewArticle
from reader.store.rowcache import Row, RowCache, Signature
from reader.store.shards import Doc, Shard
from reader.store.storage import file_signature, parse_tables

FORMAT = 1
MANIFEST = "library.json"
JOURNAL = "journal.json"
META, STATE = "meta", "state"
TABLES = {META: "articles", STATE: "state"}


def now_iso() -> str:
    """The current time as an ISO 8601 string in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass
class _Transaction:
    """Whole-document changes to shards, committed together."""

    changes: dict[tuple[str, str], tuple[dict[int, Doc], set[int]]] = field(default_factory=dict)

    def upsert(self, kind: str, shard: str, doc_id: int, doc: Doc) -> None:
        upserts, deletes = self.changes.setdefault((kind, shard), ({}, set()))
        deletes.discard(doc_id)
        upserts[doc_id] = doc

    def delete(self, kind: str, shard: str, doc_id: int) -> None:
        upserts, deletes = self.changes.setdefault((kind, shard), ({}, set()))
        upserts.pop(doc_id, None)
        deletes.add(doc_id)

    def to_json(self) -> bytes:
        return orjson.dumps(
            [
                {
                    "kind": kind,
                    "shard": shard,
                    "upserts": {str(k): v for k, v in ups.items()},
                    "deletes": sorted(dels),
                }
                for (kind, shard), (ups, dels) in self.changes.items()
            ]
        )

    @classmethod
    def from_json(cls, raw: bytes) -> _Transaction:
        """Parse a journal; ``ValueError`` unless every change names a real shard and docs.

        Checked closely because a damaged journal is applied at open: a wrong kind must
        not stop every start, nor a shard name write outside the library.
        """
        tx = cls()
        for change in orjson.loads(raw):
            kind, shard = change["kind"], change["shard"]
            if kind not in TABLES or shard not in SHARDS:
                raise ValueError(f"unknown shard {kind!r}/{shard!r}")
            ups = {int(k): v for k, v in change["upserts"].items()}
            deletes = {int(d) for d in change["deletes"]}
            if not all(isinstance(doc, dict) for doc in ups.values()):
                raise ValueError("a journalled document is not an object")
            tx.changes[(kind, shard)] = (ups, deletes)
        return tx


class Library:
    """A reader library on disk. Safe to use from several processes and threads at once."""

    def __init__(
        self, root: Path, *, lock_timeout: float = 5.0, hook: StepHook | None = None
    ) -> None:
        self.root = root
        self.hook = hook
        self.created = False
        self.warnings: list[str] = []
        self.write_lock = WriteLock(root, timeout=lock_timeout)
        self._shards: dict[tuple[str, str], Shard] = {}
        self._key_cache: dict[str, tuple[object, dict[str, str], dict[str, str]]] = {}
        self._body_folders: set[Path] = set()
        self._newest = NewestRows(root / META, root / "cache")
        self._rows = RowCache(root / "cache")
        self._meta_changed: set[str] = set()
        #: Each metadata shard's document keys as last listed, with the shard's signature.
        self._listed_keys: dict[str, tuple[Signature, frozenset[str]]] = {}

    # ----- opening -------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        root: Path,
        *,
        create: bool = True,
        lock_timeout: float = 5.0,
        hook: StepHook | None = None,
    ) -> Library:
        """Open (and, when ``create``, make) the library at ``root``; finishes interrupted writes."""
        root = Path(root).expanduser()
        library = cls(root, lock_timeout=lock_timeout, hook=hook)
        library._prepare(create)
        return library

    def _prepare(self, create: bool) -> None:
        manifest = self.root / MANIFEST
        if not self.root.exists():
            if not create:
                raise NotALibrary(f"{self.root}: no library here")
            self.root.mkdir(parents=True)
        if not self.root.is_dir():
            raise NotALibrary(f"{self.root}: not a folder")
        if not manifest.exists():
            has_data = (self.root / META).is_dir()
            if not has_data and any(self.root.iterdir()):
                raise NotALibrary(f"{self.root}: folder holds other files, not a reader library")
            if not has_data and not create:
                raise NotALibrary(f"{self.root}: no library here")
            if has_data:
                self.warnings.append(f"{manifest}: missing; written again")
            else:
                self.created = True
        for name in (META, STATE, "bodies"):
            (self.root / name).mkdir(exist_ok=True)
        with self.write_lock.held():
            self._check_manifest(manifest)
            for folder in (self.root, self.root / META, self.root / STATE):
                remove_stale_temps(folder)
            self._replay_journal()

    def _check_manifest(self, manifest: Path) -> None:
        try:
            data = orjson.loads(manifest.read_bytes())
            if not isinstance(data, dict) or "format" not in data:
                raise ValueError("no format field")
        except FileNotFoundError:
            data = None
        except (ValueError, orjson.JSONDecodeError) as error:
            self.warnings.append(f"{manifest}: damaged ({error}); written again")
            data = None
        if data is not None and not isinstance(data["format"], int):
            self.warnings.append(f"{manifest}: damaged (format is not a number); written again")
            data = None
        if data is None:
            payload = orjson.dumps({"format": FORMAT, "created": now_iso()})
            atomic_write(manifest, payload, keep_previous=False)
        elif data["format"] > FORMAT:
            raise NotALibrary(f"{self.root}: made by a newer reader (format {data['format']})")

    # ----- shards, recovery ----------------------------------------------------------

    def _shard(self, kind: str, name: str) -> Shard:
        key = (kind, name)
        shard = self._shards.get(key)
        if shard is None:
            path = self.root / kind / f"{name}.json"
            shard = self._shards[key] = Shard(path, TABLES[kind], hook=self.hook)
        return shard

    def _docs(self, kind: str, name: str) -> Mapping[str, Doc]:
        """A shard's documents (read-only), recovering the shard first if it is damaged."""
        shard = self._shard(kind, name)
        try:
            return shard.docs()
        except DamagedFile as damage:
            with self.write_lock.held():
                self._recover(kind, name, damage)
            return shard.docs()

    def _recover(self, kind: str, name: str, damage: DamagedFile) -> None:
        """Set a damaged shard aside and restore its last good copy, saying what happened."""
        shard = self._shard(kind, name)
        shard.forget_cache()
        try:  # another thread or process may have recovered it meanwhile
            shard.docs()
            return
        except DamagedFile:
            pass
        aside = self._set_aside(shard.path)
        previous = shard.path.with_name(shard.path.name + ".prev")
        restored: dict[str, Doc] | None = None
        with contextlib.suppress(OSError, DamagedFile):
            restored = parse_tables(previous, previous.read_bytes()).get(TABLES[kind], {})
        how = "restored its previous copy"
        if restored is None and kind == META:
            restored = self._rebuild_meta_from_bodies(name)
            how = f"rebuilt it from {len(restored)} article files"
        elif restored is None:
            restored = {}
            how = "no good copy was left: read state and bookmarks of that shard start empty"
        shard.apply({int(k): v for k, v in restored.items()})
        self.warnings.append(f"{damage.path}: {damage.reason}; moved to {aside}, {how}")

    def _set_aside(self, path: Path) -> Path:
        folder = self.root / "damaged"
        folder.mkdir(exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        target = folder / f"{path.parent.name}-{path.name}.{stamp}"
        os.replace(path, target)
        fsync_dir(path.parent)
        return target

    def _rebuild_meta_from_bodies(self, name: str) -> dict[str, Doc]:
        docs: dict[str, Doc] = {}
        for folder in sorted((self.root / "bodies").glob(f"{name}*")):
            for body_file in folder.glob("*.json"):
                with contextlib.suppress(OSError, orjson.JSONDecodeError, KeyError, TypeError):
                    meta = orjson.loads(body_file.read_bytes())["meta"]
                    docs[str(doc_id_of(body_file.stem))] = meta
        return docs

    # ----- transactions --------------------------------------------------------------

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[_Transaction]:
        """Collect changes, then commit them all or (after a crash) let the journal finish them."""
        with self.write_lock.held():
            self._replay_journal()
            tx = _Transaction()
            yield tx
            self._commit(tx)

    def _commit(self, tx: _Transaction) -> None:
        if not tx.changes:
            return
        journal = self.root / JOURNAL
        meta_changes = [change for (kind, _), change in tx.changes.items() if kind == META]
        newest_before = self._newest.read() if meta_changes else None
        if len(tx.changes) > 1:
            atomic_write(journal, tx.to_json(), keep_previous=False, hook=self.hook)
        self._apply(tx)
        if meta_changes:
            upserts = {str(k): doc for ups, _ in meta_changes for k, doc in ups.items()}
            deletes = {str(k) for _, dels in meta_changes for k in dels}
            self._newest.update(newest_before, upserts, deletes)
        if len(tx.changes) > 1:
            journal.unlink()
            fsync_dir(self.root)

    def _apply(self, tx: _Transaction) -> None:
        for (kind, name), (upserts, deletes) in tx.changes.items():
            shard = self._shard(kind, name)
            try:
                before = self._docs(kind, name)  # recover first if damaged
                keys = self._key_cache.get(name) if kind == META else None
                if keys is not None and keys[0] != shard.storage.signature:
                    keys = None  # made from another version of the shard
                shard.apply(upserts, deletes)
            except BaseException:
                shard.forget_cache()
                raise
            if kind == META:
                self._meta_changed.add(name)
                self._update_keys(name, keys, before, upserts, deletes)

    def _update_keys(
        self,
        name: str,
        keys: tuple[object, dict[str, str], dict[str, str]] | None,
        before: Mapping[str, Doc],
        upserts: Mapping[int, Doc],
        deletes: Iterable[int],
    ) -> None:
        """Carry a shard's dedup keys over our own write instead of recomputing them all.

        Recomputing means a URL parse per stored article: at 100k articles each import
        batch spent over a second on it. Deletes are rare, so they just drop the keys.
        """
        if keys is None or deletes:
            self._key_cache.pop(name, None)
            return
        _, urls, bodies = keys
        for doc_id, doc in upserts.items():
            key = str(doc_id)
            old = before.get(key)
            if old is not None:
                article_id = _id_of(key, old)
                ukey = url_key(old.get("url"))
                if ukey and urls.get(ukey) == article_id:
                    del urls[ukey]
                if bodies.get(old.get("body_hash", "")) == article_id:
                    del bodies[old["body_hash"]]
            _add_keys(urls, bodies, key, doc)
        self._key_cache[name] = (self._shard(META, name).storage.signature, urls, bodies)

    def _replay_journal(self) -> None:
        """Finish a multi-shard change that a crashed or failed writer left half-applied."""
        journal = self.root / JOURNAL
        try:
            raw = journal.read_bytes()
        except FileNotFoundError:
            return
        try:
            tx = _Transaction.from_json(raw)
        except (orjson.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError):
            # Never fully written, so never committed: nothing was applied.
            aside = self._set_aside(journal)
            self.warnings.append(f"{journal}: unreadable; moved to {aside}, nothing applied")
            return
        self._apply(tx)
        journal.unlink()
        fsync_dir(self.root)

    # ----- reading -------------------------------------------------------------------

    def articles(self) -> list[Article]:
        """Every article with its state, newest first."""
        rows: list[Article] = []
        with _collector_paused():
            for name in SHARDS:
                rows.extend(self._shard_articles(name))
            _newest_first(rows)
        if self._newest.read() is None:
            self._newest.write(self._meta_pairs(rows[:NEWEST_LIMIT]))
        return rows

    def _meta_pairs(self, articles: list[Article]) -> list[tuple[str, Doc]]:
        """(document key, metadata document) of each article."""
        pairs = []
        for article in articles:
            try:
                key = str(doc_id_of(article.id))
            except UnknownArticle:  # a damaged document holding something else as its ID
                continue
            doc = self._docs(META, shard_of(article.id)).get(key)
            if doc is not None:  # None when a damaged document names another article's ID
                pairs.append((key, dict(doc)))
        return pairs

    def newest(self) -> list[Article] | None:
        """The newest articles (up to a thousand) from a small cache file, newest first.

        A first screen for the app: None when the cache is missing or out of date, in which
        case ``articles()`` is the way (and writes the cache again).
        """
        rows = self._newest.read()
        if rows is None:
            return None
        states: dict[str, Mapping[str, Doc]] = {}
        found = []
        for key, doc in rows:
            article_id = _id_of(key, doc)
            name = shard_of(article_id)
            if name not in states:
                states[name] = self._docs(STATE, name)
            found.append(_article(key, doc, states[name].get(key)))
        return found

    def save_row_cache(self) -> None:
        """Write the list rows of the metadata shards this process changed.

        A change leaves the row cache of its shards stale, so the next process to list them
        parses their JSON again (at 100k, 0.6-0.9 s where the cache gives 0.4 s). An import
        touches nearly every shard, so it calls this once at its end, from the documents
        already in memory. Failing costs only speed.
        """
        for name in sorted(self._meta_changed):
            shard = self._shard(META, name)
            signature = shard.storage.signature
            if signature is None or signature != file_signature(shard.path):
                continue  # changed by another process since: its reader will parse it
            with _collector_paused():
                rows = [_row(key, doc) for key, doc in self._docs(META, name).items()]
            self._rows.write(name, signature, rows)
        self._meta_changed.clear()

    def _shard_articles(self, name: str) -> list[Article]:
        """One shard's rows: from the row cache when it matches the shard file, else parsed."""
        shard = self._shard(META, name)
        signature = file_signature(shard.path)
        if signature is None:
            return []
        parsed_here = shard.storage.signature == signature
        columns = None if parsed_here else self._rows.read(name, signature)
        if columns is None:
            rows = [_row(key, doc) for key, doc in self._docs(META, name).items()]
            parsed = shard.storage.signature  # of the very file parsed
            if not parsed_here and parsed is not None:
                self._rows.write(name, parsed, rows)
            columns = tuple(map(list, zip(*rows, strict=True))) if rows else ()
        if not columns:
            return []
        keys, fields = columns[0], columns[1:]
        self._listed_keys[name] = (signature, frozenset(keys))
        count = len(keys)
        unset = [False] * count
        articles = list(
            map(Article, *fields[:10], unset, unset, [None] * count, fields[10], fields[11])
        )
        states = self._docs(STATE, name)
        if states:
            where = dict(zip(keys, range(count), strict=True))
            for key, state in states.items():
                index = where.get(key)
                if index is not None:
                    _apply_state(articles[index], state)
        return articles

    def query(self, condition: QueryLike) -> list[Article]:
        """Articles whose metadata match a TinyDB query, e.g. ``Query().source == "x"``."""
        found: list[Article] = []
        for name in SHARDS:
            self._docs(META, name)
            matches = self._shard(META, name).search(condition)
            if matches:
                states = self._docs(STATE, name)
                found.extend(_article(str(d), doc, states.get(str(d))) for d, doc in matches)
        _newest_first(found)
        return found

    def get(self, article_id: str) -> Article:
        """One article by full ID; ``UnknownArticle`` if there is none."""
        name = shard_of(article_id)
        key = str(doc_id_of(article_id))
        doc = self._docs(META, name).get(key)
        if doc is None:
            raise UnknownArticle(f"no article with ID {article_id}")
        return _article(key, doc, self._docs(STATE, name).get(key))

    def resolve(self, text: str) -> str:
        """The full ID a user means by an ID or a unique prefix of one."""
        prefix = text.strip().lower()
        if not looks_like_id_prefix(prefix):
            raise UnknownArticle(f"{text!r} is not an article ID")
        shard_names = [shard_of(prefix)]
        matches = [
            article_id
            for name in shard_names
            for key, doc in self._docs(META, name).items()
            if (article_id := _id_of(key, doc)).startswith(prefix)
        ]
        if not matches:
            raise UnknownArticle(f"no article with ID {text}")
        if len(matches) > 1 and prefix not in matches:
            shown = ", ".join(sorted(matches)[:5])
            raise UnknownArticle(f"ID {text} is ambiguous: {shown}")
        return prefix if prefix in matches else matches[0]

    def content(self, article_id: str) -> ArticleContent:
        """The stored body of an article (read from its own small file)."""
        path = self._body_path(article_id)
        try:
            data = orjson.loads(path.read_bytes())
        except FileNotFoundError:
            raise UnknownArticle(f"no stored text for article {article_id}") from None
        except orjson.JSONDecodeError:
            raise DamagedFile(path, "article file is damaged") from None
        try:  # valid JSON of the wrong shape is damage too, not a crash
            content = ArticleContent(
                body=data.get("body", ""),
                raw=data.get("raw", ""),
                raw_format=data.get("raw_format", "text"),
                removed=[Removed(text, reason) for text, reason in data.get("removed", [])],
                links=str(data.get("links", "")),
                tags=tuple(str(tag) for tag in (data.get("meta") or {}).get("tags") or ()),
                highlights=tuple(
                    mark
                    for mark in (data.get("meta") or {}).get("highlights") or ()
                    if isinstance(mark, dict)
                ),
            )
        except (AttributeError, TypeError, ValueError):
            raise DamagedFile(path, "article file is damaged") from None
        texts = [content.body, content.raw, content.raw_format]
        texts += [part for removed in content.removed for part in (removed.text, removed.reason)]
        if not all(isinstance(text, str) for text in texts):
            raise DamagedFile(path, "article file is damaged")
        return content

    def change_token(self) -> tuple[int, int]:
        """Changes whenever any process commits a change; cheap enough to poll."""
        return (
            os.stat(self.root / META).st_mtime_ns,
            os.stat(self.root / STATE).st_mtime_ns,
        )

    # ----- writing: state ------------------------------------------------------------

    def set_read(self, ids: Iterable[str], read: bool = True) -> None:
        """Mark articles read or unread."""
        self._set_flags(ids, "read", read)

    def set_bookmarked(self, ids: Iterable[str], bookmarked: bool = True) -> None:
        """Add or remove bookmarks."""
        self._set_flags(ids, "bookmarked", bookmarked)

    def set_position(self, article_id: str, position: dict[str, Any] | None) -> None:
        """Remember where the user stopped reading (the app decides what a position is)."""
        self._change_state([article_id], lambda state: state.__setitem__("position", position))

    def _set_flags(self, ids: Iterable[str], flag: str, value: bool) -> None:
        def change(state: Doc) -> None:
            state[flag] = value
            state[f"{flag}_at"] = now_iso() if value else None

        self._change_state(ids, change)

    def _change_state(self, ids: Iterable[str], change: Callable[[Doc], None]) -> None:
        wanted = list(dict.fromkeys(ids))
        with self._transaction() as tx:
            for article_id in wanted:
                name, doc_id = shard_of(article_id), doc_id_of(article_id)
                if not self._exists(name, str(doc_id)):
                    raise UnknownArticle(f"no article with ID {article_id}")
                state = dict(self._docs(STATE, name).get(str(doc_id)) or {})
                pending = tx.changes.get((STATE, name))
                if pending and doc_id in pending[0]:
                    state = dict(pending[0][doc_id])
                change(state)
                if state.get("read") or state.get("bookmarked") or state.get("position"):
                    tx.upsert(STATE, name, doc_id, state)
                else:
                    tx.delete(STATE, name, doc_id)

    def _exists(self, name: str, key: str) -> bool:
        """Whether metadata shard ``name`` holds document ``key``.

        Answered from the keys of the last listing while the shard file is unchanged, so
        marking articles read in a session listed from the row cache does not parse (and
        keep in memory) a metadata shard per mark: at 100k, some 2 MB each.
        """
        shard = self._shard(META, name)
        listed = self._listed_keys.get(name)
        if listed is not None and shard.storage.signature is None:
            signature, keys = listed
            if signature == file_signature(shard.path):
                return key in keys
        return key in self._docs(META, name)

    # ----- writing: articles ---------------------------------------------------------

    def add(
        self, items: Iterable[NewArticle], *, update_existing: bool = False
    ) -> list[AddOutcome]:
        """Store new articles; ones already present (same URL or body) come back as duplicates.

        With ``update_existing`` a duplicate's metadata (and body, if it changed) are replaced
        by the new ones; its read state, bookmark and reading position stay. Bodies are written
        and synced first, then the metadata that makes them visible, so a crash leaves each
        article either fully stored or absent.
        """
        outcomes: list[AddOutcome] = []
        with self._transaction() as tx:
            by_url, by_body = self._dedup_keys()
            written: list[Path] = []
            for item in items:
                ukey, bkey = url_key(item.url), item.body_key or body_hash(item.body)
                existing = (by_url.get(ukey) if ukey else None) or by_body.get(bkey)
                if existing and not update_existing:
                    outcomes.append(AddOutcome(existing, item.title, duplicate=True))
                    continue
                article_id = existing or self._new_id(item, identity_of(ukey, bkey), tx)
                meta = _meta_doc(article_id, item, bkey)
                if existing:
                    meta = self._merged_meta(existing, meta, tx)
                written.append(self._write_body(article_id, item, meta))
                tx.upsert(META, shard_of(article_id), doc_id_of(article_id), meta)
                if ukey:
                    by_url[ukey] = article_id
                by_body[bkey] = article_id
                outcomes.append(AddOutcome(article_id, item.title, duplicate=bool(existing)))
            sync_many(written)
        return outcomes

    def _merged_meta(self, article_id: str, new: Doc, tx: _Transaction) -> Doc:
        """The stored metadata updated with every field the new import knows."""
        name, doc_id = shard_of(article_id), doc_id_of(article_id)
        pending = tx.changes.get((META, name))
        old = (
            (pending[0].get(doc_id) if pending else None)
            or self._docs(META, name).get(str(doc_id))
            or {}
        )
        merged = dict(old)
        merged.update({key: value for key, value in new.items() if value not in (None, "", 0)})
        merged["added"] = old.get("added") or new["added"]
        return merged

    def delete(self, ids: Iterable[str]) -> None:
        """Remove articles, their state and their body files."""
        wanted = list(dict.fromkeys(ids))
        with self._transaction() as tx:
            for article_id in wanted:
                name, doc_id = shard_of(article_id), doc_id_of(article_id)
                if not self._exists(name, str(doc_id)):
                    raise UnknownArticle(f"no article with ID {article_id}")
                tx.delete(META, name, doc_id)
                tx.delete(STATE, name, doc_id)
        for article_id in wanted:
            with contextlib.suppress(FileNotFoundError):
                self._body_path(article_id).unlink()

    def _dedup_keys(self) -> tuple[dict[str, str], dict[str, str]]:
        """URL keys and body hashes of every stored article, kept per shard between calls."""
        by_url: dict[str, str] = {}
        by_body: dict[str, str] = {}
        for name in SHARDS:
            docs = self._docs(META, name)
            signature = self._shard(META, name).storage.signature
            cached = self._key_cache.get(name)
            if cached is None or cached[0] != signature or signature is None:
                urls: dict[str, str] = {}
                bodies: dict[str, str] = {}
                for key, doc in docs.items():
                    _add_keys(urls, bodies, key, doc)
                cached = self._key_cache[name] = (signature, urls, bodies)
            by_url.update(cached[1])
            by_body.update(cached[2])
        return by_url, by_body

    def _new_id(self, item: NewArticle, identity: str, tx: _Transaction) -> str:
        """The ID for a new article: the one it had where it was exported from, if that is
        free here, so a library restored from its export keeps its IDs (which scripts and
        notes refer to); else the one its identity gives."""
        wanted = getattr(item, "stored_id", None)
        if isinstance(wanted, str) and wanted:
            try:
                doc_id = doc_id_of(wanted)
            except UnknownArticle:
                doc_id = None
            valid = doc_id is not None and article_id_of(doc_id) == wanted
            if valid and not self._taken(wanted, tx):
                return wanted
        for attempt in range(100):
            article_id = make_id(identity, attempt)
            if not self._taken(article_id, tx):
                return article_id
        raise StoreError(f"no free ID for {identity}")  # pragma: no cover - 2^40 space

    def _taken(self, article_id: str, tx: _Transaction) -> bool:
        """Whether an article holds this ID, stored or added earlier in this change."""
        name, doc_id = shard_of(article_id), doc_id_of(article_id)
        pending = tx.changes.get((META, name))
        return str(doc_id) in self._docs(META, name) or (
            pending is not None and doc_id in pending[0]
        )

    def _body_path(self, article_id: str) -> Path:
        return self.root / "bodies" / article_id[:2] / f"{article_id}.json"

    def _write_body(self, article_id: str, item: NewArticle, meta: Doc) -> Path:
        path = self._body_path(article_id)
        if path.parent not in self._body_folders:
            path.parent.mkdir(exist_ok=True)
            self._body_folders.add(path.parent)
        payload = orjson.dumps(
            {
                "meta": meta,
                "body": item.body,
                "removed": [[r.text, r.reason] for r in item.removed],
                "raw": item.raw,
                "raw_format": item.raw_format,
                "links": item.links,
            }
        )
        atomic_write(path, payload, keep_previous=False, durable=False, hook=self.hook)
        return path

    # ----- integrity -----------------------------------------------------------------

    def check(self) -> list[str]:
        """Problems found by reading every file of the library; empty when all is well."""
        problems: list[str] = []
        for kind in (META, STATE):
            for name in SHARDS:
                path = self._shard(kind, name).path
                if path.exists():
                    try:
                        parse_tables(path, path.read_bytes())
                    except DamagedFile as damage:
                        problems.append(str(damage))
        for name in SHARDS:
            with contextlib.suppress(DamagedFile):
                for key, doc in self._docs(META, name).items():
                    article_id = article_id_of(int(key))
                    if doc.get("id") not in (None, article_id):
                        path = self._shard(META, name).path
                        problems.append(f"{path}: article {article_id} holds ID {doc['id']!r}")
                    try:
                        self.content(article_id)
                    except (UnknownArticle, DamagedFile) as error:
                        problems.append(str(error))
        return problems

    def remove_leftover_temps(self) -> int:
        """Delete temp files that writers killed mid-write left among the bodies.

        Opening the library clears them from its few top folders; the body folders are
        too many to scan at every start, so ``reader check`` does it. Returns how many.
        """
        bodies = self.root / "bodies"
        with self.write_lock.held():
            return sum(remove_stale_temps(folder) for folder in bodies.iterdir() if folder.is_dir())

    def app_lock(self) -> AppLock:
        """The lock a running app holds so that a second app is refused."""
        return AppLock(self.root)


def _meta_doc(article_id: str, item: NewArticle, bkey: str) -> Doc:
    doc: Doc = {
        "id": article_id,
        "title": item.title,
        "source": item.source,
        "url": item.url,
        "date": item.date,
        "added": _added_time(getattr(item, "saved", None)),
        "words": item.words,
        "author": item.author,
        "language": item.language,
        "origin": item.origin,
        "body_hash": bkey,
    }
    for key in ("tags", "highlights"):  # labels and marked passages from another reader
        kept = getattr(item, key, ())
        if kept:
            doc[key] = list(kept)
    return doc


def _added_time(saved: object) -> str:
    """When an article was added: now, or when another reader's export says it was saved.

    An ISO timestamp is kept as written (offset and all), so an export round-trips exactly.
    """
    if saved is None:
        return now_iso()
    if isinstance(saved, str) and "T" in saved:
        with contextlib.suppress(ValueError):
            datetime.fromisoformat(saved.replace("Z", "+00:00"))
            return saved
    from reader.dates import normalize_date  # not at import: listing never needs it

    return normalize_date(saved) or now_iso()


def _newest_first(rows: list[Article]) -> None:
    """Sort in place by date, newest first; ties keep the order of their IDs.

    Two stable sorts on plain attributes are several times faster at 100k rows than one
    sort on a tuple key.
    """
    rows.sort(key=attrgetter("id"), reverse=True)
    rows.sort(key=attrgetter("sort_date"), reverse=True)


def _add_keys(urls: dict[str, str], bodies: dict[str, str], key: str, doc: Doc) -> None:
    """Record a stored document's URL key and body hash as naming its article."""
    article_id = _id_of(key, doc)
    if bkey := doc.get("body_hash"):  # absent only in a damaged shard
        bodies[bkey] = article_id
    if ukey := url_key(doc.get("url")):
        urls[ukey] = article_id


def _id_of(key: str, doc: Doc) -> str:
    """An article's ID: stored in its document, or computed from the document key."""
    stored = doc.get("id")
    return stored if isinstance(stored, str) else article_id_of(int(key))


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many rows.

    Rows hold no cycles; at 100k articles the collector's passes over the growing list
    cost about a fifth of a full listing.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _row(key: str, doc: Doc) -> Row:
    """A metadata document as the fields of a list row (see ``rowcache.Row``)."""
    get = doc.get
    date, added = get("date"), get("added") or ""
    return (
        key,
        _id_of(key, doc),
        get("title") or "(untitled)",
        get("source"),
        get("url"),
        date,
        added,
        get("words") or 0,
        get("author"),
        get("language"),
        get("origin"),
        date or added,
        _tags(get("tags")),
    )


def _tags(value: object) -> tuple[str, ...]:
    """A document's tags; anything but a list of text is none."""
    if not isinstance(value, list):
        return ()
    return tuple(tag for tag in value if isinstance(tag, str))


def _apply_state(article: Article, state: Doc) -> None:
    article.read = bool(state.get("read"))
    article.bookmarked = bool(state.get("bookmarked"))
    article.position = state.get("position")


def _article(key: str, doc: Doc, state: Doc | None) -> Article:
    """A list row from a metadata document and its state document."""
    (
        _, article_id, title, source, url, date, added, words, author, language, origin,
        sort_date, tags,
    ) = _row(key, doc)  # fmt: skip
    article = Article(
        article_id, title, source, url, date, added, words, author, language, origin,
        False, False, None, sort_date, tags,
    )  # fmt: skip
    if state is not None:
        _apply_state(article, state)
    return article
