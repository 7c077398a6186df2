"""What the index copies from the store's state shards: read and bookmark flags, tags, and
which articles are deleted (kept out of the index until restored).

A state document may say ``"deleted_at"`` (the article is in the trash: not searchable)
and may carry ``"tags"``, which then replace the tags of the article's metadata (an
article's effective tags: the state's list when the key is there, else the metadata's).
Tags are matched exactly, case aside, so each is kept folded with ``casefold``; they are
indexed as tokens of their own column, so that ``tag:`` is one more list FTS5 intersects
(a tag changed in the state indexes its article again).
"""

from __future__ import annotations

import json
import sqlite3
import unicodedata
from collections.abc import Iterable
from typing import Any

from reader.store.ids import article_id_of, doc_id_of

Doc = dict[str, Any]
TAG_MARK = "\ue003"
"""Begins a tag's token (private use, like ``text.SOURCE_MARK``)."""


def fold_tag(tag: str) -> str:
    """A tag as it is compared: exact but for case."""
    return unicodedata.normalize("NFC", tag).casefold().strip()


def deleted_ids(states: dict[str, Doc]) -> set[str]:
    """The articles a state shard marks deleted."""
    return {article_id_of(int(key)) for key, state in states.items() if state.get("deleted_at")}


def copy_flags(connection: sqlite3.Connection, name: str, states: dict[str, Doc]) -> None:
    """Copy a state shard's read and bookmark flags to the index's rows of that shard."""
    connection.execute(
        "UPDATE docs SET read = 0, bookmarked = 0 WHERE shard = ? AND (read OR bookmarked)",
        (name,),
    )
    connection.executemany(
        "UPDATE docs SET read = ?, bookmarked = ? WHERE id = ?",
        [
            (
                int(bool(state.get("read"))),
                int(bool(state.get("bookmarked"))),
                article_id_of(int(key)),
            )
            for key, state in states.items()
            if state.get("read") or state.get("bookmarked")
        ],
    )


def effective_tags(state: Doc | None, metadata_tags: str | None) -> str | None:
    """An article's tags as the index holds them (folded, sorted, as JSON; None when it has
    none): the state's list if it has one, else the metadata's."""
    if state is not None and "tags" in state:
        tags: Iterable[object] = state.get("tags") or ()
    else:
        tags = json.loads(metadata_tags) if metadata_tags else ()
    folded = sorted({f for tag in tags if isinstance(tag, str) and (f := fold_tag(tag))})
    return json.dumps(folded, ensure_ascii=False) if folded else None


def changed_tags(
    connection: sqlite3.Connection, name: str, states: dict[str, Doc]
) -> list[tuple[int, str | None]]:
    """The shard's rows whose effective tags differ from those indexed, with the new ones."""
    rows = connection.execute("SELECT rowid, id, tags, tagged FROM docs WHERE shard = ?", (name,))
    changed = []
    for rowid, article_id, metadata_tags, tagged in rows.fetchall():
        now = effective_tags(states.get(str(doc_id_of(article_id))), metadata_tags)
        if now != tagged:
            changed.append((int(rowid), now))
    return changed


def tag_text(tagged: str | None) -> str:
    """The tags column as indexed: one token per tag, its folded text in hexadecimal after
    ``TAG_MARK``, so that a tag is matched whole and exactly whatever characters it has."""
    if not tagged:
        return ""
    return " ".join(TAG_MARK + tag.encode().hex() for tag in json.loads(tagged))


def tag_token(tag: str) -> str:
    """The token ``tag:`` looks for."""
    return TAG_MARK + fold_tag(tag).encode().hex()


def keep_out(connection: sqlite3.Connection, name: str, ids: set[str]) -> None:
    """Record which of a shard's articles are deleted, so restoring one brings it back."""
    connection.execute("DELETE FROM held_out WHERE shard = ?", (name,))
    connection.executemany("INSERT INTO held_out VALUES (?, ?)", [(i, name) for i in sorted(ids)])


def kept_out(connection: sqlite3.Connection, name: str) -> set[str]:
    """The shard's articles the index holds out as deleted."""
    rows = connection.execute("SELECT id FROM held_out WHERE shard = ?", (name,))
    return {str(article_id) for (article_id,) in rows}
