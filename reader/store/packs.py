"""Article packs, ``packs/<name>.pack``: the files of many new articles in one file.

A feed update or a folder import stores thousands of articles at once. One file each costs
the file system an inode, a directory entry and a journal record per article: on a busy
disk that was most of a first update's time. So a batch's new articles are written
into packs of up to ``PACK_ARTICLES`` instead, each article's bytes exactly what its own
file would hold (the body, the raw input, a copy of its metadata). An article's metadata
names its pack (``"pack"``); a file of its own, written when the article is re-imported
later, wins over its packed copy.

The format is one line of JSON naming each article's place, then the articles::

    {"pack": 1, "entries": [["<id>", <offset>, <length>], ...]}\\n<article bytes>...

Offsets count from the end of that first line. Packs are written like any article file
(temp file, rename, synced before the metadata that names them is committed) and are
only ever replaced whole: when articles in one are removed for good, the pack is written
again without them (or removed when none is left).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeGuard, TypeVar

import orjson

from reader.store.atomic import atomic_write, fsync_dir
from reader.store.errors import DamagedFile
from reader.store.layout import PACK_SUFFIX

#: Articles in one pack at most: removing one for good rewrites the pack it is in.
PACK_ARTICLES = 64
#: A pack is closed once its articles' bytes pass this, for the same reason.
PACK_BYTES = 1 << 20
#: A batch with fewer new articles than this writes each to its own file, as before.
PACK_MIN = 4
T = TypeVar("T")
_HEX = frozenset("0123456789abcdef")
#: How much of a pack's index line is read at a time (64 places take about 2 KB).
_FIRST_READ = 4096


def new_name() -> str:
    """A name no other pack has (64 random bits; ``os.urandom`` is what ``secrets`` uses,
    without its imports at every start)."""
    return os.urandom(8).hex()


def is_name(name: object) -> TypeGuard[str]:
    """Whether ``name`` is a pack name this store makes (so a path built from metadata
    never leaves the packs folder)."""
    return isinstance(name, str) and len(name) == 16 and set(name) <= _HEX


def groups(items: list[T], size: Callable[[T], int]) -> Iterator[list[T]]:
    """A batch's articles in pack-sized groups, in order (``size`` about each one's bytes)."""
    group: list[T] = []
    total = 0
    for item in items:
        group.append(item)
        total += size(item)
        if len(group) >= PACK_ARTICLES or total >= PACK_BYTES:
            yield group
            group, total = [], 0
    if group:
        yield group


def pack_bytes(entries: list[tuple[str, bytes]]) -> bytes:
    """The bytes of a pack holding these (article ID, article file bytes) pairs."""
    index: list[tuple[str, int, int]] = []
    offset = 0
    for article_id, data in entries:
        index.append((article_id, offset, len(data)))
        offset += len(data)
    head = orjson.dumps({"pack": 1, "entries": index})
    return b"".join([head, b"\n", *(data for _, data in entries)])


def write(path: Path, entries: list[tuple[str, bytes]], *, durable: bool) -> None:
    """Write a pack atomically (made durable by the caller's sync when not ``durable``)."""
    atomic_write(path, pack_bytes(entries), keep_previous=False, durable=durable)


class Packed:
    """Where one article's bytes are inside a pack (a plain class: a dataclass would cost
    every command a millisecond at start)."""

    __slots__ = ("length", "offset", "path")

    def __init__(self, path: Path, offset: int, length: int) -> None:
        self.path, self.offset, self.length = path, offset, length

    def read(self) -> bytes:
        """The article's bytes; ``DamagedFile`` when the pack is cut short."""
        data = self.read_as_is()
        if len(data) != self.length:
            raise DamagedFile(self.path, "article pack is damaged")
        return data

    def read_as_is(self) -> bytes:
        """The article's bytes, fewer when the pack is cut short (damage kept as it is)."""
        fd = os.open(self.path, os.O_RDONLY)
        try:
            return _read_at(fd, self.offset, self.length, os.fstat(fd).st_size)
        finally:
            os.close(fd)


def _read_at(fd: int, offset: int, length: int, size: int) -> bytes:
    """``length`` bytes at ``offset``, or as many as a file of ``size`` bytes has there (an
    index damaged into naming a huge length must not ask for that much memory)."""
    return os.pread(fd, min(length, size - offset), offset) if offset < size else b""


def index(path: Path) -> dict[str, Packed]:
    """The articles a pack holds and where: ``FileNotFoundError`` when there is no pack,
    ``DamagedFile`` when its first line is not a pack's index."""
    with open(path, "rb") as pack:
        head = pack.readline()
    try:
        places = _places(head)
    except ValueError:
        raise DamagedFile(path, "article pack is damaged") from None
    return {
        article_id: Packed(path, offset, length) for article_id, (offset, length) in places.items()
    }


def read_entry(path: Path, article_id: str) -> bytes | None:
    """One article's bytes from its pack; None when the pack does not hold it (or is
    gone), ``DamagedFile`` when the pack is damaged."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return None
    try:
        status = os.fstat(fd)
        places = _cached_places(path, fd, status)
        if places is None:
            raise DamagedFile(path, _damaged(article_id))
        where = places.get(article_id)
        if where is None:
            return None
        offset, length = where
        data = _read_at(fd, offset, length, status.st_size)
    finally:
        os.close(fd)
    if len(data) != length:
        raise DamagedFile(path, _damaged(article_id))
    return data


#: The indexes of packs read lately, by (path, inode, size, modification time): a pack is
#: only ever replaced whole, by a new file, so a kept index never goes stale. Reading an
#: article through a kept index takes half the time of parsing the index again.
_INDEXES: dict[tuple[str, int, int, int], dict[str, tuple[int, int]]] = {}
_INDEXES_KEPT = 256
_INDEXES_LOCK = threading.Lock()
#: No pack is this large: an index naming such an offset or length is damaged.
_MOST = 1 << 40


def _cached_places(
    path: Path, fd: int, status: os.stat_result
) -> dict[str, tuple[int, int]] | None:
    """The places in the open pack ``fd`` (its ``status`` from fstat), from ``_INDEXES``
    or read; None if damaged."""
    key = (str(path), status.st_ino, status.st_size, status.st_mtime_ns)
    places = _INDEXES.get(key)
    if places is None:
        try:
            places = _places(_head(fd))
        except ValueError:
            return None
        with _INDEXES_LOCK:  # the app reads articles from more than one thread
            if len(_INDEXES) >= _INDEXES_KEPT:
                _INDEXES.pop(next(iter(_INDEXES), key), None)
            _INDEXES[key] = places
    return places


def _head(fd: int) -> bytes:
    """A pack's first line (its index), newline included when there is one."""
    head = b""
    while True:
        chunk = os.pread(fd, _FIRST_READ, len(head))
        end = chunk.find(b"\n")
        if end >= 0:
            return head + chunk[: end + 1]
        head += chunk
        if len(chunk) < _FIRST_READ:
            return head


def _places(head: bytes) -> dict[str, tuple[int, int]]:
    """Each article's (offset from the pack's start, length), from the index line;
    ``ValueError`` when it is not a pack's index."""
    try:
        entries = orjson.loads(head)["entries"]
        places = {
            str(article_id): (len(head) + int(offset), int(length))
            for article_id, offset, length in entries
        }
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError):
        raise ValueError("not a pack's index") from None
    if not head.endswith(b"\n") or any(
        not len(head) <= offset <= _MOST or not 0 <= length <= _MOST
        for offset, length in places.values()
    ):
        raise ValueError("not a pack's index")
    return places


def _damaged(article_id: str) -> str:
    return f"article pack is damaged: article {article_id} cannot be read"


def all_entries(folder: Path) -> Iterator[tuple[str, Packed]]:
    """Every (article ID, place) in every readable pack of a folder (damaged packs are
    left out: ``check`` names them through the articles they should hold)."""
    try:
        paths = sorted(folder.glob(f"*{PACK_SUFFIX}"))
    except OSError:
        return
    for path in paths:
        if not is_name(path.stem):
            continue
        try:
            yield from index(path).items()
        except (OSError, DamagedFile):
            continue


def keep_only(path: Path, keep: Callable[[str], bool]) -> None:
    """Write a pack again with only the articles ``keep`` says stay; remove it when none
    does (durably: the record of the change that asked for this goes right after)."""
    try:
        entries = index(path)
    except (FileNotFoundError, DamagedFile):
        return
    kept = {article_id: place for article_id, place in entries.items() if keep(article_id)}
    if len(kept) == len(entries):
        return
    if not kept:
        path.unlink(missing_ok=True)
        fsync_dir(path.parent)
        return
    # An article cut short stays as it is: still damaged, still named by ``check``.
    entries_kept = [(article_id, place.read_as_is()) for article_id, place in kept.items()]
    write(path, entries_kept, durable=True)
