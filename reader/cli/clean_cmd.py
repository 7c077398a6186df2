"""``reader clean FILE...``: what import would store, printed instead of stored."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import orjson

from reader.cli.common import emit
from reader.sanitize import strip_controls

if TYPE_CHECKING:
    from reader.ingest.prepare import Failure
    from reader.store import NewArticle

#: HTML cleaning costs tens of milliseconds a page, enough to pay for worker processes;
#: text dumps clean faster than a worker starts.
POOL_MIN_HTML = 6


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    """Add the subcommand and its options."""
    parser = commands.add_parser(
        "clean",
        parents=[parent],
        help="clean files without storing them",
        description="Print the title, metadata and cleaned body that import would store.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.add_argument("--json", action="store_true", help="JSON Lines, one object per input")
    parser.set_defaults(run=run)


def _cleaned(files: list[str]) -> Iterator[list[NewArticle | Failure]]:
    """Each file's articles; HTML-heavy batches are cleaned on every core."""
    from concurrent.futures import ProcessPoolExecutor

    from reader.ingest.detect import EXTENSIONS
    from reader.ingest.prepare import prepare_file

    html = sum(1 for f in files if EXTENSIONS.get(os.path.splitext(f)[1].lower()) == "html")
    workers = min(os.cpu_count() or 1, 4)
    if html < POOL_MIN_HTML or workers < 2:
        yield from map(prepare_file, files)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(prepare_file, files, chunksize=4)


def as_json(path: str, article: NewArticle) -> dict[str, Any]:
    """The JSON object for one input: what the cleaning benchmark reads."""
    return {
        "path": path,
        "title": article.title,
        "body": article.body,
        "byline": article.author,
        "date": article.date,
        "source": article.source,
        "url": article.url,
        "language": article.language,
        "format": article.raw_format,
        "words": article.words,
        "removed": [{"text": r.text, "reason": r.reason} for r in article.removed],
    }


def run(args: argparse.Namespace) -> int:
    """Clean each file; failures are one line each on stderr, and exit 1."""
    from reader.ingest.prepare import Failure

    failed = False
    out = sys.stdout.buffer
    for path, items in zip(args.files, _cleaned(args.files), strict=True):
        for item in items:
            if isinstance(item, Failure):
                failed = True
                print(strip_controls(str(item)), file=sys.stderr)
            elif args.json:
                out.write(orjson.dumps(as_json(path, item)) + b"\n")
            else:
                out.flush()
                meta = " · ".join(x for x in (item.source, item.author, item.date, item.url) if x)
                emit(f"# {item.title}\n\n" + (f"*{meta}*\n\n" if meta else "") + item.body + "\n")
    out.flush()
    return 1 if failed else 0
