"""Netscape bookmark files (``<!DOCTYPE NETSCAPE-Bookmark-file-1>``): what browsers,
Pinboard, Shaarli, Karakeep and most bookmark services export.

Every link is one saved page with its title, ``ADD_DATE``, ``TAGS`` and the names of the
folders it sits in as tags (not the browser's own toolbar or "other bookmarks" roots). A
file that marks some links ``TOREAD`` (Pinboard, linkding) says the others were read.
The ``<DD>`` under a link is its description.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from reader.ingest.decode import decode
from reader.ingest.formats import fields
from reader.ingest.formats.items import Failure, Item
from reader.ingest.formats.links import page_link
from reader.sanitize import one_line

#: Folder attributes that mark a browser's own roots, whose names are no tags.
ROOT_FOLDER_FLAGS = ("personal_toolbar_folder", "unfiled_bookmarks_folder")
#: Past this, an ``ADD_DATE`` counts milliseconds or microseconds, not seconds (a count of
#: seconds this large is some 3,000 years away).
LARGEST_SECONDS = 10**11


@dataclass
class _Bookmark:
    attrs: dict[str, str | None]
    folders: tuple[str, ...]
    title: list[str] = field(default_factory=list)
    description: list[str] = field(default_factory=list)


class _BookmarkFile(HTMLParser):
    """Collects the links with the folders above them and the description under them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.bookmarks: list[_Bookmark] = []
        self._folders: list[str | None] = []  # one per open <DL>
        self._heading: list[str] | None = None  # the <H3> being read
        self._next_folder: str | None = None  # what the next <DL> opens
        self._anchor: _Bookmark | None = None
        self._last: _Bookmark | None = None  # the link a <DD> here would describe
        self._described: _Bookmark | None = None  # the link the <DD> being read describes

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("dt", "dl", "h3"):
            self._last = self._described = None
        if tag == "h3":
            own = dict(attrs)
            root = any((own.get(flag) or "").lower() == "true" for flag in ROOT_FOLDER_FLAGS)
            self._heading = None if root else []
            self._next_folder = None
        elif tag == "dl":
            self._folders.append(self._next_folder)
            self._next_folder = None
        elif tag == "a":
            folders = tuple(name for name in self._folders if name)
            self._anchor = _Bookmark(dict(attrs), folders)
        elif tag == "dd" and self._anchor is None:
            self._described = self._last

    def handle_endtag(self, tag: str) -> None:
        if tag == "h3":
            self._next_folder = one_line("".join(self._heading)) if self._heading else None
            self._heading = None
        elif tag == "dl":
            if self._folders:
                self._folders.pop()
            self._last = self._described = None
        elif tag == "a" and self._anchor is not None:
            self.bookmarks.append(self._anchor)
            self._last, self._anchor = self._anchor, None

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading.append(data)
        elif self._anchor is not None:
            self._anchor.title.append(data)
        elif self._described is not None:
            self._described.description.append(data)


def read_netscape(name: str, data: bytes) -> list[Item]:
    """Every link of the file, as pages to keep."""
    parser = _BookmarkFile()
    parser.feed(decode(data))
    parser.close()
    marks_unread = any("toread" in mark.attrs for mark in parser.bookmarks)
    items: list[Item] = []
    for number, mark in enumerate(parser.bookmarks, start=1):
        url = mark.attrs.get("href") or ""
        title = one_line("".join(mark.title))
        label = f'{name}: bookmark {number} ("{title[:60] or one_line(url)[:60]}")'
        if not url.strip():
            items.append(Failure(label, "no URL"))
            continue
        unread = (mark.attrs.get("toread") or "").strip() == "1"
        items.append(
            page_link(
                name,
                label,
                url,
                title=title,
                read=not unread if marks_unread else None,
                tags=fields.unique([*mark.folders, *fields.split_tags(mark.attrs.get("tags"))]),
                saved=fields.from_epoch(_seconds(mark.attrs.get("add_date"))),
                summary="".join(mark.description).strip() or None,
            )
        )
    return items or [Failure(name, "bookmark file lists no links")]


def _seconds(value: str | None) -> int | None:
    """``ADD_DATE`` in seconds; some tools write milliseconds or microseconds."""
    try:
        count = int((value or "").strip())
    except ValueError:
        return None
    while count > LARGEST_SECONDS:
        count //= 1000
    return count
