"""The library: a folder of sharded TinyDB tables and one file per article.

The folder's layout is in ``layout.py``. Marking read rewrites one state shard (a few KB
per 100 articles); an import writes its article files, then the touched metadata shards.
Every file is replaced atomically and durably. Reading needs no lock and writes nothing
that matters (only derived caches), so a library this user may not write can be read.
Recovery from damaged or lost metadata is in ``recovery.py``, the shapes documents must
have in ``documents.py``, list rows in ``listing.py``, multi-shard changes in ``journal.py``.
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import compress
from pathlib import Path
from typing import Any, NamedTuple

import orjson
from tinydb.queries import QueryLike

from reader.store import article_file, opening, packs, recovery
from reader.store import highlights as marks
from reader.store import legacy_highlights as legacy
from reader.store.atomic import StepHook, atomic_write, fsync_dir, remove_stale_temps, sync_many
from reader.store.dedup import DedupKeys
from reader.store.documents import Doc
from reader.store.errors import (
    ChangeIncomplete,
    DamagedFile,
    LockTimeout,
    NotALibrary,
    StoreError,
    UnknownArticle,
)
from reader.store.identity import body_hash, identity_of, url_key
from reader.store.ids import (
    SHARDS,
    article_id_of,
    doc_id_of,
    looks_like_id_prefix,
    make_id,
    shard_of,
)
from reader.store.journal import Transaction
from reader.store.layout import KINDS, META, STATE, Layout
from reader.store.listing import (
    apply_state,
    article_of,
    collector_paused,
    id_of,
    newest_first,
    row_of,
)
from reader.store.locks import AppLock, WriteLock
from reader.store.newest import LIMIT as NEWEST_LIMIT
from reader.store.newest import NewestRows
from reader.store.records import AddOutcome, Article, ArticleContent, NewArticle, carried_tags
from reader.store.rowcache import RowCache
from reader.store.shards import Shard, shard_docs
from reader.store.signature import Signature, file_signature
from reader.store.storage import parse_tables
from reader.store.tags import normalised, without
from reader.store.views import SavedView, SavedViews, find, moved, removed, saved

#: 2: article packs (``packs.py``); a reader of format 1 would find their articles empty.
FORMAT = 2
#: The format a library takes on with its first pack.
PACKS_FORMAT = 2
#: A metadata shard file this small holds no document (``{"articles":{}}`` is 16 bytes).
EMPTY_SHARD_SIZE = 64
#: Seconds a reader waits for another process's write before it rebuilds lost metadata.
ADOPT_WAIT = 0.5
#: How long a deleted article can be restored before it is purged.
PURGE_AFTER = timedelta(days=30)


_ToWrite = tuple[str, NewArticle, Doc]
"""An article a change writes: (ID, what was imported, its metadata document)."""
_Written = tuple[str, str, Mapping[str, Doc], Signature | None]
"""A shard a change writes: (kind, name, its documents before, its file's signature before)."""


@dataclass(frozen=True)
class _Listed:
    """A metadata shard as a listing from the row cache saw it: enough for the writes that
    follow (does an article exist, which tags did its import carry) without parsing the
    shard, while its file is unchanged."""

    signature: Signature
    keys: frozenset[str]
    #: The document keys in row order, and the tags each document carries.
    order: list[str]
    tags: list[tuple[str, ...]]

    def tags_of(self, key: str) -> tuple[str, ...]:
        """The tags document ``key`` carries (a scan, once per change: cheaper than a dict
        built on every listing)."""
        try:
            return self.tags[self.order.index(key)]
        except ValueError:
            return ()


StateChange = Callable[[Transaction, str, Doc], None]
"""A change to one article's state document (in place), given the change it is part of."""


def now_iso() -> str:
    """The current time as an ISO 8601 string in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class Library:
    """A reader library on disk. Safe to use from several processes and threads at once."""

    def __init__(
        self, root: Path, *, lock_timeout: float = 5.0, hook: StepHook | None = None
    ) -> None:
        self.root = root
        self.layout = Layout(root)
        self.hook = hook
        self.created = False
        self.warnings: list[str] = []
        self.write_lock = WriteLock(self.layout.write_lock, root, timeout=lock_timeout)
        self._shards: dict[tuple[str, str], Shard] = {}
        self._dedup = DedupKeys()
        self._body_folders: set[Path] = set()
        self._packs_ready = False
        self._newest = NewestRows(self.layout)
        self._views = SavedViews(self.layout, self.write_lock, self.warnings, hook)
        self._rows = RowCache(self.layout.cache)
        self._meta_changed: set[str] = set()
        #: Each metadata shard as last listed (for writes that follow a listing).
        self._listed: dict[str, _Listed] = {}
        #: Empty metadata shards already looked at for article files, by their signature.
        self._empty_seen: dict[str, Signature | None] = {}

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
        """Refuse what is no library; then, only if there is something to do, take the write
        lock and do it: make the folders and the manifest, finish interrupted changes.

        Whether the library is new or lost its manifest is decided under the lock, so a
        process that finds another one creating it waits instead of calling it damaged.
        """
        layout = self.layout
        if not self.root.exists():
            if not create:
                raise NotALibrary(f"{self.root}: no library here")
            self.root.mkdir(parents=True, exist_ok=True)
        if not self.root.is_dir():
            raise NotALibrary(f"{self.root}: not a folder")
        if not layout.manifest.exists() and not opening.holds_data(self.layout):
            if any(not layout.is_own(name) for name in os.listdir(self.root)):
                raise NotALibrary(f"{self.root}: folder holds other files, not a reader library")
            if not create and not layout.folder(META).is_dir():
                raise NotALibrary(f"{self.root}: no library here")
        self._refuse_newer()
        if not self._work_at_open():
            return
        with self.write_lock.held_if_possible() as refused:
            if refused is None:
                self._check_manifest()
                for folder in (layout.folder(META), layout.folder(STATE), layout.bodies):
                    folder.mkdir(exist_ok=True)
                for folder in (self.root, layout.folder(META), layout.folder(STATE)):
                    remove_stale_temps(folder)
                self._finish_interrupted()
                self._move_legacy_highlights()
            elif isinstance(refused, LockTimeout) and not layout.manifest.exists():
                raise refused  # another process is making the library, for too long
            elif isinstance(refused, LockTimeout):
                pass  # a writer at work: leftovers are its own, or it finishes them
            elif layout.journal.exists() or layout.pending.exists():
                self.warnings.append(
                    f"{self.root}: an interrupted change could not be finished "
                    f"({_why(refused)}); showing the library as it is"
                )

    def _work_at_open(self) -> bool:
        """Whether opening has anything to write: a manifest, folders, leftovers."""
        layout = self.layout
        if layout.journal.exists() or layout.pending.exists():
            return True
        if not all(p.is_dir() for p in (layout.folder(META), layout.folder(STATE), layout.bodies)):
            return True
        if opening.manifest_problem(layout.manifest) is not None:
            return True
        if not opening.upgraded(layout.manifest, legacy.UPGRADE):
            return True
        return any(opening.has_temps(folder) for folder in (self.root, *map(layout.folder, KINDS)))

    def _check_manifest(self) -> None:
        """Write the manifest if it is missing or damaged (saying so when the library holds
        data); refuse a library made by a newer reader."""
        manifest = self.layout.manifest
        problem = opening.manifest_problem(manifest)
        if problem is None:
            self._refuse_newer()
            return
        if problem != "missing":
            self.warnings.append(f"{manifest}: damaged ({problem}); written again")
        elif opening.holds_data(self.layout):
            self.warnings.append(f"{manifest}: missing; written again")
        else:
            self.created = True
        manifest_doc: dict[str, Any] = {"format": FORMAT, "created": now_iso()}
        if self.created:  # nothing of an earlier release to upgrade
            manifest_doc["upgraded"] = [legacy.UPGRADE]
        atomic_write(manifest, orjson.dumps(manifest_doc), keep_previous=False)

    def _move_legacy_highlights(self) -> None:
        """Move the highlights an earlier release kept in metadata documents into the
        state, in one change, then record in the manifest that it is done (see
        ``legacy_highlights``). Call under the lock. A failure costs a warning: the
        library still opens, and the next opening tries again."""
        manifest = self.layout.manifest
        if opening.upgraded(manifest, legacy.UPGRADE):
            return
        try:
            with self._transaction() as tx:
                now = now_iso()
                for name in SHARDS:
                    for key, doc in self._docs(META, name).items():
                        if legacy.held(doc):
                            self._move_highlights_of(tx, name, key, doc, now)
            self.save_row_cache()
            done = opening.with_upgrade(manifest, legacy.UPGRADE)
            atomic_write(manifest, done, keep_previous=False, hook=self.hook)
        except (OSError, StoreError, ValueError) as error:
            self.warnings.append(
                f"{self.root}: highlights kept by an earlier version could not be moved yet "
                f"({_why(error)})"
            )

    def _move_highlights_of(self, tx: Transaction, name: str, key: str, doc: Doc, now: str) -> None:
        """One metadata document's highlights into its article's state; the document
        without them. An article whose file cannot be read keeps them all, detached."""
        article_id = id_of(key, doc)
        tx.upsert(META, name, int(key), legacy.without(doc))
        if shard_of(article_id) != name or str(doc_id_of(article_id)) != key:
            article_id = article_id_of(int(key))  # a document naming another ID: its key wins
        try:
            content = self.content(article_id)
            body, links = content.body, content.links
        except StoreError:
            body, links = "", ""
        state = self._state_in(tx, article_id)
        marks.merge(state, legacy.moved(doc, body, links, now))
        self._put_state(tx, article_id, state)

    def _refuse_newer(self) -> None:
        """``NotALibrary`` for a library a newer reader made (its format is unknown here)."""
        newer = opening.manifest_format(self.layout.manifest)
        if newer is not None and newer > FORMAT:
            raise NotALibrary(f"{self.root}: made by a newer reader (format {newer})")

    # ----- the public read API for derived data ---------------------------------------

    def shard_signatures(self) -> dict[tuple[str, str], Signature | None]:
        """Every metadata and state shard file's signature, by (kind, shard name); None for
        a shard with no file. Derived data (the search index) compares them with the ones
        it was made from to know which shards to read again."""
        return {
            (kind, name): file_signature(self.layout.shard(kind, name))
            for kind in KINDS
            for name in SHARDS
        }

    def documents(self, kind: str, name: str) -> Mapping[str, Doc]:
        """One shard's documents (read-only), keyed by document number; a damaged shard is
        recovered first."""
        return self._docs(kind, name)

    def holds_articles(self) -> bool:
        """Whether the library holds any article."""
        return any(self._docs(META, name) for name in SHARDS)

    # ----- shards, recovery ----------------------------------------------------------

    def _shard(self, kind: str, name: str) -> Shard:
        key = (kind, name)
        shard = self._shards.get(key)
        if shard is None:
            shard = self._shards[key] = Shard(self.layout.shard(kind, name), kind, hook=self.hook)
        return shard

    def _docs(self, kind: str, name: str, *, adopt: bool = True) -> Mapping[str, Doc]:
        """A shard's documents (read-only), recovering the shard first if it is damaged.

        An empty metadata shard whose article files exist lost its metadata: with
        ``adopt``, it is rebuilt from them first.
        """
        shard = self._shard(kind, name)
        try:
            docs = shard.docs()
        except DamagedFile as damage:
            with self.write_lock.held_if_possible() as refused:
                if isinstance(refused, LockTimeout):
                    raise refused from None
                if refused is not None:
                    reason = f"{damage.reason}; not repaired ({_why(refused)})"
                    raise DamagedFile(damage.path, reason) from None
                self._recover(kind, name, damage)
            return shard.docs()
        if not docs and adopt and kind == META and self._may_hold_orphans(name):
            self._adopt_lost_metadata([name])
            return shard.docs()
        return docs

    def _recover(self, kind: str, name: str, damage: DamagedFile) -> None:
        """Set a damaged shard aside and restore its last good copy, saying what happened."""
        shard = self._shard(kind, name)
        shard.forget_cache()
        try:  # another thread or process may have recovered it meanwhile
            shard.docs()
            return
        except DamagedFile:
            pass
        aside = recovery.set_aside(self.layout, shard.path)
        if kind == META:
            files = self._copies(name)
            for article_id in self._pending_ids():  # a change that may not have committed
                files.pop(article_id, None)
            restored, how = recovery.restore_meta(shard.path, files)
            self._dedup.forget(name)
            self._meta_changed.add(name)
        else:
            previous = recovery.previous_docs(shard.path, kind)
            if previous is not None:
                restored, how = previous[0], "restored its previous copy"
            else:
                restored = {}
                how = "no good copy was left: read state and bookmarks of that shard start empty"
        shard.replace(restored)
        self.warnings.append(f"{damage.path}: {damage.reason}; moved to {aside}, {how}")

    def _may_hold_orphans(self, name: str) -> bool:
        """Whether metadata shard ``name`` is empty while article files of its articles
        exist (looked at once per version of the shard file; a ``stat`` when it is not
        empty, and no lock: reading never waits for a writer)."""
        signature = file_signature(self.layout.shard(META, name))
        if signature is not None and signature[1] > EMPTY_SHARD_SIZE:
            return False
        if name in self._empty_seen and self._empty_seen[name] == signature:
            return False
        self._empty_seen[name] = signature
        return bool(self._copies(name))

    def _copies(
        self, name: str, packed: Mapping[str, packs.Packed] | None = None
    ) -> dict[str, Path | packs.Packed]:
        """The article files of shard ``name``'s articles by ID, packed or their own (an
        article's own file, written after its pack, is the newer copy). ``packed``: every
        pack's places, when the caller has read them for all shards at once."""
        if packed is None:
            packed = dict(packs.all_entries(self.layout.packs))
        found: dict[str, Path | packs.Packed] = {
            article_id: place for article_id, place in packed.items() if article_id.startswith(name)
        }
        found.update(self.layout.body_files(name))
        return found

    def _adopt_lost_metadata(self, names: list[str]) -> None:
        """Rebuild the metadata of article files that no metadata names, in these shards,
        and say so in one message. Skipped (and tried again later) while another process
        writes: its import may be writing those very files."""
        with self.write_lock.held_if_possible(timeout=ADOPT_WAIT) as refused:
            if isinstance(refused, LockTimeout):
                for name in names:
                    self._empty_seen.pop(name, None)
                return
            if refused is not None:
                self.warnings.append(
                    f"{self.layout.folder(META)}: metadata may be missing for some article "
                    f"files; not rebuilt ({_why(refused)})"
                )
                return
            self._finish_pending()
            adopted = {name: len(self._adopt(name)) for name in names}
        found = {name: count for name, count in adopted.items() if count}
        if found:
            total = sum(found.values())
            self.warnings.append(
                f"{self.layout.folder(META)}: {total} articles had article files but no "
                f"metadata (shards {', '.join(sorted(found))}); rebuilt their metadata "
                "from the article files"
            )

    def _adopt(self, name: str) -> list[str]:
        """Give the article files of shard ``name`` that no metadata names their metadata
        back (from the copy each file keeps); returns their IDs. Call under the lock."""
        docs = self._docs(META, name, adopt=False)
        named = {article_id_of(int(key)) for key in docs}
        files = self._copies(name)
        upserts: dict[int, Doc] = {}
        for article_id in sorted(set(files) - named):
            meta, key = article_file.body_meta(files[article_id]), recovery.key_of(article_id)
            if meta is not None and key is not None:
                upserts[int(key)] = meta
        if upserts:
            self._shard(META, name).apply(upserts)
            self._dedup.forget(name)
            self._meta_changed.add(name)
        return [article_id_of(key) for key in upserts]

    # ----- transactions --------------------------------------------------------------

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[Transaction]:
        """Collect changes, then commit them all or (after a crash) let the journal finish them."""
        with self.write_lock.held():
            self._finish_interrupted()
            tx = Transaction()
            yield tx
            self._commit(tx)
            if tx.removes_files:  # after the commit, still under the lock
                with contextlib.suppress(OSError):  # saved: files a failing disk kept go later
                    self._finish_pending()
            if tx.marked:  # saved: a record left by a failing disk is finished later
                with contextlib.suppress(OSError):
                    self.layout.pending.unlink()

    def _finish_interrupted(self) -> None:
        """Finish what a writer that crashed or failed left: a journalled change, article
        files of a change that never committed. Call under the lock."""
        self._replay_journal()
        self._finish_pending()

    def _mark_pending(
        self, tx: Transaction, article_ids: list[str], pack_names: Iterable[str] = ()
    ) -> None:
        """Record the article files (and packs) a change is about to write or delete,
        durably, before it touches them: if it never commits, the next writer removes the
        ones no metadata names (so ``check`` does not later adopt an import that failed)."""
        payload = orjson.dumps({"bodies": article_ids, "packs": sorted(pack_names)})
        atomic_write(self.layout.pending, payload, keep_previous=False, hook=self.hook)
        tx.marked = True

    def _pending_ids(self) -> list[str]:
        """The article IDs a recorded change listed (none when there is no record)."""
        try:
            listed = orjson.loads(self.layout.pending.read_bytes())["bodies"]
        except (OSError, orjson.JSONDecodeError, KeyError, TypeError):
            return []
        if not isinstance(listed, list):
            return []
        return [i for i in listed if isinstance(i, str) and recovery.key_of(i) is not None]

    def _pending_packs(self) -> list[str]:
        """The packs a recorded change listed."""
        try:
            listed = orjson.loads(self.layout.pending.read_bytes()).get("packs")
        except (OSError, orjson.JSONDecodeError, AttributeError):
            return []
        return [name for name in listed if packs.is_name(name)] if isinstance(listed, list) else []

    def _finish_pending(self) -> None:
        """Remove the article files a recorded change left that no metadata names, and
        such articles from the packs it listed."""
        if not self.layout.pending.exists():
            return
        for article_id in self._pending_ids():
            key = str(doc_id_of(article_id))
            if key not in self._docs(META, shard_of(article_id), adopt=False):
                with contextlib.suppress(FileNotFoundError):
                    self.layout.body(article_id).unlink()
        for name in self._pending_packs():
            packs.keep_only(self.layout.pack(name), functools.partial(self._in_pack, pack=name))
        with contextlib.suppress(FileNotFoundError):
            self.layout.pending.unlink()

    def _in_pack(self, article_id: str, pack: str) -> bool:
        """Whether an article's metadata names ``pack`` as its pack."""
        key = str(doc_id_of(article_id))
        doc = self._docs(META, shard_of(article_id), adopt=False).get(key)
        return doc is not None and doc.get("pack") == pack

    def _commit(self, tx: Transaction) -> None:
        if not tx.changes:
            return
        journal = self.layout.journal
        meta_changes = [change for (kind, _), change in tx.changes.items() if kind == META]
        newest_before = self._newest.read() if meta_changes else None
        journalled = len(tx.changes) > 1
        applied: list[_Written] = []
        try:
            if journalled:
                atomic_write(journal, tx.to_json(), keep_previous=False, hook=self.hook)
            self._apply(tx, applied)
        except OSError as error:
            self._undo(applied, journalled, error)
            raise
        if meta_changes:
            upserts = {str(k): doc for ups, _ in meta_changes for k, doc in ups.items()}
            deletes = {str(k) for _, dels in meta_changes for k in dels}
            self._newest.update(newest_before, upserts, deletes)
        if journalled:
            try:
                journal.unlink()
                fsync_dir(self.root)
            except OSError as error:
                raise ChangeIncomplete(error, journal) from error

    def _undo(self, applied: list[_Written], journalled: bool, error: OSError) -> None:
        """After a failed write: put back the shards written (a write can fail after its
        rename), drop the journal (which may be in place even if writing it failed), so
        that a change reported as not saved is not finished later. If even that fails, the
        error says the change may be saved or will be finished (``ChangeIncomplete``)."""
        changed = [w for w in applied if file_signature(self.layout.shard(w[0], w[1])) != w[3]]
        try:
            for kind, name, before, _ in reversed(changed):
                self._shard(kind, name).replace(before)
            if journalled:
                with contextlib.suppress(FileNotFoundError):
                    self.layout.journal.unlink()
                fsync_dir(self.root)
        except OSError:
            for kind, name, _, _ in applied:
                self._shard(kind, name).forget_cache()
            if journalled and self.layout.journal.exists():
                raise ChangeIncomplete(error, self.layout.journal) from error
            if changed:
                raise ChangeIncomplete(error, None) from error
        finally:
            self._dedup.forget_all()
        with contextlib.suppress(OSError):
            self._finish_pending()

    def _apply(self, tx: Transaction, applied: list[_Written] | None = None) -> None:
        for (kind, name), (upserts, deletes) in tx.changes.items():
            shard = self._shard(kind, name)
            try:
                before = self._docs(kind, name, adopt=False)  # recover first if damaged
                parsed = shard.storage.signature  # the version the dedup keys may be of
                if applied is not None:  # before the write: it may fail after its rename
                    applied.append((kind, name, before, file_signature(shard.path)))
                shard.apply(upserts, deletes)
            except BaseException:
                shard.forget_cache()
                raise
            if kind == META:
                self._meta_changed.add(name)
                self._dedup.carry_over(
                    name, parsed, before, upserts, deletes, shard.storage.signature
                )

    def _replay_journal(self) -> None:
        """Finish a multi-shard change that a crashed or failed writer left half-applied."""
        journal = self.layout.journal
        try:
            raw = journal.read_bytes()
        except FileNotFoundError:
            return
        try:
            tx = Transaction.from_json(raw)
        except ValueError:
            # Never fully written, so never committed: nothing was applied.
            aside = recovery.set_aside(self.layout, journal)
            self.warnings.append(f"{journal}: unreadable; moved to {aside}, nothing applied")
            return
        self._apply(tx)
        journal.unlink()
        fsync_dir(self.root)

    # ----- reading -------------------------------------------------------------------

    def articles(self, *, deleted: bool = False) -> list[Article]:
        """Every article with its state, newest first: the live ones, or with ``deleted``
        only the deleted ones (they are left out of everything else)."""
        rows, any_deleted = self._every_article()
        if deleted:
            return [article for article in rows if article.deleted_at is not None]
        if any_deleted:
            return [article for article in rows if article.deleted_at is None]
        return rows

    def articles_and_deleted(self) -> tuple[list[Article], list[Article]]:
        """The live articles and the deleted ones, each newest first, in one pass: for a
        reader that shows both (the app's lists beside its Deleted view)."""
        rows, any_deleted = self._every_article()
        if not any_deleted:
            return rows, []
        live = [article for article in rows if article.deleted_at is None]
        return live, [article for article in rows if article.deleted_at is not None]

    def _every_article(self) -> tuple[list[Article], bool]:
        """Every article, deleted or not, newest first; and whether any is deleted."""
        lost = [name for name in SHARDS if self._may_hold_orphans(name)]
        if lost:
            self._adopt_lost_metadata(lost)
        rows: list[Article] = []
        any_deleted = False
        with collector_paused():
            for name in SHARDS:
                any_deleted |= self._shard_articles(name, rows)
            newest_first(rows)
        if self._newest.read() is None:  # deleted ones too: restoring one changes no metadata
            self._newest.write(self._meta_pairs(rows[:NEWEST_LIMIT]))
        return rows, any_deleted

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
            article_id = id_of(key, doc)
            name = shard_of(article_id)
            if name not in states:
                states[name] = self._docs(STATE, name)
            article = article_of(key, doc, states[name].get(key))
            if article.deleted_at is None:
                found.append(article)
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
            with collector_paused():
                rows = [row_of(key, doc) for key, doc in self._docs(META, name).items()]
            self._rows.write(name, signature, rows)
        self._meta_changed.clear()

    def _shard_articles(self, name: str, into: list[Article]) -> bool:
        """Add one shard's rows, deleted ones included, to ``into``: from the row cache when
        it matches the shard file, else parsed. Returns whether any is deleted."""
        shard = self._shard(META, name)
        signature = file_signature(shard.path)
        if signature is None:
            return False
        parsed_here = shard.storage.signature == signature
        columns = None if parsed_here else self._rows.read(name, signature)
        if columns is None:
            rows = [row_of(key, doc) for key, doc in self._docs(META, name).items()]
            parsed = shard.storage.signature  # of the very file parsed
            if not parsed_here and parsed is not None:
                self._rows.write(name, parsed, rows)
            columns = tuple(map(list, zip(*rows, strict=True))) if rows else ()
        if not columns:
            return False
        keys, fields = columns[0], columns[1:]
        self._listed[name] = _Listed(signature, frozenset(keys), keys, fields[11])
        count = len(keys)
        unset = [False] * count
        articles = list(map(Article, *fields[:10], unset, unset, [None] * count, fields[10]))
        for tagged in compress(range(count), fields[11]):  # the few an import gave tags
            articles[tagged].tags = fields[11][tagged]
        any_deleted = False
        states = self._docs(STATE, name)
        if states:
            where = dict(zip(keys, range(count), strict=True))
            for key, state in states.items():
                index = where.get(key)
                if index is not None:
                    apply_state(articles[index], state)
                    any_deleted |= "deleted_at" in state
        into.extend(articles)
        return any_deleted

    def query(self, condition: QueryLike) -> list[Article]:
        """Live articles whose metadata match a TinyDB query, e.g. ``Query().source == "x"``."""
        found: list[Article] = []
        for name in SHARDS:
            self._docs(META, name)
            matches = self._shard(META, name).search(condition)
            if matches:
                states = self._docs(STATE, name)
                found.extend(article_of(str(d), doc, states.get(str(d))) for d, doc in matches)
        found = [article for article in found if article.deleted_at is None]
        newest_first(found)
        return found

    def metadata(self) -> Iterator[tuple[str, Mapping[str, Any]]]:
        """Every article's ID and stored metadata document (read-only), shard by shard."""
        for name in SHARDS:
            for key, doc in self._docs(META, name).items():
                yield id_of(key, doc), doc

    def articles_by_feed(self) -> dict[str, set[str]]:
        """The IDs of the articles each feed brought, by feed ID (one pass over the
        metadata): what a view of one feed lists."""
        found: dict[str, set[str]] = {}
        for article_id, doc in self.metadata():
            entry = doc.get("feed_entry")
            if isinstance(entry, dict) and isinstance(entry.get("feed"), str):
                found.setdefault(entry["feed"], set()).add(article_id)
        return found

    def get(self, article_id: str) -> Article:
        """One article by full ID, deleted or not (``deleted_at`` says); ``UnknownArticle``
        if there is none."""
        name = shard_of(article_id)
        key = str(doc_id_of(article_id))
        doc = self._docs(META, name).get(key)
        if doc is None:
            raise UnknownArticle(f"no article with ID {article_id}")
        return article_of(key, doc, self._docs(STATE, name).get(key))

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
            if (article_id := id_of(key, doc)).startswith(prefix)
        ]
        if not matches:
            raise UnknownArticle(f"no article with ID {text}")
        if len(matches) > 1 and prefix not in matches:
            shown = ", ".join(sorted(matches)[:5])
            raise UnknownArticle(f"ID {text} is ambiguous: {shown}")
        return prefix if prefix in matches else matches[0]

    def content(self, article_id: str) -> ArticleContent:
        """The stored body of an article: from its own small file, else from its pack."""
        path = self.layout.body(article_id)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return self._packed_content(article_id)
        return article_file.content_of(data, path)

    def _packed_content(self, article_id: str) -> ArticleContent:
        doc = self._docs(META, shard_of(article_id)).get(str(doc_id_of(article_id)))
        name = doc.get("pack") if doc else None
        if packs.is_name(name):
            pack = self.layout.pack(name)
            data = packs.read_entry(pack, article_id)
            if data is not None:
                return article_file.content_of(data, pack, packed=article_id)
        raise UnknownArticle(f"no stored text for article {article_id}")

    def change_token(self) -> ChangeToken:
        """Changes whenever any process commits a change (to the articles, their state,
        the saved views or the subscriptions); cheap enough to poll."""
        return ChangeToken(
            (
                os.stat(self.layout.folder(META)).st_mtime_ns,
                os.stat(self.layout.folder(STATE)).st_mtime_ns,
            ),
            (*_stamp(self.layout.views), *_stamp(self.layout.feeds)),
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
        self._change_state(
            [article_id], lambda _tx, _id, state: state.__setitem__("position", position)
        )

    def restore_state(self, states: Mapping[str, Mapping[str, Any]]) -> None:
        """State an export carried, added to what the library has, in one change.

        Each article's mapping may hold ``read`` and ``bookmarked`` (true to set, with
        ``read_at`` / ``bookmarked_at``: when, now if not given), ``position`` and
        ``highlights``. Nothing here is lost: a flag already set keeps its own time, a
        position already kept stays, highlights are added to the ones there.
        """

        def change(_: Transaction, article_id: str, state: Doc) -> None:
            wanted = states[article_id]
            for flag in ("read", "bookmarked"):
                if wanted.get(flag) and not state.get(flag):
                    state[flag] = True
                    state[f"{flag}_at"] = wanted.get(f"{flag}_at") or now_iso()
            if wanted.get("position") and not state.get("position"):
                state["position"] = wanted["position"]
            if wanted.get("highlights"):
                marks.merge(state, wanted["highlights"])

        self._change_state(states, change)

    def _set_flags(self, ids: Iterable[str], flag: str, value: bool) -> None:
        def change(_tx: Transaction, _id: str, state: Doc) -> None:
            state[flag] = value
            state[f"{flag}_at"] = now_iso() if value else None

        self._change_state(ids, change)

    def _change_state(self, ids: Iterable[str], change: StateChange) -> None:
        """Apply ``change`` to each article's state document, in one change."""
        wanted = list(dict.fromkeys(ids))
        with self._transaction() as tx:
            for article_id in wanted:
                name, doc_id = shard_of(article_id), doc_id_of(article_id)
                if not self._exists(name, str(doc_id)):
                    raise UnknownArticle(f"no article with ID {article_id}")
                state = self._state_in(tx, article_id)
                change(tx, article_id, state)
                self._put_state(tx, article_id, state)

    def _state_in(self, tx: Transaction, article_id: str) -> Doc:
        """A copy of an article's state document as this change has it so far."""
        name, doc_id = shard_of(article_id), doc_id_of(article_id)
        pending = tx.pending(STATE, name)
        if doc_id in pending:
            return dict(pending[doc_id])
        return dict(self._docs(STATE, name).get(str(doc_id)) or {})

    @staticmethod
    def _put_state(tx: Transaction, article_id: str, state: Doc) -> None:
        """Write an article's state document, or remove it when it says nothing."""
        name, doc_id = shard_of(article_id), doc_id_of(article_id)
        said = ("read", "bookmarked", "position", "deleted_at", marks.HIGHLIGHTS)
        if "tags" in state or any(state.get(key) for key in said):
            tx.upsert(STATE, name, doc_id, state)
        else:
            tx.delete(STATE, name, doc_id)

    # ----- highlights (kept in the state document: see ``store.highlights``) ----------

    def highlights(self, article_id: str) -> list[marks.Highlight]:
        """An article's highlights, in the order they were made."""
        return list(self.get(article_id).highlights)

    def add_highlight(self, article_id: str, highlight: Mapping[str, Any]) -> None:
        """Keep a highlight (``{"id", "quote", "prefix", "suffix", "note", "created"}``)."""
        self._change_state([article_id], lambda _tx, _id, state: marks.add(state, highlight))

    def set_note(self, article_id: str, highlight_id: str, note: str | None) -> None:
        """Give a highlight a note, or (None, empty) take its note away."""

        def change(_tx: Transaction, _id: str, state: Doc) -> None:
            if not marks.set_note(state, highlight_id, note):
                raise StoreError(f"article {article_id} has no highlight {highlight_id}")

        self._change_state([article_id], change)

    def remove_highlight(self, article_id: str, highlight_id: str) -> None:
        """Remove a highlight."""

        def change(_tx: Transaction, _id: str, state: Doc) -> None:
            if not marks.remove(state, highlight_id):
                raise StoreError(f"article {article_id} has no highlight {highlight_id}")

        self._change_state([article_id], change)

    def all_highlights(self) -> list[tuple[Article, marks.Highlight]]:
        """Every highlight in the library with its article, the newest first.

        Only the state shards are read whole; an article's metadata only when it has
        highlights.
        """
        found: list[tuple[Article, marks.Highlight]] = []
        for name in SHARDS:
            for key, state in self._docs(STATE, name).items():
                if not state.get(marks.HIGHLIGHTS) or state.get("deleted_at"):
                    continue
                doc = self._docs(META, name).get(key)
                if doc is not None:
                    article = article_of(key, doc, state)
                    found.extend((article, mark) for mark in article.highlights)
        found.sort(key=lambda pair: pair[1]["created"], reverse=True)
        return found

    def find_by_url(self, url: str) -> str | None:
        """The stored article at this address (by the store's URL key), if there is one.

        Found by the ID the address gives an article stored from it, so it costs a lookup,
        not a pass over the library: an article first stored without an address, whose
        address came later, is not found.
        """
        key = url_key(url)
        if not key:
            return None
        for attempt in range(3):  # an ID taken by another article moves to the next
            article_id = make_id(identity_of(key, ""), attempt)
            name, doc_id = shard_of(article_id), str(doc_id_of(article_id))
            if self._exists(name, doc_id):
                doc = self._docs(META, name).get(doc_id) or {}
                if url_key(doc.get("url")) == key:
                    return article_id
        return None

    def _exists(self, name: str, key: str) -> bool:
        """Whether metadata shard ``name`` holds document ``key``.

        Answered from the keys of the last listing while the shard file is unchanged, so
        marking articles read in a session listed from the row cache does not parse (and
        keep in memory) a metadata shard per mark: at 100k, some 2 MB each.
        """
        listed = self._still_listed(name)
        if listed is not None:
            return key in listed.keys
        return key in self._docs(META, name)

    def _still_listed(self, name: str) -> _Listed | None:
        """What the last listing saw of a metadata shard not parsed here, while its file is
        unchanged; else None."""
        shard = self._shard(META, name)
        listed = self._listed.get(name)
        unparsed = shard.storage.signature is None
        if listed is not None and unparsed and listed.signature == file_signature(shard.path):
            return listed
        return None

    def _meta_tags(self, tx: Transaction, article_id: str) -> list[str]:
        """The tags an article's metadata carries (its import's), as this change has them."""
        name, doc_id = shard_of(article_id), doc_id_of(article_id)
        meta = tx.pending(META, name).get(doc_id)
        if meta is None:
            listed = self._still_listed(name)
            if listed is not None:
                return list(listed.tags_of(str(doc_id)))
            meta = self._docs(META, name).get(str(doc_id)) or {}
        return normalised(meta.get("tags") or ())

    # ----- writing: deletion and tags --------------------------------------------------

    def delete(self, ids: Iterable[str]) -> None:
        """Delete articles: they leave lists, counts, search and exports, and can be brought
        back with ``restore`` until they are purged (``purge_deleted``, after 30 days).
        Their state stays meanwhile; deleting again keeps the first time."""
        when = now_iso()

        def change(_tx: Transaction, _id: str, state: Doc) -> None:
            if not state.get("deleted_at"):
                state["deleted_at"] = when

        self._change_state(ids, change)

    def restore(self, ids: Iterable[str]) -> None:
        """Bring deleted articles back as they were (read state, bookmark, tags)."""
        self._change_state(ids, lambda _tx, _id, state: state.pop("deleted_at", None))

    def tag(
        self, ids: Iterable[str], *, add: Iterable[str] = (), remove: Iterable[str] = ()
    ) -> None:
        """Add and remove tags (ignoring case) on articles, in one change; a tag both added
        and removed is removed. Tags are stored in their one form (``tags.normalised``)."""
        added, removed = list(add), list(remove)

        def change(tx: Transaction, article_id: str, state: Doc) -> None:
            current = state["tags"] if "tags" in state else self._meta_tags(tx, article_id)
            self._set_tags_in(tx, article_id, state, without([*current, *added], removed))

        self._change_state(ids, change)

    def set_tags(self, article_id: str, tags: Iterable[str]) -> None:
        """Give an article exactly these tags (what editing the whole list gives)."""
        wanted = normalised(tags)

        def change(tx: Transaction, article_id: str, state: Doc) -> None:
            self._set_tags_in(tx, article_id, state, wanted)

        self._change_state([article_id], change)

    def _set_tags_in(self, tx: Transaction, article_id: str, state: Doc, tags: list[str]) -> None:
        """Put ``tags`` in a state document; an empty list is kept only where it hides tags
        the metadata carries (the user removed them), so untagged articles keep no state."""
        if tags or self._meta_tags(tx, article_id):
            state["tags"] = normalised(tags)
        else:
            state.pop("tags", None)

    def purge(self, ids: Iterable[str]) -> None:
        """Remove articles for good, deleted or not: metadata, state and article file."""
        wanted = list(dict.fromkeys(ids))
        self._remove(lambda: wanted, strict=True)

    def purge_deleted(self, older_than: timedelta | None = PURGE_AFTER) -> list[str]:
        """Remove for good the articles deleted longer than ``older_than`` ago (None: every
        deleted article); returns their IDs. Chosen under the write lock, so an article
        another process restores meanwhile is not purged."""
        cutoff = None if older_than is None else datetime.now(UTC) - older_than
        return self._remove(lambda: self._deleted_before(cutoff), strict=False)

    def _deleted_before(self, cutoff: datetime | None) -> list[str]:
        """IDs of the articles deleted before ``cutoff`` (every deleted one when None); a
        deletion time that cannot be read is never taken as old."""
        found: list[str] = []
        for name in SHARDS:
            for key, state in self._docs(STATE, name).items():
                when = state.get("deleted_at")
                if not when:
                    continue
                if cutoff is not None:
                    moment = _utc(when)
                    if moment is None or moment >= cutoff:
                        continue
                found.append(article_id_of(int(key)))
        return found

    def _remove(self, select: Callable[[], list[str]], *, strict: bool) -> list[str]:
        """Remove the articles ``select`` names (under the lock): their metadata and state in
        one change, then their article files. With ``strict`` an unknown ID changes nothing
        and raises ``UnknownArticle``; else only its leftover state goes."""
        with self._transaction() as tx:
            wanted = select()
            in_packs: set[str] = set()
            for article_id in wanted:
                name, doc_id = shard_of(article_id), doc_id_of(article_id)
                if strict and not self._exists(name, str(doc_id)):
                    raise UnknownArticle(f"no article with ID {article_id}")
                pack = (self._docs(META, name).get(str(doc_id)) or {}).get("pack")
                if packs.is_name(pack):
                    in_packs.add(pack)
                tx.delete(META, name, doc_id)
                tx.delete(STATE, name, doc_id)
            if wanted:
                # Their files go after the commit; if that is cut short, the next writer
                # removes them (as no metadata names them), and nothing adopts them again.
                self._mark_pending(tx, wanted, in_packs)
                tx.marked = False  # the files go first, then the record
                tx.removes_files = True
        return wanted

    # ----- writing: articles ---------------------------------------------------------

    def add(
        self,
        items: Iterable[NewArticle],
        *,
        update_existing: bool = False,
        revive_deleted: bool = False,
    ) -> list[AddOutcome]:
        """Store new articles; ones already present (same URL or body) come back as duplicates.

        With ``update_existing`` a duplicate's metadata (and body, if it changed) are replaced
        by the new ones; its read state, bookmark and reading position stay. The tags an item
        carries are added to the article's, never taking any away. A duplicate of a deleted
        article stays deleted and untouched (a feed update must not bring back what the user
        deleted), unless ``revive_deleted`` (an import the user asked for): then it comes
        back with the new metadata and text, its state kept. Bodies are written and synced
        first, then the metadata that makes them visible, so a crash leaves each article
        either fully stored or absent.
        """
        outcomes: list[AddOutcome] = []
        with self._transaction() as tx:
            by_url, by_body = self._dedup_keys()
            stored: dict[str, Mapping[str, Doc]] = {}
            # By ID: an article given twice in one batch is written once, as given last.
            to_write: dict[str, _ToWrite] = {}
            fresh: set[str] = set()  # new articles: may go into packs
            for item in items:
                ukey, bkey = url_key(item.url), item.body_key or body_hash(item.body)
                existing = (
                    self._replaced(item, tx)
                    or (by_url.get(ukey) if ukey else None)
                    or by_body.get(bkey)
                )
                deleted = existing is not None and self._is_deleted(tx, existing)
                if existing and deleted and not revive_deleted:
                    outcomes.append(AddOutcome(existing, item.title, duplicate=True, deleted=True))
                    continue
                if existing and not update_existing and not deleted:
                    self._add_tags(tx, existing, carried_tags(item))
                    outcomes.append(AddOutcome(existing, item.title, duplicate=True))
                    continue
                article_id = existing or self._new_id(item, identity_of(ukey, bkey), tx, stored)
                meta = article_file.meta_doc(article_id, item, bkey, now_iso())
                if existing:
                    meta = self._merged_meta(existing, meta, tx)
                to_write[article_id] = (article_id, item, meta)
                if not existing:
                    fresh.add(article_id)
                tx.upsert(META, shard_of(article_id), doc_id_of(article_id), meta)
                self._add_tags(tx, article_id, carried_tags(item), revive=deleted)
                if ukey:
                    by_url[ukey] = article_id
                by_body[bkey] = article_id
                duplicate = bool(existing) and not deleted
                outcomes.append(AddOutcome(article_id, item.title, duplicate, revived=deleted))
            if to_write:
                packed = self._packed([each for each in to_write.values() if each[0] in fresh])
                in_packs = {each[0] for group in packed.values() for each in group}
                self._mark_pending(tx, list(to_write), packed)
                try:
                    written = [
                        self._write_body(*each)
                        for each in to_write.values()
                        if each[0] not in in_packs
                    ]
                    written += [self._write_pack(name, group) for name, group in packed.items()]
                    sync_many(written)
                    if self.hook:
                        self.hook("bodies-synced")
                except OSError as error:
                    with contextlib.suppress(OSError):
                        self._finish_pending()
                    if error.filename or error.errno is None:
                        raise
                    raise OSError(error.errno, error.strerror, str(self.layout.bodies)) from error
        return outcomes

    def _replaced(self, item: NewArticle, tx: Transaction) -> str | None:
        """The stored article ``item`` says it is a new version of, if it exists."""
        wanted = item.replaces
        if not wanted:
            return None
        try:
            return wanted if self._taken(wanted, tx) else None
        except UnknownArticle:
            return None

    def _merged_meta(self, article_id: str, new: Doc, tx: Transaction) -> Doc:
        """The stored metadata updated with every field the new import knows."""
        name, doc_id = shard_of(article_id), doc_id_of(article_id)
        old = tx.pending(META, name).get(doc_id) or self._docs(META, name).get(str(doc_id)) or {}
        merged = dict(old)
        merged.update({key: value for key, value in new.items() if value not in (None, "", 0)})
        merged["added"] = old.get("added") or new["added"]
        if old.get("tags") or new.get("tags"):
            merged["tags"] = normalised([*(old.get("tags") or ()), *(new.get("tags") or ())])
        return merged

    def _is_deleted(self, tx: Transaction, article_id: str) -> bool:
        """Whether an article is deleted, as this change has it so far."""
        return bool(self._state_in(tx, article_id).get("deleted_at"))

    def _add_tags(
        self, tx: Transaction, article_id: str, tags: Iterable[str], *, revive: bool = False
    ) -> None:
        """Add an import's tags to an article's state (and, with ``revive``, undelete it).

        Written to the state even for a new article, whose metadata carries them too: the
        state is where tags change, the metadata copy what a lost state falls back on.
        """
        tags = list(tags)
        if not tags and not revive:
            return
        before = self._state_in(tx, article_id)
        state = dict(before)
        if revive:
            state.pop("deleted_at", None)
        if tags:
            current = state["tags"] if "tags" in state else self._meta_tags(tx, article_id)
            state["tags"] = normalised([*current, *tags])
        if state != before:  # a re-import that adds nothing writes nothing
            self._put_state(tx, article_id, state)

    def _dedup_keys(self) -> tuple[dict[str, str], dict[str, str]]:
        """URL keys and body hashes of every stored article, by the article they name."""
        by_url: dict[str, str] = {}
        by_body: dict[str, str] = {}
        for name in SHARDS:
            docs = self._docs(META, name)
            urls, bodies = self._dedup.keys(name, docs, self._shard(META, name).storage.signature)
            by_url.update(urls)
            by_body.update(bodies)
        return by_url, by_body

    def _new_id(
        self,
        item: NewArticle,
        identity: str,
        tx: Transaction,
        stored: dict[str, Mapping[str, Doc]],
    ) -> str:
        """The ID for a new article: the one it had where it was exported from, if that is
        free here, so a library restored from its export keeps its IDs (which scripts and
        notes refer to); else the one its identity gives. ``stored`` holds the metadata
        shards this change has looked at (see ``_taken``)."""
        wanted = getattr(item, "stored_id", None)
        if isinstance(wanted, str) and wanted:
            try:
                doc_id = doc_id_of(wanted)
            except UnknownArticle:
                doc_id = None
            valid = doc_id is not None and article_id_of(doc_id) == wanted
            if valid and not self._taken(wanted, tx, stored):
                return wanted
        for attempt in range(100):
            article_id = make_id(identity, attempt)
            if not self._taken(article_id, tx, stored):
                return article_id
        raise StoreError(f"no free ID for {identity}")  # pragma: no cover - 2^40 space

    def _taken(
        self,
        article_id: str,
        tx: Transaction,
        stored: dict[str, Mapping[str, Doc]] | None = None,
    ) -> bool:
        """Whether an article holds this ID, stored or added earlier in this change.

        With ``stored``, each shard's stored documents are looked up once per change and
        kept there: the change holds the write lock, so they cannot change meanwhile; a lookup
        per article (a ``stat`` and a path built each) took 0.58 s of storing 10,000 new
        articles, this 0.10 s.
        """
        name, doc_id = shard_of(article_id), doc_id_of(article_id)
        if stored is None:
            docs = self._docs(META, name)
        elif name in stored:
            docs = stored[name]
        else:
            docs = stored[name] = self._docs(META, name)
        return str(doc_id) in docs or doc_id in tx.pending(META, name)

    def _packed(self, fresh: list[_ToWrite]) -> dict[str, list[_ToWrite]]:
        """The packs a batch's new articles go into, by pack name (none for a small batch),
        each article's metadata naming its pack."""
        if len(fresh) < packs.PACK_MIN:
            return {}
        placed: dict[str, list[_ToWrite]] = {}
        for group in packs.groups(fresh, lambda each: len(each[1].body) + len(each[1].raw)):
            name = packs.new_name()
            for _, _, meta in group:
                meta["pack"] = name
            placed[name] = group
        return placed

    def _write_pack(self, name: str, group: list[_ToWrite]) -> Path:
        if not self._packs_ready:
            self._ready_for_packs()
        path = self.layout.pack(name)
        entries = [
            (article_id, article_file.payload(item, meta)) for article_id, item, meta in group
        ]
        packs.write(path, entries, durable=False)
        return path

    def _ready_for_packs(self) -> None:
        """Make the packs folder, and raise the manifest's format so that a reader too old
        to read packs refuses the library instead of showing its articles empty."""
        self.layout.packs.mkdir(exist_ok=True)
        manifest = self.layout.manifest
        if (opening.manifest_format(manifest) or FORMAT) < PACKS_FORMAT:
            atomic_write(manifest, opening.with_format(manifest, PACKS_FORMAT), keep_previous=False)
        self._packs_ready = True

    def _write_body(self, article_id: str, item: NewArticle, meta: Doc) -> Path:
        path = self.layout.body(article_id)
        if path.parent not in self._body_folders:
            path.parent.mkdir(exist_ok=True)
            self._body_folders.add(path.parent)
        payload = article_file.payload(item, meta)
        atomic_write(path, payload, keep_previous=False, durable=False, hook=self.hook)
        return path

    # ----- saved searches ------------------------------------------------------------

    def views(self) -> list[SavedView]:
        """The saved searches, in the user's order; a damaged file is recovered first."""
        return self._views.all()

    def view(self, name: str) -> SavedView:
        """The saved view called ``name`` (ignoring case); ``UnknownView`` if none is."""
        return find(self._views.all(), name)

    def save_view(self, name: str, query: str) -> SavedView:
        """Save ``query`` as the view ``name``: one of that name (ignoring case) gets the new
        query and keeps its place, a new one goes last; returns it. ``InvalidView`` for an
        empty or multi-line name or query."""
        return find(self._views.change(lambda views: saved(views, name, query)), name)

    def remove_view(self, name: str) -> None:
        """Remove a saved view; ``UnknownView`` if there is none of that name."""
        self._views.change(lambda views: removed(views, name))

    def move_view(self, name: str, position: int) -> None:
        """Put a saved view at ``position`` (0 first; past the end: last)."""
        self._views.change(lambda views: moved(views, name, position))

    # ----- integrity -----------------------------------------------------------------

    def check(self) -> list[str]:
        """Problems found by reading every file of the library; empty when all is well.

        Article files that no metadata names are adopted (their metadata rebuilt from the
        copy each keeps) and reported; a damaged shard is reported and recovered.
        """
        problems: list[str] = []
        packed = dict(packs.all_entries(self.layout.packs))
        for kind in KINDS:
            for name in SHARDS:
                path = self.layout.shard(kind, name)
                try:
                    raw = path.read_bytes()
                except FileNotFoundError:
                    continue
                try:
                    shard_docs(path, kind, parse_tables(path, raw))
                except DamagedFile as damage:
                    problems.append(str(damage))
        problems += self._views.check()
        for name in SHARDS:
            try:
                docs = self._docs(META, name)
            except DamagedFile as damage:
                problems.append(str(damage))
                continue
            for key, doc in docs.items():
                article_id = article_id_of(int(key))
                if doc.get("id") not in (None, article_id):
                    path = self.layout.shard(META, name)
                    problems.append(f"{path}: article {article_id} holds ID {doc['id']!r}")
                try:
                    self.content(article_id)
                except (UnknownArticle, DamagedFile) as error:
                    problems.append(str(error))
            problems += self._check_orphans(name, docs, packed)
        return problems

    def _check_orphans(
        self, name: str, docs: Mapping[str, Doc], packed: Mapping[str, packs.Packed]
    ) -> list[str]:
        """Adopt the shard's article files that no metadata names; one problem each."""
        named = {article_id_of(int(key)) for key in docs}
        copies = self._copies(name, packed)
        if not set(copies) - named:
            return []
        with self.write_lock.held_if_possible() as refused:
            if refused is not None:
                orphans = sorted(set(copies) - named)
                reason = _why(refused)
                return [
                    f"{_where(copies[i])}: no metadata names article {i}; not adopted ({reason})"
                    for i in orphans
                ]
            self._finish_pending()
            adopted = self._adopt(name)
            copies = self._copies(name)
        return [
            f"{_where(copies[i])}: no metadata named article {i}; adopted it from this file"
            for i in adopted
        ]

    def remove_leftover_temps(self) -> int:
        """Delete temp files that writers killed mid-write left among the bodies.

        Opening the library clears them from its few top folders; the body folders are
        too many to scan at every start, so ``reader check`` does it. Returns how many
        (none when this user may not write the library).
        """
        bodies = self.layout.bodies
        with self.write_lock.held_if_possible() as refused:
            if refused is not None or not bodies.is_dir():
                return 0
            folders = [folder for folder in bodies.iterdir() if folder.is_dir()]
            if self.layout.packs.is_dir():
                folders.append(self.layout.packs)
            return sum(map(remove_stale_temps, folders))

    def app_lock(self) -> AppLock:
        """The lock a running app holds so that a second app is refused."""
        return AppLock(self.layout.app_lock, self.root)


class ChangeToken(NamedTuple):
    """What ``Library.change_token`` gives: ``articles`` moves with a change to the articles
    or their state, ``lists`` with one to the saved views or the subscriptions alone (a
    reader redraws its sidebar for those, without reading every article again)."""

    articles: tuple[int, int]
    lists: tuple[int, int, int, int]


def _stamp(path: Path) -> tuple[int, int]:
    """A file's modification time and inode, (0, 0) while it does not exist: each atomic
    replacement is a new file, so a second change within the clock's tick still shows."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return (0, 0)
    return (status.st_mtime_ns, status.st_ino)


def _utc(text: str) -> datetime | None:
    """An ISO 8601 time as an aware UTC datetime (a time without offset is UTC); None if
    unreadable."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _where(copy: Path | packs.Packed) -> Path:
    """The file an article's stored copy is in."""
    return copy if isinstance(copy, Path) else copy.path


def _why(error: Exception) -> str:
    """An error's reason, short: an OS error's text, else its message."""
    return (error.strerror if isinstance(error, OSError) else None) or str(error)
