"""Which stored article a URL or a body already names, kept per shard between imports.

Working the keys out means a URL parse per stored article: at 100k articles each import
batch spent over a second on it. So each metadata shard's keys are kept with the version
(signature) of the shard they were made from, and carried over the store's own writes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from reader.store.documents import Doc
from reader.store.identity import add_keys, url_key
from reader.store.listing import id_of
from reader.store.signature import Signature

Keys = tuple[dict[str, str], dict[str, str]]
"""(URL key -> article ID, body hash -> article ID)."""


class DedupKeys:
    """The dedup keys of one library's metadata shards."""

    def __init__(self) -> None:
        self._cache: dict[str, tuple[Signature | None, dict[str, str], dict[str, str]]] = {}

    def keys(self, name: str, docs: Mapping[str, Doc], signature: Signature | None) -> Keys:
        """The keys of shard ``name`` whose documents (of this version) are ``docs``."""
        cached = self._cache.get(name)
        if cached is None or cached[0] != signature or signature is None:
            urls: dict[str, str] = {}
            bodies: dict[str, str] = {}
            for key, doc in docs.items():
                add_keys(urls, bodies, key, doc)
            cached = self._cache[name] = (signature, urls, bodies)
        return cached[1], cached[2]

    def carry_over(
        self,
        name: str,
        was: Signature | None,
        before: Mapping[str, Doc],
        upserts: Mapping[int, Doc],
        deletes: Iterable[int],
        now: Signature | None,
    ) -> None:
        """Update a shard's keys for our own write (from version ``was`` to ``now``) instead
        of working them all out again. Deletes are rare, so they just drop the keys."""
        cached = self._cache.get(name)
        if cached is None or cached[0] != was or was is None or deletes:
            self._cache.pop(name, None)
            return
        _, urls, bodies = cached
        for doc_id, doc in upserts.items():
            key = str(doc_id)
            old = before.get(key)
            if old is not None:
                article_id = id_of(key, old)
                ukey = url_key(old.get("url"))
                if ukey and urls.get(ukey) == article_id:
                    del urls[ukey]
                if bodies.get(old.get("body_hash", "")) == article_id:
                    del bodies[old["body_hash"]]
            add_keys(urls, bodies, key, doc)
        self._cache[name] = (now, urls, bodies)

    def forget(self, name: str) -> None:
        """Drop a shard's keys (its file changed in a way not carried over)."""
        self._cache.pop(name, None)

    def forget_all(self) -> None:
        """Drop every shard's keys."""
        self._cache.clear()
