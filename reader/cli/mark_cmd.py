"""``reader mark`` and ``reader bookmark``: change read state and bookmarks by ID."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.cli.main import Subcommands


def register(commands: Subcommands) -> None:
    """Add both subcommands."""
    mark = commands.add("mark")
    mark.add_argument("ids", nargs="+", metavar="ID")
    mark.add_argument("--unread", action="store_true", help="mark unread instead")
    mark.set_defaults(run=run_mark)
    bookmark = commands.add("bookmark")
    bookmark.add_argument("ids", nargs="+", metavar="ID")
    bookmark.add_argument("--remove", action="store_true", help="remove the bookmarks instead")
    bookmark.set_defaults(run=run_bookmark)


def run_mark(args: argparse.Namespace) -> int:
    """Every ID is checked before anything changes, so a typo changes nothing."""
    from reader.cli.common import open_library

    library = open_library(args)
    ids = [library.resolve(text) for text in args.ids]
    library.set_read(ids, read=not args.unread)
    return 0


def run_bookmark(args: argparse.Namespace) -> int:
    """Every ID is checked before anything changes, so a typo changes nothing."""
    from reader.cli.common import open_library

    library = open_library(args)
    ids = [library.resolve(text) for text in args.ids]
    library.set_bookmarked(ids, bookmarked=not args.remove)
    return 0
