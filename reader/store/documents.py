"""The shapes of stored documents, checked once when a shard file is parsed.

Valid JSON can still be damage: a document that is a string, a key that is no document
number, a title that is a number. Every reader of a shard would trip over such a thing in
its own way (a traceback in ``list``, a silently dropped shard), so a shard whose table does
not have the right shape is refused as a whole, like unparsable bytes, and recovered.

The check runs over whole columns with C-level ``map``/``set`` calls rather than a Python
loop per document: at 100k articles a loop cost as much as parsing the JSON, the column
check about a tenth of it. Fields a newer reader may add are let through; only the fields
this one reads are checked.
"""

from __future__ import annotations

from itertools import chain, repeat
from typing import Any

from reader.store.layout import FEED_TABLE, META

Doc = dict[str, Any]

_TEXT: frozenset[type] = frozenset({str, type(None)})
#: The fields a metadata document may hold, and the types each may have.
META_FIELDS: dict[str, frozenset[type]] = {
    **dict.fromkeys(
        ("id", "title", "source", "url", "date", "added", "author", "language", "origin",
         "body_hash"),
        _TEXT,
    ),
    "words": frozenset[type]({int, type(None)}),
    "tags": frozenset[type]({list, type(None)}),
}  # fmt: skip
_FLAG: frozenset[type] = frozenset({bool, type(None)})
#: The same for a state document (read / bookmark / reading position / deletion / tags /
#: highlights).
STATE_FIELDS: dict[str, frozenset[type]] = {
    "read": _FLAG,
    "bookmarked": _FLAG,
    "read_at": _TEXT,
    "bookmarked_at": _TEXT,
    "deleted_at": _TEXT,
    "tags": frozenset[type]({list, type(None)}),
    "highlights": frozenset[type]({list, type(None)}),
}
#: The same for a subscription (``subscriptions.Subscription``).
FEED_FIELDS: dict[str, frozenset[type]] = {
    **dict.fromkeys(
        ("id", "url", "title", "site", "added", "checked", "last_new", "etag", "last_modified",
         "error", "retry_at", "full_text"),
        _TEXT,
    ),
    "failures": frozenset[type]({int, type(None)}),
    "gone": _FLAG,
}  # fmt: skip
# A reading position is whatever the app keeps there (any JSON value): not checked.
#: Document numbers are 40-bit (eight base-32 characters): at most 13 decimal digits.
_MAX_KEY = 1 << 40


def table_problem(kind: str, table: object) -> str | None:
    """Why a shard's table is not a table of documents of its kind; None when it is."""
    if type(table) is not dict:
        return "its table is not an object"
    if not table:
        return None
    keys = table.keys()
    joined = "".join(keys)
    if not (joined.isascii() and joined.isdigit() and all(keys)) or max(map(len, keys)) > 13:
        bad = next(k for k in keys if not (k.isascii() and k.isdigit() and 0 < len(k) <= 13))
        return f"document key {bad!r} is not a document number"
    if max(map(len, keys)) == 13 and max(map(int, keys)) >= _MAX_KEY:
        return "a document key is out of range"
    docs = list(table.values())
    if set(map(type, docs)) != {dict}:
        key = next(k for k, doc in table.items() if type(doc) is not dict)
        return f"document {key} is not an object"
    fields = {META: META_FIELDS, FEED_TABLE: FEED_FIELDS}.get(kind, STATE_FIELDS)
    for field, allowed in fields.items():
        if not set(map(type, map(dict.get, docs, repeat(field)))) <= allowed:
            key = next(k for k, doc in table.items() if type(doc.get(field)) not in allowed)
            return f"document {key}: {field} is not {_names(allowed)}"
    tag_lists = list(filter(None, map(dict.get, docs, repeat("tags"))))
    if tag_lists and set(map(type, chain.from_iterable(tag_lists))) != {str}:
        key = next(
            k for k, doc in table.items() if any(type(t) is not str for t in doc.get("tags") or ())
        )
        return f"document {key}: tags are not all text"
    return None


def doc_problem(kind: str, doc: object) -> str | None:
    """Why one document (from a journal, an article file) is not of its kind; None when it is."""
    return table_problem(kind, {"1": doc})


def _names(allowed: frozenset[type]) -> str:
    names = sorted("null" if kind is type(None) else kind.__name__ for kind in allowed)
    return " or ".join(names)
