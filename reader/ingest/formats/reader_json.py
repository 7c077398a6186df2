"""reader's own JSON export: the whole library, restored exactly (text, state, dates)."""

from __future__ import annotations

from typing import Any

from reader.clean.model import Removed
from reader.ingest.formats import fields
from reader.ingest.formats.highlights import highlight, kept
from reader.ingest.formats.items import Failure, Highlight, ImportedArticle, Item
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
        return [
            Failure(name, f"made by a newer reader (export version {one_line(str(version))[:40]})")
        ]
    articles = data.get("articles")
    if not isinstance(articles, list):
        return [Failure(name, "reader export without an article list")]
    items: list[Item] = []
    for number, record in enumerate(articles, start=1):
        label = f"{name}: article {number}"
        if not isinstance(record, dict):
            items.append(Failure(label, "damaged record (not an object)"))
            continue
        try:
            items.append(_article(record, origin))
        except fields.BadField as error:
            items.append(Failure(label, f"damaged record ({error})"))
    return items


def _text(record: dict[str, Any], key: str) -> str | None:
    return one_line(fields.optional_text(record, key) or "") or None


def _article(record: dict[str, Any], origin: str) -> ImportedArticle:
    """One exported article; ``BadField`` names the field that is damaged."""
    if "body" not in record:
        raise fields.BadField("body is missing")
    body = strip_controls(fields.text(record, "body") or "")
    position = record.get("position")
    words = record.get("words")
    return ImportedArticle(
        title=one_line(fields.text(record, "title") or "") or "(untitled)",
        body=body,
        links=strip_controls(fields.optional_text(record, "links") or ""),
        raw=fields.optional_text(record, "raw") or "",
        raw_format=fields.optional_text(record, "raw_format") or "markdown",
        removed=_removed(record),
        source=_text(record, "source"),
        url=_text(record, "url"),
        date=fields.stored_date(record, "date"),
        author=_text(record, "author"),
        language=_text(record, "language"),
        origin=_text(record, "origin") if "origin" in record else origin,
        words=words
        if isinstance(words, int) and not isinstance(words, bool) and words > 0
        else count_words(body),
        read=fields.flag(record, "read"),
        bookmarked=fields.flag(record, "bookmarked"),
        read_at=fields.stored_date(record, "read_at"),
        bookmarked_at=fields.stored_date(record, "bookmarked_at"),
        position=position if isinstance(position, dict) else None,
        tags=tuple(fields.names(record, "tags", "name")),
        highlights=_highlights(record),
        saved=fields.stored_date(record, "added"),
        stored_id=_text(record, "id"),
    )


def _highlights(record: dict[str, Any]) -> tuple[Highlight, ...]:
    """Highlights as the export keeps them (``quote``, ``prefix``, ``suffix``, ``note``,
    ``created``, ``id``; or ``text`` alone); malformed ones skipped."""
    found = record.get("highlights")
    return kept(
        highlight(
            mark.get("quote", mark.get("text")),
            mark.get("note"),
            fields.saved_time(mark, "created"),
            prefix=mark.get("prefix"),
            suffix=mark.get("suffix"),
            ident=mark.get("id"),
        )
        for mark in (found if isinstance(found, list) else [])
        if isinstance(mark, dict)
    )


def _removed(record: dict[str, Any]) -> list[Removed]:
    """The ``[text, reason]`` pairs of what the cleaner left out; malformed ones skipped."""
    pairs = record.get("removed")
    removed: list[Removed] = []
    for pair in pairs if isinstance(pairs, list) else []:
        if isinstance(pair, list) and len(pair) == 2:
            text, reason = (fields.as_text(part) or "" for part in pair)
            removed.append(Removed(strip_controls(text), one_line(reason)))
    return removed
