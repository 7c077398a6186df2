"""Articles made ready for the index: bodies read, titles and bodies in the form FTS5
indexes (with their pair tokens), and the words each chunk holds.

This is the part of a sync that reads files and runs Python over every word, so it runs
beside SQLite: in a thread for a small sync, in a helper process for a bulk one (see
``sync``). The same functions give the text again when an article leaves the index, since
FTS5 can only remove from a contentless table the very text it was given.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.search.pairs import HEAVY_PAIRS, NO_PAIRS, heavy_words, pair_text
from reader.search.text import split_cjk, tokens, without_joiners
from reader.store.errors import DamagedFile, UnknownArticle
from reader.store.listing import saved_day

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future

    from reader.store import Library

Doc = dict[str, Any]


@dataclass(frozen=True)
class Prepared:
    """One article as the index stores it (its body compressed later, by the indexer)."""

    article_id: str
    stamp: str
    title: str
    source: str | None
    author: str | None
    date: str | None
    added: str
    day: str
    tags: str | None
    tagged: str | None
    body: str
    title_text: str
    body_text: str
    pairs: int


@dataclass(frozen=True)
class Counted:
    """The word counts of the articles indexed so far, for choosing the heavy words once
    the index holds ``choose_at`` articles (``pairs.HEAVY_FROM``, passed along so that a
    helper process uses the number the indexer does)."""

    articles: int
    words: dict[str, int]
    choose_at: int


@dataclass
class PreparedChunk:
    """A chunk of articles; how many of them hold each word (when counted); and the heavy
    words, when this chunk brought the index to the number that chooses them."""

    items: list[Prepared] = field(default_factory=list)
    words: Counter[str] = field(default_factory=Counter)
    heavy: frozenset[str] | None = None


def stamp(doc: Doc) -> str:
    """Changes when anything the index holds for an article changes (its tags aside: they
    are updated in place)."""
    fields = (doc.get(k) or "" for k in ("body_hash", "title", "source", "author", "date", "added"))
    return hashlib.blake2b("\x1f".join(fields).encode(), digest_size=10).hexdigest()


def sort_day(doc: Doc) -> str:
    """What the article sorts and filters by: its date, or the day it was saved if undated.

    An undated article takes the first place of that day, below the articles published
    that day, as in the lists (``listing.sort_date``); ``after:`` and ``before:`` find it
    by that day.
    """
    if doc.get("date"):
        return str(doc["date"])
    added = str(doc.get("added") or "")
    return saved_day(added) or added


def metadata_tags(doc: Doc) -> str | None:
    """The metadata's tags as the index keeps them (JSON), None when it has none."""
    tags = doc.get("tags")
    return json.dumps([str(tag) for tag in tags], ensure_ascii=False) if tags else None


def indexed_form(text: str | None) -> str:
    """Text as it goes into the full-text table: without the invisible characters inside
    words (which would split them), NFC, CJK characters set apart."""
    text = text or ""
    if not text.isascii():
        text = split_cjk(unicodedata.normalize("NFC", without_joiners(text)))
    return text


def indexed_column(text: str, words: list[str], heavy: frozenset[str] | None) -> str:
    """A title or body as indexed: the text, then its pair tokens (none while the heavy
    words are not chosen)."""
    pairs = pair_text(words, heavy) if heavy is not None else ""
    return f"{indexed_form(text)}\n{pairs}" if pairs else indexed_form(text)


Item = tuple[str, Doc, str | None]
"""An article to index: its ID, its metadata, and its effective tags (see ``article_state``)."""


def prepare(
    library: Library,
    items: list[Item],
    heavy: frozenset[str] | None,
    counted: Counted | None = None,
    count_words: bool = True,
) -> PreparedChunk:
    """Read and fold a chunk's articles, counting their words when ``count_words``.

    While no heavy words are chosen (``heavy`` None) no pairs are indexed, and ``counted``
    (the index so far) tells whether this chunk brings the index to the number of articles
    that chooses them: if so they are chosen here, from all of them, and this chunk is
    indexed with their pairs.
    """
    chunk = PreparedChunk()
    bodies = [read_body(library, article_id) for article_id, _, _ in items]
    titles = [doc.get("title") or "(untitled)" for _, doc, _ in items]
    if heavy is None and counted is not None and counted.articles + len(items) >= counted.choose_at:
        for title, body in zip(titles, bodies, strict=True):
            chunk.words.update({*tokens(title), *tokens(body)})
        everything = Counter(counted.words)
        everything.update(chunk.words)
        heavy = chunk.heavy = heavy_words(everything, counted.articles + len(items))
        count_words = False  # counted already
    mode = NO_PAIRS if heavy is None else HEAVY_PAIRS
    for (article_id, doc, tagged), title, body in zip(items, titles, bodies, strict=True):
        title_words, body_words = tokens(title), tokens(body)
        if count_words:
            chunk.words.update({*title_words, *body_words})
        chunk.items.append(
            Prepared(
                article_id=article_id,
                stamp=stamp(doc),
                title=title,
                source=doc.get("source"),
                author=doc.get("author"),
                date=doc.get("date") or None,
                added=str(doc.get("added") or ""),
                day=sort_day(doc),
                tags=metadata_tags(doc),
                tagged=tagged,
                body=body,
                title_text=indexed_column(title, title_words, heavy),
                body_text=indexed_column(body, body_words, heavy),
                pairs=mode,
            )
        )
    return chunk


def prepare_at(
    root: str,
    items: list[Item],
    heavy: frozenset[str] | None,
    counted: Counted | None,
    count_words: bool,
) -> PreparedChunk:
    """``prepare`` in a helper process, given the library's folder."""
    from reader.store.library import Library

    return prepare(Library(Path(root)), items, heavy, counted, count_words)


def read_body(library: Library, article_id: str) -> str:
    """The article's body; an article whose body file is missing is indexed by its title."""
    try:
        return library.content(article_id).body
    except (UnknownArticle, DamagedFile):
        return ""


def preparer(bulk: bool) -> Executor:
    """Where chunks are prepared: a small sync uses a thread; a bulk one a process of its
    own, since reading 100k files in a thread beside SQLite's Python-side work made each
    wait for the other's lock on the interpreter (preparing took 4x longer than alone)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

    if bulk:
        with contextlib.suppress(OSError):
            context = multiprocessing.get_context("spawn")
            return ProcessPoolExecutor(max_workers=1, mp_context=context)
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="search-prepare")


def submit(
    pool: Executor,
    library: Library,
    chunk: list[Item],
    heavy: frozenset[str] | None,
    counted: Counted | None,
    count_words: bool,
) -> Future[PreparedChunk]:
    """Start preparing ``chunk``; prepared here at once if the pool cannot take it."""
    from concurrent.futures import Future, ThreadPoolExecutor

    try:
        if isinstance(pool, ThreadPoolExecutor):
            return pool.submit(prepare, library, chunk, heavy, counted, count_words)
        return pool.submit(prepare_at, str(library.root), chunk, heavy, counted, count_words)
    except (OSError, RuntimeError):  # a broken pool raises BrokenExecutor, a RuntimeError
        done: Future[PreparedChunk] = Future()
        done.set_result(prepare(library, chunk, heavy, counted, count_words))
        return done
