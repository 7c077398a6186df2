"""The CPU work of an update, run in worker processes: reading a feed, cleaning a page.

Everything here takes and returns plain picklable values and never touches the library.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.feeds.entries import FeedEntries, entry_hash, entry_keys
from reader.feeds.teaser import is_teaser
from reader.ingest.formats.document import read_document, safe_field
from reader.ingest.formats.feed import NO_TEXT, entry_article, entry_text, refused_feed
from reader.ingest.formats.feed_xml import NotAFeed, parse_feed
from reader.ingest.formats.items import Failure
from reader.sanitize import one_line
from reader.store.identity import body_hash
from reader.store.records import NewArticle
from reader.textstats import count_words

#: How the line under a teaser whose page could not be downloaded begins.
NOTE_START = "*The full article could not be downloaded"


@dataclass
class FeedJob:
    """A downloaded feed to read, and what the library holds of it."""

    feed_id: str
    url: str
    data: bytes
    full_text: str
    known: FeedEntries


@dataclass
class PageJob:
    """An entry whose page is to be downloaded: the article as the feed gives it."""

    article: NewArticle
    page_url: str
    attempts: int = 0


@dataclass
class FeedResult:
    """What a feed brought: its title and site, articles to store, pages to download."""

    title: str | None = None
    site: str | None = None
    articles: list[NewArticle] = field(default_factory=list)
    pages: list[PageJob] = field(default_factory=list)
    unchanged: int = 0
    error: str | None = None


def read_feed_job(job: FeedJob) -> FeedResult:
    """Read a downloaded feed: new and changed entries as articles, teasers as page jobs."""
    refusal = refused_feed(job.data)
    if refusal:
        return FeedResult(error=refusal)
    try:
        document = parse_feed(job.data, job.url)
    except NotAFeed as error:
        return FeedResult(error=one_line(str(error)))
    except RecursionError:
        return FeedResult(error="feed nested too deeply to read")
    result = FeedResult(title=safe_field(document.title), site=document.site)
    source = result.title or safe_field(job.url)
    hashes = [entry_hash(entry) for entry in document.entries]
    keys = entry_keys(document.entries, hashes)
    for entry, digest, key in zip(document.entries, hashes, keys, strict=True):
        if key is None:
            continue  # the same entry twice in one document
        known = job.known.match(key, entry.link, digest)
        if known is not None and known.hash == digest:
            result.unchanged += 1
            continue
        try:
            text = entry_text(entry)
            article = entry_article(entry, source=source, origin=job.url, text=text)
        except RecursionError:
            continue
        if article is None:
            continue
        article.feed_entry = {"feed": job.feed_id, "key": key, "hash": digest}
        article.replaces = known.article_id if known else None
        wants_page = job.full_text == "always" or (
            job.full_text == "auto"
            and is_teaser(
                link=entry.link,
                content=entry.content,
                summary=entry.summary,
                words=article.words,
                prose=text[0],
            )
        )
        if wants_page and entry.link:
            result.pages.append(PageJob(article, entry.link))
        else:
            result.articles.append(article)
    return result


def clean_page(job: PageJob, data: bytes) -> NewArticle | Failure:
    """The downloaded page of an entry, cleaned as an imported page, with the feed's
    title, date, author and source (the feed knows them better than the page)."""
    feed_article = job.article
    page = read_document(
        f"{job.page_url}.html", data, origin=feed_article.origin or job.page_url, url=job.page_url
    )
    if isinstance(page, Failure):
        return Failure(job.page_url, page.reason)
    if not isinstance(page, NewArticle):
        return Failure(job.page_url, "not an article")
    if page.words < feed_article.words and not feed_article.body.startswith(NO_TEXT):
        return Failure(job.page_url, "the page holds less text than the feed")
    page.title = feed_article.title or page.title
    page.date = feed_article.date or page.date
    page.author = feed_article.author or page.author
    page.source = feed_article.source or page.source
    page.url = feed_article.url or page.url
    page.origin = feed_article.origin
    page.feed_entry = {
        key: value
        for key, value in (feed_article.feed_entry or {}).items()
        if key not in ("pending", "attempts")
    }
    page.replaces = feed_article.replaces
    return page


def without_note(body: str) -> str:
    """A teaser's body without the line ``with_note`` added."""
    at = body.rfind(f"\n\n{NOTE_START}")
    return body[:at] if at >= 0 else body


def with_note(job: PageJob, reason: str) -> NewArticle:
    """The feed's teaser, saying that the full article could not be downloaded and why;
    marked to be tried again at the next update."""
    article = job.article
    note = f"{NOTE_START} ({one_line(reason)}); reader tries again at the next update.*"
    body = f"{without_note(article.body)}\n\n{note}"
    entry = dict(article.feed_entry or {})
    entry["pending"] = one_line(reason)
    entry["attempts"] = job.attempts + 1
    return NewArticle(
        title=article.title,
        body=body,
        raw=article.raw,
        raw_format=article.raw_format,
        removed=article.removed,
        source=article.source,
        url=article.url,
        date=article.date,
        author=article.author,
        language=article.language,
        origin=article.origin,
        words=count_words(body),
        links=article.links,
        body_key=body_hash(body),
        feed_entry=entry,
        replaces=article.replaces,
    )
