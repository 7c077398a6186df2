"""Row numbers in date order, so that "newest first" is FTS5's own order.

Every list of articles FTS5 keeps is in row-number order and can be read from either end.
When row numbers follow the articles' dates, the newest matches of any query are the first
ones read backwards: a page of them costs a few rows whatever the number of matches, and
``after:``/``before:`` are ranges of row numbers. A row number is the day (its ordinal)
shifted left by ``SLOT_BITS``, plus a slot for the time of day (21 s each); an article
whose slot is taken takes the next free one. An article dated or saved later therefore
always has a higher number, and articles of the same day keep their order to within a slot.
(A single day with more than 4,096 articles spills into the first numbers of the next day,
among whose earliest articles the last of them may then sort.)
"""

from __future__ import annotations

import sqlite3
from datetime import date

SLOT_BITS = 12
_SLOTS = 1 << SLOT_BITS
_SECONDS_PER_SLOT = 86400 / _SLOTS


def day_start(day: str) -> int:
    """The first row number of ``day`` (an ISO date, or the date part of a timestamp)."""
    try:
        ordinal = date.fromisoformat(day[:10]).toordinal()
    except ValueError:
        ordinal = 1  # not a date (the store keeps ISO dates): sorted first
    return ordinal << SLOT_BITS


def ideal_rowid(day: str) -> int:
    """The row number an article of this date (or timestamp) would have, slot free."""
    slot = 0
    if len(day) >= 19 and day[10] == "T":
        try:
            seconds = int(day[11:13]) * 3600 + int(day[14:16]) * 60 + int(day[17:19])
        except ValueError:
            seconds = 0
        slot = min(_SLOTS - 1, int(seconds / _SECONDS_PER_SLOT))
    return day_start(day) + slot


class RowidAllocator:
    """Gives new articles free row numbers in date order, within one transaction."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        self._taken: dict[int, set[int]] = {}

    def allocate(self, day: str) -> int:
        """A free row number at or after the ideal one for ``day``, now taken."""
        rowid = ideal_rowid(day)
        while rowid in self._taken_in(rowid):
            rowid += 1
        self._taken_in(rowid).add(rowid)
        return rowid

    def _taken_in(self, rowid: int) -> set[int]:
        """The row numbers already used on the day ``rowid`` belongs to."""
        start = rowid >> SLOT_BITS << SLOT_BITS
        taken = self._taken.get(start)
        if taken is None:
            rows = self._connection.execute(
                "SELECT rowid FROM docs WHERE rowid >= ? AND rowid < ?", (start, start + _SLOTS)
            )
            taken = self._taken[start] = {int(r) for (r,) in rows}
        return taken
