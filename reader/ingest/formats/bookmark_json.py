"""JSON lists of bookmarks, each format told by its shape: Pinboard, Karakeep, and the
browsers' own files (Firefox backups, Chrome's ``Bookmarks``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reader.ingest.formats.browser_json import (
    is_chrome_bookmarks,
    is_firefox_backup,
    read_chrome_bookmarks,
    read_firefox_backup,
)
from reader.ingest.formats.items import Item
from reader.ingest.formats.karakeep import is_karakeep, read_karakeep
from reader.ingest.formats.pinboard import is_pinboard, read_pinboard

#: (recognise, read) for each format; reading takes the list's name, the parsed JSON and
#: the origin its articles get.
READERS: tuple[tuple[Callable[[object], bool], Callable[..., list[Item]]], ...] = (
    (is_pinboard, read_pinboard),
    (is_karakeep, read_karakeep),
    (is_firefox_backup, read_firefox_backup),
    (is_chrome_bookmarks, read_chrome_bookmarks),
)


def read_bookmark_json(name: str, data: Any, *, origin: str) -> list[Item] | None:
    """The bookmarks of a list in one of these formats; None when it is none of them."""
    for recognise, read in READERS:
        if recognise(data):
            items: list[Item] = read(name, data, origin=origin)
            return items
    return None
