"""The parent side of a crash trial: start a writer, kill -9 it, check what it promised.

A trial starts ``crash_driver`` (as a fresh interpreter, or forked from this process when
many trials must be cheap), waits until it has opened the library, lets it work for a
random moment and kills it with SIGKILL. The library is then opened as the next start
would open it, and its whole state (articles, read flags, bookmarks, positions, deletions,
tags) must equal
the acknowledged operations replayed on the state before the trial, with the operation in
flight at the kill either fully applied or not at all.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crash_driver import run as run_driver

from reader.store import Library

DRIVER = Path(__file__).resolve().with_name("crash_driver.py")

#: One article's user-visible state: read, bookmarked, reading position, deleted, tags.
State = tuple[bool, bool, Any, bool, tuple[str, ...]]
#: The state of an article just added.
NEW: State = (False, False, None, False, ())


@dataclass
class Model:
    """What the library must hold: each article's state, and every stored URL."""

    states: dict[str, State] = field(default_factory=dict)
    urls: set[str] = field(default_factory=set)

    def copy(self) -> Model:
        return Model(dict(self.states), set(self.urls))


def model_of(library: Library) -> Model:
    """The library's state as the user sees it."""
    model = Model()
    for article in [*library.articles(), *library.articles(deleted=True)]:
        model.states[article.id] = (
            article.read,
            article.bookmarked,
            article.position,
            article.deleted_at is not None,
            article.tags,
        )
        if article.url:
            model.urls.add(article.url)
    return model


def apply(model: Model, operation: str, result: str | None) -> Model:
    """``model`` after one driver operation (``result`` is the ``A`` line's text, if any)."""
    after = model.copy()
    words = operation.split(" ")
    kind = words[0]
    if kind in ("read", "bookmarked", "deleted"):
        value = words[1] == "1"
        for article_id in words[2].split(","):
            read, bookmarked, position, deleted, tags = after.states[article_id]
            after.states[article_id] = (
                value if kind == "read" else read,
                value if kind == "bookmarked" else bookmarked,
                position,
                value if kind == "deleted" else deleted,
                tags,
            )
    elif kind == "position":
        line = int(words[1])
        read, bookmarked, _, deleted, tags = after.states[words[2]]
        after.states[words[2]] = (read, bookmarked, {"line": line} if line else None, deleted, tags)
    elif kind == "tag":
        name, adding = words[1], words[2] == "+"
        for article_id in words[3].split(","):
            *rest, tags = after.states[article_id]
            kept = {tag for tag in tags if tag != name} | ({name} if adding else set())
            after.states[article_id] = (*rest, tuple(sorted(kept)))
    elif kind == "purge":
        for article_id in words[1].split(","):
            del after.states[article_id]
        after.urls.difference_update(words[2:])
    elif kind == "add":
        after.urls.update(words[1:])
        for article_id in (result or "").split():
            after.states[article_id] = NEW
    else:
        raise ValueError(f"unknown operation {operation!r}")
    return after


@dataclass
class Trial:
    """What one killed writer acknowledged."""

    ready: bool
    acknowledged: list[tuple[str, str]]
    in_flight: str | None


def read_acknowledgements(path: Path) -> Trial:
    """Parse the acknowledgement file; a last line without its newline was never written."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    lines = text.split("\n")[:-1]  # whatever follows the last newline is incomplete
    ready = bool(lines) and lines[0] == "R"
    acknowledged: list[tuple[str, str]] = []
    pending: str | None = None
    for line in lines[1:]:
        if line.startswith("B "):
            pending = line[2:]
        elif line.startswith("A") and pending is not None:
            acknowledged.append((pending, line[2:]))
            pending = None
    return Trial(ready, acknowledged, pending)


def _wait_ready(ack_path: Path, limit: float) -> bool:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if ack_path.exists() and ack_path.read_bytes().startswith(b"R\n"):
            return True
        time.sleep(0.002)
    return False


def kill_writer(
    root: Path,
    seed: int,
    ack_path: Path,
    rng: random.Random,
    *,
    spawn: bool,
    max_delay: float = 0.15,
    early: float = 0.1,
) -> Trial:
    """Run a writer on ``root`` and SIGKILL it at a random moment; returns what it acknowledged.

    With probability ``early`` the kill comes before the writer has finished opening the
    library (when it may be replaying a journal); otherwise up to ``max_delay`` seconds
    after, while it writes.
    """
    ack_path.unlink(missing_ok=True)
    if spawn:
        process = subprocess.Popen(
            [sys.executable, str(DRIVER), str(root), str(seed), str(ack_path)],
            stdin=subprocess.DEVNULL,
        )
        pid = process.pid
    else:
        pid = os.fork()
        if pid == 0:  # the child: write until killed, never return into the caller
            try:
                run_driver(root, seed, ack_path)
            finally:
                os._exit(0)
    if rng.random() < early:
        time.sleep(rng.uniform(0.0, 0.4 if spawn else 0.02))
    else:
        _wait_ready(ack_path, 30.0)
        time.sleep(rng.uniform(0.0, max_delay))
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    if spawn:
        process.returncode = status  # reaped above; keep Popen from waiting again
    return read_acknowledgements(ack_path)


def leftover_temps(root: Path) -> list[Path]:
    """Temp files of interrupted writes anywhere in the library."""
    return [path for path in root.rglob(".*.tmp")]


@dataclass
class Verdict:
    """The state after a kill, and whether the in-flight operation had happened."""

    model: Model
    in_flight_applied: bool | None


def verify_after_kill(root: Path, before: Model, trial: Trial) -> Verdict:
    """Open the library and check it against the acknowledged operations; raises if not."""
    library = Library.open(root)
    assert library.warnings == [], f"a kill -9 damaged the library: {library.warnings}"
    problems = library.check()
    assert problems == [], f"integrity check failed after a kill: {problems}"
    assert not (root / "journal.json").exists(), "journal left after opening"
    for folder in (root, root / "meta", root / "state"):
        stale = [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]
        assert stale == [], f"temp files left in {folder} after opening: {stale}"
    actual = model_of(library)
    expected = before
    for operation, result in trial.acknowledged:
        expected = apply(expected, operation, result)
    if actual == expected:
        return Verdict(actual, False if trial.in_flight else None)
    if trial.in_flight is not None:
        flight = trial.in_flight
        if flight.startswith("add "):
            wanted = set(flight.split(" ")[1:])
            new_ids = set(actual.states) - set(expected.states)
            with_flight = expected.copy()
            with_flight.urls |= wanted
            for article_id in new_ids:
                with_flight.states[article_id] = NEW
            if actual == with_flight and len(new_ids) == len(wanted):
                return Verdict(actual, True)
        elif actual == apply(expected, flight, None):
            return Verdict(actual, True)
    raise AssertionError(_difference(expected, actual, trial))


def _difference(expected: Model, actual: Model, trial: Trial) -> str:
    lost = sorted(expected.urls - actual.urls)[:5]
    extra = sorted(actual.urls - expected.urls)[:5]
    wrong = [
        (article_id, state, actual.states.get(article_id))
        for article_id, state in expected.states.items()
        if actual.states.get(article_id) != state
    ][:5]
    return (
        f"state after kill matches neither the acknowledged writes nor them plus the one in "
        f"flight ({trial.in_flight!r}); {len(trial.acknowledged)} acknowledged; "
        f"lost URLs {lost}, unexpected URLs {extra}, differing states {wrong}"
    )
