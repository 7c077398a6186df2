"""Errors the store raises; each carries a one-line message fit to show a user."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """Base class: something about the library stopped an operation."""


class LockTimeout(StoreError):
    """Another process held the write lock for longer than we will wait."""

    def __init__(self, library: Path, seconds: float, holder: int | None) -> None:
        who = f" (process {holder})" if holder else ""
        super().__init__(
            f"{library}: another reader process{who} is writing; gave up after {seconds:g} s"
        )


class LibraryInUse(StoreError):
    """A second app tried to open a library that an app already has open."""

    def __init__(self, library: Path, pid: int | None) -> None:
        self.pid = pid
        who = f"process {pid}" if pid else "another process"
        super().__init__(f"{library}: already open in reader ({who}); close it there first")


class DamagedFile(StoreError):
    """A store file could not be read as what it should be."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class UnknownArticle(StoreError):
    """An ID (or ID prefix) given by the user matches no article, or several."""


class NotALibrary(StoreError):
    """The folder exists but holds something other than a reader library."""


class ChangeIncomplete(StoreError, OSError):
    """A write failed after the point where its change may already be on disk (journalled,
    or a file renamed into place), and could not be undone.

    Saying it was not saved would then be untrue. Still an ``OSError`` with the failure's
    errno and file.
    """

    def __init__(self, error: OSError, journal: Path | None) -> None:
        OSError.__init__(self, error.errno, error.strerror, error.filename)
        where = f"{error.filename}: " if error.filename else ""
        if journal is not None:
            outcome = (
                f"the change is kept in {journal} and will be finished when the library "
                "can be written again"
            )
        else:
            outcome = "the change may have been saved: the disk failed while making it durable"
        self.message = f"{where}{error.strerror or error}; {outcome}"

    def __str__(self) -> str:
        return self.message
