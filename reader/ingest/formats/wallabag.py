"""wallabag's JSON export: a list of entries with their HTML content and state."""

from __future__ import annotations

from typing import Any

from reader.dates import normalize_date
from reader.ingest.formats.document import to_article, with_state
from reader.ingest.formats.fragment import clean_fragment
from reader.ingest.formats.items import Failure, Item, Link
from reader.sanitize import one_line


def is_wallabag(data: object) -> bool:
    """A list of objects with wallabag's ``is_archived``/``is_starred`` fields."""
    return (
        isinstance(data, list)
        and bool(data)
        and isinstance(data[0], dict)
        and ("is_archived" in data[0] or "is_starred" in data[0])
    )


def read_wallabag(name: str, entries: list[Any], *, origin: str) -> list[Item]:
    """Each entry as an article, archived ones read, starred ones bookmarked."""
    items: list[Item] = []
    for number, entry in enumerate(entries, start=1):
        title = one_line(str(entry.get("title") or "")) if isinstance(entry, dict) else ""
        label = f'{name}: entry {number} ("{title[:60] or "untitled"}")'
        if not isinstance(entry, dict):
            items.append(Failure(label, "not a wallabag entry"))
            continue
        try:
            items.append(_entry(entry, label, title, origin))
        except RecursionError:
            items.append(Failure(label, "content nested too deeply to read"))
        except Exception as error:  # one bad entry never stops the export
            items.append(Failure(label, f"could not be read ({type(error).__name__}: {error})"))
    return items or [Failure(name, "wallabag export holds no entries")]


def _entry(entry: dict[str, Any], label: str, title: str, origin: str) -> Item:
    url = str(entry.get("url") or "").strip() or None
    content = str(entry.get("content") or "")
    read, bookmarked = bool(entry.get("is_archived")), bool(entry.get("is_starred"))
    tags, saved = _tags(entry.get("tags")), normalize_date(entry.get("created_at"))
    if not content.strip():
        if url:
            return Link(
                url=url,
                kind="page",
                container=label,
                name=label,
                title=title or None,
                read=read,
                bookmarked=bookmarked,
                tags=tags,
                saved=saved,
            )
        return Failure(label, "entry has neither content nor URL")
    cleaned = clean_fragment(content, title=title or None, url=url)
    cleaned.url = url
    cleaned.date = normalize_date(entry.get("published_at")) or cleaned.date
    authors = entry.get("published_by")
    if isinstance(authors, list) and authors:
        cleaned.byline = ", ".join(str(a) for a in authors if a)
    cleaned.source = cleaned.source or entry.get("domain_name") or None
    cleaned.language = entry.get("language") or cleaned.language
    article = to_article(
        cleaned, raw=content, fmt="html", origin=origin, fallback_title=url or label
    )
    if not article.words:
        return Failure(label, "no article text found")
    return with_state(article, read=read, bookmarked=bookmarked, tags=tags, saved=saved)


def _tags(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    names = (tag.get("label") if isinstance(tag, dict) else tag for tag in value)
    return tuple(one_line(str(n)) for n in names if n)
