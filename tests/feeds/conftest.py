"""Fixtures for the feed and download tests: a local web server, no proxies."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from feed_server import TestServer, serving

_PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "no_proxy")


@pytest.fixture
def web(monkeypatch: pytest.MonkeyPatch) -> Iterator[TestServer]:
    """A web server on 127.0.0.1 serving what the test puts in ``web.routes``."""
    for name in _PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    with serving() as server:
        yield server
