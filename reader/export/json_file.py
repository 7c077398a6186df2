"""The whole library as one JSON file: text, raw input, dates, read state, bookmarks, positions.

Written one article at a time, so a large library never sits in memory twice, and
atomically, so an interrupted export never leaves half a file under the final name.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import orjson

from reader import __version__
from reader.article_json import article_json
from reader.ingest.formats.reader_json import MARKER, VERSION
from reader.store import Library
from reader.store.atomic import atomic_writer


def export_json(
    library: Library, target: Path, *, on_progress: Callable[[int, int], None] | None = None
) -> int:
    """Write the library to ``target``; returns how many articles it holds. Deleted articles
    are left out: deleting is how a user says an article is not to be kept."""
    articles = library.articles()
    header = {
        MARKER: VERSION,
        "generator": f"reader {__version__}",
        "exported": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "count": len(articles),
    }
    with atomic_writer(target, keep_previous=False) as out:
        out.write(orjson.dumps(header)[:-1] + b',"articles":[\n')
        for done, article in enumerate(articles, start=1):
            if done > 1:
                out.write(b",\n")
            out.write(orjson.dumps(article_json(article, library.content(article.id))))
            if on_progress:
                on_progress(done, len(articles))
        out.write(b"\n]}\n")
    return len(articles)
