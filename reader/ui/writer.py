"""Store writes off the UI thread, one at a time and in the order the user made them.

The screen changes its in-memory rows at once (counts update on the keypress) and hands
the durable write to this queue; a write that fails is reported and the screen reloads.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass

from reader.store import Library, StoreError


@dataclass(frozen=True)
class _Job:
    what: str
    run: Callable[[Library], None]


class StoreWriter:
    """A single background thread applying writes to the library in order."""

    def __init__(
        self,
        library: Library,
        on_error: Callable[[str], None],
        on_written: Callable[[tuple[int, int]], None],
    ) -> None:
        self.library = library
        self.on_error = on_error
        self.on_written = on_written
        self._jobs: queue.Queue[_Job | None] = queue.Queue()
        self._thread = threading.Thread(target=self._work, name="reader-store-writer", daemon=True)
        self._thread.start()

    def submit(self, what: str, run: Callable[[Library], None]) -> None:
        """Queue a write; ``what`` names it in an error message."""
        self._jobs.put(_Job(what, run))

    @property
    def busy(self) -> bool:
        """True from a write's submission until its new change token has been reported."""
        return self._jobs.unfinished_tasks > 0

    def flush(self) -> None:
        """Wait until every queued write is on disk."""
        self._jobs.join()

    def close(self) -> None:
        """Finish queued writes and stop the thread."""
        self._jobs.put(None)
        self._thread.join(timeout=30)

    def _work(self) -> None:
        while True:
            job = self._jobs.get()
            try:
                if job is None:
                    return
                try:
                    job.run(self.library)
                except (StoreError, OSError) as error:
                    self.on_error(f"Could not {job.what}: {error}")
                else:
                    self.on_written(self.library.change_token())
            finally:
                self._jobs.task_done()
