"""RSS and Atom feeds: each entry one article, the feed's title as its source.

An entry is news however short: a one-sentence item or a link post is kept as it is.
Only an entry with neither text nor a link is refused. A feed that declares XML entities
is refused whole (entity expansion is how a small file becomes gigabytes).
"""

from __future__ import annotations

from reader.ingest.formats.document import safe_field
from reader.ingest.formats.entry_markdown import entry_markdown
from reader.ingest.formats.feed_xml import Entry, NotAFeed, parse_feed
from reader.ingest.formats.fragment import looks_like_html, plain_text
from reader.ingest.formats.items import Failure, Item
from reader.sanitize import one_line, strip_controls
from reader.store.identity import body_hash
from reader.store.records import NewArticle
from reader.textstats import count_words

_ENTITY_DECLARATION = b"<!ENTITY"
#: What a link-only entry's body says.
NO_TEXT = "This entry has no text in the feed."
READ_MORE = "Read the full article"


def refused_feed(data: bytes) -> str | None:
    """Why a feed must not be parsed at all, or None."""
    if _ENTITY_DECLARATION in data[:65536].upper():
        return "feed declares XML entities; refused (entity expansion is unsafe)"
    return None


def read_feed(name: str, data: bytes, *, origin: str, url: str | None = None) -> list[Item]:
    """Every entry of a feed as an article; a bad entry fails alone."""
    refusal = refused_feed(data)
    if refusal:
        return [Failure(name, refusal)]
    try:
        document = parse_feed(data, url)
    except NotAFeed as error:
        return [Failure(name, one_line(str(error)))]
    except RecursionError:
        return [Failure(name, "feed nested too deeply to read")]
    if not document.entries:
        return [Failure(name, "feed has no entries")]
    source = safe_field(document.title) or safe_field(url) or name
    items: list[Item] = []
    for number, entry in enumerate(document.entries, start=1):
        label = f'{name}: entry {number} ("{one_line(entry.title or "untitled")[:60]}")'
        try:
            items.append(entry_article(entry, source=source, origin=origin) or _empty(label))
        except RecursionError:
            items.append(Failure(label, "content nested too deeply to read"))
        except Exception as error:  # one bad entry never stops the feed
            items.append(Failure(label, f"could not be read ({type(error).__name__}: {error})"))
    return items


def _empty(label: str) -> Failure:
    return Failure(label, "entry has no content, summary or link")


def entry_text(entry: Entry) -> tuple[str, str, str]:
    """(Markdown prose, link definitions, the raw HTML it came from) of an entry."""
    raw = entry.content if len(entry.content) >= len(entry.summary) else entry.summary
    if not raw.strip():
        return "", "", ""
    prose, links = entry_markdown(raw, entry.base or entry.link)
    return prose, links, raw


def entry_article(
    entry: Entry,
    *,
    source: str | None,
    origin: str,
    text: tuple[str, str, str] | None = None,
) -> NewArticle | None:
    """An entry as an article, or None when it has neither text nor a link.

    ``text`` is the entry's ``entry_text`` when the caller has it already.
    """
    prose, links, raw = text if text is not None else entry_text(entry)
    if entry.link and not (entry.content.strip() and prose.strip()):
        # A summary, or content with no text (an image, an empty document), or nothing:
        # the whole article is a link away.
        prose = f"{prose or NO_TEXT}\n\n[{READ_MORE}]"
        links = "\n".join(part for part in (links, f"[{READ_MORE}]: <{entry.link}>") if part)
    body = strip_controls(prose).strip()
    if not body:
        return None
    title = _title(entry, body)
    return NewArticle(
        title=title,
        body=body,
        raw=raw,
        raw_format="html",
        source=source,
        url=entry.link,
        date=entry.date,
        author=safe_field(entry.author),
        origin=origin,
        words=count_words(body),
        links=strip_controls(links),
        body_key=body_hash(body),
    )


def _title(entry: Entry, body: str) -> str:
    """The entry's title, else its first words, else its address."""
    title = entry.title or ""
    if looks_like_html(title):
        title = plain_text(title)
    title = one_line(title)
    if title:
        return title
    words = one_line(body).split()
    if not body.startswith(NO_TEXT) and words:
        return " ".join(words[:12]) + ("…" if len(words) > 12 else "")
    return one_line(entry.link or "") or "untitled entry"
