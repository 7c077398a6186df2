"""Metadata and state documents turned into list rows, fast enough for 100k articles."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from operator import attrgetter

from reader.store.documents import Doc
from reader.store.highlights import stored as stored_highlights
from reader.store.ids import article_id_of
from reader.store.records import Article
from reader.store.rowcache import Row
from reader.store.tags import normalised


def id_of(key: str, doc: Doc) -> str:
    """An article's ID: stored in its document, or computed from the document key."""
    stored = doc.get("id")
    return stored if isinstance(stored, str) else article_id_of(int(key))


def sort_date(date: str | None, added: str) -> str:
    """What "newest first" orders an article by: its publication date, else the day it was
    saved, placed after every article published that day.

    An undated article is not news of the moment it was saved (a page kept for years, an
    old text dump), so it must not stand above the day's dated articles; it sits among the
    articles published when it was saved, below those of that very day. Its key is the
    previous day followed by ``~``, which sorts after any time of that day and before the
    saved day itself, then the time it was saved: the undated articles of one day stand
    in the order they came, the latest first.
    """
    if date:
        return date
    moment = saved_moment(added)
    if moment is None:
        return added
    return f"{(moment.date() - timedelta(days=1)).isoformat()}~{moment.isoformat()}"


def saved_moment(added: str) -> datetime | None:
    """When an article was saved, in UTC, or None for a time that is not one.

    Saved times carry an offset (``+00:00`` from this library, others from an export's
    ``created_at``): they are compared in UTC, the form dates are stored in.
    """
    try:
        moment = datetime.fromisoformat(added.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.astimezone(UTC) if moment.tzinfo is not None else moment


def saved_day(added: str) -> str | None:
    """The day (ISO, in UTC) an article was saved, or None for a time that is not one."""
    moment = saved_moment(added)
    return moment.date().isoformat() if moment is not None else None


def row_of(key: str, doc: Doc) -> Row:
    """A metadata document as the fields of a list row (see ``rowcache.Row``)."""
    get = doc.get
    date, added, tags = get("date"), get("added") or "", get("tags")
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
        sort_date(date, added),
        tuple(normalised(tags)) if tags else (),
    )


def apply_state(article: Article, state: Doc) -> None:
    """Copy read, bookmark, position, deletion, tags and highlights from a state document onto a row.

    The state's tags, when it has the key, are the article's tags (an empty list: the
    user removed them all); else the ones its import carried stay.
    """
    get = state.get
    article.read = bool(get("read"))
    article.bookmarked = bool(get("bookmarked"))
    article.position = get("position")
    article.read_at = get("read_at") if article.read else None
    article.bookmarked_at = get("bookmarked_at") if article.bookmarked else None
    article.deleted_at = get("deleted_at")
    if "tags" in state:
        article.tags = tuple(state["tags"] or ())
    marks = get("highlights")
    article.highlights = stored_highlights(marks) if marks else ()


def article_of(key: str, doc: Doc, state: Doc | None) -> Article:
    """A list row from a metadata document and its state document."""
    _, article_id, title, source, url, date, added, words, author, language, origin, order, tags = (
        row_of(key, doc)
    )
    article = Article(
        article_id, title, source, url, date, added, words, author, language, origin,
        False, False, None, order, None, None, None, tags,
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


def insert_newest_first(rows: list[Article], article: Article) -> None:
    """Put ``article`` where ``newest_first`` would, in rows already in that order.

    A binary search: restoring one article in a list of 100k costs microseconds, where
    sorting the whole list again costs tens of milliseconds.
    """
    wanted = (article.sort_date, article.id)
    low, high = 0, len(rows)
    while low < high:
        middle = (low + high) // 2
        row = rows[middle]
        if (row.sort_date, row.id) > wanted:
            low = middle + 1
        else:
            high = middle
    rows.insert(low, article)


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
