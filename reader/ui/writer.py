"""Store writes off the UI thread, one at a time and in the order the user made them.

Each write is durable when the store returns; a job's ``done`` callback then tells the
screen, which shows the change only from that moment (see ``marking``), so nothing shown
can be lost to a crash.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass

from reader.store import Library, StoreError
from reader.store.library import ChangeToken


@dataclass(frozen=True)
class _Job:
    what: str
    run: Callable[[Library], None]
    done: Callable[[bool], None] | None


class StoreWriter:
    """A single background thread applying writes to the library in order."""

    def __init__(
        self,
        library: Library,
        on_error: Callable[[str], None],
        on_written: Callable[[ChangeToken], None],
    ) -> None:
        self.library = library
        #: Told (on the writer's thread) what failed, as a sentence.
        self.on_error = on_error
        #: Told (on the writer's thread) the library's change token after each write.
        self.on_written = on_written
        self._jobs: queue.Queue[_Job | None] = queue.Queue()
        self._thread = threading.Thread(target=self._work, name="reader-store-writer", daemon=True)
        self._thread.start()

    def submit(
        self,
        what: str,
        run: Callable[[Library], None],
        done: Callable[[bool], None] | None = None,
    ) -> None:
        """Queue a write; ``what`` names it in an error message; ``done(ok)`` follows it
        (on the writer's thread) once it is on disk, or has failed."""
        self._jobs.put(_Job(what, run, done))

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
                self._run(job)
            finally:
                self._jobs.task_done()

    def _run(self, job: _Job) -> None:
        try:
            job.run(self.library)
        except (StoreError, OSError) as error:
            self.on_error(f"Could not {job.what}: {error}")
            ok = False
        else:
            self.on_written(self.library.change_token())
            ok = True
        if job.done is not None:
            job.done(ok)
