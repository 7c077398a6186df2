"""Saved searches in the library: order, names, the file's safety and damage handling."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.store import Library
from reader.store.views import InvalidView, SavedView, UnknownView


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return Library.open(tmp_path / "lib")


def names(library: Library) -> list[str]:
    return [view.name for view in library.views()]


def test_views_keep_the_order_the_user_chooses(library: Library) -> None:
    assert library.views() == []
    library.save_view("Trains", "train -bus")
    library.save_view("Ferries", "ferry")
    library.save_view("Unread news", "is:unread source:herald")
    library.move_view("unread news", 0)
    assert names(library) == ["Unread news", "Trains", "Ferries"]
    library.move_view("Trains", 99)
    assert names(library) == ["Unread news", "Ferries", "Trains"]
    assert [view.position for view in library.views()] == [0, 1, 2]
    library.remove_view("FERRIES")
    assert Library.open(library.root).views() == [
        SavedView("Unread news", "is:unread source:herald", 0),
        SavedView("Trains", "train -bus", 1),
    ]


def test_saving_under_an_existing_name_replaces_its_query_in_place(library: Library) -> None:
    library.save_view("Trains", "train")
    library.save_view("Ferries", "ferry")
    saved = library.save_view("trains", "train OR rail")
    assert saved == SavedView("trains", "train OR rail", 0)
    assert names(library) == ["trains", "Ferries"]


def test_bad_names_and_queries_are_refused_and_change_nothing(library: Library) -> None:
    library.save_view("Trains", "train")
    before = library.layout.views.read_bytes()
    for name, query in (("", "x"), ("Two\nlines", "x"), ("n" * 101, "x"), ("Empty", "  ")):
        with pytest.raises(InvalidView):
            library.save_view(name, query)
    with pytest.raises(UnknownView):
        library.remove_view("Nope")
    with pytest.raises(UnknownView):
        library.move_view("Nope", 0)
    assert library.layout.views.read_bytes() == before


def test_the_file_is_a_tinydb_table_written_atomically(library: Library) -> None:
    library.save_view("Trains", "train")
    library.save_view("Ferries", "ferry")
    data = json.loads(library.layout.views.read_text())
    assert data == {
        "views": {
            "1": {"name": "Trains", "query": "train", "position": 0},
            "2": {"name": "Ferries", "query": "ferry", "position": 1},
        }
    }
    assert (library.root / "views.json.prev").exists()
    assert not list(library.root.glob(".*.tmp"))


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b'{"views": {"1": {"name": "Trains", "query"',
        b'{"views": {"1": {"name": 7, "query": "x", "position": 0}}}',
        b'{"views": {"1": {"name": "A", "query": "x", "position": true}}}',
        b'{"other": {}}',
    ],
)
def test_a_damaged_file_is_set_aside_and_its_last_good_copy_restored(
    library: Library, damage: bytes
) -> None:
    library.save_view("Trains", "train")
    library.save_view("Ferries", "ferry")  # the previous copy holds Trains alone
    library.layout.views.write_bytes(damage)
    reopened = Library.open(library.root)
    assert names(reopened) == ["Trains"]
    [warning] = reopened.warnings
    assert "views.json" in warning and "restored its previous copy" in warning
    assert len(list((library.root / "damaged").iterdir())) == 1
    assert reopened.check() == []


def test_check_reports_a_damaged_views_file(library: Library) -> None:
    library.save_view("Trains", "train")
    library.layout.views.write_text('{"views": {"1": "not a view"}}')
    for previous in library.root.glob("views.json.prev"):
        previous.unlink()
    problems = Library.open(library.root).check()
    assert len(problems) == 1 and "views.json" in problems[0]
    assert Library.open(library.root).views() == []  # recovered: empty, with nothing to go on
