"""wallabag's JSON export: a list of entries with their HTML content and state."""

from __future__ import annotations

from typing import Any

from reader.clean.extractor import ExtractorUnavailable
from reader.ingest.formats import fields
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
        title = _title(entry)
        label = f'{name}: entry {number} ("{title[:60] or "untitled"}")'
        if not isinstance(entry, dict):
            items.append(Failure(label, "not a wallabag entry"))
            continue
        try:
            items.append(_entry(entry, label, title, origin))
        except (fields.BadField, ExtractorUnavailable) as error:
            items.append(Failure(label, str(error)))
        except RecursionError:
            items.append(Failure(label, "content nested too deeply to read"))
        except Exception as error:  # one bad entry never stops the export
            items.append(Failure(label, f"could not be read ({type(error).__name__}: {error})"))
    return items or [Failure(name, "wallabag export holds no entries")]


def _title(entry: object) -> str:
    """The entry's title for labels, or "" when it has none that is text."""
    if not isinstance(entry, dict):
        return ""
    try:
        return one_line(fields.text(entry, "title") or "")
    except fields.BadField:
        return ""


def _entry(entry: dict[str, Any], label: str, title: str, origin: str) -> Item:
    fields.text(entry, "title")  # a title that is not text fails the entry, saying so
    url = (fields.text(entry, "url") or "").strip() or None
    content = fields.text(entry, "content") or ""
    read, bookmarked = fields.flag(entry, "is_archived"), fields.flag(entry, "is_starred")
    tags = tuple(one_line(tag) for tag in fields.names(entry, "tags", "label"))
    saved = fields.date(entry, "created_at")
    authors = fields.names(entry, "published_by", "name")
    published = fields.date(entry, "published_at")
    source = fields.optional_text(entry, "domain_name")
    language = fields.optional_text(entry, "language")
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
    cleaned.date = published or cleaned.date
    if authors:
        cleaned.byline = ", ".join(authors)
    cleaned.source = cleaned.source or source
    cleaned.language = language or cleaned.language
    article = to_article(
        cleaned, raw=content, fmt="html", origin=origin, fallback_title=url or label
    )
    if not article.words:
        return Failure(label, "no article text found")
    return with_state(article, read=read, bookmarked=bookmarked, tags=tags, saved=saved)
