"""The one rule for what counts as a web address: absolute http(s) with a host.

The app asks it before opening a link, imports before downloading, feeds before keeping
an entry's link: a feed is anyone's text, and ``javascript:`` or a port that is not a
number must not become a link anywhere.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

WEB_SCHEMES = ("http", "https")
_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f-\x9f]")


def web_address_problem(url: str) -> str | None:
    """Why ``url`` is not an http(s) address with a host, or None when it is one.

    The reason is a short phrase ("malformed", "not http or https", "no host") that
    callers put in their own sentence.
    """
    if _SPACE_OR_CONTROL.search(url):
        return "holds spaces or control characters"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        return "malformed"
    if parts.scheme.lower() not in WEB_SCHEMES:
        return "not http or https"
    if not parts.hostname:
        return "no host"
    return None


def is_web_address(url: str) -> bool:
    """True for an absolute http(s) address with a host."""
    return web_address_problem(url) is None
