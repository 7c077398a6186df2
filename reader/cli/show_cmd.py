"""``reader show ID``: one article as Markdown, or as it was imported with ``--raw``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.cli.main import Subcommands


def register(commands: Subcommands) -> None:
    """Add the subcommand and its options."""
    parser = commands.add("show")
    parser.add_argument("id", metavar="ID", help="article ID (or a unique start of one)")
    parser.add_argument("--raw", action="store_true", help="print the text as it was imported")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the article."""
    from reader.cli.common import emit, open_library
    from reader.cli.format import as_markdown

    library = open_library(args)
    article = library.get(library.resolve(args.id))
    content = library.content(article.id)
    emit(content.raw if args.raw else as_markdown(article, content.markdown))
    return 0
