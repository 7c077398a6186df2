"""Links that exports list: which addresses are pages to keep, and what a link-only
article says (the address, what the export knew of the page, how to download it)."""

from __future__ import annotations

import re
from typing import Any

from reader.ingest.fetch import FetchError, check_url
from reader.ingest.formats.fields import site_name
from reader.ingest.formats.items import Failure, LeftOut, Link
from reader.sanitize import one_line, strip_controls

#: The export's description of a page is a few lines; more is cut.
MAX_SUMMARY_CHARS = 2_000
#: An address's scheme, as RFC 3986 spells one.
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


def link_note(link: Link) -> str:
    """The Markdown body of a link stored without its page."""
    url = one_line(link.url)
    parts = [f"Saved link, not downloaded: <{url}>"]
    summary = strip_controls(link.summary or "")[:MAX_SUMMARY_CHARS].strip()
    if summary:
        parts.append("\n".join(f"> {line}".rstrip() for line in summary.splitlines()))
    parts.append("Import the list again with `reader import --fetch` to download the page.")
    return "\n\n".join(parts)


def link_source(link: Link) -> str | None:
    """The link's source: the export's, else the site its address belongs to."""
    return one_line(link.source or "") or site_name(link.url)


def left_out(label: str, url: str) -> Failure | None:
    """Why a listed address is no page to keep, or None when it is one.

    An address of another scheme (``javascript:``, ``place:``, ``chrome:``...) is left out
    on purpose; one that is no address at all, or a broken web address, is a failure.
    """
    try:
        check_url(url)
    except FetchError as error:
        scheme = _SCHEME.match(url)
        if scheme is None:
            return Failure(label, "not a web address")
        if scheme.group(1).lower() in ("http", "https"):
            return Failure(label, str(error))
        return LeftOut(label, f"left out: {error}")
    return None


def page_link(
    container: str, label: str, url: str, *, title: str | None = None, **about: Any
) -> Link | Failure:
    """A page an export lists without its text, or why it is left out or cannot be.

    ``label`` names it in messages; ``about`` holds the other ``Link`` fields (state, tags,
    author, summary...).
    """
    url = url.strip()
    refused = left_out(label, url)
    if refused is not None:
        return refused
    shown = one_line(title or "") or None
    return Link(
        url=url,
        kind="page",
        container=container,
        name=label,
        title=shown if shown != url else None,
        **about,
    )
