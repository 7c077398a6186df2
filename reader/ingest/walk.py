"""Expand the paths a user names into the files to import.

A path named on the command line is the user's choice and is followed wherever it leads,
symbolic link or not. Inside a folder nothing is followed: a symbolic link there may lead
anywhere (``passwd.txt -> /etc/passwd`` in a downloaded folder), loop, or name a device,
and what one names inside the folder is read as itself anyway. Each link met is left out
and reported, with where it leads.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from reader.ingest.detect import known_extension
from reader.ingest.formats.items import Skipped

#: Besides documents, a folder import picks up archives, compressed pages and feeds. JSON,
#: CSV and XML files are imported only when named, since folders hold many unrelated ones.
CONTAINER_SUFFIXES = (".zip", ".rss", ".atom", ".opml", ".html.gz", ".htm.gz", ".txt.gz", ".md.gz")


def wanted_in_folder(path: Path) -> bool:
    """True for files a folder import picks up."""
    return known_extension(path) or path.name.lower().endswith(CONTAINER_SUFFIXES)


def expand(paths: Iterable[str], skipped: list[Skipped] | None = None) -> Iterator[str]:
    """Files as named, and inside folders (recursively) every file of a known type.

    Hidden files and folders are skipped inside folders; a path that does not exist, and
    a URL, is passed through so the import reports or downloads it. What a folder holds
    besides such files (other types, symbolic links, pipes and devices) is added to
    ``skipped``, so the import can say what it left.
    """
    for text in paths:
        path = Path(text)
        if path.is_dir():
            found: list[str] = []
            _walk(path, path.resolve(), found, skipped if skipped is not None else [])
            yield from found
        else:
            yield text


def _walk(folder: Path, root: Path, found: list[str], skipped: list[Skipped]) -> None:
    """Files of ``folder`` in name order, depth first, never through a symbolic link."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError:
        skipped.append(Skipped(str(folder), "unreadable"))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            if entry.is_symlink():
                skipped.append(_link(path, root))
            elif entry.is_dir(follow_symlinks=False):
                _walk(path, root, found, skipped)
            elif not entry.is_file(follow_symlinks=False):
                skipped.append(Skipped(str(path), "special"))
            elif wanted_in_folder(path):
                found.append(str(path))
            else:
                skipped.append(Skipped(str(path), "other-type"))
        except OSError:  # removed or made unreadable while we looked
            skipped.append(Skipped(str(path), "unreadable"))


def _link(path: Path, root: Path) -> Skipped:
    """Why a symbolic link found in the folder ``root`` is left out, and where it leads."""
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):  # broken, or a loop (RuntimeError before Python 3.13)
        try:
            return Skipped(str(path), "link-broken", os.readlink(path))
        except OSError:
            return Skipped(str(path), "link-broken")
    if target == root or root in target.parents:
        return Skipped(str(path), "link-inside", str(target))
    return Skipped(str(path), "link-out", str(target))
