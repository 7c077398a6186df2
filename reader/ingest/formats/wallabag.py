"""wallabag's JSON exports, v1 and v2: a list of entries with their HTML content and state.

v2 entries carry ``is_archived``/``is_starred``, tags, dates, authors and annotations; v1
entries (wallabag 1.x, "poche") only ``is_read``/``is_fav`` beside title, URL and content.
"""

from __future__ import annotations

from typing import Any

from reader.clean.extractor import ExtractorUnavailable
from reader.ingest.formats import fields
from reader.ingest.formats.document import to_article, with_state
from reader.ingest.formats.fragment import clean_fragment
from reader.ingest.formats.highlights import highlight, kept
from reader.ingest.formats.items import Failure, Highlight, Item
from reader.ingest.formats.links import page_link
from reader.sanitize import one_line

#: The state fields of each version: read, bookmarked.
V2_FLAGS = ("is_archived", "is_starred")
V1_FLAGS = ("is_read", "is_fav")
#: wallabag 1.x wrote this title, in the user's language, when it found none.
V1_UNTITLED = {"Untitled", "Sans titre", "Sin título", "Sem título", "Без названия"}


def is_wallabag(data: object) -> bool:
    """A list of objects with wallabag's state fields (either version's)."""
    return (
        isinstance(data, list)
        and bool(data)
        and isinstance(data[0], dict)
        and any(key in data[0] for key in V2_FLAGS + V1_FLAGS)
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
        title = one_line(fields.text(entry, "title") or "")
    except fields.BadField:
        return ""
    return "" if title in V1_UNTITLED else title


def _entry(entry: dict[str, Any], label: str, title: str, origin: str) -> Item:
    fields.text(entry, "title")  # a title that is not text fails the entry, saying so
    url = (fields.text(entry, "url") or "").strip() or None
    content = fields.text(entry, "content") or ""
    read = fields.flag(entry, "is_archived") or fields.flag(entry, "is_read")
    bookmarked = fields.flag(entry, "is_starred") or fields.flag(entry, "is_fav")
    tags = fields.unique(one_line(tag) for tag in fields.names(entry, "tags", "label"))
    saved = fields.saved_time(entry, "created_at")
    authors = [one_line(author) for author in fields.names(entry, "published_by", "name")]
    published = fields.date(entry, "published_at")
    source = fields.optional_text(entry, "domain_name")
    language = fields.optional_text(entry, "language")
    marks = _annotations(entry)
    if not content.strip():
        if url:
            return page_link(
                label,
                label,
                url,
                title=title,
                date=published,
                read=read,
                bookmarked=bookmarked,
                tags=tags,
                saved=saved,
                author=", ".join(a for a in authors if a) or None,
                source=one_line(source or "") or None,
                highlights=marks,
            )
        return Failure(label, "entry has neither content nor URL")
    cleaned = clean_fragment(content, title=title or None, url=url)
    cleaned.url = url
    cleaned.date = published or cleaned.date
    if any(authors):
        cleaned.byline = ", ".join(a for a in authors if a)
    cleaned.source = cleaned.source or source or fields.site_name(url)
    cleaned.language = language or cleaned.language
    article = to_article(
        cleaned, raw=content, fmt="html", origin=origin, fallback_title=url or label
    )
    if not article.words:
        return Failure(label, "no article text found")
    return with_state(
        article, read=read, bookmarked=bookmarked, tags=tags, saved=saved, highlights=marks
    )


def _annotations(entry: dict[str, Any]) -> tuple[Highlight, ...]:
    """wallabag's annotations (``quote`` marked, ``text`` noted) as highlights."""
    found = entry.get("annotations")
    return kept(
        highlight(note.get("quote"), note.get("text"), fields.saved_time(note, "created_at"))
        for note in (found if isinstance(found, list) else [])
        if isinstance(note, dict)
    )
