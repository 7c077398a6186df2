"""``reader highlights``: every highlight in the library, newest first, as text or JSON Lines.

Each is checked against its article's text as it is now: one whose passage is no longer
there (the article was cleaned again, or the highlight came from another service) is
listed as detached, never left out.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.cli.main import Subcommands


def register(commands: Subcommands) -> None:
    """Add the subcommand and its options."""
    parser = commands.add("highlights")
    parser.add_argument(
        "--json",
        action="store_true",
        help="JSON Lines: article, title, text, note, created (and id, detached)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the highlights."""
    from reader.cli.common import emit, open_library
    from reader.passages.finding import detached, plain_of

    library = open_library(args)
    found = library.all_highlights()
    lost: set[str] = set()
    for article in {article.id: article for article, _ in found}.values():
        content = library.content(article.id)
        lost |= detached(plain_of(content.body, content.links), article.highlights)
    records = [
        {
            "article": article.id,
            "title": article.title,
            "text": mark["quote"],
            "note": mark["note"],
            "created": mark["created"],
            "id": mark["id"],
            "detached": mark["id"] in lost,
        }
        for article, mark in found
    ]
    if args.json:
        import orjson

        out = sys.stdout.buffer
        for record in records:
            out.write(orjson.dumps(record) + b"\n")
        out.flush()
    elif records:
        emit("\n\n".join(_as_text(record) for record in records))
    return 0


def _as_text(record: Mapping[str, Any]) -> str:
    """One highlight for people: the article, the quote, the note, whether it is detached."""
    lines = [f"{record['article']}  {record['created'][:10]}  {record['title']}"]
    lines.extend(f"  > {line}" for line in str(record["text"]).splitlines())
    if record["note"]:
        lines.extend(f"  Note: {line}" for line in str(record["note"]).splitlines())
    if record["detached"]:
        lines.append("  (detached: no longer found in the article's text)")
    return "\n".join(lines)
