"""Karakeep's (formerly Hoarder's) JSON export: ``{"bookmarks": [...], "lists": [...]}``.

A bookmark's ``content`` is a link (a page to keep, with its description, author and
publisher) or a text (a note written in Karakeep: an article in itself); uploaded
pictures and PDFs are not in the export and are left out. ``createdAt`` counts seconds;
``archived`` is read, ``favourited`` bookmarked; tags and the names of its lists are tags.
"""

from __future__ import annotations

from typing import Any

from reader.ingest.formats import fields
from reader.ingest.formats.entries import labelled, read_each
from reader.ingest.formats.items import Failure, ImportedArticle, Item, LeftOut
from reader.ingest.formats.links import page_link
from reader.sanitize import one_line, strip_controls
from reader.textstats import count_words

#: A text bookmark without a title is named by the start of its text.
TITLE_CHARS = 80


def is_karakeep(data: object) -> bool:
    """An object whose ``bookmarks`` are Karakeep's (``content`` and ``createdAt``)."""
    if not isinstance(data, dict) or not isinstance(data.get("bookmarks"), list):
        return False
    first = next(iter(data["bookmarks"]), None)
    return isinstance(first, dict) and "content" in first and "createdAt" in first


def read_karakeep(name: str, data: dict[str, Any], *, origin: str) -> list[Item]:
    """Each bookmark as a page to keep, or (a text) an article."""
    lists = _list_names(data.get("lists"))

    def read(label: str, entry: dict[str, Any]) -> Item:
        content = entry.get("content")
        kind = content.get("type") if isinstance(content, dict) else None
        tags = fields.unique(
            [
                *(one_line(tag) for tag in fields.names(entry, "tags", "name")),
                *(lists.get(str(key), "") for key in _ids(entry.get("lists"))),
            ]
        )
        state: dict[str, Any] = {
            "read": fields.flag(entry, "archived"),
            "bookmarked": fields.flag(entry, "favourited"),
            "tags": tags,
            "saved": fields.from_epoch(entry.get("createdAt")),
        }
        title = fields.text(entry, "title")
        if kind == "link" and isinstance(content, dict):
            url = fields.text(content, "url")
            if not url:
                return Failure(label, "no URL")
            about = [
                fields.optional_text(entry, "description")
                or fields.optional_text(content, "description"),
                fields.optional_text(entry, "note"),
            ]
            return page_link(
                name,
                label,
                url,
                title=title,
                author=one_line(fields.optional_text(content, "author") or "") or None,
                source=one_line(fields.optional_text(content, "publisher") or "") or None,
                summary="\n\n".join(part for part in about if part) or None,
                **state,
            )
        if kind == "text" and isinstance(content, dict):
            return _note(label, title, fields.text(content, "text") or "", origin, state)
        if kind == "asset":
            return LeftOut(label, "left out: an uploaded file, which the export does not hold")
        return Failure(label, "no content (expected a link or a text)")

    found = read_each(labelled(name, data["bookmarks"], "title"), read)
    return found or [Failure(name, "Karakeep export holds no bookmarks")]


def _note(label: str, title: str | None, text: str, origin: str, state: dict[str, Any]) -> Item:
    """A text bookmark: the note, whole, as the article (it is the reader's own writing)."""
    body = strip_controls(text).strip()
    if not body:
        return Failure(label, "empty text")
    shown = one_line(title or "") or one_line(body)[:TITLE_CHARS]
    return ImportedArticle(
        title=shown,
        body=body,
        raw=text,
        raw_format="markdown",
        origin=origin,
        words=count_words(body),
        **state,
    )


def _list_names(value: object) -> dict[str, str]:
    """List IDs to names, from the export's ``lists``."""
    names: dict[str, str] = {}
    for item in value if isinstance(value, list) else []:
        if isinstance(item, dict):
            key, name = fields.as_text(item.get("id")), fields.as_text(item.get("name"))
            if key and name:
                names[key] = one_line(name)
    return names


def _ids(value: object) -> list[str]:
    return [str(item) for item in value if fields.as_text(item)] if isinstance(value, list) else []
