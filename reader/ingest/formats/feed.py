"""RSS and Atom feeds: each entry one article, the feed's title as its source.

feedparser is handed bytes, never a string: given a string it would open it as a URL or a
file. Its strict parser (expat) is set not to load external entities, and expat refuses
entity expansion attacks, so such a feed fails cleanly instead of reading files or memory.
"""

from __future__ import annotations

import time
from typing import Any

from reader.clean.extractor import ExtractorUnavailable
from reader.ingest.fetch import FetchError, check_url
from reader.ingest.formats.document import safe_field, to_article
from reader.ingest.formats.fragment import clean_fragment, looks_like_html, plain_text
from reader.ingest.formats.items import Failure, Item
from reader.sanitize import one_line
from reader.store.records import NewArticle

_ENTITY_DECLARATION = b"<!ENTITY"


def read_feed(name: str, data: bytes, *, origin: str, url: str | None = None) -> list[Item]:
    """Every entry of a feed as an article; a bad entry fails alone."""
    if _ENTITY_DECLARATION in data[:65536].upper():
        return [Failure(name, "feed declares XML entities; refused (entity expansion is unsafe)")]
    import feedparser

    try:
        parsed = feedparser.parse(data, resolve_relative_uris=True, sanitize_html=True)
    except Exception as error:  # feedparser is lenient; anything it raises is a broken feed
        return [Failure(name, f"could not be read as a feed ({type(error).__name__})")]
    entries = parsed.get("entries") or []
    if not entries:
        problem = parsed.get("bozo_exception")
        reason = (
            f"not a readable feed ({one_line(str(problem))})" if problem else "feed has no entries"
        )
        return [Failure(name, reason)]
    source = safe_field(parsed.feed.get("title")) or safe_field(url) or name
    items: list[Item] = []
    for number, entry in enumerate(entries, start=1):
        label = f'{name}: entry {number} ("{one_line(entry.get("title") or "untitled")[:60]}")'
        try:
            items.append(_entry_article(entry, label, source=source, origin=origin))
        except RecursionError:
            items.append(Failure(label, "content nested too deeply to read"))
        except ExtractorUnavailable as error:
            items.append(Failure(label, str(error)))
        except Exception as error:  # one bad entry never stops the feed
            items.append(Failure(label, f"could not be read ({type(error).__name__}: {error})"))
    return items


def _web_address(value: object) -> str | None:
    """``value`` if it is an address import could download, else None.

    A feed is anyone's text: an entry link such as ``javascript:...`` must not become the
    article's address or a link in its body (exported Markdown keeps links as they are).
    """
    if not isinstance(value, str):
        return None
    try:
        check_url(value.strip())
    except FetchError:
        return None
    return value.strip()


def _entry_article(entry: Any, label: str, *, source: str, origin: str) -> Item:
    title = entry.get("title") or None
    link = _web_address(entry.get("link"))
    contents = entry.get("content") or []
    content = max((part.get("value") or "" for part in contents), key=len, default="")
    summary = entry.get("summary") or ""
    if content.strip():
        raw = content
        cleaned = clean_fragment(content, title=title, url=link)
    elif summary.strip():
        raw = summary
        text = plain_text(summary) if looks_like_html(summary) else summary.strip()
        cleaned = clean_fragment(f"<p>{summary}</p>", title=title, url=link)
        cleaned.body = text + (f"\n\n[Read the full article]({link})" if link else "")
    elif link:
        raw = ""
        cleaned = clean_fragment("", title=title, url=link)
        cleaned.body = f"This entry has no text in the feed.\n\n[Read the full article]({link})"
    else:
        return Failure(label, "entry has no content, summary or link")
    cleaned.url = link or cleaned.url
    cleaned.source = source
    cleaned.date = _entry_date(entry) or cleaned.date
    cleaned.byline = entry.get("author") or cleaned.byline
    article: NewArticle = to_article(
        cleaned, raw=raw, fmt="html", origin=origin, fallback_title=link or "untitled entry"
    )
    if not article.words:
        return Failure(label, "no article text found")
    return article


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        moment = entry.get(key)
        if moment:
            return time.strftime("%Y-%m-%dT%H:%M:%S", moment)
    return None
