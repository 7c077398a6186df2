"""``reader reindex``: build the search index again from the library."""

from __future__ import annotations

import argparse
import sys
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.cli.main import Subcommands


def register(commands: Subcommands) -> None:
    """Add the subcommand."""
    parser = commands.add("reindex")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Rebuild and say how many articles were indexed, and how fast."""
    from reader.cli.common import open_library, warn
    from reader.search import SearchIndex

    library = open_library(args)
    began = time.perf_counter()
    index = SearchIndex.open(library, sync=False)
    count = index.rebuild(progress=_progress if sys.stderr.isatty() else None)
    index.close()
    for notice in index.notices:  # after: a rebuild that fails says why in one line
        warn(notice)
    print(f"indexed {count} articles in {time.perf_counter() - began:.1f} s")
    return 0


def _progress(done: int, total: int) -> None:
    print(f"\rindexing {done}/{total}", end="" if done < total else "\n", file=sys.stderr)
