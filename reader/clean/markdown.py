"""Markdown input: YAML front matter read for metadata, the Markdown itself kept."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from reader.clean.model import Cleaned
from reader.dates import normalize_date
from reader.lazy_pattern import LazyPattern

_FRONT_MATTER = LazyPattern(
    r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S
)
#: An ATX heading line; its closing ``#``s and spaces are stripped after the match (a
#: pattern that left them out, ``(.+?)[ \t#]*``, took cubic time on a line of spaces).
_FIRST_HEADING = LazyPattern(r"\A\s*+#[ \t]++([^\n]+)(?:\n|\Z)")
_SETEXT_HEADING = LazyPattern(r"\A\s*+([^\n]+)\r?\n=+[ \t]*(?:\r?\n|\Z)")

#: Front-matter keys that mean the same thing across web clippers and static-site tools.
_ALIASES = {
    "title": ("title", "name"),
    "url": ("url", "link", "source_url", "original_url", "canonical"),
    "source": ("source", "site", "site_name", "publisher", "siteName"),
    "date": ("date", "published", "pubDate", "date_published", "created", "saved"),
    "author": ("author", "authors", "byline", "creator"),
}


#: Front matter longer than this is not metadata; it is skipped rather than parsed.
MAX_FRONT_MATTER = 64 * 1024


def read_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """The front matter as a dict (empty when absent or unreadable) and the text after it."""
    match = _FRONT_MATTER.regex.match(text)
    if not match:
        return {}, text
    if match.end() > MAX_FRONT_MATTER:
        return {}, text[match.end() :]
    import yaml

    try:
        data = yaml.safe_load(match.group(1))
    except (yaml.YAMLError, ValueError, TypeError, RecursionError):
        # YAML that does not parse, or values it cannot build (a 13th month): no metadata.
        return {}, text[match.end() :]
    if not isinstance(data, dict):
        return {}, text[match.end() :]
    return data, text[match.end() :]


def _pick(data: dict[str, Any], field: str) -> Any:
    for key in _ALIASES[field]:
        value = data.get(key)
        if value not in (None, "", []):
            return value
    return None


_SCALARS = (str, int, float, date)


def _as_text(value: Any) -> str | None:
    """A metadata value as text: scalars, lists of scalars, or a ``name`` in a mapping.

    Anything else (nested structures, which YAML aliases can make enormous) is ignored.
    """
    if isinstance(value, list):
        return ", ".join(str(item) for item in value[:20] if isinstance(item, _SCALARS)) or None
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, _SCALARS) and not isinstance(value, bool):
        return str(value).strip() or None
    return None


def clean_markdown(text: str) -> Cleaned:
    """Metadata from the front matter; title from it or from a leading heading."""
    meta, body = read_front_matter(text)
    title = _as_text(_pick(meta, "title"))
    heading = _FIRST_HEADING.regex.match(body) or _SETEXT_HEADING.regex.match(body)
    heading_text = heading.group(1).rstrip(" \t#\r").strip() if heading else ""
    if heading and heading_text and (title is None or plain_text(heading_text) == title):
        title = title or plain_text(heading_text)
        body = body[heading.end() :]
    return Cleaned(
        title=title,
        body=body.strip(),
        byline=_as_text(_pick(meta, "author")),
        date=normalize_date(_pick(meta, "date")),
        source=_as_text(_pick(meta, "source")),
        url=_as_text(_pick(meta, "url")),
        language=_as_text(meta.get("lang") or meta.get("language")),
    )


#: Inline Markdown a title taken from a heading may hold: links and pictures (their text
#: kept), emphasis and code marks, backslash escapes.
_LINK = LazyPattern(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_EMPHASIS = LazyPattern(r"(?<![\w\\])(\*{1,3}|_{1,3}|~~|`+)(?=\S)(.+?)(?<=\S)\1(?!\w)")
_ESCAPE = LazyPattern(r"\\([\\`*_{}\[\]()#+\-.!~>|])")


#: Longer lines are left as they are: no title is this long, and the patterns above
#: would take time quadratic in the length of a line full of marks.
MAX_PLAIN_CHARS = 1000


def plain_text(markdown: str) -> str:
    """A line of Markdown as the text it shows: ``*A Treatise*`` reads ``A Treatise``."""
    if len(markdown) > MAX_PLAIN_CHARS:
        return markdown.strip()
    text = _LINK.regex.sub(r"\1", markdown)
    for _ in range(3):  # nested marks: ***bold italic***, **a _b_**
        text = _EMPHASIS.regex.sub(r"\2", text)
    return _ESCAPE.regex.sub(r"\1", text).strip()
