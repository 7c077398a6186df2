"""One line, not one per page, when HTML cleaning cannot load.

With the extractor missing, every HTML input fails for the same reason: a folder of 400
pages would print it 400 times and bury the failures that are about the inputs. Those
failures are held back, counted, and said once at the end with their count.
"""

from __future__ import annotations

from reader.clean.extractor import UNAVAILABLE, is_unavailable

#: Between the path and the reason in a printed ``PATH: reason`` line.
_MARKER = f": {UNAVAILABLE}: "


class UnavailableTally:
    """Failures whose reason is the extractor's: the reason, how many, the first input."""

    def __init__(self) -> None:
        self.reason = ""
        self.count = 0
        self.first = ""

    def hold(self, path: str, reason: str) -> bool:
        """Count the failure if it is the extractor's; False leaves it to the caller."""
        if not is_unavailable(reason):
            return False
        self.reason = reason
        self.count += 1
        self.first = self.first or path
        return True

    def hold_line(self, line: str) -> bool:
        """``hold`` for a failure already written as a ``PATH: reason`` line."""
        at = line.find(_MARKER)
        return at >= 0 and self.hold(line[:at], line[at + 2 :].rstrip("\n"))

    def say(self, outcome: str) -> None:
        """The one line on stderr, if anything was held (``outcome``: "not imported")."""
        if not self.count:
            return
        from reader.cli.common import warn  # its imports cost ``reader clean`` start-up

        pages = "1 HTML page" if self.count == 1 else f"{self.count} HTML pages"
        example = self.first if self.count == 1 else f"{self.first}, ..."
        warn(f"{self.reason} ({pages} {outcome}: {example})")
