"""One article's file, ``bodies/<cc>/<id>.json`` or its place in a pack (``packs.py``):
what an import writes, how it is read.

The file holds the cleaned body, what cleaning removed, the raw input, the links, and a
copy of the article's metadata document, so that metadata lost from the shards can be
rebuilt from the article files (see ``recovery.py``).
"""

from __future__ import annotations

import contextlib
from datetime import datetime
from pathlib import Path

import orjson

from reader.removed import Removed
from reader.store.documents import Doc, doc_problem
from reader.store.errors import DamagedFile
from reader.store.layout import META
from reader.store.packs import Packed
from reader.store.records import ArticleContent, NewArticle, carried_tags
from reader.store.tags import normalised


def payload(item: NewArticle, meta: Doc) -> bytes:
    """The bytes of an article's file."""
    return orjson.dumps(
        {
            "meta": meta,
            "body": item.body,
            "removed": [[r.text, r.reason] for r in item.removed],
            "raw": item.raw,
            "raw_format": item.raw_format,
            "links": item.links,
        }
    )


def content_of(data: bytes, where: Path, packed: str | None = None) -> ArticleContent:
    """An article file's bytes (its own file's, or article ``packed``'s part of the pack
    at ``where``) read; ``DamagedFile`` when they are not an article's."""
    damaged = f"article {packed} in this pack is damaged" if packed else "article file is damaged"
    try:
        parsed = orjson.loads(data)
    except orjson.JSONDecodeError:
        raise DamagedFile(where, damaged) from None
    try:  # valid JSON of the wrong shape is damage too, not a crash
        content = ArticleContent(
            body=parsed.get("body", ""),
            raw=parsed.get("raw", ""),
            raw_format=parsed.get("raw_format", "text"),
            removed=[Removed(text, reason) for text, reason in parsed.get("removed", [])],
            links=str(parsed.get("links", "")),
        )
    except (AttributeError, TypeError, ValueError):
        raise DamagedFile(where, damaged) from None
    texts = [content.body, content.raw, content.raw_format]
    texts += [part for removed in content.removed for part in (removed.text, removed.reason)]
    if not all(isinstance(text, str) for text in texts):
        raise DamagedFile(where, damaged)
    return content


def body_meta(copy: Path | Packed) -> Doc | None:
    """The metadata copy in an article file (its own or a packed one); None if it is
    unreadable or damaged."""
    try:
        data = copy.read_bytes() if isinstance(copy, Path) else copy.read()
        meta = orjson.loads(data)["meta"]
    except (OSError, DamagedFile, orjson.JSONDecodeError, KeyError, TypeError):
        return None
    return meta if doc_problem(META, meta) is None else None


def meta_doc(article_id: str, item: NewArticle, bkey: str, now: str) -> Doc:
    """The metadata document of a new article (also kept in its article file).

    Given the types ``documents.py`` checks whatever an importer handed in (a number as a
    title, a float as a word count), so that no write makes a shard the next reader would
    have to refuse as damaged.
    """
    doc: Doc = {
        "id": article_id,
        "title": _text(item.title),
        "source": _text(item.source),
        "url": _text(item.url),
        "date": _text(item.date),
        "added": added_time(getattr(item, "saved", None), now),
        "words": int(item.words or 0),
        "author": _text(item.author),
        "language": _text(item.language),
        "origin": _text(item.origin),
        "body_hash": bkey,
    }
    tags = normalised(carried_tags(item))
    if tags:
        doc["tags"] = tags
    if item.feed_entry:
        doc["feed_entry"] = item.feed_entry
    return doc


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def added_time(saved: object, now: str) -> str:
    """When an article was added: now, or when another reader's export says it was saved.

    An ISO timestamp is kept as written (offset and all), so an export round-trips exactly.
    """
    if saved is None:
        return now
    if isinstance(saved, str) and "T" in saved:
        with contextlib.suppress(ValueError):
            datetime.fromisoformat(saved.replace("Z", "+00:00"))
            return saved
    from reader.dates import normalize_date  # not at import: listing never needs it

    return normalize_date(saved) or now
