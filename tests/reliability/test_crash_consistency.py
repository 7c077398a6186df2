"""kill -9 at random moments during marks, bookmarks, positions and imports.

Each trial starts a writer, kills it with SIGKILL at a random moment, then opens the
library as the next start would: it must open without damage, pass ``check()``, and hold
every write the killed process had acknowledged (the one in flight may or may not be
there, but whole). The long version is ``tests/bench/reliability_crash.py``.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from crash_check import Model, kill_writer, model_of, verify_after_kill
from crash_driver import crash_article

from reader.store import Library

SMALL_ARTICLES = 40
#: 100 kills on the small library, split so both test workers share them.
CHUNKS, KILLS_PER_CHUNK = 4, 25


def small_library(root: Path) -> Model:
    Library.open(root).add([crash_article(0, n) for n in range(SMALL_ARTICLES)])
    return model_of(Library.open(root))


def kill_repeatedly(
    root: Path, model: Model, kills: int, seed: int, *, spawn: bool, max_delay: float = 0.3
) -> tuple[int, int]:
    """``kills`` trials in a row on one library; returns (acknowledged writes, kills mid-write)."""
    rng = random.Random(seed)
    acknowledged = in_flight = 0
    for trial in range(kills):
        outcome = kill_writer(
            root, seed * 10_000 + trial, root.parent / "ack", rng, spawn=spawn, max_delay=max_delay
        )
        verdict = verify_after_kill(root, model, outcome)
        model = verdict.model
        acknowledged += len(outcome.acknowledged)
        in_flight += outcome.in_flight is not None
    return acknowledged, in_flight


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_kill_9_loses_no_acknowledged_write_on_a_small_library(tmp_path: Path, chunk: int) -> None:
    root = tmp_path / "lib"
    model = small_library(root)
    acknowledged, in_flight = kill_repeatedly(
        root, model, KILLS_PER_CHUNK, seed=chunk + 1, spawn=False
    )
    # The kills must land among writes, or the test proves nothing.
    assert acknowledged >= KILLS_PER_CHUNK
    assert in_flight >= KILLS_PER_CHUNK // 2


def test_kill_9_of_a_separate_interpreter_loses_no_acknowledged_write(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    model = small_library(root)
    acknowledged, _ = kill_repeatedly(root, model, 8, seed=99, spawn=True)
    assert acknowledged > 0


def test_kill_9_loses_no_acknowledged_write_on_a_10k_library(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    library = Library.open(root)
    library.add([crash_article(1, n) for n in range(10_000)])
    model = model_of(library)
    assert len(model.states) == 10_000
    acknowledged, in_flight = kill_repeatedly(root, model, 8, seed=7, spawn=False, max_delay=0.5)
    assert acknowledged > 0 and in_flight > 0
