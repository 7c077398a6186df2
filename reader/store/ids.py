"""Short, stable article IDs, and the shard each ID lives in.

An ID is 8 characters of lowercase base32 (Crockford's alphabet, no i/l/o/u) taken from a
SHA-256 of the article's identity (its URL, else its body), so the same article gets the
same ID in any library. The first character picks the shard: 32 shards whatever the size.
"""

from __future__ import annotations

import base64
import hashlib

ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
ID_LENGTH = 8
SHARDS = tuple(ALPHABET)
_VALID = frozenset(ALPHABET)
# base64's RFC 4648 base32 has the same 32 positions with other letters: translate.
_RFC4648 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_TO_OURS = str.maketrans(_RFC4648, ALPHABET)
_TO_RFC = str.maketrans(ALPHABET, _RFC4648)


def make_id(identity: str, attempt: int = 0) -> str:
    """The ID for an article identity; ``attempt`` > 0 gives alternatives after a collision."""
    seed = identity if attempt == 0 else f"{identity}#{attempt}"
    return _encode(hashlib.sha256(seed.encode("utf-8")).digest()[:5])


def _encode(five_bytes: bytes) -> str:
    return base64.b32encode(five_bytes).decode("ascii").translate(_TO_OURS)


def shard_of(article_id: str) -> str:
    """The shard name an ID belongs to."""
    return article_id[0]


def doc_id_of(article_id: str) -> int:
    """The TinyDB document id for an article ID (the base32 number), so lookups are direct."""
    return int.from_bytes(base64.b32decode(article_id.translate(_TO_RFC)), "big")


def article_id_of(doc_id: int) -> str:
    """Inverse of ``doc_id_of``."""
    return _encode(doc_id.to_bytes(5, "big"))


def looks_like_id_prefix(text: str) -> bool:
    """True when ``text`` could be the start of an ID (what users type to name an article)."""
    return 0 < len(text) <= ID_LENGTH and all(char in _VALID for char in text.lower())
