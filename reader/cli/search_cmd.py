"""``reader search QUERY``: ranked results as rows, or JSON Lines for scripts."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.cli.main import Subcommands


def register(commands: Subcommands) -> None:
    """Add the subcommand and its options."""
    from reader.cli.common import whole_number
    from reader.search.query import language

    parser = commands.add(
        "search",
        description="Search the library's articles, best match first.",
        epilog=f"query language:\n{language()}\n\nexit status: 0 found; 1 no match (nothing "
        "printed, a note on stderr) or another\nfailure; 2 a query that cannot be read",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("query", nargs="+", metavar="QUERY", help="what to look for")
    parser.add_argument(
        "--limit", type=whole_number(1), default=20, metavar="N", help="at most N (20)"
    )
    parser.add_argument("--json", action="store_true", help="JSON Lines, one object per result")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the best matches, best first; no match prints nothing and exits 1 (as grep
    does); a malformed query is a one-line error."""
    from reader.cli.common import emit, open_library, warn
    from reader.search import SearchIndex

    query = " ".join(args.query)
    library = open_library(args)
    index = SearchIndex.open(library, progress=_progress if sys.stderr.isatty() else None)
    result = index.search(query, args.limit)
    index.close()
    for notice in index.notices:  # after the search: it may have found damage too
        warn(notice)
    if result.error:
        warn(f"search: {result.error}")
        return 2
    if not result.hits:
        warn(f"search: no match for {query}")
        return 1
    if result.total > len(result.hits):
        shown = len(result.hits)
        warn(f"search: the first {shown} of {result.total} matches (--limit N for more)")
    if args.json:
        import orjson

        out = sys.stdout.buffer
        for hit in result.hits:
            record = {
                "id": hit.id,
                "title": hit.title,
                "source": hit.source,
                "date": hit.date,
                "added": hit.added,
                "score": hit.score,
                "snippet": hit.snippet,
            }
            out.write(orjson.dumps(record) + b"\n")
        out.flush()
    else:
        emit(
            "\n".join(
                _row(hit.id, hit.date, hit.source, hit.title, hit.snippet) for hit in result.hits
            )
        )
    return 0


def _row(article_id: str, day: str | None, source: str | None, title: str, snippet: str) -> str:
    return (
        f"{article_id}  {(day or '')[:10]:<10}  {(source or '')[:18]:<18}  {title}\n    {snippet}"
    )


def _progress(done: int, total: int) -> None:
    print(f"\rindexing {done}/{total}", end="" if done < total else "\n", file=sys.stderr)
