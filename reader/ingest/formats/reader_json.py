"""reader's own JSON export: the whole library, restored exactly (text, state, dates)."""

from __future__ import annotations

from typing import Any

from reader.clean.model import Removed
from reader.ingest.formats.items import Failure, ImportedArticle, Item
from reader.sanitize import one_line, strip_controls
from reader.textstats import count_words

#: The key that marks a reader export, and the version written.
MARKER = "reader_export"
VERSION = 1


def is_reader_export(data: object) -> bool:
    """An object carrying reader's export marker."""
    return isinstance(data, dict) and MARKER in data


def read_reader_export(name: str, data: dict[str, Any], *, origin: str) -> list[Item]:
    """Every exported article with its read state, bookmark and reading position."""
    version = data.get(MARKER)
    if not isinstance(version, int) or version > VERSION:
        return [Failure(name, f"made by a newer reader (export version {one_line(str(version))[:40]})")]
    articles = data.get("articles")
    if not isinstance(articles, list):
        return [Failure(name, "reader export without an article list")]
    items: list[Item] = []
    for number, record in enumerate(articles, start=1):
        label = f"{name}: article {number}"
        try:
            items.append(_article(record, origin))
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            items.append(Failure(label, f"damaged record ({type(error).__name__}: {error})"))
    return items


def _text(value: object) -> str | None:
    return one_line(str(value)) or None if value not in (None, "") else None


def _article(record: dict[str, Any], origin: str) -> ImportedArticle:
    body = strip_controls(str(record["body"]))
    position = record.get("position")
    return ImportedArticle(
        title=one_line(str(record.get("title") or "")) or "(untitled)",
        body=body,
        links=strip_controls(str(record.get("links") or "")),
        raw=str(record.get("raw") or ""),
        raw_format=str(record.get("raw_format") or "markdown"),
        removed=[Removed(strip_controls(str(t)), str(r)) for t, r in record.get("removed") or []],
        source=_text(record.get("source")),
        url=_text(record.get("url")),
        date=_text(record.get("date")),
        author=_text(record.get("author")),
        language=_text(record.get("language")),
        origin=_text(record.get("origin")) if "origin" in record else origin,
        words=words
        if isinstance(words := record.get("words"), int) and words > 0
        else count_words(body),
        read=bool(record.get("read")),
        bookmarked=bool(record.get("bookmarked")),
        position=position if isinstance(position, dict) else None,
        tags=tuple(str(t) for t in record.get("tags") or []),
        saved=_text(record.get("added")),
    )
