"""What the index takes from the articles' state beyond read and bookmarked: tags for
``tag:`` and ``-tag:``, deleted articles kept out until restored; and dates that don't lie
for an undated article.

The state documents are written here as the store writes them (``state/<c>.json``): a
``"tags"`` list replaces the metadata's tags, ``"deleted_at"`` puts an article in the trash.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from reader.cli.main import main
from reader.search import SearchIndex
from reader.store import Library, NewArticle
from reader.store.ids import doc_id_of, shard_of


class Tagged(NewArticle):
    """An article carrying labels from another reader's export (the metadata's tags)."""

    tags: tuple[str, ...] = ()


def article(title: str, *, date: str | None, tags: tuple[str, ...] = ()) -> NewArticle:
    body = f"{title}. The lighthouse keeper wrote about it."
    item = Tagged(
        title=title,
        body=body,
        raw=body,
        raw_format="text",
        url=f"https://tags.example/{title.replace(' ', '-')}",
        date=date,
    )
    item.tags = tags
    return item


@pytest.fixture
def library(tmp_path: Path) -> Library:
    lib = Library.open(tmp_path / "lib")
    lib.add(
        [
            article("Harbour report", date="2024-03-02", tags=("Work", "Sea")),
            article("Budget vote", date="2024-03-05", tags=("work",)),
            article("Railway strike", date="2024-01-10"),
            article("Undated note", date=None),
        ]
    )
    return lib


def ids_by_title(library: Library) -> dict[str, str]:
    return {row.title: row.id for row in library.articles()}


def edit_state(library: Library, article_id: str, **fields: Any) -> None:
    """Change an article's state document as the store would (a new file, atomically);
    a field given as None is removed."""
    path = library.root / "state" / f"{shard_of(article_id)}.json"
    data = json.loads(path.read_bytes()) if path.exists() else {"state": {}}
    state = data.setdefault("state", {}).setdefault(str(doc_id_of(article_id)), {})
    for key, value in fields.items():
        if value is None:
            state.pop(key, None)
        else:
            state[key] = value
    temp = path.with_suffix(".new")
    temp.write_text(json.dumps(data))
    os.replace(temp, path)


def titles(index: SearchIndex, query: str) -> set[str]:
    result = index.search(query)
    assert result.error is None, result.error
    assert result.total == len(result.hits)
    return {hit.title for hit in result.hits}


def test_tags_come_from_the_metadata_until_the_state_has_its_own(library: Library) -> None:
    index = SearchIndex.open(library)
    assert titles(index, "tag:work") == {"Harbour report", "Budget vote"}
    assert titles(index, "tag:WORK lighthouse") == {"Harbour report", "Budget vote"}
    assert titles(index, "-tag:work") == {"Railway strike", "Undated note"}
    assert titles(index, "tag:sea tag:work") == {"Harbour report"}
    assert titles(index, 'tag:"sea"') == {"Harbour report"}
    assert titles(index, "tag:wor") == set()  # a tag is matched whole

    ids = ids_by_title(library)
    edit_state(library, ids["Railway strike"], tags=["Work", "Rail"])
    edit_state(library, ids["Harbour report"], tags=[])  # its own list: no tags at all
    assert titles(index, "tag:work") == {"Railway strike", "Budget vote"}
    assert titles(index, "tag:sea") == set()
    assert index.count_matches("tag:rail", unread_only=True) == 1
    library.set_read([ids["Railway strike"]])
    assert index.count_matches("tag:rail", unread_only=True) == 0
    assert titles(index, "tag:rail") == {"Railway strike"}, "marking keeps the tags"


def test_a_deleted_article_is_not_found_until_it_is_restored(
    library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    index = SearchIndex.open(library)
    budget = ids_by_title(library)["Budget vote"]
    edit_state(library, budget, deleted_at="2026-11-30T10:00:00+00:00")
    assert titles(index, "lighthouse") == {"Harbour report", "Railway strike", "Undated note"}
    assert titles(index, "tag:work") == {"Harbour report"}
    assert index.count_matches("budget") == 0
    assert index.verify({row.id for row in library.articles()}) == [], "not a damaged index"

    edit_state(library, budget, deleted_at=None)
    assert "Budget vote" in titles(index, "budget tag:work")
    capsys.readouterr()
    assert main(["--library", str(library.root), "check"]) == 0
    assert "search index" not in capsys.readouterr().err


def test_an_undated_article_has_no_date_and_is_filtered_by_when_it_was_saved(
    library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    undated = next(row for row in library.articles() if row.title == "Undated note")
    assert undated.date is None
    saved = undated.added[:10]
    index = SearchIndex.open(library)
    [hit] = index.search("undated").hits
    assert hit.date is None and hit.added == undated.added
    assert "Undated note" in titles(index, f"note after:{saved}")
    assert titles(index, f"note before:{saved}") == set()
    assert titles(index, "after:2024-03-03") == {"Budget vote", "Undated note"}

    capsys.readouterr()
    assert main(["--library", str(library.root), "search", "--json", "undated"]) == 0
    [record] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert record["date"] is None and record["added"] == undated.added


def test_newest_first_in_search_is_the_lists_order_for_an_undated_article(tmp_path: Path) -> None:
    """Saved at 15:00 with no date of its own, an old page is not news of 15:00: it stands
    below every article published that day, in a search by date as in the list."""
    from reader.ingest.formats.items import ImportedArticle

    def saved_undated(title: str, saved: str) -> ImportedArticle:
        return ImportedArticle(**{**vars(article(title, date=None)), "saved": saved})

    library = Library.open(tmp_path / "lib")
    library.add(
        [
            article("Morning news", date="2026-10-20T08:00:00"),
            article("Day news", date="2026-10-20"),
            saved_undated("Old page kept", "2026-10-19T15:00:00+00:00"),
            article("Evening news", date="2026-10-20T21:00:00"),
            article("Yesterday news", date="2026-10-19T23:30:00"),
        ]
    )
    library.add([saved_undated("Tokyo page", "2026-10-21T01:00:00+09:00")])  # the 20th in UTC
    for hour in (17, 18, 19, 20):  # each import its own, as a reader saves pages in a day
        library.add([saved_undated(f"Page saved at {hour}", f"2026-10-20T{hour}:00:00+00:00")])
    listed = [row.title for row in library.articles()]
    assert listed == [
        "Evening news",
        "Morning news",
        "Day news",
        *(f"Page saved at {hour}" for hour in (20, 19, 18, 17)),  # the latest saved first
        "Tokyo page",
        "Yesterday news",
        "Old page kept",
    ]
    index = SearchIndex.open(library)
    found = [hit.title for hit in index.search("lighthouse sort:date", 10).hits]
    assert found == listed
    assert titles(index, "lighthouse after:2026-10-20 before:2026-10-21") == set(listed[:8])


def test_a_day_with_more_articles_than_row_numbers_keeps_date_filters_exact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.search import rowids

    monkeypatch.setattr(rowids, "SLOT_BITS", 1)  # two row numbers a day
    library = Library.open(tmp_path / "lib")
    library.add([article(f"Crowded day {n}", date="2024-03-02") for n in range(5)])
    library.add([article("Next day", date="2024-03-03"), article("Later", date="2024-03-09")])
    index = SearchIndex.open(library)
    assert titles(index, "lighthouse after:2024-03-03") == {"Next day", "Later"}
    assert titles(index, "before:2024-03-03") == {f"Crowded day {n}" for n in range(5)}
    assert titles(index, "after:2024-03-02 before:2024-03-04") == {
        *(f"Crowded day {n}" for n in range(5)),
        "Next day",
    }
    newest = [hit.title for hit in index.search("lighthouse sort:date", 10).hits]
    assert newest[0] == "Later"
