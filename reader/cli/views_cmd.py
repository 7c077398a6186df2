"""``reader views``: the saved searches the app shows as views, listed, added and removed.

``reader list --view NAME`` lists what one of them finds.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.cli.main import Subcommands


def register(commands: Subcommands) -> None:
    """Add ``views`` and its actions; with none it lists the views."""
    parser = commands.add(
        "views",
        description="With no action, list the saved views in their order: name and query, "
        "or JSON Lines (name, query, position). `reader list --view NAME` lists a view's "
        "articles.",
    )
    parser.add_argument("--json", action="store_true", help="JSON Lines, one object per view")
    parser.set_defaults(run=run_list)
    actions = parser.add_subparsers(title="actions", metavar="ACTION")
    add = actions.add_parser(
        "add",
        parents=[commands.shared],
        help="save QUERY as the view NAME (replacing the query of a view so named)",
        usage="reader views add [--library DIR] NAME QUERY...",
    )
    add.add_argument("name", metavar="NAME")
    add.add_argument("query", nargs=argparse.REMAINDER, metavar="QUERY", help="a search query")
    add.set_defaults(run=run_add)
    remove = actions.add_parser("remove", parents=[commands.shared], help="remove the view NAME")
    remove.add_argument("name", metavar="NAME")
    remove.set_defaults(run=run_remove)


def run_list(args: argparse.Namespace) -> int:
    """Print the views: ``NAME  QUERY`` lines (a query that cannot be read marked ``[! why]``),
    or JSON Lines."""
    from reader.cli.common import emit, open_library

    views = open_library(args).views()
    if args.json:
        import orjson

        out = sys.stdout.buffer
        for view in views:
            record = {"name": view.name, "query": view.query, "position": view.position}
            out.write(orjson.dumps(record) + b"\n")
        out.flush()
    elif views:
        from reader.search.query import parse_problem

        width = max(len(view.name) for view in views)
        lines = []
        for view in views:
            problem = parse_problem(view.query)  # saved by an older version: say why
            lines.append(
                f"{view.name:<{width}}  {view.query}" + (f"  [! {problem}]" if problem else "")
            )
        emit("\n".join(lines))
    return 0


def run_add(args: argparse.Namespace) -> int:
    """Save the view; a name or query the store refuses, or a query the search cannot read
    (said as ``reader search`` says it), is a usage error and nothing is saved."""
    from reader.cli.common import open_library, warn
    from reader.search.query import parse_problem
    from reader.store.views import name_problem, query_problem

    query = " ".join(args.query)
    problem = name_problem(args.name) or query_problem(query) or parse_problem(query)
    if problem:
        warn(f"views add: {problem}")
        return 2
    open_library(args).save_view(args.name, query)
    return 0


def run_remove(args: argparse.Namespace) -> int:
    """Remove the view (an unknown name is a one-line error)."""
    from reader.cli.common import open_library

    open_library(args).remove_view(args.name)
    return 0
