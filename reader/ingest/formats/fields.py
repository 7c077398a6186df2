"""Fields of other readers' exports, checked before they are used.

Exports are written by other programs, or edited by hand: a field may hold a list where
text belongs, or a timestamp no calendar has. The fields an article is made of (its
title, address, content) are read with ``text``, which raises ``BadField`` whose message
is the plain reason shown to the user ("title is not text"), so the entry fails alone and
says why. Metadata around it (tags, flags, dates, language) is read leniently: a value of
the wrong kind, or a date that cannot be read or is out of range, is left out, as a date in
an unknown format always was; the article is worth more than its metadata.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from urllib.parse import urlsplit

from reader.dates import normalize_date
from reader.sanitize import one_line

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]|\Z)")


class BadField(ValueError):
    """An entry's field holds a value of the wrong kind; ``str()`` is the reason to show."""


def text(entry: Mapping[str, object], key: str) -> str | None:
    """The field as text (numbers written out); None when missing or empty."""
    value = entry.get(key)
    if value is None or value == "":
        return None
    if not _is_text(value):
        raise BadField(f"{key} is not text")
    return str(value)


def optional_text(entry: Mapping[str, object], key: str) -> str | None:
    """The field as text; None when missing, empty or of another kind."""
    return as_text(entry.get(key))


def as_text(value: object) -> str | None:
    """``value`` as text when it is text or a number, else None (empty text too)."""
    return str(value) if _is_text(value) and value != "" else None


def flag(entry: Mapping[str, object], key: str) -> bool:
    """A yes/no field (``true``, ``1``, ``"1"``...); anything else means no."""
    value = entry.get(key)
    if isinstance(value, bool | int):
        return bool(value)
    return isinstance(value, str) and value.strip().lower() in ("1", "true", "yes")


def names(entry: Mapping[str, object], key: str, inner: str) -> list[str]:
    """Names in a list field whose items are text or objects naming it under ``inner``.

    wallabag's tags (``{"label": ...}``), Omnivore's labels (``{"name": ...}``), authors.
    A single name given as text counts as a list of one; items of another kind are skipped.
    """
    value = entry.get(key)
    items = value if isinstance(value, list) else [value]
    found: list[str] = []
    for item in items:
        name = item.get(inner) if isinstance(item, dict) else item
        if _is_text(name) and name != "":
            found.append(str(name))
    return found


def date(entry: Mapping[str, object], key: str) -> str | None:
    """The field as an ISO date; None when missing, unreadable or out of range."""
    value = entry.get(key)
    if not _is_text(value) or value == "":
        return None
    try:
        return normalize_date(value)
    except (ValueError, OverflowError):  # e.g. year 1 with a time zone east of UTC
        return None


def stored_date(entry: Mapping[str, object], key: str) -> str | None:
    """A date reader itself wrote: kept exactly when it is ISO 8601, else read as ``date``.

    An export's dates name the files a Markdown export writes, so text that is no date
    (``../../x``, an absolute path) must never get in; a real ISO date or timestamp stays
    as written, so an export round-trips exactly.
    """
    value = entry.get(key)
    if isinstance(value, str) and _ISO_DAY.match(value):
        with contextlib.suppress(ValueError):
            datetime.fromisoformat(value.replace("Z", "+00:00"))
            return value
    return date(entry, key)


def saved_time(entry: Mapping[str, object], key: str) -> str | None:
    """When the entry was saved, as ISO 8601 with an offset; None when unreadable.

    Every saved time is stored the same way: in UTC, to the second, with its ``+00:00``
    offset. A time without a zone is read as UTC; a date alone as its midnight, UTC.
    """
    value = entry.get(key)
    if not _is_text(value) or value == "":
        return None
    if isinstance(value, int | float):
        return from_epoch(value)
    text = str(value).strip()
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        normalized = date(entry, key)
        if normalized is None:
            return None
        try:
            moment = datetime.fromisoformat(normalized)
        except ValueError:  # pragma: no cover - normalize_date gives ISO text
            return None
    return _utc(moment)


#: Seconds from 1601-01-01 (where Chrome and Windows count from) to 1970-01-01.
SECONDS_BEFORE_1970 = 11_644_473_600


def from_epoch(value: object, *, per_second: int = 1, offset: int = 0) -> str | None:
    """An ISO timestamp (UTC, with its offset) from a count of seconds since 1970.

    ``per_second`` reads counts of smaller units (1,000,000 for microseconds); ``offset``
    is subtracted, in seconds, for counts from another start (``SECONDS_BEFORE_1970``).
    Text and numbers are read; None when unreadable, zero or out of range.
    """
    try:
        count = value if isinstance(value, int) and not isinstance(value, bool) else None
        if count is None:
            text = str(value if isinstance(value, str | float) else "").strip()
            count = int(float(text)) if text else None
        if not count:
            return None
        moment = datetime.fromtimestamp(count // per_second - offset, UTC)
    except (ValueError, OverflowError, OSError):  # OSError: past what the C library handles
        return None
    return _utc(moment)


def _utc(moment: datetime) -> str | None:
    """``moment`` in UTC to the second, with its offset; naive times are taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC).replace(microsecond=0).isoformat()
    except (ValueError, OverflowError):  # e.g. year 1 with a time zone east of UTC
        return None


def split_tags(text: str | None, separators: str = ",") -> tuple[str, ...]:
    """Tags written in one field (``"a,b"``, ``"a b"``): each one flattened to a safe line,
    empty ones and repeats left out."""
    if not text:
        return ()
    for separator in separators[1:]:
        text = text.replace(separator, separators[0])
    return unique(one_line(tag) for tag in text.split(separators[0]))


def unique(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags in their order, empty ones and repeats left out."""
    return tuple(dict.fromkeys(tag for tag in tags if tag))


def site_name(url: str | None) -> str | None:
    """The site an address belongs to, as a source: ``www.example.org/x`` → ``example.org``."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = one_line(host).removeprefix("www.")
    return host or None


def _is_text(value: object) -> bool:
    """Text, or a number that reads as text; never a flag, list or object."""
    return isinstance(value, str | int | float) and not isinstance(value, bool)
