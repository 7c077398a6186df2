"""Downloading a page or feed the user named: http(s) only, with a timeout and a size cap.

The network is used only here, and only for URLs the user gave (or lists they asked to
fetch with ``--fetch``). Redirects are followed a few times and only to http(s).
"""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from reader import __version__
from reader.sanitize import one_line

USER_AGENT = f"reader/{__version__} (terminal reader for saved articles)"
TIMEOUT = 20.0
MAX_BYTES = 20 * 1024 * 1024
MAX_REDIRECTS = 5
_SCHEMES = ("http", "https")


class FetchError(Exception):
    """A download refused or failed; the message is one line fit for the user."""


@dataclass(frozen=True)
class Fetched:
    """A downloaded response: where it ended up, what it says it is, and the bytes."""

    url: str
    content_type: str
    data: bytes


def is_url(text: str) -> bool:
    """True for inputs that name a web address rather than a file."""
    return "://" in text and text.split("://", 1)[0].lower().isalpha()


def check_url(url: str) -> None:
    """Refuse anything but an http(s) URL with a host (and a port that is a number)."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError as error:
        raise FetchError(f"not a valid URL ({error})") from None
    if parts.scheme.lower() not in _SCHEMES:
        raise FetchError(f"only http and https URLs can be imported, not {parts.scheme}:")
    if not parts.hostname:
        raise FetchError("URL has no host")


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows at most MAX_REDIRECTS redirects, and only to http(s)."""

    max_redirections = MAX_REDIRECTS
    max_repeats = 2

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: object,
        code: int,
        msg: str,
        headers: object,
        newurl: str,
    ) -> urllib.request.Request | None:
        scheme = urlsplit(newurl).scheme.lower()
        if scheme not in _SCHEMES:
            raise FetchError(f"redirected to a {scheme}: URL; refused")
        return super().redirect_request(req, fp, code, msg, headers, newurl)  # type: ignore[arg-type]


def _opener() -> urllib.request.OpenerDirector:
    """An opener with http(s) handlers only: no file:, ftp: or data: access at all."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        _Redirects(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def fetch(url: str, *, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES) -> Fetched:
    """Download ``url``; ``FetchError`` says why when it cannot or may not be done."""
    check_url(url)
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
            "application/xml;q=0.9,*/*;q=0.5",
            "Accept-Encoding": "identity",
        },
    )
    deadline = time.monotonic() + timeout * 3
    try:
        with _opener().open(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(_too_large(max_bytes))
            chunks: list[bytes] = []
            size = 0
            while chunk := response.read(65536):
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(_too_large(max_bytes))
                if time.monotonic() > deadline:
                    raise FetchError(f"download took longer than {timeout * 3:.0f} s; stopped")
                chunks.append(chunk)
            data = b"".join(chunks)
            final_url = response.geturl()
            content_type = response.headers.get("Content-Type", "")
            encoding = response.headers.get("Content-Encoding", "").lower()
    except FetchError:
        raise
    except urllib.error.HTTPError as error:
        status = f"HTTP {error.code} {one_line(str(error.reason))}"
        if 300 <= error.code < 400:
            raise FetchError(f"redirect not followed ({status})") from None
        raise FetchError(status) from None
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, FetchError):
            raise reason from None
        if isinstance(reason, TimeoutError):
            raise FetchError(f"no answer within {timeout:.0f} s") from None
        raise FetchError(f"cannot connect ({one_line(str(reason))})") from None
    except TimeoutError:
        raise FetchError(f"no answer within {timeout:.0f} s") from None
    except (http.client.HTTPException, OSError, ValueError) as error:
        raise FetchError(
            f"download failed ({type(error).__name__}: {one_line(str(error))})"
        ) from None
    if encoding in ("gzip", "x-gzip"):
        from reader.ingest.formats.compressed import gunzip

        try:
            data = gunzip(data, max_bytes)
        except ValueError as error:
            raise FetchError(str(error)) from None
    return Fetched(url=final_url, content_type=content_type, data=data)


def _too_large(limit: int) -> str:
    return f"larger than {limit // 1048576} MB; refused"
