"""Setting a damaged library file aside, so it is kept for inspection but never read again."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from reader.store.atomic import fsync_dir


def set_aside(root: Path, path: Path) -> Path:
    """Move ``path`` into the library's ``damaged/`` folder, durably; returns where it went."""
    folder = root / "damaged"
    folder.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    target = folder / f"{path.parent.name}-{path.name}.{stamp}"
    os.replace(path, target)
    fsync_dir(path.parent)
    return target
