"""Entry point: parse the command line, run the app or a subcommand, turn errors into one line."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from reader import __version__
from reader.cli import (
    check_cmd,
    clean_cmd,
    export_cmd,
    import_cmd,
    init_cmd,
    list_cmd,
    mark_cmd,
    reindex_cmd,
    search_cmd,
    show_cmd,
)
from reader.cli.common import warn
from reader.store.errors import StoreError

COMMANDS = (
    init_cmd,
    import_cmd,
    export_cmd,
    list_cmd,
    show_cmd,
    mark_cmd,
    clean_cmd,
    check_cmd,
    search_cmd,
    reindex_cmd,
)


def build_parser() -> argparse.ArgumentParser:
    """The whole command line: ``reader [--library DIR] [COMMAND ...]``."""
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
    for command in COMMANDS:
        command.register(commands, parent)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``reader``; returns the exit status (0 ok, 1 failed, 2 usage)."""
    args = build_parser().parse_args(argv)
    try:
        if not hasattr(args, "run"):
            from reader.ui.launch import launch_app

            return launch_app(args)
        status: int = args.run(args)
        return status
    except StoreError as error:
        warn(str(error))
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (``reader list | head``): not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except OSError as error:
        # A disk that is full or failing: say what could not be read or written, once.
        where = f"{error.filename}: " if error.filename else ""
        warn(f"{where}{error.strerror or error}; the change that failed was not saved")
        return 1


if __name__ == "__main__":
    sys.exit(main())
