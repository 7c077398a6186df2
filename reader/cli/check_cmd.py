"""``reader check``: read every file of the library and report what is damaged."""

from __future__ import annotations

import argparse
from collections.abc import Mapping


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    parent: argparse.ArgumentParser,
    helps: Mapping[str, str],
) -> None:
    """Add the subcommand."""
    parser = commands.add_parser("check", parents=[parent], help=helps["check"])
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Exit 0 when every file reads back; otherwise list the problems and exit 1."""
    from reader.cli.common import open_library, warn

    library = open_library(args)
    leftovers = library.remove_leftover_temps()
    if leftovers:
        print(f"removed {leftovers} temp files left by interrupted writes")
    problems = library.check()
    from reader.store.subscriptions import Subscriptions

    problems += Subscriptions(library).check()
    for problem in problems:
        warn(problem)
    count = len(library.articles())
    print(f"{_count(count, 'article')}, {_count(len(problems), 'problem')}")
    return 1 if problems else 0


def _count(number: int, noun: str) -> str:
    """``1 problem``, ``2 problems``."""
    return f"{number} {noun}" + ("" if number == 1 else "s")
