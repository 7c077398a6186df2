"""Pocket exports: the HTML list of links (Unread / Read Archive) and the rows of the CSV of
newer exports (``csv_lists`` reads the file).

Pocket exports hold no article text, so each link becomes a Link: downloaded with
``--fetch``, otherwise stored as a link-only article.
"""

from __future__ import annotations

from html.parser import HTMLParser

from reader.ingest.decode import decode
from reader.ingest.formats.fields import from_epoch, split_tags
from reader.ingest.formats.items import Failure, Item, Link
from reader.ingest.formats.links import page_link
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
    for number, (section, text, attrs) in enumerate(parser.links, start=1):
        url = (attrs.get("href") or "").strip()
        if not url:
            items.append(Failure(f"{name}: link {number}", "no URL"))
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


def pocket_row(name: str, label: str, row: dict[str, str]) -> Item:
    """A row of Pocket's CSV (``title,url,time_added,tags,status``) or a similar list."""
    url = row.get("url", "").strip()
    if not url:
        return Failure(label, "no URL")
    return _link(
        name,
        url,
        title=row.get("title", ""),
        added=row.get("time_added"),
        tags=row.get("tags", "").replace("|", ","),
        read=row.get("status", "").lower() in ("archive", "archived", "read"),
    )


def _link(
    name: str, url: str, *, title: str, added: str | None, tags: str, read: bool
) -> Link | Failure:
    return page_link(
        name,
        f"{name}: {one_line(url)[:120]}",
        url,
        title=title,
        read=read,
        tags=split_tags(tags),
        saved=from_epoch(added),
    )
