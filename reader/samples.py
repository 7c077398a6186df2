"""The sample articles a new library starts with, so the very first screen shows something."""

from __future__ import annotations

from pathlib import Path

from reader.ingest.detect import known_extension
from reader.ingest.run import ImportReport, import_files
from reader.store import Library


def samples_folder() -> Path | None:
    """Where the samples are: inside the installed package, or ``articles/`` in a checkout."""
    here = Path(__file__).resolve().parent
    for folder in (here / "sample_articles", here.parent / "articles"):
        if folder.is_dir():
            return folder
    return None


def sample_files() -> list[str]:
    """The sample article files, in name order."""
    folder = samples_folder()
    if folder is None:
        return []
    return [str(path) for path in sorted(folder.iterdir()) if known_extension(path)]


def seed(library: Library) -> ImportReport:
    """Import the samples into ``library`` (used once, when a library is created)."""
    return import_files(library, sample_files(), workers=1)
