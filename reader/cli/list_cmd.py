"""``reader list``: articles newest first, as rows or JSON Lines; filtered by state,
source, tags or a saved view's query."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.cli.main import Subcommands
    from reader.store import Library


def register(commands: Subcommands) -> None:
    """Add the subcommand and its options."""
    from reader.cli.common import whole_number

    parser = commands.add("list")
    state = parser.add_mutually_exclusive_group()
    state.add_argument("--unread", action="store_true", help="only unread articles")
    state.add_argument("--read", action="store_true", help="only read articles")
    parser.add_argument("--bookmarked", action="store_true", help="only bookmarked articles")
    parser.add_argument(
        "--source",
        metavar="NAME",
        help="only articles whose source has these words, side by side, as source: in a "
        "search (case and accents aside)",
    )
    parser.add_argument(
        "--tag",
        metavar="NAME",
        action="append",
        help="only articles with this tag (case-insensitive); repeat for articles with all",
    )
    parser.add_argument("--view", metavar="NAME", help="only what this saved view's query finds")
    parser.add_argument(
        "--deleted", action="store_true", help="only deleted articles (not yet purged)"
    )
    parser.add_argument("--limit", type=whole_number(0), metavar="N", help="at most N articles")
    parser.add_argument("--json", action="store_true", help="JSON Lines, one object per article")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the matching articles."""
    from reader.cli.common import emit, open_library
    from reader.cli.format import as_row

    library = open_library(args)
    rows = library.articles(deleted=args.deleted)
    if args.view is not None:
        found = _view_ids(library, args.view, len(rows))
        if found is None:
            return 1
        rows = [a for a in rows if a.id in found]
    if args.tag:
        wanted_tags = {tag.strip().casefold() for tag in args.tag}
        rows = [a for a in rows if wanted_tags <= {tag.casefold() for tag in a.tags}]
    if args.unread:
        rows = [a for a in rows if not a.read]
    if args.read:
        rows = [a for a in rows if a.read]
    if args.bookmarked:
        rows = [a for a in rows if a.bookmarked]
    if args.source:
        from reader.search.text import words_in

        rows = [a for a in rows if words_in(args.source, a.source)]
    if args.limit is not None:
        rows = rows[: args.limit]
    if args.json:
        import orjson

        from reader.article_json import article_json

        out = sys.stdout.buffer
        for article in rows:
            out.write(orjson.dumps(article_json(article)) + b"\n")
        out.flush()
    elif rows:
        emit("\n".join(as_row(article) for article in rows))
    return 0


def _view_ids(library: Library, name: str, most: int) -> set[str] | None:
    """The IDs a saved view's query finds (every match, not the top few); None, with a
    line on stderr, when its query does not parse."""
    from reader.cli.common import warn
    from reader.search import SearchIndex

    view = library.view(name)
    progress = _indexing if sys.stderr.isatty() else None
    index = SearchIndex.open(library, progress=progress)
    result = index.search(view.query, max(most, 1))
    index.close()
    for notice in index.notices:
        warn(notice)
    if result.error:
        warn(f"view {view.name!r}: {result.error}")
        return None
    if result.partial:
        warn(f"view {view.name!r}: broad query: listed the newest matches only")
    return {hit.id for hit in result.hits}


def _indexing(done: int, total: int) -> None:
    print(f"\rindexing {done}/{total}", end="" if done < total else "\n", file=sys.stderr)
