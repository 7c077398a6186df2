"""``reader update``: refresh subscribed feeds and store their new articles."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.cli.main import Subcommands
    from reader.feeds.update import FeedFailure, UpdateReport, UpdateSettings
    from reader.store import Library
    from reader.store.subscriptions import Subscription

DESCRIPTION = """\
Refresh every subscribed feed (or the FEEDs named: ID, URL or a unique start of the
title) and store new articles; with full text on, teaser-only entries get their page
downloaded and cleaned. Prints `updated N feeds: A new articles, B unchanged, C failed`
and one `FEED: reason` line per failure on stderr; exit 1 when some failed.

Feeds that failed several times in a row, or whose server asked to wait, are skipped
until their time comes (reader feeds shows when); named feeds are always asked.
"""


def register(commands: Subcommands) -> None:
    """Add the subcommand and its options."""
    from reader.cli.common import MOST_SECONDS, seconds

    parser = commands.add(
        "update",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("feeds", nargs="*", metavar="FEED")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only failures (for cron)")
    parser.add_argument(
        "--timeout",
        type=seconds(MOST_SECONDS),
        default=None,
        metavar="SECONDS",
        help="longest time one download may take (default 30, at most 3600)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Update and print the tally."""
    from reader.cli.common import open_library
    from reader.net.http import DEADLINE
    from reader.store.subscriptions import Subscriptions

    library = open_library(args)
    subscriptions = Subscriptions(library)
    named = [subscriptions.find(text) for text in args.feeds] if args.feeds else None
    return run_update(library, named, quiet=args.quiet, deadline=args.timeout or DEADLINE)


def run_update(
    library: Library, feeds: Sequence[Subscription] | None, *, quiet: bool, deadline: float
) -> int:
    """Update ``feeds`` (None: every feed that is due); print the summary and failures."""
    from reader.feeds.update import UpdateSettings, update_feeds

    settings = UpdateSettings(deadline=deadline)
    if sys.stderr.isatty() and not quiet:
        report = _with_progress(library, feeds, settings)
    else:
        report = update_feeds(library, feeds, settings=settings, on_failure=_warn_failure)
    if not quiet:
        print(report.summary())
    return 1 if report.failures else 0


def _warn_failure(failure: FeedFailure) -> None:
    """``FEED: reason`` on stderr."""
    from reader.sanitize import strip_controls

    print(strip_controls(str(failure)), file=sys.stderr)


def _with_progress(
    library: Library, feeds: Sequence[Subscription] | None, settings: UpdateSettings
) -> UpdateReport:
    """The update with a progress bar and time left on stderr (a terminal only)."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    from reader.feeds.update import update_feeds
    from reader.sanitize import strip_controls

    columns = (TextColumn("updating"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("update", total=None)

        def step(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        def failed(failure: FeedFailure) -> None:
            progress.console.print(strip_controls(str(failure)), markup=False, highlight=False)

        return update_feeds(library, feeds, settings=settings, on_progress=step, on_failure=failed)
