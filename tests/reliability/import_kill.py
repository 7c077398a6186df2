"""``kill -9`` of a whole ``reader import`` process: do its pool workers end with it?

Shared by the test suite (a few kills) and ``tests/bench/reliability_crash.py
--import-kills N`` (many). Linux only: processes are found in ``/proc``.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

READER = [sys.executable, "-m", "reader"]
#: How long the workers of a killed import may take to end.
GRACE_SECONDS = 1.0


def make_inputs(folder: Path, count: int, seed: int = 0) -> Path:
    """``count`` distinct text dumps: enough to fill the import's worker pool for a while."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        paragraphs = [
            f"Paragraph {k} of saved page {seed}-{n} tells of harbours, ferries and the "
            f"winter timetable in town number {n}, with words enough to be an article."
            for k in range(40)
        ]
        text = f"Saved page {seed}-{n}\n\n" + "\n\n".join(paragraphs) + "\n"
        (folder / f"page-{n:04d}.txt").write_text(text)
    return folder


def children_of(pid: int) -> list[int]:
    """The processes whose parent is ``pid``."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit() and _parent_of(int(entry)) == pid:
            found.append(int(entry))
    return found


def _stat_fields(pid: int) -> list[str] | None:
    """``/proc/PID/stat`` after the command name (state, ppid, ...), None if gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text.rsplit(")", 1)[1].split()


def _parent_of(pid: int) -> int | None:
    fields = _stat_fields(pid)
    return int(fields[1]) if fields else None


def running(pid: int) -> bool:
    """True while ``pid`` exists and is not a zombie waiting to be reaped."""
    fields = _stat_fields(pid)
    return fields is not None and fields[0] not in ("Z", "X")


@dataclass
class KilledImport:
    """What one killed import left: its workers when it was killed, and those still running."""

    workers: list[int] = field(default_factory=list)
    orphans: list[int] = field(default_factory=list)
    seconds_to_end: float = 0.0


def kill_import(
    library: Path, folder: Path, delay: float, *, timeout: float = 30.0
) -> KilledImport:
    """Start ``reader import FOLDER``, kill it with SIGKILL ``delay`` seconds after its
    workers appear, and see which of them still run ``GRACE_SECONDS`` later.

    Orphans found are killed before returning, so a failing run leaves nothing behind.
    """
    process = subprocess.Popen(
        [*READER, "--library", str(library), "import", "-q", str(folder)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    outcome = KilledImport()
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline and process.poll() is None:
            outcome.workers = children_of(process.pid)
            if outcome.workers:
                break
            time.sleep(0.005)
        time.sleep(delay)
        outcome.workers = sorted(set(outcome.workers) | set(children_of(process.pid)))
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    killed = time.monotonic()
    while time.monotonic() - killed < GRACE_SECONDS:
        if not any(running(pid) for pid in outcome.workers):
            break
        time.sleep(0.01)
    outcome.seconds_to_end = time.monotonic() - killed
    outcome.orphans = [pid for pid in outcome.workers if running(pid)]
    for pid in outcome.orphans:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    return outcome
