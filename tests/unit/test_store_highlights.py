"""Highlights in the state document: kept, noted, removed, listed, restored, and shape-checked."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reader.store import Library, NewArticle, StoreError
from reader.store.documents import doc_problem


def article(n: int, url: str | None = None) -> NewArticle:
    body = f"Body of article number {n}. The tide turns at six tonight."
    return NewArticle(
        title=f"Article {n}",
        body=body,
        raw=body,
        raw_format="text",
        url=url or f"https://news.example.com/{n}",
        date=f"2026-10-{n:02d}",
        words=12,
    )


def mark(
    n: int, quote: str = "The tide turns", created: str = "2026-11-01T10:00:00+00:00"
) -> dict[str, Any]:
    return {
        "id": f"h{n}",
        "quote": quote,
        "prefix": "number 1. ",
        "suffix": " at six",
        "note": None,
        "created": created,
    }


@pytest.fixture
def library(tmp_path: Path) -> Library:
    lib = Library.open(tmp_path / "lib")
    lib.add([article(1), article(2)])
    return lib


def test_a_highlight_is_kept_noted_and_removed_in_the_state_document(library: Library) -> None:
    first = library.articles()[1]
    library.add_highlight(first.id, mark(1))
    library.add_highlight(first.id, mark(2, "six tonight", "2026-11-02T10:00:00+00:00"))
    library.set_note(first.id, "h1", "Worth a second look.")
    fresh = Library.open(library.root)
    assert [m["quote"] for m in fresh.highlights(first.id)] == ["The tide turns", "six tonight"]
    assert fresh.highlights(first.id)[0]["note"] == "Worth a second look."
    row = next(a for a in fresh.articles() if a.id == first.id)
    assert len(row.highlights) == 2
    fresh.remove_highlight(first.id, "h1")
    fresh.set_note(first.id, "h2", "")
    assert fresh.highlights(first.id) == [{**mark(2, "six tonight", "2026-11-02T10:00:00+00:00")}]
    fresh.remove_highlight(first.id, "h2")
    assert Library.open(library.root).highlights(first.id) == []


def test_a_highlight_alone_keeps_the_state_document(library: Library) -> None:
    """An article neither read nor bookmarked still keeps its highlights."""
    first = library.articles()[0]
    library.set_read([first.id])
    library.add_highlight(first.id, mark(1))
    library.set_read([first.id], False)
    assert [m["id"] for m in Library.open(library.root).highlights(first.id)] == ["h1"]


def test_unknown_highlights_and_malformed_ones_are_refused(library: Library) -> None:
    first = library.articles()[0]
    with pytest.raises(StoreError, match="no highlight nope"):
        library.set_note(first.id, "nope", "x")
    with pytest.raises(StoreError, match="no highlight nope"):
        library.remove_highlight(first.id, "nope")
    with pytest.raises(ValueError):
        library.add_highlight(first.id, {"id": "x", "quote": ""})
    assert library.highlights(first.id) == []


def test_all_highlights_newest_first_with_their_articles(library: Library) -> None:
    one, two = library.articles()
    library.add_highlight(one.id, mark(1, created="2026-11-01T10:00:00+00:00"))
    library.add_highlight(two.id, mark(2, created="2026-11-03T10:00:00+00:00"))
    library.add_highlight(one.id, mark(3, created="2026-11-02T10:00:00+00:00"))
    found = Library.open(library.root).all_highlights()
    assert [(a.title, m["id"]) for a, m in found] == [
        (two.title, "h2"),
        (one.title, "h3"),
        (one.title, "h1"),
    ]


def test_restore_state_adds_only_the_highlights_missing(library: Library) -> None:
    first = library.articles()[0]
    library.add_highlight(first.id, mark(1))
    same_passage = {**mark(1), "id": "other"}
    library.restore_state({first.id: {"highlights": [same_passage, mark(2, "six tonight")]}})
    assert [m["id"] for m in library.highlights(first.id)] == ["h1", "h2"]


def test_a_state_document_whose_highlights_are_no_list_is_damage() -> None:
    assert doc_problem("state", {"highlights": [mark(1)]}) is None
    assert doc_problem("state", {"highlights": "text"}) is not None


def test_entries_that_are_no_highlight_are_left_out_when_read(library: Library) -> None:
    first = library.articles()[0]
    library.add_highlight(first.id, mark(1))
    shard = library.root / "state" / f"{first.id[0]}.json"
    data = json.loads(shard.read_text())
    doc = next(iter(data["state"].values()))
    doc["highlights"] += [5, {"id": "x"}, {**mark(9), "quote": 3}]
    shard.write_text(json.dumps(data))
    assert [m["id"] for m in Library.open(library.root).highlights(first.id)] == ["h1"]


def test_find_by_url_uses_the_stores_url_key(library: Library) -> None:
    first = library.articles()[1]
    assert library.find_by_url("https://www.news.example.com/1/?utm_source=feed") == first.id
    assert library.find_by_url("http://news.example.com/1#top") == first.id
    assert library.find_by_url("https://news.example.com/99") is None
    assert library.find_by_url("mailto:desk@example.org") is None
    assert library.find_by_url("") is None
