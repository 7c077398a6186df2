"""Markdown input: YAML front matter read for metadata, the Markdown itself kept."""

from __future__ import annotations

import re
from typing import Any

from reader.clean.model import Cleaned
from reader.dates import normalize_date

_FRONT_MATTER = re.compile(
    r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S
)
_FIRST_HEADING = re.compile(r"\A\s*#[ \t]+(.+?)[ \t#]*(?:\r?\n|\Z)")
_SETEXT_HEADING = re.compile(r"\A\s*([^\n]+)\r?\n=+[ \t]*(?:\r?\n|\Z)")

#: Front-matter keys that mean the same thing across web clippers and static-site tools.
_ALIASES = {
    "title": ("title", "name"),
    "url": ("url", "link", "source_url", "original_url", "canonical"),
    "source": ("source", "site", "site_name", "publisher", "siteName"),
    "date": ("date", "published", "pubDate", "date_published", "created", "saved"),
    "author": ("author", "authors", "byline", "creator"),
}


def read_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """The front matter as a dict (empty when absent or unreadable) and the text after it."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    import yaml

    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}, text
    if not isinstance(data, dict):
        return {}, text[match.end() :]
    return data, text[match.end() :]


def _pick(data: dict[str, Any], field: str) -> Any:
    for key in _ALIASES[field]:
        value = data.get(key)
        if value not in (None, "", []):
            return value
    return None


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        return ", ".join(str(item) for item in value if item) or None
    if isinstance(value, dict):
        return str(value.get("name") or "") or None
    return str(value).strip() or None


def clean_markdown(text: str) -> Cleaned:
    """Metadata from the front matter; title from it or from a leading heading."""
    meta, body = read_front_matter(text)
    title = _as_text(_pick(meta, "title"))
    heading = _FIRST_HEADING.match(body) or _SETEXT_HEADING.match(body)
    if heading and (title is None or heading.group(1).strip() == title):
        title = title or heading.group(1).strip()
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
