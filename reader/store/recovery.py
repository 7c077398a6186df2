"""Getting metadata back: from a shard's previous copy, from the article files, or both.

Every article file (its own or packed) keeps a copy of its metadata document, written in the same import as
the shard, so the article files are the ground truth of which articles exist. A previous
copy of a shard (``NAME.prev``) is one write old: reconciled with the article files, the
articles imported or re-imported since (their files are newer than the copy) come back,
and the ones deleted since (their files are gone) stay gone.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

from reader.store.article_file import body_meta
from reader.store.atomic import fsync_dir
from reader.store.documents import Doc
from reader.store.errors import DamagedFile, UnknownArticle
from reader.store.ids import article_id_of, doc_id_of
from reader.store.layout import META, Layout
from reader.store.packs import Packed
from reader.store.shards import shard_docs
from reader.store.storage import parse_tables


def set_aside(layout: Layout, path: Path) -> Path:
    """Move a damaged file into ``damaged/`` (kept for inspection); returns where it went."""
    folder = layout.damaged
    folder.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    target = folder / f"{path.parent.name}-{path.name}.{stamp}"
    os.replace(path, target)
    fsync_dir(path.parent)
    return target


def key_of(article_id: str) -> str | None:
    """The document key of an article ID, None for a name that is no ID."""
    try:
        return str(doc_id_of(article_id))
    except UnknownArticle:
        return None


def docs_from_bodies(files: Mapping[str, Path | Packed]) -> dict[str, Doc]:
    """Metadata documents rebuilt from article files (by article ID), keyed by document."""
    docs: dict[str, Doc] = {}
    for article_id, path in files.items():
        key, meta = key_of(article_id), body_meta(path)
        if key is not None and meta is not None:
            docs[key] = meta
    return docs


def previous_docs(path: Path, kind: str) -> tuple[dict[str, Doc], int] | None:
    """A shard's previous copy (documents, modification time in ns), None if unusable."""
    previous = path.with_name(path.name + ".prev")
    try:
        raw = previous.read_bytes()
        written = os.stat(previous).st_mtime_ns
        return dict(shard_docs(previous, kind, parse_tables(previous, raw))), written
    except (OSError, DamagedFile):
        return None


def restore_meta(path: Path, files: Mapping[str, Path | Packed]) -> tuple[dict[str, Doc], str]:
    """A metadata shard's documents after damage, and how they were got back.

    From the previous copy reconciled with the shard's article files when there is one,
    else from the article files alone.
    """
    previous = previous_docs(path, META)
    if previous is None:
        docs = docs_from_bodies(files)
        return docs, f"rebuilt it from {len(docs)} article files"
    docs, written = previous
    kept = {key: doc for key, doc in docs.items() if article_id_of(int(key)) in files}
    dropped = len(docs) - len(kept)
    newer = 0
    for article_id, file in files.items():
        key = key_of(article_id)
        if key is None:
            continue
        try:
            stored = file if isinstance(file, Path) else file.path
            changed_since = os.stat(stored).st_mtime_ns > written
        except OSError:
            continue
        if key not in kept or changed_since:
            meta = body_meta(file)
            if meta is not None and kept.get(key) != meta:
                kept[key] = meta
                newer += 1
    how = "restored its previous copy"
    if newer:
        how += f" and {newer} articles written since, from their article files"
    if dropped:
        how += f"; {dropped} articles deleted since stay deleted"
    return kept, how
