"""Short, stable article IDs, and the shard each ID lives in.

An ID is 8 characters of lowercase base32 (Crockford's alphabet, no i/l/o/u) taken from a
SHA-256 of the article's identity (its URL, else its body), so the same article gets the
same ID in any library. The first character picks the shard: 32 shards whatever the size.
"""

from __future__ import annotations

import hashlib

ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
ID_LENGTH = 8
SHARDS = tuple(ALPHABET)
_VALID = frozenset(ALPHABET)


def make_id(identity: str, attempt: int = 0) -> str:
    """The ID for an article identity; ``attempt`` > 0 gives alternatives after a collision."""
    seed = identity if attempt == 0 else f"{identity}#{attempt}"
    number = int.from_bytes(hashlib.sha256(seed.encode("utf-8")).digest()[:5], "big")
    chars = []
    for _ in range(ID_LENGTH):
        number, digit = divmod(number, 32)
        chars.append(ALPHABET[digit])
    return "".join(reversed(chars))


def shard_of(article_id: str) -> str:
    """The shard name an ID belongs to."""
    return article_id[0]


def doc_id_of(article_id: str) -> int:
    """The TinyDB document id for an article ID (the base32 number), so lookups are direct."""
    number = 0
    for char in article_id:
        number = number * 32 + ALPHABET.index(char)
    return number


def article_id_of(doc_id: int) -> str:
    """Inverse of ``doc_id_of``."""
    chars = []
    for _ in range(ID_LENGTH):
        doc_id, digit = divmod(doc_id, 32)
        chars.append(ALPHABET[digit])
    return "".join(reversed(chars))


def looks_like_id_prefix(text: str) -> bool:
    """True when ``text`` could be the start of an ID (what users type to name an article)."""
    return 0 < len(text) <= ID_LENGTH and all(char in _VALID for char in text.lower())
