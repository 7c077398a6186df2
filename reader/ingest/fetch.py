"""Downloading a page or feed the user named, for ``reader import URL``.

The network is used only for URLs the user gave (or lists they asked to fetch with
``--fetch``). Every download goes through ``reader.net.http``, the client ``reader update``
uses, so each one has the same guarantees: one deadline for the whole request, a size
cap, redirects checked hop by hop, only pages, text and feeds taken.
"""

from __future__ import annotations

import asyncio

from reader.net.address import web_address_problem
from reader.net.http import DEADLINE, MAX_BYTES, Downloader, Fetched, FetchError

__all__ = ["MAX_BYTES", "TIMEOUT", "FetchError", "Fetched", "check_url", "fetch", "is_url"]

#: Seconds a whole download may take, headers and body.
TIMEOUT = DEADLINE


def is_url(text: str) -> bool:
    """True for inputs that name a web address rather than a file."""
    return "://" in text and text.split("://", 1)[0].lower().isalpha()


def check_url(url: str) -> None:
    """Refuse anything but an http(s) URL with a host (and a port that is a number)."""
    problem = web_address_problem(url)
    if problem == "not http or https":
        scheme = url.split(":", 1)[0] if ":" in url else url[:20]
        raise FetchError(f"only http and https URLs can be imported, not {scheme}:")
    if problem is not None:
        raise FetchError(f"not a valid URL ({problem})")


def fetch(url: str, *, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES) -> Fetched:
    """Download ``url``; ``FetchError`` says why when it cannot or may not be done."""
    check_url(url)
    return asyncio.run(_fetch(url, timeout, max_bytes))


async def _fetch(url: str, timeout: float, max_bytes: int) -> Fetched:
    async with Downloader(connections=1, per_host=1, deadline=timeout) as downloader:
        return await downloader.get(url, max_bytes=max_bytes)
