"""Bytes of one input to its items: picks the format reader, opens containers in memory."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field, replace

import orjson

from reader.ingest.decode import NOT_TEXT, is_binary
from reader.ingest.files import input_limit
from reader.ingest.formats import archive
from reader.ingest.formats.bookmark_json import read_bookmark_json
from reader.ingest.formats.compressed import gunzip
from reader.ingest.formats.csv_lists import read_csv_list
from reader.ingest.formats.document import read_document, title_stem
from reader.ingest.formats.feed import read_feed
from reader.ingest.formats.items import Failure, Item, Skipped
from reader.ingest.formats.netscape import read_netscape
from reader.ingest.formats.omnivore import (
    Files,
    ReadContent,
    is_omnivore,
    omnivore_file,
    read_omnivore,
)
from reader.ingest.formats.opml import read_opml
from reader.ingest.formats.pocket import read_pocket_html
from reader.ingest.formats.reader_json import is_reader_export, read_reader_export
from reader.ingest.formats.sniff import inner_name, sniff
from reader.ingest.formats.sniff_bookmarks import MOZLZ4_MAGIC, bookmark_kind
from reader.ingest.formats.wallabag import is_wallabag, read_wallabag

#: A zip may hold zips, but those may not hold more.
MAX_ZIP_DEPTH = 2
UNKNOWN_JSON = (
    "JSON of an unknown kind (expected an export of reader, wallabag, Omnivore, Pinboard "
    "or Karakeep, or a Firefox or Chrome bookmarks file)"
)
FIREFOX_COMPRESSED = (
    "a Firefox compressed backup (.jsonlz4), which reader cannot read; save a .json backup "
    "(Bookmarks > Manage bookmarks > Import and Backup > Backup) or export to HTML"
)


@dataclass(frozen=True)
class Where:
    """Where bytes came from: the article origin, the page URL, and how deep in containers.

    ``budget`` is the outermost archive's: what everything inside it may expand to.
    """

    origin: str
    url: str | None = None
    zips: int = 0
    gzipped: bool = False
    budget: archive.Budget | None = field(default=None, compare=False, repr=False)


def prepare_bytes(
    name: str, data: bytes, where: Where, *, as_name: str | None = None
) -> list[Item]:
    """Every item in ``data``; ``name`` labels failures, ``as_name`` (default ``name``) is sniffed."""
    kind = sniff(as_name or name, data)
    if kind == "zip":
        if where.zips >= MAX_ZIP_DEPTH:
            return [Failure(name, "zip archive nested more than one level deep; refused")]
        inside = replace(where, zips=where.zips + 1, budget=where.budget or archive.Budget())
        return _read_zip(name, data, inside)
    if kind == "gzip":
        if where.gzipped:
            return [Failure(name, "gzip inside gzip; refused")]
        inner_as = inner_name(as_name or name)
        try:
            inner = gunzip(data, input_limit(inner_as, expanded=True))
            if where.budget is not None:  # inside an archive: counts toward its total
                where.budget.charge(len(inner))
        except ValueError as error:
            return [Failure(name, str(error))]
        inside = replace(where, gzipped=True)
        return prepare_bytes(name, inner, inside, as_name=inner_as)
    if data.startswith(MOZLZ4_MAGIC):  # binary, but saying what to do instead helps more
        return [Failure(name, FIREFOX_COMPRESSED)]
    if is_binary(data):  # whatever the name says: a feed, a list, an export or a page
        return [Failure(name, NOT_TEXT)]
    if kind == "opml":
        return read_opml(name, data)
    if kind == "feed":
        return read_feed(name, data, origin=where.origin, url=where.url)
    if kind == "json":
        return _read_json(name, data, where)
    if kind == "csv":
        return read_csv_list(name, data)
    if kind == "pocket":
        return read_pocket_html(name, data)
    bookmarks = bookmark_kind(data)
    if bookmarks == "netscape":
        return read_netscape(name, data)
    named = inner_name(as_name or name)
    return [
        read_document(
            name, data, origin=where.origin, url=where.url, stem=title_stem(named), as_name=named
        )
    ]


def _read_json(name: str, data: bytes, where: Where) -> list[Item]:
    try:
        parsed = orjson.loads(data)
    except orjson.JSONDecodeError as error:
        return [Failure(name, f"not valid JSON ({error})")]
    if is_reader_export(parsed):
        return read_reader_export(name, parsed, origin=where.origin)
    if is_wallabag(parsed):
        return read_wallabag(name, parsed, origin=where.origin)
    if is_omnivore(parsed):
        return read_omnivore(name, parsed, {}, _content_reader(where))
    bookmarks = read_bookmark_json(name, parsed, origin=where.origin)
    if bookmarks is not None:
        return bookmarks
    return [Failure(name, UNKNOWN_JSON)]


def _content_reader(where: Where) -> ReadContent:
    """Reads an Omnivore content file as a document of that item."""

    def read(label: str, content: bytes, url: str | None) -> Item:
        stem = label.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        return read_document(label, content, origin=where.origin, url=url, stem=stem)

    return read


def _read_zip(name: str, data: bytes, where: Where) -> list[Item]:
    found = archive.members(name, data)
    if isinstance(found, Failure):
        return [found]
    infos, zipped = found
    budget = where.budget or archive.Budget()
    items: list[Item] = []
    with zipped:
        omnivore = _omnivore_lists(name, zipped, infos, budget)
        files: Files = {}
        for info in infos:
            label = archive.member_label(name, info.filename)
            if archive.is_link(info):
                items.append(Skipped(label, "archive-link"))
                continue
            consumed = bool(omnivore) and _omnivore_member(info.filename)
            own = omnivore_file(info.filename) if consumed else None
            if consumed and own is None:
                continue
            try:
                content = _read_member(zipped, info, budget, label, items)
            except archive.TotalTooLarge as error:
                items.append(Failure(name, str(error)))
                break
            if content is None:
                continue
            if own is not None:
                files[own] = (label, content)
            else:
                items.extend(prepare_bytes(label, content, where, as_name=info.filename))
        for list_name, entries in omnivore:
            items.extend(read_omnivore(list_name, entries, files, _content_reader(where)))
    return items or [Failure(name, "archive holds no files")]


def _read_member(
    zipped: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    budget: archive.Budget,
    label: str,
    items: list[Item],
) -> bytes | None:
    try:
        return budget.read(zipped, info)
    except archive.TotalTooLarge:
        raise
    except ValueError as error:  # MemberTooLarge included
        items.append(Failure(label, str(error)))
        return None


def _omnivore_lists(
    name: str, zipped: zipfile.ZipFile, infos: list[zipfile.ZipInfo], budget: archive.Budget
) -> list[tuple[str, list[object]]]:
    """Omnivore ``metadata_*.json`` lists in the archive, parsed."""
    lists: list[tuple[str, list[object]]] = []
    for info in infos:
        base = info.filename.rsplit("/", 1)[-1]
        if not (base.startswith("metadata_") and base.endswith(".json")):
            continue
        try:
            parsed = orjson.loads(budget.read(zipped, info))
        except (ValueError, orjson.JSONDecodeError):
            continue
        if is_omnivore(parsed):
            lists.append((archive.member_label(name, info.filename), parsed))
    return lists


def _omnivore_member(member: str) -> bool:
    """Members an Omnivore export consumes itself: its lists, contents and highlights."""
    base = member.rsplit("/", 1)[-1]
    if base.startswith("metadata_") and base.endswith(".json"):
        return True
    parts = member.split("/")
    return len(parts) >= 2 and parts[-2] in ("content", "highlights")
