"""Building the index in bulk gives the same answers as keeping it in step article by
article, before and after the heavy words are chosen."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.search import SearchIndex, sync
from reader.store import Library, NewArticle

WORDS = [
    "harbour",
    "budget",
    "council",
    "railway",
    "storm",
    "ferry",
    "market",
    "school",
    "river",
    "energy",
]


def article(number: int) -> NewArticle:
    first, second = WORDS[number % len(WORDS)], WORDS[(number * 3 + 1) % len(WORDS)]
    body = (
        f"The {first} report, part {number}. The {second} plan met the {first} board; "
        f"Café owners and the {second} office replied."
    )
    return NewArticle(
        title=f"{first.title()} news {number}",
        body=body,
        raw=body,
        raw_format="text",
        source="Gazette" if number % 3 else "Daily",
        url=f"https://example.com/{number}",
        date=f"2024-{number % 12 + 1:02d}-{number % 27 + 1:02d}",
        author=None,
    )


ARTICLES = [article(n) for n in range(60)]
QUERIES = [
    "harbour",
    "budget plan",
    '"the ferry"',
    "report -storm",
    "cafe is:unread",
    "railway OR energy sort:date",
    "title:market after:2024-06-01",
]
TYPED = ["har", "bu", "the fer", "cafe ow"]


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_LIBRARY", str(tmp_path / "unused"))
    monkeypatch.setenv("READER_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


def answers(index: SearchIndex) -> list[list[tuple[str, float]]]:
    found = [index.search(q) for q in QUERIES]
    found += [index.search(q, typing=True) for q in TYPED]
    assert all(result.error is None and not result.partial for result in found)
    return [[(hit.id, hit.score) for hit in result.hits] for result in found]


def test_bulk_build_answers_like_step_by_step_syncs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sync, "BULK", 10)
    monkeypatch.setattr(sync, "BULK_CHUNK", 7)
    bulk_library = Library.open(tmp_path / "bulk")
    bulk_library.add(ARTICLES)
    bulk_library.set_read([bulk_library.articles()[0].id])
    bulk = SearchIndex.open(bulk_library)
    assert bulk.count() == len(ARTICLES)

    step_library = Library.open(tmp_path / "step")
    step = SearchIndex.open(step_library)
    for first in range(0, len(ARTICLES), 6):  # each sync below the bulk size
        step_library.add(ARTICLES[first : first + 6])
        step.sync()
    step_library.set_read([step_library.articles()[0].id])
    step.sync()

    assert answers(bulk) == answers(step)
    assert bulk.search("harbour").hits, "the queries must find something to compare"


def test_rebuild_keeps_the_answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sync, "BULK", 10)
    library = Library.open(tmp_path / "lib")
    library.add(ARTICLES[:8])
    index = SearchIndex.open(library)  # below the bulk size: indexed step by step
    library.add(ARTICLES[8:])
    index.sync()  # the rest in bulk, on top
    before = answers(index)
    assert index.rebuild() == len(ARTICLES)
    assert answers(index) == before


def test_a_rebuild_gives_the_pages_merging_freed_back_to_the_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    monkeypatch.setattr(sync, "BULK", 10)
    monkeypatch.setattr(sync, "BULK_CHUNK", 20)
    library = Library.open(tmp_path / "lib")
    longer = [article(n) for n in range(200)]
    for item in longer:
        item.body = " ".join([item.body] * 40)
    library.add(longer)
    index = SearchIndex.open(library)
    assert index.rebuild() == len(longer)
    with sqlite3.connect(library.root / "search.sqlite") as connection:
        (free,) = connection.execute("PRAGMA freelist_count").fetchone()
    connection.close()
    assert free == 0


def test_heavy_words_chosen_part_way_give_the_same_matches_bulk_or_step(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.search import pairs
    from reader.search.vocabulary import Vocabulary

    monkeypatch.setattr(pairs, "HEAVY_FROM", 20)
    monkeypatch.setattr(sync, "BULK", 10)
    monkeypatch.setattr(sync, "BULK_CHUNK", 7)
    phrases = ['"the ferry"', '"the harbour report"', '"plan met the"', '"and the"']

    def matches(index: SearchIndex) -> list[set[str]]:
        assert Vocabulary(index._connection).heavy, "chosen on the way"
        return [{hit.id for hit in index.search(q, 100).hits} for q in [*QUERIES, *phrases]]

    bulk_library = Library.open(tmp_path / "bulk")
    bulk_library.add(ARTICLES)
    bulk = SearchIndex.open(bulk_library)
    step_library = Library.open(tmp_path / "step")
    step = SearchIndex.open(step_library)
    for first in range(0, len(ARTICLES), 6):
        step_library.add(ARTICLES[first : first + 6])
        step.sync()
    assert matches(bulk) == matches(step)
    assert all(matches(bulk)[-len(phrases) :]), "the phrases must match something"
