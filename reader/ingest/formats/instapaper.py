"""Rows of Instapaper's CSV export: ``URL,Title,Selection,Folder,Timestamp`` (newer exports
add ``Tags``).

The folder says the state: Archive is read, Starred bookmarked, Unread neither, and any
other folder (the reader's own) becomes a tag. The selection is a highlight.
"""

from __future__ import annotations

from collections.abc import Mapping

import orjson

from reader.ingest.formats import fields
from reader.ingest.formats.highlights import highlight, kept
from reader.ingest.formats.items import Failure, Item
from reader.ingest.formats.links import page_link
from reader.sanitize import one_line

#: Instapaper's own folders; every other folder is one the reader made.
UNREAD, ARCHIVE, STARRED = "unread", "archive", "starred"


def is_instapaper(columns: Mapping[str, str]) -> bool:
    """Instapaper's header: a folder and a selection or timestamp beside the URL."""
    return "folder" in columns and ("selection" in columns or "timestamp" in columns)


def instapaper_row(name: str, label: str, row: dict[str, str]) -> Item:
    """One saved link with its folder's state, its tags and the passage selected."""
    url = row.get("url", "").strip()
    if not url:
        return Failure(label, "no URL")
    folder = one_line(row.get("folder", ""))
    own = folder.lower() in (UNREAD, ARCHIVE, STARRED)
    return page_link(
        name,
        f"{name}: {one_line(url)[:120]}",
        url,
        title=row.get("title"),
        read=folder.lower() == ARCHIVE,
        bookmarked=folder.lower() == STARRED,
        tags=fields.unique([*_tags(row.get("tags", "")), "" if own else folder]),
        saved=fields.from_epoch(row.get("timestamp")),
        highlights=kept([highlight(row.get("selection", ""))]),
    )


def _tags(text: str) -> tuple[str, ...]:
    """The Tags column: a JSON list of names, or names separated by commas."""
    text = text.strip()
    if text.startswith("["):
        try:
            names = orjson.loads(text)
        except orjson.JSONDecodeError:
            names = None
        if isinstance(names, list):
            return fields.unique(one_line(fields.as_text(name) or "") for name in names)
    return fields.split_tags(text)
