"""Browsers' bookmark files in JSON: Firefox's backup (``bookmarks-DATE.json``) and
Chrome's ``Bookmarks`` file (Chromium, Edge, Brave and Vivaldi write the same).

Both are trees of folders. Each bookmark keeps its title, the time it was added and, as
tags, the names of the folders it sits in (the browser's own roots left out) and, in
Firefox, its tags. Firefox counts microseconds since 1970, Chrome microseconds since 1601.
The tree is walked with a list, not recursion, so a deep tree cannot exhaust the stack.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from reader.ingest.formats import fields
from reader.ingest.formats.entries import entry_label, read_each
from reader.ingest.formats.items import Failure, Item
from reader.ingest.formats.links import page_link

FIREFOX_FOLDER = "text/x-moz-place-container"
FIREFOX_BOOKMARK = "text/x-moz-place"
#: Firefox keeps a bookmark's description in this annotation.
FIREFOX_DESCRIPTION = "bookmarkProperties/description"
MICROSECONDS = 1_000_000

#: (folder names above it, the node) for each bookmark of a tree.
Found = tuple[tuple[str, ...], dict[str, Any]]
#: What a node is: "folder", "bookmark", or None (a separator, something unknown).
Kind = Callable[[dict[str, Any]], str | None]
#: A folder node's name as a tag, or None for a folder whose name is no tag.
FolderName = Callable[[dict[str, Any]], str | None]


def is_firefox_backup(data: object) -> bool:
    """Firefox's backup: a folder object at the root, with ``children``."""
    return isinstance(data, dict) and data.get("type") == FIREFOX_FOLDER and "children" in data


def is_chrome_bookmarks(data: object) -> bool:
    """Chrome's ``Bookmarks``: an object whose ``roots`` hold the bar and other folders."""
    return (
        isinstance(data, dict)
        and isinstance(data.get("roots"), dict)
        and ("version" in data or "checksum" in data)
    )


def read_firefox_backup(name: str, root: dict[str, Any], *, origin: str) -> list[Item]:
    """Every bookmark of the backup as a page to keep."""

    def read(label: str, found: dict[str, Any]) -> Item:
        folders, node = found["folders"], found["node"]
        url = fields.text(node, "uri")
        if not url:
            return Failure(label, "no URL")
        return page_link(
            name,
            label,
            url,
            title=fields.optional_text(node, "title"),
            tags=fields.unique([*folders, *fields.split_tags(fields.optional_text(node, "tags"))]),
            saved=fields.from_epoch(node.get("dateAdded"), per_second=MICROSECONDS),
            summary=_firefox_description(node),
        )

    found = _walk(root, _firefox_kind, _firefox_folder)
    return read_each(_labelled(name, found, "title"), read) or [
        Failure(name, "Firefox backup holds no bookmarks")
    ]


def read_chrome_bookmarks(name: str, data: dict[str, Any], *, origin: str) -> list[Item]:
    """Every bookmark of the file as a page to keep."""

    def read(label: str, found: dict[str, Any]) -> Item:
        folders, node = found["folders"], found["node"]
        url = fields.text(node, "url")
        if not url:
            return Failure(label, "no URL")
        added = fields.from_epoch(
            node.get("date_added"), per_second=MICROSECONDS, offset=fields.SECONDS_BEFORE_1970
        )
        return page_link(
            name, label, url, title=fields.optional_text(node, "name"), tags=folders, saved=added
        )

    roots = [root for root in data["roots"].values() if isinstance(root, dict)]
    found = (item for root in roots for item in _walk(root, _chrome_kind, _chrome_folder))
    return read_each(_labelled(name, found, "name"), read) or [
        Failure(name, "Chrome bookmarks file holds no bookmarks")
    ]


def _labelled(name: str, found: Iterator[Found], title_key: str) -> Iterator[tuple[str, Any]]:
    for number, (folders, node) in enumerate(found, start=1):
        label = entry_label(name, number, node.get(title_key)).replace(": entry ", ": bookmark ", 1)
        yield label, {"folders": folders, "node": node}


def _walk(root: dict[str, Any], kind: Kind, folder_name: FolderName) -> Iterator[Found]:
    """The bookmarks under ``root``, in order, each with the folder names above it.

    ``root`` itself is the browser's own folder: its name is no tag.
    """
    stack: list[tuple[tuple[str, ...], Any]] = [((), child) for child in reversed(_children(root))]
    while stack:
        folders, node = stack.pop()
        if not isinstance(node, dict):
            continue
        what = kind(node)
        if what == "folder":
            name = folder_name(node)
            inside = (*folders, name) if name else folders
            stack.extend((inside, child) for child in reversed(_children(node)))
        elif what == "bookmark":
            yield folders, node


def _children(node: dict[str, Any]) -> list[Any]:
    children = node.get("children")
    return children if isinstance(children, list) else []


def _firefox_kind(node: dict[str, Any]) -> str | None:
    kind, code = node.get("type"), node.get("typeCode")
    if kind == FIREFOX_FOLDER or code == 2:
        return "folder"
    if kind == FIREFOX_BOOKMARK or code == 1:
        return "bookmark"
    return None  # separators


def _firefox_folder(node: dict[str, Any]) -> str | None:
    """A folder's name as a tag; the browser's roots (menu, toolbar...) give none."""
    return None if "root" in node else _one_name(fields.optional_text(node, "title"))


def _firefox_description(node: dict[str, Any]) -> str | None:
    annotations = node.get("annos")
    for note in annotations if isinstance(annotations, list) else []:
        if isinstance(note, dict) and note.get("name") == FIREFOX_DESCRIPTION:
            return fields.optional_text(note, "value")
    return None


def _chrome_kind(node: dict[str, Any]) -> str | None:
    kind = node.get("type")
    return "folder" if kind == "folder" else "bookmark" if kind == "url" else None


def _chrome_folder(node: dict[str, Any]) -> str | None:
    return _one_name(fields.optional_text(node, "name"))


def _one_name(text: str | None) -> str | None:
    names = fields.split_tags(text, "\n")
    return names[0] if names else None
