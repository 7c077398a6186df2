"""``reader export``: the library as Markdown files or as one JSON file to restore from."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.cli.main import Subcommands


def register(commands: Subcommands) -> None:
    """Add the subcommand and its options."""
    parser = commands.add(
        "export",
        description=(
            "--format markdown DIR writes one .md file per article with YAML front matter "
            "(title, source, url, date, author, read, bookmarked). --format json FILE writes "
            "the whole library; `reader import FILE` into an empty library restores it, read "
            "state and bookmarks (with when they were set) and reading positions included."
        ),
    )
    parser.add_argument("--format", choices=("markdown", "json"), required=True)
    parser.add_argument("target", metavar="DIR|FILE")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Export and say how many articles went where."""
    from pathlib import Path

    from reader.cli.common import open_library, warn, write_failed

    target = Path(args.target).expanduser()
    library = open_library(args, seed=False)
    try:
        if args.format == "markdown":
            from reader.export.markdown import export_markdown

            if target.exists() and not target.is_dir():
                warn(f"{target}: not a folder")
                return 1
            count = export_markdown(library, target)
        else:
            from reader.export.json_file import export_json

            if target.is_dir():
                warn(f"{target}: is a folder; name a file")
                return 1
            count = export_json(library, target)
    except OSError as error:
        warn(write_failed(error, target))
        return 1
    print(f"exported {count} articles to {target}")
    return 0
