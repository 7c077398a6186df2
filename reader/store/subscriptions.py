"""Subscriptions: the feeds a library follows, in one TinyDB table file, ``feeds.json``.

Written like every other file of the library: whole documents replaced through the
atomic storage, under the library's write lock, the previous version kept as
``feeds.json.prev``. A damaged file is set aside and that copy restored. Each feed has
an ID made like an article's, from its address when first subscribed, so it stays the
same when the feed moves.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from typing import TYPE_CHECKING, Any

from reader.store.errors import DamagedFile, StoreError
from reader.store.identity import url_key
from reader.store.ids import doc_id_of, looks_like_id_prefix, make_id
from reader.store.layout import FEED_TABLE, TABLES
from reader.store.shards import Shard
from reader.store.storage import parse_tables

if TYPE_CHECKING:
    from reader.store.library import Library

FULL_TEXT_MODES = ("auto", "always", "never")


class UnknownFeed(StoreError):
    """No subscription (or several) matches what the user named."""


@dataclass
class Subscription:
    """One followed feed, and what the last updates found."""

    id: str
    url: str
    title: str | None = None
    site: str | None = None
    added: str = ""
    #: When it was last asked for, and when it last brought a new article.
    checked: str | None = None
    last_new: str | None = None
    #: HTTP validators of the last response, sent back so an unchanged feed costs a 304.
    etag: str | None = None
    last_modified: str | None = None
    #: The last error, and how many updates in a row have failed.
    error: str | None = None
    failures: int = 0
    #: Not asked for again before this time (the server's Retry-After, or back-off).
    retry_at: str | None = None
    #: The feed answered 410 Gone: no longer updated.
    gone: bool = False
    #: Whether to download each entry's page: "auto" (teasers only), "always", "never".
    full_text: str = "auto"

    @property
    def status(self) -> str:
        """``ok`` or ``error``."""
        return "error" if self.error or self.gone else "ok"

    def to_doc(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Subscription:
        known = {f.name for f in fields(cls)}
        values = {key: value for key, value in doc.items() if key in known}
        if not isinstance(values.get("id"), str) or not isinstance(values.get("url"), str):
            raise ValueError("a subscription without an ID or URL")
        return cls(**values)


def feed_id_for(url: str, taken: Iterable[str] = ()) -> str:
    """The ID of a new subscription to ``url``: from its address, avoiding ``taken``."""
    identity = f"feed:{url_key(url) or url}"
    used = set(taken)
    for attempt in range(100):
        candidate = make_id(identity, attempt)
        if candidate not in used:
            return candidate
    raise StoreError(f"no free feed ID for {url}")  # pragma: no cover - 2^40 space


class Subscriptions:
    """The library's subscriptions, read and written under its write lock."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.path = library.layout.feeds
        self._shard = Shard(self.path, FEED_TABLE, hook=library.hook)

    def all(self) -> list[Subscription]:
        """Every subscription, in the order they were added."""
        found = []
        for doc in self._docs().values():
            with contextlib.suppress(TypeError, ValueError):
                found.append(Subscription.from_doc(doc))
        found.sort(key=lambda sub: (sub.added, sub.id))
        return found

    def _docs(self) -> dict[str, dict[str, Any]]:
        try:
            return dict(self._shard.docs())
        except DamagedFile as damage:
            with self.library.write_lock.held():
                self._recover(damage)
            return dict(self._shard.docs())

    def _recover(self, damage: DamagedFile) -> None:
        """Set the damaged file aside and restore its previous copy, saying so."""
        from reader.store.recovery import set_aside

        self._shard.forget_cache()
        try:  # another process may have recovered it meanwhile
            self._shard.docs()
            return
        except DamagedFile:
            pass
        aside = set_aside(self.library.layout, self.path)
        previous = self.path.with_name(self.path.name + ".prev")
        restored: dict[str, Any] | None = None
        with contextlib.suppress(OSError, DamagedFile):
            restored = parse_tables(previous, previous.read_bytes()).get(TABLES[FEED_TABLE], {})
        how = "restored its previous copy"
        if restored is None:
            restored, how = {}, "no good copy was left: subscribe to the feeds again"
        self._shard.apply({int(key): doc for key, doc in restored.items()})
        self.library.warnings.append(f"{damage.path}: {damage.reason}; moved to {aside}, {how}")

    def find(self, text: str) -> Subscription:
        """The subscription a user means: its ID (or a unique start of it), its URL, or a
        unique start of its title."""
        wanted = text.strip()
        subscriptions = self.all()
        for sub in subscriptions:
            if sub.id == wanted.lower() or sub.url == wanted:
                return sub
        key = url_key(wanted)
        by_url = [sub for sub in subscriptions if key and url_key(sub.url) == key]
        if by_url:
            return by_url[0]
        matches = []
        if looks_like_id_prefix(wanted):
            matches = [sub for sub in subscriptions if sub.id.startswith(wanted.lower())]
        if not matches:
            folded = wanted.casefold()
            matches = [
                sub for sub in subscriptions if (sub.title or "").casefold().startswith(folded)
            ]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise UnknownFeed(f"no feed matches {text!r}")
        shown = ", ".join(f"{sub.id} ({sub.title or sub.url})" for sub in matches[:4])
        raise UnknownFeed(f"{text!r} matches several feeds: {shown}")

    def subscribed(self, url: str) -> Subscription | None:
        """The subscription to ``url`` (compared as addresses, not strings), if any."""
        key = url_key(url)
        return next((sub for sub in self.all() if url_key(sub.url) == key), None)

    def save(self, subscriptions: Iterable[Subscription]) -> None:
        """Store these subscriptions (new or changed) in one write."""
        docs = {doc_id_of(sub.id): sub.to_doc() for sub in subscriptions}
        if not docs:
            return
        with self.library.write_lock.held():
            self._docs()  # recover first if damaged
            self._shard.apply(docs)

    def update(self, changes: Iterable[Subscription]) -> None:
        """Store what an update learnt, for the feeds that are still subscribed.

        A feed removed while the update ran stays removed.
        """
        with self.library.write_lock.held():
            present = self._docs()
            docs = {
                doc_id_of(sub.id): sub.to_doc()
                for sub in changes
                if str(doc_id_of(sub.id)) in present
            }
            if docs:
                self._shard.apply(docs)

    def remove(self, ids: Iterable[str]) -> None:
        """Stop following these feeds (their articles stay in the library)."""
        doomed = [doc_id_of(feed_id) for feed_id in ids]
        with self.library.write_lock.held():
            self._docs()
            self._shard.apply({}, doomed)

    def check(self) -> list[str]:
        """Problems in the subscriptions file, for ``reader check``."""
        if not self.path.exists():
            return []
        try:
            tables = parse_tables(self.path, self.path.read_bytes())
        except (DamagedFile, OSError) as error:
            return [str(error)]
        problems = []
        for key, doc in tables.get(TABLES[FEED_TABLE], {}).items():
            try:
                sub = Subscription.from_doc(doc)
                if str(doc_id_of(sub.id)) != key:
                    raise ValueError(f"stored under the key of another ID ({key})")
            except (TypeError, ValueError, StoreError) as error:
                problems.append(f"{self.path}: feed {key} is damaged ({error})")
        return problems
