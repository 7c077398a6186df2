"""Dates found in articles, brought to ISO 8601 so they sort and compare as text."""

from __future__ import annotations

from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

from reader.lazy_pattern import LazyPattern

_ISO_PREFIX = LazyPattern(r"^\d{4}-\d{2}-\d{2}")
_ORDINAL_SUFFIX = LazyPattern(r"(\d)(st|nd|rd|th)\b")
_FORMATS = (
    "%B %d, %Y",
    "%b %d, %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d %Y",
    "%Y/%m/%d",
    "%d.%m.%Y",
    "%Y.%m.%d",
)


def normalize_date(value: object) -> str | None:
    """An ISO date or timestamp for ``value`` (date, datetime or text), or None if unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return _iso_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    if _ISO_PREFIX.regex.match(text):
        try:
            parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return _valid_day(text[:10])
        return parsed.date().isoformat() if len(text) <= 10 else _iso_datetime(parsed)
    try:
        return _iso_datetime(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError):
        pass
    cleaned = _ORDINAL_SUFFIX.regex.sub(r"\1", text)
    for fmt in _FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _valid_day(text: str) -> str | None:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        return None


def _iso_datetime(moment: datetime) -> str:
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.replace(microsecond=0, tzinfo=None).isoformat()
