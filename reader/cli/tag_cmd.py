"""``reader tag ID... +name -name``: add and remove tags."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.cli.main import Subcommands


def register(commands: Subcommands) -> None:
    """Add the subcommand. Its words are taken as they come, since ``-name`` is no option."""
    parser = commands.add(
        "tag",
        usage="reader tag [--library DIR] ID... +NAME... -NAME...",
        description="Add (+name) and remove (-name) tags on the articles named, in one "
        "change. Case is ignored when comparing tags; a tag is one line without commas.",
    )
    parser.add_argument("words", nargs=argparse.REMAINDER, metavar="ID|+NAME|-NAME")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Every ID and tag is checked before anything changes."""
    from reader.cli.common import open_library, warn
    from reader.store.tags import spelt_as_known, tag_problem

    ids = [word for word in args.words if word[:1] not in ("+", "-")]
    added = [word[1:] for word in args.words if word.startswith("+")]
    removed = [word[1:] for word in args.words if word.startswith("-")]
    problem = _usage_problem(args.words, ids, added + removed)
    problem = problem or next(filter(None, map(tag_problem, added + removed)), None)
    if problem:
        warn(f"tag: {problem}")
        return 2
    library = open_library(args)
    resolved = [library.resolve(text) for text in ids]
    if added:  # a tag the library has already keeps its spelling
        added = spelt_as_known(added, (tag for row in library.articles() for tag in row.tags))
    library.tag(resolved, add=added, remove=removed)
    return 0


def _usage_problem(words: list[str], ids: list[str], tags: list[str]) -> str | None:
    """What is missing or misplaced among the words, if anything."""
    if any(word == "--library" or word.startswith("--library=") for word in words):
        return "options go before the IDs"
    if not ids:
        return "name the articles to tag (reader tag ID... +NAME -NAME)"
    if not tags:
        return "name tags to add (+NAME) or remove (-NAME)"
    return None
