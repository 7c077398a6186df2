"""Entry point: parse the command line, run the app or a subcommand, turn errors into one line.

Start-up time matters (scripts run ``reader mark`` and ``reader list`` in loops), so only
the module of the command being run is imported; the others appear in ``--help`` from the
table below without being loaded.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from importlib import import_module

from reader import __version__

#: Each command: its name, the ``reader.cli`` module that registers it, and its help line.
#: A module may register several commands (``mark_cmd``: mark and bookmark).
COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("init", "init_cmd", "create a library (with the sample articles)"),
    ("import", "import_cmd", "import files, folders, feeds, read-later exports, archives and URLs"),
    ("export", "export_cmd", "export the library as Markdown files or one JSON file"),
    ("list", "list_cmd", "list articles, newest first"),
    ("show", "show_cmd", "print an article as Markdown"),
    ("mark", "mark_cmd", "mark articles read (or unread)"),
    ("bookmark", "mark_cmd", "bookmark articles (or remove bookmarks)"),
    ("tag", "tag_cmd", "add (+name) and remove (-name) tags"),
    ("delete", "delete_cmd", "delete articles (restorable for 30 days)"),
    ("restore", "delete_cmd", "bring deleted articles back"),
    ("purge", "delete_cmd", "remove deleted articles for good"),
    ("views", "views_cmd", "list, add and remove saved searches"),
    ("highlights", "highlights_cmd", "list every highlight and its note, newest first"),
    ("clean", "clean_cmd", "clean files without storing them"),
    ("check", "check_cmd", "check the library's files for damage"),
    ("feeds", "feeds_cmd", "list, add, remove and export feed subscriptions"),
    ("update", "update_cmd", "refresh subscribed feeds and store their new articles"),
    (
        "search",
        "search_cmd",
        'search articles (words, "phrases", -word, OR, title: source: author: '
        "is:unread tag: before: after: sort:date)",
    ),
    ("reindex", "reindex_cmd", "rebuild the search index from the library"),
)


class Subcommands:
    """Where a command's module adds it: ``reader NAME`` with the options every command
    takes (``shared``: ``--library``) and its help line from ``COMMANDS``, so that no
    module repeats them."""

    def __init__(
        self, add_parser: Callable[..., argparse.ArgumentParser], shared: argparse.ArgumentParser
    ) -> None:
        self._add_parser = add_parser
        self.shared = shared

    def add(self, name: str, **options: object) -> argparse.ArgumentParser:
        """The parser of ``reader NAME``, for its own options."""
        return self._add_parser(name, parents=[self.shared], help=_HELP[name], **options)


def chosen_command(argv: Sequence[str]) -> str | None:
    """The command named on the command line, found as argparse will find it, or None.

    The only top-level option taking a value is ``--library`` (or an abbreviation of it,
    which argparse accepts); ``--library=DIR`` is one word.
    """
    words = iter(argv)
    for word in words:
        if word == "--":
            return next(words, None)
        if not word.startswith("-") or word == "-":
            return word
        if "=" not in word and len(word) > 3 and "--library".startswith(word):
            next(words, None)
    return None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command line: ``reader [--library DIR] [COMMAND ...]``.

    With ``argv``, only the module of the command it names is imported and registered
    in full; the others are listed by name and help alone.
    """
    library_help = "library folder (default: $READER_LIBRARY, else the XDG data folder)"
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--library", metavar="DIR", default=argparse.SUPPRESS, help=library_help)
    parser = argparse.ArgumentParser(
        prog="reader",
        description="A terminal reader for saved news articles. With no command, opens the app.",
    )
    parser.add_argument("--library", metavar="DIR", default=None, help=library_help)
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    known = {name: module for name, module, _ in COMMANDS}
    wanted = chosen_command(sys.argv[1:] if argv is None else argv)
    full = {known[wanted]} if wanted in known else set()
    if argv is None and wanted is None:
        full = set(known.values())  # a parser for documentation: every command in full
    subcommands = Subcommands(commands.add_parser, parent)
    registered: set[str] = set()
    for name, module, help_line in COMMANDS:
        if module in full:
            if module not in registered:
                import_module(f"reader.cli.{module}").register(subcommands)
                registered.add(module)
        else:
            commands.add_parser(name, help=help_line)
    return parser


#: Each command's help line.
_HELP = {name: help_line for name, _, help_line in COMMANDS}


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``reader``; returns the exit status (0 ok, 1 failed, 2 usage)."""
    words = sys.argv[1:] if argv is None else argv
    args = build_parser(words).parse_args(argv)
    try:
        if not hasattr(args, "run"):
            from reader.cli.launch import launch_app

            return launch_app(args)
        status: int = args.run(args)
        return status
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (``reader list | head``): not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as error:
        return _report(error)
    finally:
        common = sys.modules.get("reader.cli.common")
        if common is not None:
            common.report_warnings()


def _report(error: Exception) -> int:
    """A store error, a failing disk or a search index error as one line (status 1);
    anything else is raised."""
    from reader.cli.common import warn
    from reader.store.errors import StoreError

    if isinstance(error, StoreError):
        warn(str(error))
        return 1
    if isinstance(error, OSError):
        # A disk that is full or failing: say what could not be read or written, once.
        where = f"{error.filename}: " if error.filename else ""
        warn(f"{where}{error.strerror or error}; the change that failed was not saved")
        return 1
    import sqlite3  # only the search index uses it: not imported on every start

    if isinstance(error, sqlite3.Error):
        warn(f"search index: {error}")
        return 1
    raise error


if __name__ == "__main__":
    sys.exit(main())
