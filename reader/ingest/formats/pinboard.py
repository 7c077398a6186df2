"""Pinboard's JSON export: a list of ``href, description, extended, meta, hash, time,
shared, toread, tags`` objects.

``description`` is the title and ``extended`` the reader's note; tags are separated by
spaces; ``toread`` says which were still to read, so the others were read.
"""

from __future__ import annotations

from typing import Any

from reader.ingest.formats import fields
from reader.ingest.formats.entries import labelled, read_each
from reader.ingest.formats.items import Failure, Item
from reader.ingest.formats.links import page_link


def is_pinboard(data: object) -> bool:
    """A list of objects with Pinboard's ``href`` and ``hash`` (or ``toread``) fields."""
    return (
        isinstance(data, list)
        and bool(data)
        and isinstance(data[0], dict)
        and "href" in data[0]
        and ("hash" in data[0] or "toread" in data[0])
    )


def read_pinboard(name: str, entries: list[Any], *, origin: str) -> list[Item]:
    """Each bookmark as a page to keep."""

    def read(label: str, entry: dict[str, Any]) -> Item:
        url = fields.text(entry, "href")
        if not url:
            return Failure(label, "no URL")
        toread = (fields.optional_text(entry, "toread") or "").strip().lower()
        return page_link(
            name,
            label,
            url,
            title=fields.optional_text(entry, "description"),
            read={"yes": False, "no": True}.get(toread),
            tags=fields.split_tags(fields.optional_text(entry, "tags"), " "),
            saved=fields.saved_time(entry, "time"),
            summary=fields.optional_text(entry, "extended"),
        )

    found = read_each(labelled(name, entries, "description"), read)
    return found or [Failure(name, "Pinboard export holds no bookmarks")]
