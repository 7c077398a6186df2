"""How article facts read on screen: dates, reading time, one-line safe text."""

from __future__ import annotations

from datetime import date, datetime

from reader.sanitize import one_line
from reader.textstats import reading_minutes

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def short_date(iso: str | None, today: date) -> str:
    """``3 Nov`` this year, ``Nov 2024`` otherwise; empty when unknown."""
    day = parse_day(iso)
    if day is None:
        return ""
    if day.year == today.year:
        return f"{day.day} {_MONTHS[day.month - 1]}"
    return f"{_MONTHS[day.month - 1]} {day.year}"


def long_date(iso: str | None) -> str:
    """``3 November 2026`` style, for the article header; empty when unknown."""
    day = parse_day(iso)
    return day.strftime("%-d %B %Y") if day else ""


def parse_day(iso: str | None) -> date | None:
    """The calendar day of an ISO 8601 date or timestamp, or None."""
    if not iso:
        return None
    try:
        return datetime.fromisoformat(iso).date()
    except ValueError:
        try:
            return date.fromisoformat(iso[:10])
        except ValueError:
            return None


def days_left(deleted_at: str, today: date, kept_days: int) -> str:
    """``12d``: whole days until a deleted article goes for good (``0d`` on its last day)."""
    day = parse_day(deleted_at)
    if day is None:
        return ""
    return f"{max(0, (day - today).days + kept_days)}d"


def reading_time(words: int, words_per_minute: int) -> str:
    """``4 min``; empty for an article without words."""
    minutes = reading_minutes(words, words_per_minute)
    return f"{minutes} min" if minutes else ""


def safe(text: str | None) -> str:
    """Untrusted text flattened to one line with every control character removed."""
    return one_line(text) if text else ""
