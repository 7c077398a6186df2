"""Result rows made from the index alone: title, source, dates, flags, the spans to light up
and a snippet of the body around the best match."""

from __future__ import annotations

import sqlite3
import time
import zlib

from reader.search.highlight import Matcher
from reader.search.results import Hit


def make_hits(
    connection: sqlite3.Connection,
    rows: list[tuple[int, float]],
    matcher: Matcher,
    snippets_until: float | None,
    snippets_always: int,
) -> list[Hit]:
    """The hits for (row number, score) pairs, in their order; a row no longer in the index
    is left out. With ``snippets_until``, rows past the first ``snippets_always`` reached
    after that moment go without a snippet, so a prompt searching as the user types keeps
    up."""
    if not rows:
        return []
    marks = ",".join("?" * len(rows))
    sql = (
        "SELECT rowid, id, title, source, date, added, read, bookmarked, body "
        f"FROM docs JOIN bodies USING (rowid) WHERE rowid IN ({marks})"
    )
    found = {row[0]: row for row in connection.execute(sql, [rowid for rowid, _ in rows])}
    hits: list[Hit] = []
    for rowid, score in rows:
        row = found.get(rowid)
        if row is None:
            continue
        _, article_id, title, source, day, added, read, bookmarked, body_z = row
        snippet, snippet_spans = "", list[tuple[int, int]]()
        if (
            snippets_until is None
            or len(hits) < snippets_always
            or time.perf_counter() < snippets_until
        ):
            snippet, snippet_spans = matcher.snippet(zlib.decompress(body_z).decode())
        hits.append(
            Hit(
                id=article_id,
                score=round(score, 6),
                title=title,
                snippet=snippet,
                title_spans=matcher.spans(title),
                snippet_spans=snippet_spans,
                source=source,
                date=day or None,
                read=bool(read),
                bookmarked=bool(bookmarked),
                added=added or None,
            )
        )
    return hits
