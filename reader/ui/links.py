"""Which links may open in the browser: web pages (and mail) only, shown before opening."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from reader.sanitize import one_line

WEB = ("http", "https")


@dataclass(frozen=True)
class LinkVerdict:
    """A link made safe to show, and why it must not open (None when it may)."""

    url: str
    problem: str | None = None


def check_link(href: str, *, allow_mail: bool = False) -> LinkVerdict:
    """Accept absolute http(s) links with a host (and ``mailto:`` when ``allow_mail``)."""
    url = one_line(href)
    if url != href.strip() or any(ch.isspace() for ch in url):
        return LinkVerdict(url, "Not opened: the link holds spaces or control characters.")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        return LinkVerdict(url, "Not opened: the link is malformed.")
    scheme = parts.scheme.lower()
    if scheme in WEB and parts.hostname:
        return LinkVerdict(url)
    if scheme == "mailto" and allow_mail and parts.path:
        return LinkVerdict(url)
    allowed = "http, https and mailto" if allow_mail else "http and https"
    return LinkVerdict(url, f"Not opened: only {allowed} links open ({url[:80]}).")
