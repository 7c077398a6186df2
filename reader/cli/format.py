"""How articles look on stdout: Markdown for ``show``, rows and JSON Lines for ``list``."""

from __future__ import annotations

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


#: Characters of the source column in ``list`` rows.
SOURCE_WIDTH = 18


def as_row(article: Article) -> str:
    """One line of ``list``: ID, state marks, date, source, title.

    The marks are the app's (● unread, ★ bookmarked). An article without a publication
    date shows "—", as in the app: the time it was added is not its date (``--json`` has
    both), and a blank would shift the columns a script splits on.
    """
    marks = ("●" if not article.read else " ") + ("★" if article.bookmarked else " ")
    date = (article.date or "")[:10] or "—"
    source = article.source or ""
    if len(source) > SOURCE_WIDTH:
        source = source[: SOURCE_WIDTH - 1] + "…"
    return f"{article.id}  {marks}  {date:<10}  {source:<{SOURCE_WIDTH}}  {article.title}"
