"""Deleting with undo, purging, tags and undated articles, through the library API."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from test_store_library import article

from reader.ingest.formats.items import ImportedArticle
from reader.store import Library, UnknownArticle
from reader.store.tags import normalised, tag_problem


def tagged(n: int, *tags: str, **fields: object) -> ImportedArticle:
    """An article as another reader's export hands it in, carrying tags."""
    plain = article(n, **fields)
    return ImportedArticle(**vars(plain), tags=tags)


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return Library.open(tmp_path / "lib")


def state_doc(library: Library, article_id: str) -> dict[str, object] | None:
    """An article's state document as it is on disk."""
    shard = json.loads((library.root / "state" / f"{article_id[0]}.json").read_text())
    from reader.store.ids import doc_id_of

    found = shard["state"].get(str(doc_id_of(article_id)))
    return dict(found) if found is not None else None


# ----- deleting and restoring ------------------------------------------------------------


def test_a_deleted_article_leaves_lists_but_comes_back_whole(library: Library) -> None:
    one, two, three = (o.id for o in library.add([article(1), article(2), article(3)]))
    library.set_read([two])
    library.set_bookmarked([two])
    library.tag([two], add=["keep"])
    library.delete([two])
    assert [a.id for a in library.articles()] == [three, one]
    [gone] = library.articles(deleted=True)
    assert gone.id == two and gone.deleted_at is not None
    assert library.get(two).deleted_at == gone.deleted_at  # still opens, for a Deleted view
    assert library.content(two).body.startswith("Body of article number 2.")
    assert (newest := library.newest()) is not None and two not in {a.id for a in newest}
    library.restore([two])
    back = library.get(two)
    assert back.deleted_at is None
    assert (back.read, back.bookmarked, back.tags) == (True, True, ("keep",))
    assert [a.id for a in library.articles()] == [three, two, one]
    assert library.articles(deleted=True) == []


def test_live_and_deleted_articles_come_in_one_pass(library: Library) -> None:
    one, two, three = (o.id for o in library.add([article(1), article(2), article(3)]))
    assert library.articles_and_deleted() == (library.articles(), [])
    library.delete([two])
    live, deleted = library.articles_and_deleted()
    assert [a.id for a in live] == [three, one]
    assert [a.id for a in deleted] == [two]
    assert deleted == library.articles(deleted=True)


def test_deleting_twice_keeps_the_first_time(library: Library) -> None:
    [added] = library.add([article(1)])
    library.delete([added.id])
    first = library.get(added.id).deleted_at
    state = library.root / "state" / f"{added.id[0]}.json"
    before = state.read_bytes()
    library.delete([added.id])
    assert library.get(added.id).deleted_at == first
    assert json.loads(state.read_bytes()) == json.loads(before)


def test_delete_of_an_unknown_id_changes_nothing(library: Library) -> None:
    [added] = library.add([article(1)])
    with pytest.raises(UnknownArticle):
        library.delete([added.id, "zzzzzzzz"])
    assert library.get(added.id).deleted_at is None


def test_deleted_state_survives_a_reopen_and_the_row_cache(library: Library) -> None:
    ids = [o.id for o in library.add([article(n) for n in range(1, 6)])]
    library.articles()  # writes the row cache
    library.delete(ids[:2])
    again = Library.open(library.root)
    assert sorted(a.id for a in again.articles(deleted=True)) == sorted(ids[:2])
    assert len(again.articles()) == 3


def test_purge_waits_thirty_days_unless_told_all(library: Library) -> None:
    old, recent, live = (o.id for o in library.add([article(1), article(2), article(3)]))
    library.delete([old, recent])
    _backdate_deletion(library, old, "2020-01-01T00:00:00+00:00")
    assert library.purge_deleted() == [old]
    assert {a.id for a in library.articles(deleted=True)} == {recent}
    with pytest.raises(UnknownArticle):
        library.get(old)
    assert not library.layout.body(old).exists()
    assert state_doc(library, old) is None
    assert library.purge_deleted(None) == [recent]
    assert not library.layout.body(recent).exists()
    assert [a.id for a in library.articles()] == [live]
    assert library.check() == []


def test_an_unreadable_deletion_time_is_never_taken_as_old(library: Library) -> None:
    [added] = library.add([article(1)])
    library.delete([added.id])
    _backdate_deletion(library, added.id, "not a time")
    assert library.purge_deleted() == []
    assert library.articles(deleted=True)[0].id == added.id


def _backdate_deletion(library: Library, article_id: str, when: str) -> None:
    """Pretend an article was deleted at ``when`` (as a clock turned back would have)."""
    path = library.root / "state" / f"{article_id[0]}.json"
    data = json.loads(path.read_text())
    from reader.store.ids import doc_id_of

    data["state"][str(doc_id_of(article_id))]["deleted_at"] = when
    path.write_text(json.dumps(data))
    os.utime(path, ns=(1, 1))  # a new signature: the store reads it again


def test_a_feed_update_leaves_a_deleted_article_deleted_and_an_import_brings_it_back(
    library: Library,
) -> None:
    [added] = library.add([article(1)])
    library.set_read([added.id])
    library.delete([added.id])
    renamed = article(1, title="Renamed by the site")
    [again] = library.add([renamed], update_existing=True)
    assert (again.duplicate, again.deleted, again.revived) == (True, True, False)
    assert library.get(added.id).deleted_at is not None
    assert library.get(added.id).title == "Article 1"
    [revived] = library.add([renamed], revive_deleted=True)
    assert (revived.id, revived.duplicate, revived.revived) == (added.id, False, True)
    back = library.get(added.id)
    assert (back.deleted_at, back.title, back.read) == (None, "Renamed by the site", True)


# ----- tags -------------------------------------------------------------------------------


def test_tags_are_stored_in_one_form() -> None:
    assert normalised([" Trains ", "history", "trains", "a,b", "", "x\x1b[31my", 7]) == [
        "a",
        "b",
        "history",
        "Trains",
        "xy",
    ]
    assert normalised(["long " * 40])[0] == ("long " * 20).strip()
    assert tag_problem("") and tag_problem("a,b") and tag_problem("x" * 101)
    assert tag_problem("Night trains") is None


def test_tag_adds_and_removes_ignoring_case(library: Library) -> None:
    one, two = (o.id for o in library.add([article(1), article(2)]))
    library.tag([one, two], add=["Trains", "night"])
    library.tag([one], add=["TRAINS", "Ferries"], remove=["NIGHT"])
    assert library.get(one).tags == ("Ferries", "Trains")
    assert library.get(two).tags == ("night", "Trains")
    assert [a.tags for a in Library.open(library.root).articles() if a.id == one] == [
        ("Ferries", "Trains")
    ]
    library.set_tags(two, [])
    assert library.get(two).tags == ()
    assert state_doc(library, two) is None, "an untagged, unread article keeps no state"


def test_tags_an_import_carried_are_kept_and_the_users_removals_stick(
    library: Library,
) -> None:
    [imported] = library.add([tagged(1, "town", "Transport")])
    assert library.get(imported.id).tags == ("town", "Transport")
    assert state_doc(library, imported.id) == {"tags": ["town", "Transport"]}
    library.tag([imported.id], remove=["town", "transport"])
    assert library.get(imported.id).tags == ()
    assert state_doc(library, imported.id) == {"tags": []}, "hides the import's tags"


def test_tags_from_an_older_library_show_until_changed(library: Library) -> None:
    """Libraries written before tags moved to the state kept them in the metadata only."""
    [old] = library.add([tagged(1, "history")])
    state = library.root / "state" / f"{old.id[0]}.json"
    state.unlink()  # as an older reader left it: tags in the metadata alone
    for path in state.parent.glob("*.prev"):
        path.unlink()
    reopened = Library.open(library.root)
    assert reopened.get(old.id).tags == ("history",)
    assert [a.tags for a in reopened.articles()] == [("history",)]
    reopened.tag([old.id], add=["rail"])
    assert reopened.get(old.id).tags == ("history", "rail")


def test_a_reimport_adds_its_tags_without_dropping_the_users(library: Library) -> None:
    [first] = library.add([tagged(1, "town")])
    library.tag([first.id], add=["mine"], remove=["town"])
    [again] = library.add([tagged(1, "transport")])
    assert again.duplicate
    assert library.get(first.id).tags == ("mine", "transport")
    state = library.root / "state" / f"{first.id[0]}.json"
    before = state.stat().st_mtime_ns
    library.add([tagged(1, "transport")], update_existing=True)
    assert state.stat().st_mtime_ns == before, "nothing new: the state is not rewritten"


def test_a_damaged_tag_list_is_damage(library: Library) -> None:
    [added] = library.add([article(1)])
    library.tag([added.id], add=["fine"])
    path = library.root / "state" / f"{added.id[0]}.json"
    data = json.loads(path.read_text())
    next(iter(data["state"].values()))["tags"] = ["fine", 3]
    path.write_text(json.dumps(data))
    reopened = Library.open(library.root)
    assert reopened.get(added.id).tags == ()  # the previous copy: before the tag
    assert any("tags are not all text" in w for w in reopened.warnings)


# ----- dates ------------------------------------------------------------------------------


def test_an_undated_article_sorts_by_the_day_it_was_saved_below_that_days_news(
    library: Library,
) -> None:
    older = tagged(1, date="2026-10-01")
    newer = tagged(2, date="2026-10-20")
    undated = ImportedArticle(**{**vars(article(3)), "date": None}, saved="2026-10-10T09:00:00Z")
    far_east = ImportedArticle(
        **{**vars(article(4)), "date": None}, saved="2026-10-21T01:00:00+09:00"
    )
    library.add([older, newer, undated, far_east])
    rows = library.articles()
    assert [a.title for a in rows] == ["Article 2", "Article 4", "Article 3", "Article 1"]
    undated_row = next(a for a in rows if a.title == "Article 3")
    assert undated_row.date is None and undated_row.added == "2026-10-10T09:00:00Z"
    # 01:00 in Tokyo on the 21st is 16:00 UTC on the 20th: below every article of the
    # 20th, above those of the 19th
    library.add([tagged(5, date="2026-10-20T12:00:00"), tagged(7, date="2026-10-19T23:00:00")])
    assert [a.title for a in library.articles()][:5] == [
        "Article 5",
        "Article 2",
        "Article 4",
        "Article 7",
        "Article 3",
    ]
