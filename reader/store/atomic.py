"""Crash-safe file replacement: temp file, fsync, rename, fsync the folder.

A reader of the file sees either the old bytes or the new ones, never a mix, and once
``atomic_write`` returns the new bytes survive a power cut. The previous version is kept
as ``NAME.prev`` (a hard link, so it costs no copy) for recovery when the current file is
later found damaged.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from io import BufferedWriter
from pathlib import Path

#: Called with the name of each step of a write; tests raise from it to simulate a crash
#: (or a failing disk) between any two steps.
StepHook = Callable[[str], None]


def _no_hook(step: str) -> None:
    """The default: nothing happens between steps."""


TEMP_SUFFIX = ".tmp"
PREVIOUS_SUFFIX = ".prev"


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new entry in ``folder`` durable."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def temp_path_for(path: Path) -> Path:
    """A temp name in the same folder (so rename is atomic), unique to this process."""
    return path.with_name(f".{path.name}.{os.getpid()}{TEMP_SUFFIX}")


def _open_new(path: str, flags: int) -> int:
    """Open a temp file for writing, never through a symbolic link planted under its name
    (an export may write into a folder others can write to)."""
    return os.open(path, flags | getattr(os, "O_NOFOLLOW", 0), 0o644)


def write_file(path: Path, data: bytes, *, durable: bool = True, hook: StepHook = _no_hook) -> None:
    """Write ``data`` to ``path`` fully, fsynced when ``durable``; the file is created or truncated."""
    fd = _open_new(str(path), os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        hook("written")
        if durable:
            os.fsync(fd)
            hook("fsynced")
    finally:
        os.close(fd)


def atomic_write(
    path: Path,
    data: bytes,
    *,
    keep_previous: bool = True,
    durable: bool = True,
    hook: StepHook | None = None,
) -> None:
    """Replace ``path`` with ``data`` atomically (and durably unless told otherwise).

    On any failure the temp file is removed and ``path`` is left as it was.
    """
    hook = hook or _no_hook
    temp = temp_path_for(path)
    with _replacing(path, temp, keep_previous=keep_previous, durable=durable, hook=hook):
        write_file(temp, data, durable=durable, hook=hook)


@contextlib.contextmanager
def atomic_writer(
    path: Path, *, keep_previous: bool = True, durable: bool = True
) -> Iterator[BufferedWriter]:
    """A file to write ``path``'s new content into piece by piece: ``atomic_write`` for
    what is too large to hold in memory at once (a whole library's export).

    ``path`` is replaced when the block ends; if it raises, ``path`` is left as it was.
    """
    temp = temp_path_for(path)
    with (
        _replacing(path, temp, keep_previous=keep_previous, durable=durable, hook=_no_hook),
        open(temp, "wb", opener=_open_new) as out,
    ):
        yield out
        out.flush()
        if durable:
            os.fsync(out.fileno())


@contextlib.contextmanager
def _replacing(
    path: Path, temp: Path, *, keep_previous: bool, durable: bool, hook: StepHook
) -> Iterator[None]:
    """Around writing ``temp``: then put it in place of ``path``; on failure remove it."""
    try:
        yield
        if keep_previous and path.exists():
            _keep_previous_version(path, hook)
        os.replace(temp, path)
        hook("replaced")
        if durable:
            fsync_dir(path.parent)
            hook("dir-fsynced")
    except BaseException as error:
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(error, OSError) and error.errno is not None:
            # Name the file the user's change was for, not our temp file.
            raise OSError(error.errno, error.strerror, str(path)) from error
        raise


def _keep_previous_version(path: Path, hook: StepHook) -> None:
    """Hard-link the current file as ``NAME.prev`` without a moment where it is missing."""
    previous = path.with_name(path.name + PREVIOUS_SUFFIX)
    link = path.with_name(f".{path.name}.{os.getpid()}.prev{TEMP_SUFFIX}")
    with contextlib.suppress(FileNotFoundError):
        link.unlink()
    os.link(path, link)
    hook("linked")
    os.replace(link, previous)
    # When NAME.prev already is a link to the current file (a write that stopped after
    # keeping it), rename(2) does nothing and leaves the link behind: remove it.
    with contextlib.suppress(FileNotFoundError):
        link.unlink()
    hook("previous-kept")


def _load_syncfs() -> Callable[[int], int] | None:
    """Linux's syncfs(2), which flushes one file system in a single call, if available."""
    try:
        import ctypes
        import ctypes.util

        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        function = libc.syncfs
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int]
    function.restype = ctypes.c_int
    return function


_syncfs_cache: list[Callable[[int], int] | None] = []


def _syncfs() -> Callable[[int], int] | None:
    """syncfs, looked up on first use (ctypes costs start-up time every command would pay)."""
    if not _syncfs_cache:
        _syncfs_cache.append(_load_syncfs())
    return _syncfs_cache[0]


def sync_many(paths: list[Path]) -> None:
    """Make many freshly written files, and their folders, durable.

    One ``syncfs`` of the library's file system costs about what a single fsync does,
    where an fsync per file would cost a disk flush each; without syncfs (not Linux), each
    file and folder is fsynced.
    """
    if not paths:
        return
    syncfs = _syncfs()
    if syncfs is not None:
        fd = os.open(paths[0].parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            if syncfs(fd) == 0:
                return
        finally:
            os.close(fd)
    for path in paths:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    for folder in {path.parent for path in paths}:
        fsync_dir(folder)


def remove_stale_temps(folder: Path) -> int:
    """Delete temp files left by writers that died mid-write; returns how many.

    Only call this while holding the library's write lock, so no live writer is mid-way.
    """
    removed = 0
    if not folder.is_dir():
        return 0
    for entry in folder.iterdir():
        if entry.name.startswith(".") and entry.name.endswith(TEMP_SUFFIX):
            with contextlib.suppress(OSError):
                entry.unlink()
                removed += 1
    return removed
