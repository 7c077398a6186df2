"""Deterministic app tests: tmp folders for everything, a fixed clock, no cursor blink.

``make_app`` builds the app on a small library of constructed articles (one hostile title,
one long article, one with removed blocks). Async tests run under ``asyncio.run``.
"""

from __future__ import annotations

import asyncio
import inspect
from pathlib import Path
from typing import Any

import pytest
from ui_support import FIXED_NOW, AppFactory, fixture_articles

from reader.config import Config
from reader.search import SearchIndex
from reader.store import Library
from reader.ui.app import ReaderApp
from reader.ui.widgets.search_bar import SearchBar


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run ``async def`` tests in a fresh event loop."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    arguments: dict[str, Any] = {name: pyfuncitem.funcargs[name] for name in names}
    asyncio.run(pyfuncitem.obj(**arguments))
    return True


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the user's folders out; no blinking cursor (snapshots must not depend on time)."""
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    monkeypatch.setenv("READER_LIBRARY", str(tmp_path / "library"))
    monkeypatch.setenv("READER_CONFIG", str(tmp_path / "config" / "config.toml"))
    monkeypatch.setattr(SearchBar, "cursor_blink", False)


@pytest.fixture
def library(tmp_path: Path) -> Library:
    """A library holding the fixture articles, its search index built (no notice on start)."""
    lib = Library.open(tmp_path / "library")
    lib.add(fixture_articles())
    SearchIndex.open(lib).close()
    return lib


@pytest.fixture
def make_app(library: Library, tmp_path: Path) -> AppFactory:
    """Build the app the way ``reader`` does, with a fixed clock and tmp config/history."""

    def make(config: Config | None = None, lib: Library | None = None) -> ReaderApp:
        return ReaderApp(
            lib or library,
            config=config or Config(),
            config_path=tmp_path / "config" / "config.toml",
            history_path=tmp_path / "config" / "search_history",
            clock=lambda: FIXED_NOW,
        )

    return make
