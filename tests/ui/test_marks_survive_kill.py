"""A read or bookmark mark the app has drawn is on disk: ``kill -9`` the moment it appears.

The app runs for real in a pseudo-terminal, with every flag write slowed down (a slow disk,
made deterministic): a screen that ran ahead of the disk would show the mark for that long
while a kill still lost it. The long version, without the slowdown and many times over, is
``tests/bench/reliability_marks.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pty_app import PtyApp

from reader.store import Library, NewArticle

WRITE_DELAY = 0.4


def read_library(root: Path) -> Library:
    """A few articles, all read: no ● on screen until one is marked unread."""
    library = Library.open(root)
    bodies = [f"Article {n} of a small library, long enough to read." for n in range(5)]
    library.add(
        [
            NewArticle(
                title=f"Harbour notes {n}",
                body=body,
                raw=body,
                raw_format="text",
                date=f"2026-11-{20 + n}",
                url=f"https://news.example.com/{n}",
                words=10,
            )
            for n, body in enumerate(bodies)
        ]
    )
    library.set_read([article.id for article in library.articles()], True)
    return library


@pytest.mark.parametrize(
    ("key", "mark", "flag", "value"),
    [("b", "★", "bookmarked", True), ("m", "●", "read", False)],
    ids=["bookmark", "mark-unread"],
)
def test_a_mark_on_screen_survives_kill_9(
    tmp_path: Path, key: str, mark: str, flag: str, value: bool
) -> None:
    root = tmp_path / "library"
    first = read_library(root).articles()[0]
    app = PtyApp(root, tmp_path / "home", write_delay=WRITE_DELAY)
    try:
        assert app.wait_for(first.title, timeout=60), app.screen[-1500:]
        app.press(key)
        assert app.wait_for(mark, timeout=20), "the mark was never drawn"
    finally:
        app.kill()
    assert getattr(Library.open(root).get(first.id), flag) is value
