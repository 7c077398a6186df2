"""``reader feeds``: list, add, remove and export subscriptions."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.cli.main import Subcommands

DESCRIPTION = """\
With no action, lists the feeds: ID, unread and total articles, when last checked,
status, title. Actions:

  reader feeds add URL... [--full-text auto|always|never] [--no-update]
      subscribe to a feed URL, the feed a web page names, or every feed of an OPML file;
      then update what was added (unless --no-update)
  reader feeds remove FEED...
      stop updating (by ID, URL or a unique start of the title); articles stay
  reader feeds export FILE
      write the subscriptions as OPML

Full text: "auto" downloads an entry's page when the feed gives only a teaser,
"always" for every entry, "never" keeps what the feed gives.
"""


def register(commands: Subcommands) -> None:
    """Add the subcommand, its actions and their options."""
    from reader.cli.common import MOST_SECONDS, seconds

    parser = commands.add(
        "feeds",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--json", action="store_true", help="JSON Lines, one object per feed")
    parser.set_defaults(run=run_list)
    actions = parser.add_subparsers(title="actions", metavar="ACTION")
    add = actions.add_parser("add", parents=[commands.shared], help="subscribe to feeds")
    add.add_argument("inputs", nargs="+", metavar="URL-OR-OPML")
    add.add_argument(
        "--full-text",
        choices=("auto", "always", "never"),
        default="auto",
        help="download each entry's page: auto (teasers only), always, never",
    )
    add.add_argument("--no-update", action="store_true", help="subscribe without updating")
    add.add_argument("-q", "--quiet", action="store_true", help="print only failures")
    add.add_argument("--timeout", type=seconds(MOST_SECONDS), default=None, help=argparse.SUPPRESS)
    add.set_defaults(run=run_add)
    remove = actions.add_parser("remove", parents=[commands.shared], help="stop following feeds")
    remove.add_argument("feeds", nargs="+", metavar="FEED")
    remove.set_defaults(run=run_remove)
    export = actions.add_parser("export", parents=[commands.shared], help="write the feeds as OPML")
    export.add_argument("target", metavar="FILE")
    export.set_defaults(run=run_export)


def run_list(args: argparse.Namespace) -> int:
    """One line (or JSON object) per feed."""
    from reader.cli.common import emit, open_library
    from reader.feeds.subscribe import FeedCounts, feed_counts, feed_json
    from reader.store.subscriptions import Subscriptions

    library = open_library(args)
    feeds = Subscriptions(library).all()
    counts = feed_counts(library) if feeds else {}
    if args.json:
        import orjson

        out = sys.stdout.buffer
        for feed in feeds:
            out.write(orjson.dumps(feed_json(feed, counts.get(feed.id, FeedCounts()))) + b"\n")
        out.flush()
        return 0
    lines = []
    for feed in feeds:
        tally = counts.get(feed.id, FeedCounts())
        checked = (feed.checked or "never")[:16].replace("T", " ")
        state = "ok" if feed.status == "ok" else f"error: {feed.error}"
        if feed.failures > 1 and not feed.gone:
            state += f" ({feed.failures} times in a row)"
        lines.append(
            f"{feed.id}  {tally.unread:>6}/{tally.articles:<3}  {checked:<16}  "
            f"{feed.title or feed.url}  [{state}]"
        )
    if lines:
        if sys.stdout.isatty():  # for a person, what the columns are; scripts get lines only
            lines.insert(0, f"{'ID':<8}  UNREAD/ALL  {'CHECKED':<16}  FEED  [STATUS]")
        emit("\n".join(lines))
    else:
        print("no feeds yet: reader feeds add URL subscribes to one")
    return 0


def run_add(args: argparse.Namespace) -> int:
    """Subscribe, say what happened to each input, then update what was added."""
    from reader.cli.common import open_library, warn
    from reader.cli.update_cmd import run_update
    from reader.feeds.subscribe import subscribe
    from reader.net.http import DEADLINE

    library = open_library(args, seed=False, create=True, say_created=True)
    deadline = args.timeout or DEADLINE
    outcome = subscribe(library, args.inputs, full_text=args.full_text, deadline=deadline)
    for feed in outcome.already:
        print(f"already subscribed: {feed.title or feed.url} ({feed.id})")
    for feed in outcome.added:
        if not args.quiet:
            print(f"subscribed: {feed.title or feed.url} ({feed.id})")
    for given, reason in outcome.failures:
        warn(f"{given}: {reason}")
    status = 1 if outcome.failures else 0
    if outcome.added and not args.no_update:
        status = max(
            status, run_update(library, outcome.added, quiet=args.quiet, deadline=deadline)
        )
    return status


def run_remove(args: argparse.Namespace) -> int:
    """Unsubscribe; the feeds' articles, read state and bookmarks stay."""
    from reader.cli.common import open_library
    from reader.store.subscriptions import Subscriptions

    library = open_library(args)
    subscriptions = Subscriptions(library)
    feeds = [subscriptions.find(text) for text in args.feeds]
    subscriptions.remove(feed.id for feed in feeds)
    for feed in feeds:
        print(f"removed: {feed.title or feed.url} ({feed.id}); its articles stay")
    return 0


def run_export(args: argparse.Namespace) -> int:
    """Write the subscriptions as an OPML file."""
    from pathlib import Path

    from reader.cli.common import open_library, warn, write_failed
    from reader.feeds.opml_export import opml_document
    from reader.store.atomic import atomic_write
    from reader.store.subscriptions import Subscriptions

    target = Path(args.target).expanduser()
    library = open_library(args)
    feeds = Subscriptions(library).all()
    if target.is_dir():
        warn(f"{target}: is a folder; name a file")
        return 1
    try:
        atomic_write(target, opml_document(feeds), keep_previous=False)
    except OSError as error:
        warn(write_failed(error, target))
        return 1
    print(f"exported {len(feeds)} feeds to {target}")
    return 0
