"""Cross-process locks: a short write lock per change, and a long lock held by the app.

Both are ``flock`` locks, so the kernel drops them when the holder dies, even by kill -9:
a crashed process never leaves a library locked.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from reader.store.errors import LibraryInUse, LockTimeout


def _read_pid(path: Path) -> int | None:
    """The PID a holder wrote into its lock file, if any."""
    try:
        text = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return int(text) if text.isdigit() else None


def flock_within(fd: int, wait: float) -> bool:
    """Take an exclusive lock on ``fd``, trying again until ``wait`` seconds have passed;
    False when another process holds it still. ``flock`` cannot wait with a time limit
    itself, so it is tried without blocking, first often, then every 20 ms."""
    deadline = time.monotonic() + wait
    delay = 0.001
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(delay)
            delay = min(delay * 2, 0.02)


def _record_pid(fd: int) -> None:
    """Write our PID into a lock we hold, for messages naming the holder.

    Best effort: on a full or failing disk this write can fail, and raising would leave
    the lock held by a forgotten descriptor, so every later write of this process would
    wait for itself. The change being made then reports the disk error itself.
    """
    with contextlib.suppress(OSError):
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode("ascii"))


class WriteLock:
    """One writer at a time across processes and threads; re-entrant within a thread.

    Held only for the read-modify-write of a change, so CLI commands work while the app
    is open. A writer that cannot get it within ``timeout`` seconds fails clearly.
    """

    def __init__(self, path: Path, library: Path, timeout: float = 5.0) -> None:
        self.folder = library
        self.path = path
        self.timeout = timeout
        self._thread_lock = threading.RLock()
        self._depth = 0
        self._fd: int | None = None

    @contextlib.contextmanager
    def held_if_possible(self, timeout: float | None = None) -> Iterator[Exception | None]:
        """Hold the lock if its file can be opened (and it frees within ``timeout``, else
        the lock's own); else yield why not (an ``OSError`` or ``LockTimeout``), holding
        nothing. For work a reader may skip: a library this user may not write, or one
        another process is writing, can still be read.
        """
        try:
            holding = self.held(timeout)
            holding.__enter__()
        except (OSError, LockTimeout) as error:
            yield error
            return
        try:
            yield None
        except BaseException as error:
            if not holding.__exit__(type(error), error, error.__traceback__):
                raise
        else:
            holding.__exit__(None, None, None)

    @contextlib.contextmanager
    def held(self, timeout: float | None = None) -> Iterator[None]:
        """Hold the lock for the body of a ``with`` block (waiting up to ``timeout`` seconds,
        else the lock's own)."""
        wait = self.timeout if timeout is None else timeout
        if not self._thread_lock.acquire(timeout=wait):
            raise LockTimeout(self.folder, wait, None)
        try:
            if self._depth == 0:
                self._acquire_file_lock(wait)
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if self._depth == 0:
                    self._release_file_lock()
        finally:
            self._thread_lock.release()

    def _acquire_file_lock(self, wait: float) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        if not flock_within(fd, wait):
            os.close(fd)
            raise LockTimeout(self.folder, wait, _read_pid(self.path))
        _record_pid(fd)
        self._fd = fd

    def _release_file_lock(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)


class AppLock:
    """Held by a running app for its whole life, so a second app on the library is refused."""

    def __init__(self, path: Path, library: Path) -> None:
        self.folder = library
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock at once or raise ``LibraryInUse`` naming the holder's PID."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise LibraryInUse(self.folder, _read_pid(self.path)) from None
        _record_pid(fd)
        self._fd = fd

    def release(self) -> None:
        """Let another app open the library."""
        if self._fd is not None:
            fd, self._fd = self._fd, None
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
