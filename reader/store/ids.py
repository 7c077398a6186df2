"""Short, stable article IDs, and the shard each ID lives in.

An ID is 8 characters of lowercase base32 (Crockford's alphabet, no i/l/o/u) taken from a
SHA-256 of the article's identity (its URL, else its body), so the same article gets the
same ID in any library. The first character picks the shard: 32 shards whatever the size.
"""

from __future__ import annotations

import hashlib

from reader.store.errors import UnknownArticle

ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
ID_LENGTH = 8
SHARDS = tuple(ALPHABET)
_VALID = frozenset(ALPHABET)
# Two characters encode 10 bits: tables for both directions make conversion four lookups.
_PAIRS = [a + b for a in ALPHABET for b in ALPHABET]
_PAIR_VALUES = {pair: value for value, pair in enumerate(_PAIRS)}


def make_id(identity: str, attempt: int = 0) -> str:
    """The ID for an article identity; ``attempt`` > 0 gives alternatives after a collision."""
    seed = identity if attempt == 0 else f"{identity}#{attempt}"
    return article_id_of(int.from_bytes(hashlib.sha256(seed.encode("utf-8")).digest()[:5], "big"))


def shard_of(article_id: str) -> str:
    """The shard name an ID belongs to."""
    return article_id[0]


def doc_id_of(article_id: str) -> int:
    """The TinyDB document id for an article ID (the base32 number), so lookups are direct.

    Raises ``UnknownArticle`` for text that is not an ID (a damaged document can hold one).
    """
    values = _PAIR_VALUES
    try:
        if len(article_id) != ID_LENGTH:
            raise KeyError(article_id)
        return (
            values[article_id[0:2]] << 30
            | values[article_id[2:4]] << 20
            | values[article_id[4:6]] << 10
            | values[article_id[6:8]]
        )
    except (KeyError, TypeError):
        raise UnknownArticle(f"no article with ID {article_id!r}") from None


def article_id_of(doc_id: int) -> str:
    """Inverse of ``doc_id_of``."""
    pairs = _PAIRS
    return (
        pairs[doc_id >> 30]
        + pairs[doc_id >> 20 & 1023]
        + pairs[doc_id >> 10 & 1023]
        + pairs[doc_id & 1023]
    )


def looks_like_id_prefix(text: str) -> bool:
    """True when ``text`` could be the start of an ID (what users type to name an article)."""
    return 0 < len(text) <= ID_LENGTH and all(char in _VALID for char in text.lower())
