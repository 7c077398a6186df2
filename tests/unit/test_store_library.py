"""The library API: adding, listing, state changes, duplicates, queries."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tinydb import Query

from reader.store import Library, NewArticle, NotALibrary, UnknownArticle


def article(n: int, **fields: object) -> NewArticle:
    values: dict[str, object] = {
        "title": f"Article {n}",
        "body": f"Body of article number {n}. " * 5,
        "raw": f"raw {n}",
        "raw_format": "text",
        "url": f"https://news.example.com/{n}",
        "source": "Example News",
        "date": f"2026-10-{n % 28 + 1:02d}",
        "words": 30,
    }
    values.update(fields)
    return NewArticle(**values)  # type: ignore[arg-type]


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return Library.open(tmp_path / "lib")


def test_new_library_is_created_empty(library: Library) -> None:
    assert library.created
    assert library.articles() == []
    assert (library.root / "library.json").exists()


def test_added_articles_list_newest_first_with_metadata(library: Library) -> None:
    outcomes = library.add([article(1), article(5), article(3)])
    assert [o.duplicate for o in outcomes] == [False, False, False]
    rows = library.articles()
    assert [a.title for a in rows] == ["Article 5", "Article 3", "Article 1"]
    first = rows[0]
    assert first.source == "Example News"
    assert first.url == "https://news.example.com/5"
    assert first.date == "2026-10-06"
    assert not first.read and not first.bookmarked
    assert library.content(first.id).body.startswith("Body of article number 5.")
    assert library.content(first.id).raw == "raw 5"


def test_ids_are_short_stable_and_resolvable_by_prefix(tmp_path: Path) -> None:
    one = Library.open(tmp_path / "one")
    two = Library.open(tmp_path / "two")
    [a] = one.add([article(7)])
    [b] = two.add([article(7)])
    assert a.id == b.id
    assert len(a.id) == 8
    assert one.resolve(a.id[:5]) == a.id
    assert one.resolve(a.id.upper()) == a.id
    with pytest.raises(UnknownArticle):
        one.resolve("zzzzzzzz")
    with pytest.raises(UnknownArticle):
        one.resolve("not-an-id!")


def test_same_url_or_same_body_is_a_duplicate(library: Library) -> None:
    [first] = library.add([article(1)])
    same_url = article(2, url="http://www.news.example.com/1/?utm_source=feed#top")
    same_body = article(3, url=None, body=article(1).body.upper())
    outcomes = library.add([same_url, same_body, article(4)])
    assert [o.duplicate for o in outcomes] == [True, True, False]
    assert outcomes[0].id == first.id == outcomes[1].id
    assert len(library.articles()) == 2


def test_duplicates_within_one_batch_are_stored_once(library: Library) -> None:
    outcomes = library.add([article(1), article(1)])
    assert [o.duplicate for o in outcomes] == [False, True]
    assert len(library.articles()) == 1


def test_duplicates_are_found_across_batches_and_other_handles(library: Library) -> None:
    """The dedup keys carried over each write agree with the stored articles: after
    several batches, an update that changes an article's address, and a write made
    through another handle (another process)."""
    library.add([article(n) for n in range(40)])
    library.add([article(n) for n in range(40, 80)])
    moved = article(3, url="https://elsewhere.example.org/3")
    [updated] = library.add([moved], update_existing=True)
    assert updated.duplicate
    other = Library.open(library.root)
    other.add([article(200)])
    again = library.add(
        [article(5), article(79), article(200), moved, article(300, body=article(3).body)]
    )
    assert [o.duplicate for o in again] == [True, True, True, True, True]
    # The old address of the moved article no longer names it: stored as new.
    [old_address] = library.add([article(900, url="https://news.example.com/3")])
    assert not old_address.duplicate
    assert len(Library.open(library.root).articles()) == 82


def test_update_existing_changes_metadata_but_keeps_state(library: Library) -> None:
    [added] = library.add([article(1)])
    library.set_read([added.id])
    library.set_bookmarked([added.id])
    library.set_position(added.id, {"block": 3})
    [again] = library.add([article(1, title="Article 1, corrected")], update_existing=True)
    assert again.id == added.id and again.duplicate
    stored = library.get(added.id)
    assert stored.title == "Article 1, corrected"
    assert stored.read and stored.bookmarked and stored.position == {"block": 3}


def test_read_bookmark_and_position_round_trip(library: Library) -> None:
    ids = [o.id for o in library.add([article(n) for n in range(10)])]
    library.set_read(ids[:4])
    library.set_bookmarked(ids[2:3])
    library.set_position(ids[5], {"block": 12})
    reopened = Library.open(library.root)
    by_id = {a.id: a for a in reopened.articles()}
    assert [by_id[i].read for i in ids] == [True] * 4 + [False] * 6
    assert [i for i in ids if by_id[i].bookmarked] == [ids[2]]
    assert by_id[ids[5]].position == {"block": 12}
    reopened.set_read(ids[:2], read=False)
    reopened.set_bookmarked([ids[2]], bookmarked=False)
    assert sum(a.read for a in Library.open(library.root).articles()) == 2
    assert not any(a.bookmarked for a in Library.open(library.root).articles())


def test_marking_an_unknown_article_changes_nothing(library: Library) -> None:
    [added] = library.add([article(1)])
    with pytest.raises(UnknownArticle):
        library.set_read([added.id, "00000000"])
    assert not library.get(added.id).read


def test_marking_one_article_rewrites_only_its_state_shard(library: Library) -> None:
    ids = [o.id for o in library.add([article(n) for n in range(200)])]
    before = {p.name: p.stat().st_mtime_ns for p in (library.root / "meta").glob("*.json")}
    states_before = {p.name: p.stat().st_mtime_ns for p in (library.root / "state").glob("*.json")}
    library.set_read([ids[0]])
    after = {p.name: p.stat().st_mtime_ns for p in (library.root / "meta").glob("*.json")}
    states_after = {p.name: p.stat().st_mtime_ns for p in (library.root / "state").glob("*.json")}
    assert before == after
    changed = {n for n in states_after if states_before.get(n) != states_after[n]}
    assert changed == {f"{ids[0][0]}.json"}


def test_tinydb_queries_work_on_metadata(library: Library) -> None:
    library.add([article(1, source="Alpha"), article(2, source="Beta"), article(3, source="Alpha")])
    found = library.query(Query().source == "Alpha")
    assert sorted(a.title for a in found) == ["Article 1", "Article 3"]
    assert [a.title for a in library.query(Query().title.search("2$"))] == ["Article 2"]


def test_purge_removes_article_state_and_body(library: Library) -> None:
    ids = [o.id for o in library.add([article(1), article(2)])]
    library.set_read(ids)
    library.purge([ids[0]])
    assert [a.id for a in library.articles()] == [ids[1]]
    with pytest.raises(UnknownArticle):
        library.content(ids[0])


def test_a_folder_of_other_files_is_not_taken_for_a_library(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(NotALibrary):
        Library.open(tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_open_without_create_refuses_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(NotALibrary):
        Library.open(tmp_path / "missing", create=False)


def test_change_token_moves_when_another_handle_writes(library: Library) -> None:
    [added] = library.add([article(1)])
    token = library.change_token()
    other = Library.open(library.root)
    other.set_bookmarked([added.id])
    assert library.change_token() != token
    assert library.get(added.id).bookmarked


def test_newest_rows_come_from_a_small_cache_kept_in_step(library: Library) -> None:
    assert library.newest() is None or library.newest() == []
    library.add([article(n) for n in range(1, 6)])
    full = library.articles()
    assert [a.id for a in library.newest() or []] == [a.id for a in full]
    library.set_read([full[0].id])
    assert (library.newest() or [])[0].read
    [late] = library.add([article(27)])  # the newest date of all
    newest = library.newest()
    assert newest is not None and newest[0].id == late.id
    library.delete([late.id])
    assert [a.id for a in library.newest() or []] == [a.id for a in full]


def test_newest_cache_is_ignored_when_a_shard_changed_behind_it(library: Library) -> None:
    library.add([article(n) for n in range(1, 4)])
    library.articles()
    assert library.newest() is not None
    shard = next((library.root / "meta").glob("?.json"))
    os.utime(shard, ns=(1, 1))  # changed by something that did not keep the cache
    assert library.newest() is None
    assert len(library.articles()) == 3
    assert len(library.newest() or []) == 3


def test_an_id_taken_earlier_in_the_same_change_is_not_given_twice(library: Library) -> None:
    """An exported article keeps its old ID; a new article whose own ID would be that
    same one, added in the same batch, gets another instead of overwriting it."""
    from reader.ingest.formats.items import ImportedArticle
    from reader.store.identity import identity_of, url_key
    from reader.store.ids import make_id

    newcomer = article(2)
    clash = make_id(identity_of(url_key(newcomer.url), "unused"))
    restored = ImportedArticle(
        title="Restored",
        body="A restored article with its own body text.",
        raw="",
        raw_format="markdown",
        url=None,
        stored_id=clash,
    )
    outcomes = library.add([restored, newcomer])
    assert outcomes[0].id == clash and outcomes[1].id != clash
    assert {a.title for a in library.articles()} == {"Restored", "Article 2"}
