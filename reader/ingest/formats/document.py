"""One saved document (text dump, Markdown, HTML page) to one article."""

from __future__ import annotations

from typing import Any

from reader.clean.dispatch import clean_document
from reader.clean.extractor import ExtractorUnavailable
from reader.clean.model import Cleaned, Removed
from reader.ingest.decode import NotText, decode
from reader.ingest.detect import detect_format
from reader.ingest.formats.highlights import highlight, kept
from reader.ingest.formats.items import Failure, Highlight, ImportedArticle
from reader.sanitize import one_line, strip_controls
from reader.store.records import NewArticle
from reader.textstats import count_words


def safe_field(value: str | None) -> str | None:
    """A metadata value flattened to one safe line, or None when nothing is left."""
    return one_line(value) or None if value else None


def to_article(
    cleaned: Cleaned, *, raw: str, fmt: str, origin: str, fallback_title: str
) -> NewArticle:
    """Make cleaner output safe to store and count its words."""
    body = strip_controls(cleaned.body).strip()
    title = one_line(cleaned.title or "") or one_line(fallback_title)
    return NewArticle(
        title=title,
        body=body,
        raw=raw,
        raw_format=fmt,
        removed=[Removed(strip_controls(r.text), r.reason) for r in cleaned.removed],
        source=safe_field(cleaned.source),
        url=safe_field(cleaned.url),
        date=cleaned.date,
        author=safe_field(cleaned.byline),
        language=safe_field(cleaned.language),
        origin=origin,
        words=count_words(body),
        links=strip_controls(cleaned.links),
    )


def with_state(article: NewArticle, **state: Any) -> ImportedArticle:
    """``article`` carrying read state, bookmark, tags or save time from an export."""
    fields = {name: getattr(article, name) for name in NewArticle.__dataclass_fields__}
    return ImportedArticle(**fields, **state)


def title_stem(name: str) -> str:
    """The title of a document that has none: its file name's first part.

    ``saved/night-trains.v2.html`` gives ``night-trains``; an archive member
    (``a.zip:inner/page.md``) is named by its own file name.
    """
    return name.rsplit("/", 1)[-1].rsplit(":", 1)[-1].split(".")[0]


def read_document(
    name: str,
    data: bytes,
    *,
    origin: str,
    url: str | None = None,
    stem: str | None = None,
    as_name: str | None = None,
) -> NewArticle | Failure:
    """Decode, detect and clean one document; a Failure says why when it holds no article.

    ``stem`` is the title to fall back on (``title_stem(name)`` unless given); ``as_name``
    (``name`` unless given) is the name whose extension tells the format: ``page.html``
    for ``page.html.gz``, or for a download served as HTML from an address without one.
    """
    if not data.strip():
        return Failure(name, "file is empty")
    try:
        fmt = detect_format((as_name or name).rsplit("/", 1)[-1], data[:4096])
        text = decode(data)
        cleaned = clean_document(text, fmt, url=url) if fmt == "html" else clean_document(text, fmt)
    except (NotText, ExtractorUnavailable) as error:
        return Failure(name, str(error))
    except RecursionError:
        return Failure(name, "document nested too deeply to read")
    except Exception as error:  # a cleaner bug must not stop a batch
        return Failure(name, f"could not be read ({type(error).__name__}: {error})")
    if url and not cleaned.url:
        cleaned.url = url
    fallback = stem if stem is not None else title_stem(name)
    article = to_article(cleaned, raw=text, fmt=fmt, origin=origin, fallback_title=fallback)
    if not article.words:
        return Failure(name, "no article text found")
    if fmt == "markdown":
        return _front_matter_state(article, text)
    return article


def _front_matter_state(article: NewArticle, text: str) -> NewArticle:
    """Read state, bookmark and highlights from front matter, as ``reader export`` writes
    them (its highlights follow the body: taken out of it, they become highlights again)."""
    from reader.clean.markdown import read_front_matter

    meta, _ = read_front_matter(text)
    read, bookmarked = meta.get("read"), meta.get("bookmarked")
    tags = meta.get("tags")
    marks: tuple[Highlight, ...] = ()
    count = meta.get("highlights")
    if isinstance(count, int) and not isinstance(count, bool) and count > 0:
        from reader.highlight_quotes import split_highlights

        body, found = split_highlights(article.body)
        marks = kept(highlight(quote, note) for quote, note in found)
        if marks:
            article.body, article.words = body, count_words(body)
    if not isinstance(read, bool) and not isinstance(bookmarked, bool) and not tags and not marks:
        return article
    return with_state(
        article,
        read=read if isinstance(read, bool) else None,
        bookmarked=bookmarked if isinstance(bookmarked, bool) else None,
        tags=tuple(str(tag) for tag in tags) if isinstance(tags, list) else (),
        highlights=marks,
    )
