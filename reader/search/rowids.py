"""Row numbers in date order, so that "newest first" is FTS5's own order.

Every list of articles FTS5 keeps is in row-number order and can be read from either end.
When row numbers follow the articles' dates, the newest matches of any query are the first
ones read backwards: a page of them costs a few rows whatever the number of matches, and
``after:``/``before:`` are ranges of row numbers. A row number is the day (its ordinal)
shifted left by ``SLOT_BITS``, plus a slot for the time of day (21 s each). An article
whose slot is taken takes the next free one after it, or, at the end of a full stretch of
the day, the nearest free one before it: articles of one day keep their order to within a
few slots, and an article dated or saved on a later day always has a higher number.

Only a day with more than 4,096 articles cannot hold them all: the rest take numbers of the
days after it, and the index records that it *spilled*, so that date filters compare the
stored dates instead of row numbers (``Vocabulary.spilled``).
"""

from __future__ import annotations

import sqlite3
from datetime import date

SLOT_BITS = 12
_ONE_BY_ONE = 8
"""Up to this many days, the numbers taken on each are read day by day."""


def day_start(day: str) -> int:
    """The first row number of ``day`` (an ISO date, or the date part of a timestamp)."""
    try:
        ordinal = date.fromisoformat(day[:10]).toordinal()
    except ValueError:
        ordinal = 1  # not a date (the store keeps ISO dates): sorted first
    return ordinal << SLOT_BITS


def ideal_rowid(day: str) -> int:
    """The row number an article of this date (or timestamp) would have, slot free."""
    slots = 1 << SLOT_BITS
    slot = 0
    if len(day) >= 19 and day[10] == "T":
        try:
            seconds = int(day[11:13]) * 3600 + int(day[14:16]) * 60 + int(day[17:19])
        except ValueError:
            seconds = 0
        slot = min(slots - 1, seconds * slots // 86400)
    return day_start(day) + slot


class RowidAllocator:
    """Gives new articles free row numbers in date order, within one transaction."""

    def __init__(self, connection: sqlite3.Connection, days: list[str]) -> None:
        """``days``: the dates of the articles to come. The numbers already taken on many
        days are read in one query over their stretch (a chunk of a build spans one)."""
        self._connection = connection
        self._taken: dict[int, set[int]] = {}
        self.spilled = False
        """Whether a day was full, so that an article took a later day's number."""
        starts = {day_start(day) for day in days}
        if len(starts) > _ONE_BY_ONE:
            for start in starts:
                self._taken[start] = set()
            rows = connection.execute(
                "SELECT rowid FROM docs WHERE rowid >= ? AND rowid < ?",
                (min(starts), max(starts) + (1 << SLOT_BITS)),
            )
            for (rowid,) in rows:
                taken = self._taken.get(int(rowid) >> SLOT_BITS << SLOT_BITS)
                if taken is not None:
                    taken.add(int(rowid))

    def allocate(self, day: str) -> int:
        """A free row number for an article of ``day`` (see the module docstring), now taken."""
        ideal = ideal_rowid(day)
        start = ideal >> SLOT_BITS << SLOT_BITS
        end = start + (1 << SLOT_BITS)
        taken = self._taken_from(start)
        rowid = next((r for r in range(ideal, end) if r not in taken), None)
        if rowid is None:
            rowid = next((r for r in range(ideal - 1, start - 1, -1) if r not in taken), None)
        if rowid is None:
            self.spilled = True
            rowid = end
            while rowid in self._taken_from(rowid >> SLOT_BITS << SLOT_BITS):
                rowid += 1
        self._taken_from(rowid >> SLOT_BITS << SLOT_BITS).add(rowid)
        return rowid

    def _taken_from(self, start: int) -> set[int]:
        """The row numbers already used on the day that begins at ``start``."""
        taken = self._taken.get(start)
        if taken is None:
            rows = self._connection.execute(
                "SELECT rowid FROM docs WHERE rowid >= ? AND rowid < ?",
                (start, start + (1 << SLOT_BITS)),
            )
            taken = self._taken[start] = {int(r) for (r,) in rows}
        return taken
