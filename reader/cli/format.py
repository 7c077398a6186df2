"""How articles look on stdout: Markdown for ``show``, rows and JSON Lines for ``list``."""

from __future__ import annotations

from reader.article_markdown import as_markdown
from reader.store import Article

__all__ = ["as_markdown", "as_row"]


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
