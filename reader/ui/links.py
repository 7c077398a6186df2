"""Which links may open in the browser: web pages (and mail) only, shown before opening."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from reader.net.address import web_address_problem
from reader.sanitize import one_line


@dataclass(frozen=True)
class LinkVerdict:
    """A link made safe to show, and why it must not open (None when it may)."""

    url: str
    problem: str | None = None


def check_link(href: str, *, allow_mail: bool = False) -> LinkVerdict:
    """Accept absolute http(s) links with a host (and ``mailto:`` when ``allow_mail``)."""
    url = one_line(href)
    if url != href.strip():
        return LinkVerdict(url, "Not opened: the link holds spaces or control characters.")
    problem = web_address_problem(url)
    if problem is None:
        return LinkVerdict(url)
    if problem == "malformed":
        return LinkVerdict(url, "Not opened: the link is malformed.")
    if problem.startswith("holds"):
        return LinkVerdict(url, "Not opened: the link holds spaces or control characters.")
    if allow_mail and urlsplit(url).scheme.lower() == "mailto" and urlsplit(url).path:
        return LinkVerdict(url)
    allowed = "http, https and mailto" if allow_mail else "http and https"
    return LinkVerdict(url, f"Not opened: only {allowed} links open ({url[:80]}).")
