"""``reader init``: make a library now, with the sample articles or empty."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.cli.main import Subcommands


def register(commands: Subcommands) -> None:
    """Add the subcommand."""
    parser = commands.add("init")
    parser.add_argument(
        "--empty", action="store_true", help="create it without the sample articles"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Create the library if it is not there yet, and say where it is."""
    from reader.cli.common import library_path, open_library

    library = open_library(args, seed=not args.empty, create=True)
    state = "created" if library.created else "already exists"
    print(f"{library_path(args)}: library {state}, {len(library.articles())} articles")
    return 0
