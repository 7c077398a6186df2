"""One article as a Markdown document: what ``reader show`` prints, ``|`` pipes and ``e``
pages, so the three never differ."""

from __future__ import annotations

from reader.store.records import Article
from reader.textstats import reading_minutes


def metadata_line(article: Article, words_per_minute: int = 230) -> str:
    """Source · author · date · reading time · URL, whichever are known."""
    parts = [article.source, article.author, (article.date or "")[:10] or None]
    if article.words:
        parts.append(f"{reading_minutes(article.words, words_per_minute)} min read")
    parts.append(article.url)
    return " · ".join(part for part in parts if part)


def as_markdown(article: Article, body: str) -> str:
    """The article as one Markdown document: title heading, metadata line, tags, body; and
    for a deleted article, a line saying so first."""
    meta = metadata_line(article)
    head = f"# {article.title}\n\n" + (f"*{meta}*\n\n" if meta else "")
    if article.tags:
        head += f"Tags: {', '.join(article.tags)}\n\n"
    if article.deleted_at:
        day = article.deleted_at[:10]
        head = f"Deleted on {day}: `reader restore {article.id}` brings it back.\n\n" + head
    return head + body.strip() + "\n"
