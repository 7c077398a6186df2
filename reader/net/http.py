"""Downloads over HTTP(S) with httpx: one client per run, each request held to a deadline.

httpx brings connection reuse, HTTP/1.1 done right, TLS and proxies from the environment;
on top of it this module adds what reading untrusted feeds needs:

- one overall deadline per request, headers included (httpx's timeouts are per socket
  operation, which a server sending a byte a second never trips);
- redirects followed here, at most five, each hop checked: http(s) only, and no private,
  loopback or link-local address unless the user named that host; permanent ones
  (301, 308) reported so a subscription can follow its feed's move;
- conditional requests (ETag / Last-Modified) answered by 304;
- gzip and deflate unpacked within the size cap (see ``decoding``);
- only HTML, text, feeds and other XML or JSON taken, never images or archives;
- ``Retry-After`` on 429 and 503 reported for the caller to respect.
"""

from __future__ import annotations

import asyncio
import email.utils
import ssl
import time
from collections.abc import Iterable
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from reader import __version__
from reader.net.address import web_address_problem
from reader.net.decoding import ACCEPT_ENCODING, Decoder, DecodingError, TooLarge
from reader.net.hosts import BlockedHost, check_host, host_key
from reader.sanitize import one_line

if TYPE_CHECKING:
    import httpx

USER_AGENT = f"reader/{__version__} (terminal reader for offline news)"
ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/*;q=0.8,*/*;q=0.5"
)
#: Seconds to open a connection, and for a whole request (headers and body).
CONNECT_TIMEOUT = 10.0
DEADLINE = 30.0
MAX_BYTES = 20 * 1024 * 1024
MAX_REDIRECTS = 5
#: Requests at once in a run, and to any one host (the connections they use).
CONNECTIONS = 8
PER_HOST = 2
#: Open connections kept per request allowed at once. ``connections`` bounds requests
#: (a semaphore does); the pool holds more, so finishing a request to one host does not
#: close the idle connection another host's next request would have reused: with the
#: pool no larger than the limit, 200 feeds on 8 hosts opened ~150 connections, not 16.
IDLE_PER_ACTIVE = 4
_PERMANENT = (301, 308)
_REDIRECTS = (301, 302, 303, 307, 308)


class FetchError(Exception):
    """A download refused or failed; the message is one line fit for the user.

    ``status`` is the HTTP status when the server answered; ``retry_after`` the seconds
    the server asked us to wait (429, 503).
    """

    def __init__(
        self, reason: str, *, status: int | None = None, retry_after: float | None = None
    ) -> None:
        super().__init__(reason)
        self.status = status
        self.retry_after = retry_after


@dataclass(frozen=True)
class Fetched:
    """A response: where it ended up, what it says it is, its bytes and its validators.

    ``status`` is 200, or 304 when the validators sent still hold (``data`` is empty).
    ``moved_to`` is where the permanent redirects at the start of the chain lead, for a
    subscription to store instead of the old address.
    """

    url: str
    content_type: str
    data: bytes
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    moved_to: str | None = None


def accepted_type(content_type: str, head: bytes) -> bool:
    """Whether a response of this type may be read: HTML, text, feeds, XML or JSON.

    A missing type and ``application/octet-stream`` (servers send feeds as either) are
    taken when the body starts like markup.
    """
    kind = content_type.split(";", 1)[0].strip().lower()
    main, _, sub = kind.partition("/")
    if main == "text" or sub in ("xml", "json") or sub.endswith(("+xml", "+json")):
        return True
    if kind in ("", "application/octet-stream", "binary/octet-stream"):
        return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")
    return False


def retry_after_seconds(value: str | None) -> float | None:
    """A ``Retry-After`` header (seconds, or an HTTP date) as seconds from now."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, moment.timestamp() - time.time())


_ssl_context: list[ssl.SSLContext] = []


def _tls() -> ssl.SSLContext:
    """One TLS context per process (loading the CA bundle costs ~20 ms each time)."""
    if not _ssl_context:
        import certifi

        _ssl_context.append(ssl.create_default_context(cafile=certifi.where()))
    return _ssl_context[0]


class Downloader:
    """An HTTP client for one run of downloads: at most ``connections`` at once, and at
    most ``per_host`` to one host, so a slow server holds up only its own requests."""

    def __init__(
        self,
        *,
        connections: int = CONNECTIONS,
        per_host: int = PER_HOST,
        deadline: float = DEADLINE,
        connect_timeout: float = CONNECT_TIMEOUT,
    ) -> None:
        import httpx

        self.deadline = deadline
        self.per_host = per_host
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._slots = asyncio.Semaphore(connections)
        self._client = httpx.AsyncClient(
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": ACCEPT_ENCODING},
            timeout=httpx.Timeout(deadline, connect=min(connect_timeout, deadline)),
            limits=httpx.Limits(
                max_connections=connections * IDLE_PER_ACTIVE,
                max_keepalive_connections=connections * IDLE_PER_ACTIVE,
            ),
            follow_redirects=False,
            verify=_tls(),
        )

    async def __aenter__(self) -> Downloader:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        await self._client.aclose()

    async def get(
        self,
        url: str,
        *,
        named_hosts: Iterable[str] | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        max_bytes: int = MAX_BYTES,
    ) -> Fetched:
        """Download ``url``; ``FetchError`` says why when it cannot or may not be done.

        ``named_hosts`` are the hosts the user named, which may be private addresses;
        by default the host of ``url`` itself.
        """
        problem = web_address_problem(url)
        if problem is not None:
            raise FetchError(_address_reason(url, problem))
        named = set(named_hosts) if named_hosts is not None else {urlsplit(url).hostname or ""}
        headers = {"Accept": ACCEPT}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        moved_to: str | None = None
        permanent_so_far = True
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            status, location, fetched = await self._one_hop(current, named, headers, max_bytes)
            if location is None:
                assert fetched is not None
                return Fetched(
                    url=fetched.url,
                    content_type=fetched.content_type,
                    data=fetched.data,
                    status=fetched.status,
                    etag=fetched.etag,
                    last_modified=fetched.last_modified,
                    moved_to=moved_to,
                )
            target = urljoin(current, location)
            problem = web_address_problem(target)
            if problem is not None:
                scheme = urlsplit(target).scheme or "a relative"
                raise FetchError(f"redirect not followed (to a {scheme}: URL; {problem})")
            permanent_so_far = permanent_so_far and status in _PERMANENT
            if permanent_so_far:
                moved_to = target
            current = target
        raise FetchError(f"redirect not followed (more than {MAX_REDIRECTS} redirects)")

    async def _one_hop(
        self, url: str, named: set[str], headers: dict[str, str], max_bytes: int
    ) -> tuple[int, str | None, Fetched | None]:
        """One request: (status, Location of a redirect, or the response)."""
        parts = urlsplit(url)
        host = host_key(parts.hostname or "")
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
        try:
            await check_host(host, port, named)
        except BlockedHost as error:
            raise FetchError(str(error)) from None
        gate = self._hosts.setdefault(host, asyncio.Semaphore(self.per_host))
        async with gate, self._slots:
            return await self._request(url, headers, max_bytes)

    async def _request(
        self, url: str, headers: dict[str, str], max_bytes: int
    ) -> tuple[int, str | None, Fetched | None]:
        import httpx

        stage = ["headers"]
        try:
            async with asyncio.timeout(self.deadline):
                return await self._exchange(url, headers, max_bytes, stage)
        except TimeoutError:
            if stage[0] == "headers":
                raise FetchError(f"no answer within {self.deadline:g} s") from None
            raise FetchError(f"download took longer than {self.deadline:g} s; stopped") from None
        except httpx.ConnectTimeout:
            raise FetchError("no connection within the time allowed") from None
        except httpx.TimeoutException:
            raise FetchError(f"no answer within {self.deadline:g} s") from None
        except httpx.ConnectError as error:
            raise FetchError(f"cannot connect ({one_line(str(error)) or 'refused'})") from None
        except httpx.HTTPError as error:
            name = type(error).__name__
            raise FetchError(f"download failed ({name}: {one_line(str(error))})") from None
        except OSError as error:
            raise FetchError(f"download failed ({one_line(str(error))})") from None

    async def _exchange(
        self, url: str, headers: dict[str, str], max_bytes: int, stage: list[str]
    ) -> tuple[int, str | None, Fetched | None]:
        async with self._client.stream("GET", url, headers=headers) as response:
            stage[0] = "body"
            status = response.status_code
            if status in _REDIRECTS:
                location = response.headers.get("Location")
                if not location:
                    raise FetchError(f"redirect not followed (HTTP {status} without a Location)")
                return status, location.strip(), None
            if status == 304:
                return status, None, _fetched(response, b"")
            if status != 200:
                raise _status_error(response)
            declared = response.headers.get("Content-Length", "")
            encoding = response.headers.get("Content-Encoding", "")
            if declared.isdigit() and int(declared) > max_bytes and not encoding:
                raise FetchError(_too_large(max_bytes))
            data = await _body(response, encoding, max_bytes)
            content_type = response.headers.get("Content-Type", "")
            if not accepted_type(content_type, data[:512]):
                kind = one_line(content_type.split(";", 1)[0]) or "no type"
                raise FetchError(f"not a web page or feed ({kind}); refused")
            return status, None, _fetched(response, data)


async def _body(response: httpx.Response, encoding: str, max_bytes: int) -> bytes:
    """The body, unpacked, held to ``max_bytes``."""
    try:
        decoder = Decoder(encoding, max_bytes)
        chunks = [decoder.feed(chunk) async for chunk in response.aiter_raw()]
        chunks.append(decoder.flush())
    except TooLarge:
        raise FetchError(_too_large(max_bytes)) from None
    except DecodingError as error:
        raise FetchError(str(error)) from None
    return b"".join(chunks)


def _fetched(response: httpx.Response, data: bytes) -> Fetched:
    return Fetched(
        url=str(response.url),
        content_type=response.headers.get("Content-Type", ""),
        data=data,
        status=response.status_code,
        etag=response.headers.get("ETag"),
        last_modified=response.headers.get("Last-Modified"),
    )


def _status_error(response: httpx.Response) -> FetchError:
    status = response.status_code
    reason = one_line(response.reason_phrase or "")
    text = f"HTTP {status} {reason}".rstrip()
    wait = retry_after_seconds(response.headers.get("Retry-After"))
    if wait is not None and status in (429, 503):
        text += f"; the server asks to wait {_duration(wait)}"
    return FetchError(text, status=status, retry_after=wait if status in (429, 503) else None)


def _duration(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.0f} h"


def _too_large(limit: int) -> str:
    if limit >= 1048576:
        return f"larger than {limit // 1048576} MB; refused"
    return f"larger than {max(1, limit // 1024)} KB; refused"


def _address_reason(url: str, problem: str) -> str:
    if problem == "not http or https":
        scheme = urlsplit(url).scheme if ":" in url else ""
        return f"only http and https URLs can be downloaded, not {scheme or url[:20]}:"
    return f"not a valid URL ({problem})"
