"""Two writers at once, through the library API or the ``reader`` command, and their replay.

Writer 0 changes only read state and writer 1 only bookmarks, on the same articles (so
in the same shards, at the same moments). Each writer's own changes are sequential, so
a serial replay of the two in any interleaving ends in one state: each flag flipped as
many times as its writer flipped it. A lost update (two processes rewriting a shard from
the same old copy) would show as a wrong flag.

    python tests/reliability/concurrency.py api|cli LIBRARY WRITER ROUNDS ID...
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from reader.store import Library  # noqa: E402


def groups_of(ids: list[str]) -> list[list[str]]:
    """The ID groups writers change together: singles, then pairs (a journalled change)."""
    singles = [[article_id] for article_id in ids[: len(ids) // 2]]
    rest = ids[len(ids) // 2 :]
    return singles + [rest[k : k + 2] for k in range(0, len(rest), 2)]


def toggle_with_api(root: Path, writer: int, rounds: int, ids: list[str]) -> None:
    """``rounds`` toggles, each of the next group in turn: read state (0) or bookmark (1)."""
    library = Library.open(root)
    groups = groups_of(ids)
    for n in range(rounds):
        group = groups[n % len(groups)]
        if writer == 0:
            library.set_read(group, not library.get(group[0]).read)
        else:
            library.set_bookmarked(group, not library.get(group[0]).bookmarked)


def expected_flips(ids: list[str], rounds: int) -> dict[str, int]:
    """How many times one writer flips each article in ``rounds`` toggles."""
    flips = dict.fromkeys(ids, 0)
    groups = groups_of(ids)
    for n in range(rounds):
        for article_id in groups[n % len(groups)]:
            flips[article_id] += 1
    return flips


def reader_command() -> list[str]:
    script = Path(sys.executable).with_name("reader")
    return [str(script)] if script.exists() else [sys.executable, "-m", "reader"]


def toggle_with_cli(root: Path, writer: int, rounds: int, ids: list[str]) -> None:
    """``rounds`` ``reader mark``/``bookmark`` commands: on, off, on... for every group."""
    groups = groups_of(ids)
    for n in range(rounds):
        group = groups[n % len(groups)]
        turn_on = (n // len(groups)) % 2 == 0
        if writer == 0:
            argv = ["mark", *group] + ([] if turn_on else ["--unread"])
        else:
            argv = ["bookmark", *group] + ([] if turn_on else ["--remove"])
        subprocess.run([*reader_command(), "--library", str(root), *argv], check=True)


def expected_cli_state(ids: list[str], rounds: int) -> dict[str, bool]:
    """Each article's flag after one CLI writer's commands: its last command decides."""
    groups = groups_of(ids)
    state = dict.fromkeys(ids, False)
    for n in range(rounds):
        for article_id in groups[n % len(groups)]:
            state[article_id] = (n // len(groups)) % 2 == 0
    return state


if __name__ == "__main__":
    how = sys.argv[1]
    run = toggle_with_api if how == "api" else toggle_with_cli
    run(Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5:])
