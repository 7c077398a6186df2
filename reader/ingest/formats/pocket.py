"""Pocket exports: the HTML list of links (Unread / Read Archive) and the CSV of newer exports.

Pocket exports hold no article text, so each link becomes a Link: downloaded with
``--fetch``, otherwise stored as a link-only article.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from html.parser import HTMLParser

from reader.ingest.decode import decode
from reader.ingest.formats.fields import from_epoch
from reader.ingest.formats.items import Failure, Item, Link
from reader.sanitize import one_line


class _PocketList(HTMLParser):
    """Collects ``<a href time_added tags>`` links and the section heading above each."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str, dict[str, str | None]]] = []
        self._section = ""
        self._in_heading = False
        self._anchor: dict[str, str | None] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h1":
            self._in_heading, self._section = True, ""
        elif tag == "a":
            self._anchor, self._text = dict(attrs), []

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1":
            self._in_heading = False
        elif tag == "a" and self._anchor is not None:
            self.links.append((self._section, "".join(self._text), self._anchor))
            self._anchor = None

    def handle_data(self, data: str) -> None:
        if self._in_heading:
            self._section += data
        elif self._anchor is not None:
            self._text.append(data)


def read_pocket_html(name: str, data: bytes) -> list[Item]:
    """Links of a Pocket HTML export; those under "Read Archive" are marked read."""
    parser = _PocketList()
    parser.feed(decode(data))
    parser.close()
    items: list[Item] = []
    for section, text, attrs in parser.links:
        url = (attrs.get("href") or "").strip()
        if not url:
            continue
        items.append(
            _link(
                name,
                url,
                title=text,
                added=attrs.get("time_added"),
                tags=attrs.get("tags") or "",
                read="archive" in section.lower(),
            )
        )
    return items or [Failure(name, "Pocket export lists no links")]


def read_link_csv(name: str, data: bytes) -> list[Item]:
    """A CSV of saved links with a ``url`` column (Pocket's newer export and similar)."""
    # newline="": the csv module splits rows itself, so CR, LF and CRLF inside quoted
    # titles stay in the title instead of ending the row.
    rows = csv.DictReader(io.StringIO(decode(data), newline=""))
    try:
        header = rows.fieldnames or []
    except csv.Error as error:
        return [Failure(name, f"not a readable CSV file ({error})")]
    fields = {field.strip().lower(): field for field in header}
    if "url" not in fields:
        return [Failure(name, "CSV file has no 'url' column; not a list of saved links")]
    items: list[Item] = []
    for number, row in _rows(name, rows, items):
        url = (row.get(fields["url"]) or "").strip()
        if not url:
            items.append(Failure(f"{name}: line {number}", "no URL"))
            continue
        status = (row.get(fields.get("status", ""), "") or "").lower()
        items.append(
            _link(
                name,
                url,
                title=row.get(fields.get("title", ""), "") or "",
                added=row.get(fields.get("time_added", ""), None),
                tags=(row.get(fields.get("tags", ""), "") or "").replace("|", ","),
                read=status in ("archive", "archived", "read"),
            )
        )
    return items or [Failure(name, "CSV file lists no links")]


def _rows(
    name: str, rows: csv.DictReader[str], failures: list[Item]
) -> Iterator[tuple[int, dict[str, str]]]:
    """``(line number, row)`` for each row; a broken row fails alone, named by its line."""
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as error:  # e.g. a field past the csv module's size limit
            where = f"{name}: line {rows.line_num + 1}"  # the row starts after the last one read
            failures.append(Failure(where, f"unreadable row ({error})"))
            continue
        yield rows.line_num, row


def _link(name: str, url: str, *, title: str, added: str | None, tags: str, read: bool) -> Link:
    shown = one_line(title) or None
    return Link(
        url=url,
        kind="page",
        container=name,
        name=f"{name}: {one_line(url)[:120]}",
        title=shown if shown != url else None,
        read=read,
        tags=tuple(tag.strip() for tag in tags.split(",") if tag.strip()),
        saved=from_epoch(added),
    )
