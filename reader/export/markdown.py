"""One ``.md`` file per article with YAML front matter, as web clippers write them.

Importing the folder again gives the same articles back, read state and bookmarks included.
An article's highlights follow its body, under a ``Highlights`` heading: each a quote with
its note below it, and a word when its passage is no longer in the text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from reader.highlight_quotes import highlights_section
from reader.passages.finding import detached, plain_of
from reader.store import Article, Library
from reader.store.atomic import atomic_write, sync_many

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def file_name(article: Article) -> str:
    """``2024-05-01-title-words-<id>.md``: sorts by date, readable, never collides.

    Only a publication date names a day: an undated article's file is ``title-words-<id>.md``,
    since the day it was saved is not its date. Every character comes from ``[a-z0-9-]``
    (and the ``.md``): a stored field is data, and a date such as ``../../x`` or an absolute
    path must not pick the folder written to.
    """
    ascii_title = unicodedata.normalize("NFKD", article.title).encode("ascii", "ignore").decode()
    slug = _NOT_SLUG.sub("-", ascii_title.lower()).strip("-")[:60].rstrip("-") or "article"
    day = (article.date or "")[:10]
    day = day if _DAY.fullmatch(day) else ""
    ident = _NOT_SLUG.sub("", article.id.lower()) or "article"
    return f"{day + '-' if day else ''}{slug}-{ident}.md"


def front_matter(article: Article) -> dict[str, Any]:
    """The metadata written above the body; empty fields are left out (an undated article
    has no ``date``: the day it was saved is not one)."""
    fields: dict[str, Any] = {
        "title": article.title,
        "source": article.source,
        "url": article.url,
        "date": article.date,
        "author": article.author,
        "read": article.read,
        "bookmarked": article.bookmarked,
        "tags": list(article.tags),
    }
    if article.highlights:  # how many follow the body: importing the file takes them back
        fields["highlights"] = len(article.highlights)
    return {key: value for key, value in fields.items() if value not in (None, "", [])}


def render(article: Article, body: str, detached: set[str] | frozenset[str] = frozenset()) -> str:
    """The whole file: front matter, a blank line, the Markdown body, its highlights
    (``detached``: the IDs of those no longer found in the text)."""
    header = yaml.safe_dump(
        front_matter(article), allow_unicode=True, sort_keys=False, width=10_000
    )
    page = f"---\n{header}---\n\n{body.strip()}\n"
    if article.highlights:
        page += "\n" + highlights_section(article.highlights, detached)
    return page


def export_markdown(
    library: Library, folder: Path, *, on_progress: Callable[[int, int], None] | None = None
) -> int:
    """Write every article into ``folder`` (created if missing); returns how many. Deleted
    articles are not exported.

    Each file is replaced whole (never half written, and a link planted under its name is
    replaced, not written through); all are made durable together at the end.
    """
    folder.mkdir(parents=True, exist_ok=True)
    articles = library.articles()
    written: list[Path] = []
    for done, article in enumerate(articles, start=1):
        content = library.content(article.id)
        lost: set[str] = set()
        if article.highlights:
            lost = detached(plain_of(content.body, content.links), article.highlights)
        page = render(article, content.markdown, lost)
        path = folder / file_name(article)
        atomic_write(path, page.encode("utf-8"), keep_previous=False, durable=False)
        written.append(path)
        if on_progress:
            on_progress(done, len(articles))
    sync_many(written)
    return len(articles)
