"""What opening a library checks before anything is written: is it one, is its manifest
sound, is there leftover work (temp files of writers that died)."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import orjson

from reader.store.layout import KINDS, Layout


def holds_data(layout: Layout) -> bool:
    """Whether any shard or article file exists (a manifest missing there is damage)."""
    for folder in (*map(layout.folder, KINDS), layout.bodies, layout.packs):
        with contextlib.suppress(OSError), os.scandir(folder) as entries:
            if any(not entry.name.startswith(".") for entry in entries):
                return True
    return False


def manifest_problem(manifest: Path) -> str | None:
    """What is wrong with the manifest: ``"missing"``, why it is damaged, or None."""
    try:
        data = orjson.loads(manifest.read_bytes())
    except FileNotFoundError:
        return "missing"
    except (OSError, orjson.JSONDecodeError) as error:
        return str(error)
    if not isinstance(data, dict) or "format" not in data:
        return "no format field"
    if not isinstance(data["format"], int):
        return "format is not a number"
    return None


def manifest_format(manifest: Path) -> int | None:
    """The format number a sound manifest gives, else None."""
    if manifest_problem(manifest) is not None:
        return None
    data = orjson.loads(manifest.read_bytes())
    return int(data["format"])


def upgraded(manifest: Path, upgrade: str) -> bool:
    """Whether the manifest records a one-time upgrade of the library as done."""
    try:
        data = orjson.loads(manifest.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return False
    done = data.get("upgraded") if isinstance(data, dict) else None
    return isinstance(done, list) and upgrade in done


def with_upgrade(manifest: Path, upgrade: str) -> bytes:
    """The manifest's bytes with ``upgrade`` recorded as done (its other fields kept)."""
    data = orjson.loads(manifest.read_bytes())
    done = data.get("upgraded")
    data["upgraded"] = [*(done if isinstance(done, list) else []), upgrade]
    return orjson.dumps(data)


def with_format(manifest: Path, number: int) -> bytes:
    """The manifest's bytes saying format ``number`` (its other fields kept)."""
    data = orjson.loads(manifest.read_bytes())
    data["format"] = number
    return orjson.dumps(data)


def has_temps(folder: Path) -> bool:
    """Whether a folder holds temp files (left by a writer that died, or being written)."""
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        return any(e.name.startswith(".") and e.name.endswith(".tmp") for e in entries)
    return False
