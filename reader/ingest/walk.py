"""Expand the paths a user names into the files to import."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from reader.ingest.detect import known_extension

#: Besides documents, a folder import picks up archives, compressed pages and feeds. JSON,
#: CSV and XML files are imported only when named, since folders hold many unrelated ones.
CONTAINER_SUFFIXES = (".zip", ".rss", ".atom", ".opml", ".html.gz", ".htm.gz", ".txt.gz", ".md.gz")


def wanted_in_folder(path: Path) -> bool:
    """True for files a folder import picks up."""
    return known_extension(path) or path.name.lower().endswith(CONTAINER_SUFFIXES)


def expand(paths: Iterable[str], skipped: list[str] | None = None) -> Iterator[str]:
    """Files as named, and inside folders (recursively) every file of a known type.

    Hidden files and folders are skipped inside folders; a path that does not exist, and
    a URL, is passed through so the import reports or downloads it. Files of other types
    met in folders are added to ``skipped``, so the import can say it left them.
    """
    for text in paths:
        path = Path(text)
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                relative = found.relative_to(path).parts
                if any(part.startswith(".") for part in relative):
                    continue
                if not found.is_file():
                    continue
                if wanted_in_folder(found):
                    yield str(found)
                elif skipped is not None:
                    skipped.append(str(found))
        else:
            yield text
