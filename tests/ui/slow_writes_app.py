"""``reader --library LIBRARY`` with every read and bookmark write taking DELAY seconds longer.

    python tests/ui/slow_writes_app.py LIBRARY DELAY

A slow disk, made deterministic: a screen that shows a change before it is written shows it
for DELAY seconds while a ``kill -9`` still loses it.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any

from reader.cli.main import main
from reader.store import Library


def slowed(write: Callable[..., Any], delay: float) -> Callable[..., Any]:
    """``write``, after ``delay`` seconds."""

    def slow(*args: Any, **kwargs: Any) -> Any:
        time.sleep(delay)
        return write(*args, **kwargs)

    return slow


if __name__ == "__main__":
    library, delay = sys.argv[1], float(sys.argv[2])
    if delay > 0:
        Library.set_read = slowed(Library.set_read, delay)  # type: ignore[method-assign]
        Library.set_bookmarked = slowed(Library.set_bookmarked, delay)  # type: ignore[method-assign]
    sys.exit(main(["--library", library]))
