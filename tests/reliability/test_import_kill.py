"""``kill -9`` of ``reader import`` leaves no worker process behind.

The long version counts orphans over many kills: ``tests/bench/reliability_crash.py
--import-kills N``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from import_kill import GRACE_SECONDS, kill_import, make_inputs

from reader.store import Library


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="processes are found in /proc")
def test_workers_end_when_the_import_is_killed(tmp_path: Path) -> None:
    folder = make_inputs(tmp_path / "inputs", 400)
    library = tmp_path / "lib"
    for delay in (0.0, 0.2):
        outcome = kill_import(library, folder, delay)
        assert outcome.workers, "the import never started its worker pool"
        assert outcome.orphans == [], (
            f"{len(outcome.orphans)} of {len(outcome.workers)} workers still running "
            f"{GRACE_SECONDS:.0f} s after the import was killed"
        )
    if library.exists():  # the kill may come before the library is made
        opened = Library.open(library)
        assert opened.warnings == [] and opened.check() == []
