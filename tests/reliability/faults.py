"""Failing disks on demand: an error at the k-th write step or the k-th system call.

``StepFaults`` is a ``Library.open(hook=...)`` hook: it raises at the k-th step the store
reports (written, fsynced, linked, previous-kept, replaced, dir-fsynced). ``SyscallFaults``
patches the ``os`` functions the store writes through, to reach what the hook does not
(journal removal, lock files, folder creation, body files, fsyncs of many files).
Each fails once (the next call works, as after a transient error) or persistently
(every later call fails too, as on a full disk).
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest

MESSAGES = {errno.ENOSPC: "No space left on device", errno.EIO: "Input/output error"}
#: The system calls a write goes through; ``open`` only counts when it opens for writing.
SYSCALLS = ("open", "write", "fsync", "replace", "link", "unlink", "mkdir", "ftruncate")
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC


class Faults:
    """Fail the ``at``-th counted event with ``code``; ``persistent`` fails every later one too."""

    def __init__(
        self, at: int | None = None, code: int = errno.ENOSPC, persistent: bool = False
    ) -> None:
        self.at, self.code, self.persistent = at, code, persistent
        self.armed = False
        self.seen: list[str] = []
        self.targets: list[str] = []
        self.raised = 0

    def event(self, name: str, target: object = None) -> None:
        """Count one event; raise if it is the chosen one (or later, when persistent)."""
        if not self.armed:
            return
        index = len(self.seen)
        self.seen.append(name)
        self.targets.append(str(target or ""))
        if self.at is not None and (index == self.at or (self.persistent and index > self.at)):
            if not self.persistent:
                self.armed = False
            self.raised += 1
            filename = target if isinstance(target, str | os.PathLike) else None
            raise OSError(self.code, MESSAGES[self.code], filename)


class StepFaults(Faults):
    """A store hook: counts and fails the named write steps."""

    def __call__(self, step: str) -> None:
        self.event(step)


@contextmanager
def syscall_faults(monkeypatch: pytest.MonkeyPatch, faults: Faults) -> Iterator[Faults]:
    """Route the ``os`` write calls through ``faults`` for the body of the ``with`` block."""
    originals: dict[str, Callable[..., Any]] = {name: getattr(os, name) for name in SYSCALLS}

    def wrap(name: str) -> Callable[..., Any]:
        original = originals[name]

        def patched(*args: Any, **kwargs: Any) -> Any:
            if name != "open" or (len(args) > 1 and args[1] & _WRITE_FLAGS):
                target = args[0] if args and not isinstance(args[0], int) else None
                faults.event(name, target)
            return original(*args, **kwargs)

        return patched

    with monkeypatch.context() as patch:
        for name in SYSCALLS:
            patch.setattr(os, name, wrap(name))
        # Without syncfs, an import fsyncs each file: those calls can fail too.
        patch.setattr("reader.store.atomic._syncfs", lambda: None)
        yield faults
