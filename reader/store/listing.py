"""Metadata and state documents turned into list rows, fast enough for 100k articles."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from operator import attrgetter

from reader.store.documents import Doc
from reader.store.highlights import stored as stored_highlights
from reader.store.ids import article_id_of
from reader.store.records import Article
from reader.store.rowcache import Row


def id_of(key: str, doc: Doc) -> str:
    """An article's ID: stored in its document, or computed from the document key."""
    stored = doc.get("id")
    return stored if isinstance(stored, str) else article_id_of(int(key))


def row_of(key: str, doc: Doc) -> Row:
    """A metadata document as the fields of a list row (see ``rowcache.Row``)."""
    get = doc.get
    date, added = get("date"), get("added") or ""
    return (
        key,
        id_of(key, doc),
        get("title") or "(untitled)",
        get("source"),
        get("url"),
        date,
        added,
        get("words") or 0,
        get("author"),
        get("language"),
        get("origin"),
        date or added,
        _tags(get("tags")),
    )


def _tags(value: object) -> tuple[str, ...]:
    """A document's tags; anything but a list of text is none."""
    if not isinstance(value, list):
        return ()
    return tuple(tag for tag in value if isinstance(tag, str))


def apply_state(article: Article, state: Doc) -> None:
    """Copy read, bookmark, position and highlights from a state document onto a row."""
    article.read = bool(state.get("read"))
    article.bookmarked = bool(state.get("bookmarked"))
    article.position = state.get("position")
    article.read_at = state.get("read_at") if article.read else None
    article.bookmarked_at = state.get("bookmarked_at") if article.bookmarked else None
    marks = state.get("highlights")
    article.highlights = stored_highlights(marks) if marks else ()


def article_of(key: str, doc: Doc, state: Doc | None) -> Article:
    """A list row from a metadata document and its state document."""
    (
        _, article_id, title, source, url, date, added, words, author, language, origin,
        sort_date, tags,
    ) = row_of(key, doc)  # fmt: skip
    article = Article(
        article_id, title, source, url, date, added, words, author, language, origin,
        False, False, None, sort_date, tags,
    )  # fmt: skip
    if state is not None:
        apply_state(article, state)
    return article


def newest_first(rows: list[Article]) -> None:
    """Sort in place by date, newest first; ties keep the order of their IDs.

    Two stable sorts on plain attributes are several times faster at 100k rows than one
    sort on a tuple key.
    """
    rows.sort(key=attrgetter("id"), reverse=True)
    rows.sort(key=attrgetter("sort_date"), reverse=True)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many rows.

    Rows hold no cycles; at 100k articles the collector's passes over the growing list
    cost about a fifth of a full listing.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
