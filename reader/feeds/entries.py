"""What a library already holds of each feed, and how an entry is recognised again.

Articles from a feed carry ``feed_entry`` in their metadata: the feed's ID, the entry's
key (its guid, else its link, else a hash of its text), a hash of the entry as the feed
gave it (so an unchanged entry is skipped without converting it again), and, while its
full text could not be downloaded, why and how many times that was tried.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from reader.ingest.formats.feed_xml import Entry
from reader.store.identity import url_key


@dataclass(frozen=True)
class Known:
    """A stored article that came from a feed entry."""

    article_id: str
    key: str
    hash: str
    url: str | None
    #: Why its full text could not be downloaded yet (None once it was, or never needed).
    pending: str | None = None
    attempts: int = 0


@dataclass
class FeedEntries:
    """One feed's stored entries, found by key, by URL or by content hash."""

    by_key: dict[str, Known] = field(default_factory=dict)
    by_url: dict[str, Known] = field(default_factory=dict)
    by_hash: dict[str, Known] = field(default_factory=dict)

    def add(self, known: Known) -> None:
        self.by_key.setdefault(known.key, known)
        if ukey := url_key(known.url):
            self.by_url.setdefault(ukey, known)
        self.by_hash.setdefault(known.hash, known)

    def match(self, key: str, link: str | None, digest: str) -> Known | None:
        """The stored article for an entry: by its key, then its URL, then its content."""
        found = self.by_key.get(key)
        if found is None and self.by_url and (ukey := url_key(link)):  # none: a new feed
            found = self.by_url.get(ukey)
        return found or self.by_hash.get(digest)

    def pending(self) -> list[Known]:
        """Articles whose full text is still to be downloaded."""
        return [known for known in self.by_key.values() if known.pending]


def stored_entries(metadata: Iterable[tuple[str, Mapping[str, Any]]]) -> dict[str, FeedEntries]:
    """Each feed's stored entries, from every article's metadata (one pass)."""
    feeds: dict[str, FeedEntries] = {}
    for article_id, doc in metadata:
        entry = doc.get("feed_entry")
        if not isinstance(entry, dict):
            continue
        feed, key, digest = entry.get("feed"), entry.get("key"), entry.get("hash")
        if not (isinstance(feed, str) and isinstance(key, str) and isinstance(digest, str)):
            continue
        pending = entry.get("pending")
        attempts = entry.get("attempts")
        feeds.setdefault(feed, FeedEntries()).add(
            Known(
                article_id=article_id,
                key=key,
                hash=digest,
                url=doc.get("url") if isinstance(doc.get("url"), str) else None,
                pending=pending if isinstance(pending, str) else None,
                attempts=attempts if isinstance(attempts, int) else 0,
            )
        )
    return feeds


def entry_hash(entry: Entry) -> str:
    """A hash of everything the feed says about an entry: equal means unchanged."""
    digest = hashlib.blake2b(digest_size=12)
    for part in (
        entry.title,
        entry.link,
        entry.content,
        entry.summary,
        entry.date,
        entry.author,
    ):
        digest.update((part or "").encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    return digest.hexdigest()


def entry_keys(entries: list[Entry], hashes: list[str]) -> list[str | None]:
    """Each entry's key in its feed: its guid, else its link, else its content hash.

    A guid the feed repeats for different entries (a broken feed) is no key: those
    entries fall back to their link. An entry whose key is taken by an earlier one of
    the same document is a repeat, and gets None: it is skipped.
    """
    counts: dict[str, int] = {}
    for entry in entries:
        if entry.guid:
            counts[entry.guid] = counts.get(entry.guid, 0) + 1
    keys: list[str | None] = []
    seen: set[str] = set()
    for entry, digest in zip(entries, hashes, strict=True):
        if entry.guid and counts[entry.guid] == 1:
            key = f"id:{entry.guid}"
        elif entry.link:
            key = f"url:{url_key(entry.link) or entry.link}"
        else:
            key = f"hash:{digest}"
        keys.append(None if key in seen else key)
        seen.add(key)
    return keys
