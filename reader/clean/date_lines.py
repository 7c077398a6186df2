"""Dates in lines of a page, as ISO ``YYYY-MM-DD``: numeric, written out in several
languages, or Korean and Japanese; and whether a short line is a date or time stamp."""

from __future__ import annotations

import re

from reader.lazy_pattern import LazyPattern
from reader.textstats import count_words

_MONTHS: dict[str, int] = {}
for _i, _names in enumerate(
    [
        "jan january janvier januar enero janeiro gennaio январь января jan januari",
        "feb february février februar febrero fevereiro febbraio февраль февраля feb februari",
        "mar march mars märz marzo março марта март maret",
        "apr april avril abril aprile апрель апреля",
        "may mai mayo maio maggio май мая mei",
        "jun june juin juni junio junho giugno июнь июня",
        "jul july juillet juli julio julho luglio июль июля",
        "aug august août agosto август августа agustus agu",
        "sep sept september septembre septiembre setembro settembre сентябрь сентября",
        "oct october octobre oktober octubre outubro ottobre октябрь октября okt",
        "nov november novembre noviembre novembro ноябрь ноября",
        "dec december décembre dezember diciembre dezembro dicembre декабрь декабря des desember",
    ],
    start=1,
):
    for _n in _names.split():
        _MONTHS[_n] = _i

_MONTH_RE = r"([^\W\d_]{3,10})\.?"
_DATE_PATTERNS: list[tuple[LazyPattern[str], str]] = [
    (LazyPattern(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)"), "ymd"),
    (LazyPattern(r"(\d{4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일"), "ymd"),
    (LazyPattern(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"), "ymd"),
    (LazyPattern(_MONTH_RE + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b"), "mdy"),
    (
        LazyPattern(
            r"\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:de\s+|of\s+)?"
            + _MONTH_RE
            + r",?\s+(?:de\s+)?(\d{4})\b"
        ),
        "dmy",
    ),
    (LazyPattern(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b"), "num"),
]


YEAR = LazyPattern(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def find_date(text: str) -> str | None:
    """Return the first date found in ``text`` as ISO ``YYYY-MM-DD``, or None."""
    if YEAR.regex.search(text) is None:
        return None
    for pat, kind in _DATE_PATTERNS:
        for m in pat.regex.finditer(text):
            iso = _to_iso(m.groups(), kind)
            if iso:
                return iso
    return None


def _to_iso(groups: tuple[str | None, ...], kind: str) -> str | None:
    """Turn the groups of a date pattern match into ISO ``YYYY-MM-DD``, or None if invalid."""
    g = [x or "" for x in groups]
    try:
        if kind == "ymd":
            y, mo, d = int(g[0]), int(g[1]), int(g[2])
        elif kind == "mdy":
            mo = _MONTHS.get(g[0].lower(), 0)
            d, y = int(g[1]), int(g[2])
        elif kind == "dmy":
            d, y = int(g[0]), int(g[2])
            mo = _MONTHS.get(g[1].lower(), 0)
        else:
            a, b, y = int(g[0]), int(g[1]), int(g[2])
            mo, d = (a, b) if a <= 12 and b > 12 else (b, a) if b <= 12 else (0, 0)
            if a <= 12 and b <= 12:
                mo, d = a, b
    except (TypeError, ValueError):
        return None
    if not (1 <= mo <= 12 and 1 <= d <= 31 and 1900 <= y <= 2100):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


_DATE_ONLY = LazyPattern(
    r"^(?:(?:published|updated|posted|last updated|modified|on|am|le|el|em|il|publicado|pubblicato|veröffentlicht|опубликовано)\b:?\s*+)?"
    r"[\w\s,./:\-–|()]*+$",
    re.I,
)


_DIGIT = LazyPattern(r"\d")
_TIME = LazyPattern(r"\b\d{1,2}:\d{2}\b")


def is_date_line(text: str) -> bool:
    """Whether ``text`` is a short line that mostly holds a date or time stamp."""
    # Cheapest tests first: most lines fail on their characters before any date search.
    if len(text) > 80 or _DIGIT.regex.search(text) is None:
        return False
    if _DATE_ONLY.regex.match(text) is None or count_words(text) > 12:
        return False
    return find_date(text) is not None or _TIME.regex.search(text) is not None
