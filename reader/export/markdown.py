"""One ``.md`` file per article with YAML front matter, as web clippers write them.

Importing the folder again gives the same articles back, read state and bookmarks included.
An article's highlights follow its body, under a ``Highlights`` heading: each a quote with
its note below it, and a word when its passage is no longer in the text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence, Set
from pathlib import Path
from typing import Any

import yaml

from reader.passages.finding import detached, plain_of
from reader.store import Article, Library
from reader.store.atomic import atomic_write, sync_many

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def file_name(article: Article) -> str:
    """``2024-05-01-title-words-<id>.md``: sorts by date, readable, never collides.

    Every character comes from ``[a-z0-9-]`` (and the ``.md``): a stored field is data,
    and a date such as ``../../x`` or an absolute path must not pick the folder written to.
    """
    ascii_title = unicodedata.normalize("NFKD", article.title).encode("ascii", "ignore").decode()
    slug = _NOT_SLUG.sub("-", ascii_title.lower()).strip("-")[:60].rstrip("-") or "article"
    days = (value[:10] for value in (article.date, article.added) if value)
    day = next((found for found in days if _DAY.fullmatch(found)), "")
    ident = _NOT_SLUG.sub("", article.id.lower()) or "article"
    return f"{day + '-' if day else ''}{slug}-{ident}.md"


def front_matter(article: Article, tags: list[str] | None = None) -> dict[str, Any]:
    """The metadata written above the body; empty fields are left out."""
    fields: dict[str, Any] = {
        "title": article.title,
        "source": article.source,
        "url": article.url,
        "date": article.date,
        "author": article.author,
        "read": article.read,
        "bookmarked": article.bookmarked,
    }
    if tags:
        fields["tags"] = tags
    if article.highlights:  # how many follow the body: importing the file takes them back
        fields["highlights"] = len(article.highlights)
    return {key: value for key, value in fields.items() if value not in (None, "")}


#: The heading the highlights are listed under, after the body.
HIGHLIGHTS_HEADING = "## Highlights"
DETACHED_WORD = "*(no longer found in the article's text)*"


def render(
    article: Article,
    body: str,
    tags: list[str] | None = None,
    detached: set[str] | frozenset[str] = frozenset(),
) -> str:
    """The whole file: front matter, a blank line, the Markdown body, its highlights
    (``detached``: the IDs of those no longer found in the text)."""
    header = yaml.safe_dump(
        front_matter(article, tags), allow_unicode=True, sort_keys=False, width=10_000
    )
    page = f"---\n{header}---\n\n{body.strip()}\n"
    if article.highlights:
        page += "\n" + highlights_section(article.highlights, detached)
    return page


def highlights_section(marks: Sequence[Mapping[str, Any]], detached: Set[str]) -> str:
    """Each highlight as a Markdown quote, its note as a paragraph after it."""
    parts = [HIGHLIGHTS_HEADING]
    for mark in marks:
        lines = [line.strip() for line in str(mark["quote"]).splitlines() if line.strip()]
        quote = "\n>\n".join(f"> {line}" for line in lines)
        if mark.get("id") in detached:
            quote += f"\n>\n> {DETACHED_WORD}"
        parts.append(quote)
        if mark.get("note"):
            parts.append(str(mark["note"]).strip())
    return "\n\n".join(parts) + "\n"


def split_highlights(body: str) -> tuple[str, list[tuple[str, str | None]]]:
    """A body this export wrote, without its highlights section; and each highlight's
    quote and note (the file's front matter says how many there are)."""
    at = body.rfind("\n" + HIGHLIGHTS_HEADING + "\n")
    if at < 0 and not body.startswith(HIGHLIGHTS_HEADING + "\n"):
        return body, []
    section = body[at + 1 :] if at >= 0 else body
    found: list[tuple[str, str | None]] = []
    for part in section.split("\n\n")[1:]:
        lines = part.strip().splitlines()
        if lines and all(line.startswith(">") for line in lines):
            text = [line[1:].strip() for line in lines]
            quote = "\n".join(line for line in text if line and line != DETACHED_WORD)
            if quote:
                found.append((quote, None))
        elif found and part.strip():
            quote, note = found[-1]
            found[-1] = (quote, f"{note}\n\n{part.strip()}" if note else part.strip())
    return body[:at].rstrip() if at >= 0 else "", found


def export_markdown(
    library: Library, folder: Path, *, on_progress: Callable[[int, int], None] | None = None
) -> int:
    """Write every article into ``folder`` (created if missing); returns how many.

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
        page = render(article, content.markdown, list(content.tags), lost)
        path = folder / file_name(article)
        atomic_write(path, page.encode("utf-8"), keep_previous=False, durable=False)
        written.append(path)
        if on_progress:
            on_progress(done, len(articles))
    sync_many(written)
    return len(articles)
