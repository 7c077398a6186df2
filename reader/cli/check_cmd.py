"""``reader check``: read every file of the library and report what is damaged."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.cli.main import Subcommands


def register(commands: Subcommands) -> None:
    """Add the subcommand."""
    parser = commands.add("check")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Exit 0 when every file reads back; otherwise list the problems and exit 1.

    The installation is checked too: an HTML cleaner that cannot load would refuse every
    page the next import meets. So is the search index (when there is one): SQLite's check
    of the file, every text in it readable, and the same articles as the library; if not,
    it is rebuilt.
    """
    from reader.clean.extractor import extractor_problem
    from reader.cli.common import open_library, report_warnings, warn
    from reader.search import SearchIndex
    from reader.wording import counted

    library = open_library(args)
    leftovers = library.remove_leftover_temps()
    if leftovers:
        print(f"removed {leftovers} temp files left by interrupted writes")
    problems = library.check()
    installation = extractor_problem()
    if installation is not None:
        problems.append(f"installation: {installation}")
    report_warnings()
    articles = library.articles()
    if library.layout.search_index.exists():
        index = SearchIndex.open(library, sync=False)
        problems += index.verify({article.id for article in articles})
        index.close()
        for notice in index.notices:
            warn(notice)
    from reader.store.subscriptions import Subscriptions

    problems += Subscriptions(library).check()
    for problem in problems:
        warn(problem)
    print(f"{counted(len(articles), 'article')}, {counted(len(problems), 'problem')}")
    return 1 if problems else 0
