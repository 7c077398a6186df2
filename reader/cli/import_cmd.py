"""``reader import INPUT...``: files, folders, archives, exports and URLs into the library."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.progress import ProgressColumn

    from reader.cli.main import Subcommands
    from reader.cli.unavailable import UnavailableTally
    from reader.ingest.prepare import Failure, Skipped
    from reader.ingest.run import Duplicate, ImportReport
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

Inside a folder, symbolic links are not followed: each one is named, with where it leads
(a link named as INPUT is read). Links inside zip archives are left out too.

The same URL or the same text is one article: importing it again updates its metadata
and text and keeps its read state, bookmark and reading position (--keep-existing leaves
it untouched). A bad item never stops the rest: each failure is one line on stderr.
"""


def register(commands: Subcommands) -> None:
    """Add the subcommand and its options."""
    from reader.cli.common import MOST_WORKERS, whole_number

    parser = commands.add(
        "import",
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
        "--workers",
        type=whole_number(1, MOST_WORKERS),
        default=None,
        metavar="N",
        help="cleaning processes (default: one per core)",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="name every duplicate and every file left out, however many",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Import and print the summary; exit 1 when any input failed."""
    from reader.cli.common import open_library
    from reader.cli.unavailable import UnavailableTally
    from reader.ingest.fetch import is_url
    from reader.ingest.run import import_files
    from reader.ingest.walk import expand

    skipped: list[Skipped] = []
    paths = list(expand(args.paths, skipped))
    # A library made by an import holds what was imported, not the samples as well.
    library = open_library(args, seed=False, create=True, say_created=True)
    unavailable = UnavailableTally()

    def on_failure(failure: Failure) -> None:
        if not unavailable.hold(failure.path, failure.reason):
            warn_failure(failure)

    wants_bar = len(paths) > 1 or args.fetch or any(is_url(p) for p in paths)
    if sys.stderr.isatty() and not args.quiet and wants_bar:
        report = _with_progress(library, paths, args, unavailable)
    else:
        report = import_files(
            library,
            paths,
            workers=args.workers,
            fetch=args.fetch,
            update=not args.keep_existing,
            on_failure=on_failure,
        )
    print(report.summary())
    unavailable.say("not imported")
    warn_duplicates(report.duplicates, every=args.verbose)
    skipped.extend(report.skipped)
    if skipped:
        warn_skipped(skipped, every=args.verbose)
    elif not paths:
        from reader.cli.common import warn

        warn("no files in the folders named")
    return 1 if report.failures else 0


#: Without ``--verbose``, how many examples a line about skipped inputs names.
EXAMPLES = 3
#: Up to this many duplicates are named one per line even without ``--verbose``.
FEW_DUPLICATES = 10


def warn_duplicates(duplicates: list[Duplicate], *, every: bool = False) -> None:
    """Name each duplicate and what it duplicated, when they are few (``every``: always);
    else say how to see them."""
    from reader.cli.common import warn

    if every or len(duplicates) <= FEW_DUPLICATES:
        for found in duplicates:
            warn(str(found))
    else:
        warn(f"{len(duplicates)} duplicates of articles already stored; -v names each")


def warn_skipped(skipped: list[Skipped], *, every: bool = False) -> None:
    """One line per reason inputs were left out, naming the first few (``every``: all).

    A symbolic link is named with where it leads, so the user sees what was not read.
    """
    from reader.cli.common import warn
    from reader.ingest.formats.items import SKIP_REASONS
    from reader.wording import counted

    by_kind: dict[str, list[Skipped]] = {}
    for item in skipped:
        by_kind.setdefault(item.kind, []).append(item)
    for kind, items in by_kind.items():
        noun, rest = SKIP_REASONS[kind]
        count = counted(len(items), noun)
        shown = items if every else items[:EXAMPLES]
        names = [f"{item.path} → {item.target}" if item.target else item.path for item in shown]
        more = ", ..." if len(shown) < len(items) else ""
        warn(f"skipped {count} {rest} ({', '.join(names)}{more})")


def warn_failure(failure: Failure) -> None:
    """``PATH: reason`` on stderr."""
    from reader.sanitize import strip_controls

    print(strip_controls(str(failure)), file=sys.stderr)


def _with_progress(
    library: Library, paths: list[str], args: argparse.Namespace, unavailable: UnavailableTally
) -> ImportReport:
    """The import with a progress bar and time left on stderr (a terminal only)."""
    from rich.console import Console
    from rich.progress import Progress

    from reader.ingest.run import import_files
    from reader.sanitize import strip_controls

    with Progress(*progress_columns(), console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("import", total=len(paths))

        def step(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        def failed(failure: Failure) -> None:
            if unavailable.hold(failure.path, failure.reason):
                return
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


def progress_columns() -> tuple[ProgressColumn, ...]:
    """The import's progress bar: what it does, the bar, done of total, time left."""
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn

    from reader.cli.progress import TimeLeftColumn

    return (TextColumn("importing"), BarColumn(), MofNCompleteColumn(), TimeLeftColumn())
