"""How articles look on stdout: Markdown for ``show``, rows and JSON Lines for ``list``."""

from __future__ import annotations

from typing import Any

from reader.store import Article
from reader.textstats import reading_minutes


def metadata_line(article: Article, words_per_minute: int = 230) -> str:
    """Source · author · date · reading time · URL, whichever are known."""
    parts = [article.source, article.author, (article.date or "")[:10] or None]
    if article.words:
        parts.append(f"{reading_minutes(article.words, words_per_minute)} min read")
    parts.append(article.url)
    return " · ".join(part for part in parts if part)


def as_markdown(article: Article, body: str) -> str:
    """The article as one Markdown document: title heading, metadata line, body."""
    meta = metadata_line(article)
    head = f"# {article.title}\n\n" + (f"*{meta}*\n\n" if meta else "")
    return head + body.strip() + "\n"


def as_json(article: Article) -> dict[str, Any]:
    """The stable JSON shape of an article in ``list --json`` and friends."""
    return {
        "id": article.id,
        "title": article.title,
        "source": article.source,
        "url": article.url,
        "date": article.date,
        "author": article.author,
        "added": article.added,
        "words": article.words,
        "read": article.read,
        "bookmarked": article.bookmarked,
    }


def as_row(article: Article) -> str:
    """One line of ``list``: ID, state marks, date, source, title."""
    marks = ("•" if not article.read else " ") + ("★" if article.bookmarked else " ")
    date = (article.date or article.added or "")[:10]
    source = (article.source or "")[:18]
    return f"{article.id}  {marks}  {date:<10}  {source:<18}  {article.title}"
