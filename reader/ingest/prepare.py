"""One input (file or URL) to the articles it holds, or one-line reasons they cannot be read.

This is the part of an import that runs in worker processes: it reads, downloads and
cleans, and never touches the library.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from reader.ingest.decode import NotText
from reader.ingest.fetch import FetchError, fetch, is_url
from reader.ingest.files import input_limit, read_bytes, too_large, unreadable_reason
from reader.ingest.formats.dispatch import Where, prepare_bytes
from reader.ingest.formats.document import to_article, with_state
from reader.ingest.formats.items import Failure, ImportedArticle, Item, LeftOut, Link, Skipped
from reader.ingest.formats.links import link_note, link_source
from reader.ingest.formats.sniff import sniff
from reader.sanitize import one_line
from reader.store.identity import body_hash
from reader.store.records import NewArticle
from reader.textstats import count_words
from reader.wording import counted

__all__ = [
    "Failure",
    "ImportedArticle",
    "Item",
    "LeftOut",
    "Link",
    "Skipped",
    "link_only",
    "prepare_file",
    "prepare_input",
    "prepare_link",
    "prepare_url",
    "to_article",
]


def prepare_input(text: str) -> list[Item]:
    """Every item in a file or at a URL: articles, failures, and links it lists."""
    return _keyed(prepare_url(text) if is_url(text) else _prepare_path(text))


def _keyed(items: list[Item]) -> list[Item]:
    """``items`` with each article's body hash, the key duplicates are found by.

    Computed here, in the worker processes, so the one process that stores articles
    does not hash every body itself.
    """
    for item in items:
        if isinstance(item, NewArticle) and item.body_key is None:
            item.body_key = body_hash(item.body)
    return items


def prepare_file(path_text: str) -> list[NewArticle | Failure | Skipped]:
    """Every article in one input file (most hold one), or why it failed; never raises.

    Links the file lists are not downloaded here: pages become link-only articles, feeds
    a failure saying ``--fetch`` would download them.
    """
    return resolve_offline(prepare_input(path_text))


def resolve_offline(items: list[Item]) -> list[NewArticle | Failure | Skipped]:
    """Items with their links stored as link-only articles (pages) or reported (feeds)."""
    out: list[NewArticle | Failure | Skipped] = []
    feeds: dict[str, int] = {}
    for item in items:
        if not isinstance(item, Link):
            out.append(item)
        elif item.kind == "page":
            out.append(link_only(item))
        else:
            feeds[item.container] = feeds.get(item.container, 0) + 1
    for container, count in feeds.items():
        out.append(
            Failure(
                container, f"lists {counted(count, 'feed')}; import with --fetch to download them"
            )
        )
    return out


def _prepare_path(path_text: str) -> list[Item]:
    path = Path(path_text)
    try:
        data = read_bytes(path)
    except NotText as error:
        return [Failure(path_text, str(error))]
    except OSError as error:
        return [Failure(path_text, unreadable_reason(error))]
    return _guarded(path_text, lambda: prepare_bytes(path_text, data, Where(str(path.resolve()))))


def _guarded(name: str, read: Callable[[], list[Item]]) -> list[Item]:
    """Run a format reader; a bug in one never stops a batch."""
    try:
        items: list[Item] = read()
    except NotText as error:  # a list or export that turned out to be binary data
        return [Failure(name, str(error))]
    except RecursionError:
        return [Failure(name, "document nested too deeply to read")]
    except MemoryError:
        return [Failure(name, "too large to read in memory")]
    except Exception as error:
        return [
            Failure(name, f"could not be read ({type(error).__name__}: {one_line(str(error))})")
        ]
    return items


def prepare_url(url: str) -> list[Item]:
    """Download a page or feed and read it; the page keeps the URL the user gave."""
    try:
        fetched = fetch(url)
    except FetchError as error:
        return [Failure(url, str(error))]
    as_name = _name_for(fetched.url, fetched.content_type)
    page = sniff(as_name, fetched.data) == "document"
    limit = input_limit(as_name)  # a downloaded page is held to the limit of a saved one
    if page and len(fetched.data) > limit:
        return [Failure(url, too_large(len(fetched.data), limit))]
    where = Where(origin=url, url=fetched.url)
    items = _guarded(url, lambda: prepare_bytes(url, fetched.data, where, as_name=as_name))
    if page:
        for item in items:
            if isinstance(item, NewArticle):
                item.url = url
    return items


def _name_for(url: str, content_type: str) -> str:
    """A file name for sniffing a download: the URL's last segment, typed by Content-Type."""
    last = urlsplit(url).path.rsplit("/", 1)[-1] or "index"
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind in ("text/html", "application/xhtml+xml"):
        return last + ".html"
    if kind == "text/plain" and "." not in last:
        return last + ".txt"
    return last


def prepare_link(link: Link) -> list[Item]:
    """Download a listed link; the page carries the list's title, state and tags."""
    items = prepare_url(link.url)
    out: list[Item] = []
    for item in items:
        if isinstance(item, Failure):
            where = (
                link.name + item.path[len(link.url) :]
                if item.path.startswith(link.url)
                else item.path
            )
            out.append(Failure(where, item.reason))
        elif (
            isinstance(item, NewArticle)
            and link.kind == "page"
            and not isinstance(item, ImportedArticle)
        ):
            item.title = link.title or item.title
            item.author = item.author or link.author
            item.date = item.date or link.date
            item.source = item.source or link_source(link)
            out.append(with_state(item, **link.state()))
        else:
            out.append(item)
    return _keyed(out)


def link_only(link: Link) -> ImportedArticle:
    """A saved link kept without its page: title, URL and a note on how to download it."""
    url = one_line(link.url)  # from the export as is: may hold escape sequences
    title = link.title or url
    body = link_note(link)
    return ImportedArticle(
        title=one_line(title),
        body=body,
        raw="",
        raw_format="text",
        url=url,
        date=link.date,
        author=link.author,
        source=link_source(link),
        origin=link.container.split(":", 1)[0] if ":" in link.container else link.container,
        words=count_words(body),
        **link.state(),
    )
