"""``reader delete``, ``reader restore`` and ``reader purge``: deleting articles, with undo.

A deleted article leaves lists, counts, search and exports but stays restorable for 30
days; then (or at ``reader purge --all``) its files are removed. ``reader delete`` and
``reader purge`` also purge what has been deleted for longer than that.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.cli.main import Subcommands
    from reader.store import Library


def register(commands: Subcommands) -> None:
    """Add the three subcommands."""
    delete = commands.add("delete")
    delete.add_argument("ids", nargs="+", metavar="ID")
    delete.set_defaults(run=run_delete)
    restore = commands.add("restore")
    restore.add_argument("ids", nargs="+", metavar="ID")
    restore.set_defaults(run=run_restore)
    purge = commands.add(
        "purge",
        description="Remove for good the articles deleted over 30 days ago, or with --all "
        "every deleted article: their text, metadata and state.",
    )
    purge.add_argument("--all", action="store_true", help="every deleted article, however recent")
    purge.set_defaults(run=run_purge)


def run_delete(args: argparse.Namespace) -> int:
    """Every ID is checked before anything changes, so a typo deletes nothing; one already
    deleted keeps its first time, and is named on stderr."""
    from reader.cli.common import open_library

    library = open_library(args)
    ids = [library.resolve(text) for text in args.ids]
    wanted = _named_unless(library, ids, deleted=False, note="already deleted")
    if wanted:
        library.delete(wanted)
    _purge(library, everything=False)
    return 0


def run_restore(args: argparse.Namespace) -> int:
    """Bring deleted articles back; one that is not deleted is left as it is, and named on
    stderr (as ``delete`` names one already deleted): the user asked for nothing to do."""
    from reader.cli.common import open_library

    library = open_library(args)
    ids = [library.resolve(text) for text in args.ids]
    wanted = _named_unless(library, ids, deleted=True, note="not deleted")
    if wanted:
        library.restore(wanted)
    return 0


def _named_unless(library: Library, ids: list[str], *, deleted: bool, note: str) -> list[str]:
    """The IDs whose article is deleted (or, with ``deleted`` False, is not); each other one
    gets an ``ID: note`` line on stderr."""
    from reader.cli.common import warn

    wanted = []
    for article_id in dict.fromkeys(ids):
        if (library.get(article_id).deleted_at is not None) == deleted:
            wanted.append(article_id)
        else:
            warn(f"{article_id}: {note}")
    return wanted


def run_purge(args: argparse.Namespace) -> int:
    """Purge and say how many articles went."""
    from reader.cli.common import open_library
    from reader.wording import counted

    library = open_library(args)
    print(f"purged {counted(len(_purge(library, everything=args.all)), 'article')}")
    return 0


def _purge(library: Library, *, everything: bool) -> list[str]:
    """Purge the articles deleted over 30 days ago (or all deleted ones); their IDs."""
    from reader.store.library import PURGE_AFTER

    return library.purge_deleted(None if everything else PURGE_AFTER)
