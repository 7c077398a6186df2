"""One article as a JSON object: the one shape of each field wherever an article is written.

``reader list --json``, ``reader clean --json`` and ``reader export --format json`` all
build their objects here, so a field has one name and one form everywhere (``author``,
``raw_format``, ``removed`` as ``[text, reason]`` pairs) and the importer of reader's
export reads back exactly what this writes.
"""

from __future__ import annotations

from typing import Any

from reader.store.records import Article, ArticleContent, NewArticle, carried_tags


def article_json(
    article: Article | NewArticle,
    content: ArticleContent | NewArticle | None = None,
    *,
    raw: bool = True,
) -> dict[str, Any]:
    """``article``'s metadata and tags, and for a stored one its ID, state and when it was
    added (and, only while it is deleted, when that was); with ``content``, its text too
    (``raw``: the input as imported, as well).

    An article not stored yet (what ``reader clean`` prints) is its own content. ``date``
    is the publication date or null, never the time the article was saved (``added``).
    """
    fields: dict[str, Any] = {"id": article.id} if isinstance(article, Article) else {}
    fields |= {
        "title": article.title,
        "source": article.source,
        "url": article.url,
        "date": article.date,
        "author": article.author,
        "language": article.language,
        "origin": article.origin,
        "words": article.words,
        "tags": list(article.tags if isinstance(article, Article) else carried_tags(article)),
    }
    if isinstance(article, Article):
        fields |= {
            "added": article.added,
            "read": article.read,
            "read_at": article.read_at,
            "bookmarked": article.bookmarked,
            "bookmarked_at": article.bookmarked_at,
            "position": article.position,
            "tags": list(article.tags),
        }
        if article.deleted_at is not None:
            fields["deleted_at"] = article.deleted_at
    if content is not None:
        fields.setdefault("tags", list(getattr(content, "tags", ())))
        if isinstance(article, Article) and article.highlights:
            # The reader's own, with the context that finds each again (store.highlights).
            fields["highlights"] = [dict(mark) for mark in article.highlights]
        fields |= {
            "body": content.body,
            "links": content.links,
            "removed": [[removed.text, removed.reason] for removed in content.removed],
            "raw_format": content.raw_format,
        }
        if raw:
            fields["raw"] = content.raw
    return fields
