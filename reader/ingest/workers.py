"""Worker processes that end with the import that started them.

A ``kill -9`` of ``reader import`` gives its pool workers no word: each stays blocked on a
pipe nobody will write again, for ever. Each worker therefore asks, as it starts, to be
killed when its parent dies (Linux's ``PR_SET_PDEATHSIG``, through libc's ``prctl``);
where that is missing, a watchdog thread looks for a new parent once a second. Workers
only read and clean, never write the library, so ending them abruptly loses nothing.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time

#: ``prctl`` option: the signal the kernel sends this process when its parent dies.
PR_SET_PDEATHSIG = 1
#: How often the watchdog (where ``prctl`` is missing) looks at the parent.
WATCH_SECONDS = 1.0


def die_with_parent(parent: int) -> None:
    """Pool initializer: end this process when ``parent`` (the pid that started it) dies."""
    if not _ask_kernel():
        threading.Thread(target=_watch, args=(parent,), daemon=True, name="parent-watch").start()
    if os.getppid() != parent:  # it died before the request took effect
        os.kill(os.getpid(), signal.SIGKILL)


def _ask_kernel() -> bool:
    """Have the kernel send SIGKILL when the parent dies; False where it cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: int) -> None:
    """Kill this process once it has been handed to a new parent."""
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os.kill(os.getpid(), signal.SIGKILL)
