"""``reader import INPUT...``: files, folders, archives, exports and URLs into the library."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.ingest.prepare import Failure
    from reader.ingest.run import ImportReport
    from reader.store import Library

DESCRIPTION = """\
Import saved reading. INPUT is a file, a folder (read recursively), or an http(s) URL.

Files: text dumps (.txt), Markdown with or without YAML front matter (.md), HTML pages
(.html, .html.gz), RSS and Atom feeds, OPML subscription lists, wallabag JSON exports
(v1 and v2), Omnivore exports, Pocket exports (the HTML list or the CSV), Instapaper
CSV, Pinboard and Karakeep JSON, bookmark files (the Netscape HTML that browsers and
bookmark services export, Firefox .json backups, Chrome's Bookmarks), reader's own JSON
export, and zip archives of any of these (read in memory, never unpacked to disk).

URLs: a web page is downloaded and cleaned for offline reading; a feed URL imports every
entry. The network is used only for URLs: those you name, and with --fetch those that
exports, bookmark files and OPML lists name. Without --fetch, saved links are stored as
link-only articles (title, URL, tags and state; import again with --fetch to download
them) and OPML lists are reported with the number of feeds they hold.

The same URL or the same text is one article: importing it again updates its metadata
and text and keeps its read state, bookmark and reading position (--keep-existing leaves
it untouched). A bad item never stops the rest: each failure is one line on stderr.
"""


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    parent: argparse.ArgumentParser,
    helps: Mapping[str, str],
) -> None:
    """Add the subcommand and its options."""
    parser = commands.add_parser(
        "import",
        parents=[parent],
        help=helps["import"],
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="+", metavar="INPUT")
    parser.add_argument(
        "--fetch",
        action="store_true",
        help="download the pages and feeds that exports, bookmark files and OPML lists name",
    )
    parser.add_argument(
        "--keep-existing",
        action="store_true",
        help="leave articles already in the library untouched instead of updating them",
    )
    parser.add_argument(
        "--workers", type=int, default=None, help="cleaning processes (default: one per core)"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Import and print the summary; exit 1 when any input failed."""
    from reader.cli.common import open_library
    from reader.ingest.fetch import is_url
    from reader.ingest.run import import_files
    from reader.ingest.walk import expand

    skipped: list[str] = []
    paths = list(expand(args.paths, skipped))
    # A library made by an import holds what was imported, not the samples as well.
    library = open_library(args, seed=False, create=True, say_created=True)
    wants_bar = len(paths) > 1 or args.fetch or any(is_url(p) for p in paths)
    if sys.stderr.isatty() and not args.quiet and wants_bar:
        report = _with_progress(library, paths, args)
    else:
        report = import_files(
            library,
            paths,
            workers=args.workers,
            fetch=args.fetch,
            update=not args.keep_existing,
            on_failure=warn_failure,
        )
    print(report.summary())
    if skipped:
        warn_skipped(skipped)
    elif not paths:
        from reader.cli.common import warn

        warn("no files in the folders named")
    return 1 if report.failures else 0


def warn_skipped(skipped: list[str]) -> None:
    """One line for the files of other types left in the folders named."""
    from reader.cli.common import warn

    count = f"{len(skipped)} file" + ("s" if len(skipped) > 1 else "")
    example = skipped[0] if len(skipped) == 1 else f"{skipped[0]}, ..."
    warn(f"skipped {count} of other types in the folders ({example})")


def warn_failure(failure: Failure) -> None:
    """``PATH: reason`` on stderr."""
    from reader.sanitize import strip_controls

    print(strip_controls(str(failure)), file=sys.stderr)


def _with_progress(library: Library, paths: list[str], args: argparse.Namespace) -> ImportReport:
    """The import with a progress bar and time left on stderr (a terminal only)."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    from reader.ingest.run import import_files
    from reader.sanitize import strip_controls

    columns = (TextColumn("importing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("import", total=len(paths))

        def step(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        def failed(failure: Failure) -> None:
            progress.console.print(strip_controls(str(failure)), markup=False, highlight=False)

        return import_files(
            library,
            paths,
            workers=args.workers,
            fetch=args.fetch,
            update=not args.keep_existing,
            on_progress=step,
            on_failure=failed,
        )
