"""Curating from the command line: delete with undo, tags, saved views, honest dates."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from project_paths import FIXTURES

from reader.cli.main import main
from reader.store import Library

FORMATS = FIXTURES / "formats"
#: Two good entries (one tagged, one undated) and two that fail on purpose (exit 1).
WALLABAG = FIXTURES / "import" / "wallabag.json"


@pytest.fixture
def library(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    root = tmp_path / "lib"
    files = [FORMATS / name for name in ("dump.txt", "plain.md", "frontmatter.md", "page.html")]
    assert reader(root, "import", "-q", *map(str, files)) == 0
    capsys.readouterr()
    return root


def reader(root: Path, *args: str) -> int:
    """Run one command in this process, as ``reader --library ROOT ARGS...``."""
    return main(["--library", str(root), *args])


def listing(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, Any]]:
    capsys.readouterr()
    assert reader(root, "list", "--json", *args) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def ids(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    return [row["id"] for row in listing(root, capsys, *args)]


# ----- delete, restore, purge -------------------------------------------------------------


def test_delete_restore_and_purge(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    everything = ids(library, capsys)
    victim, other = everything[0], everything[1]
    assert reader(library, "delete", victim[:5], other) == 0
    assert ids(library, capsys) == everything[2:]
    deleted = listing(library, capsys, "--deleted")
    assert [row["id"] for row in deleted] == [victim, other]
    assert all(row["deleted_at"] for row in deleted)
    assert all("deleted_at" not in row for row in listing(library, capsys))
    assert reader(library, "show", victim) == 0
    assert capsys.readouterr().out.startswith("Deleted on 20")
    export = tmp_path / "export.json"
    assert reader(library, "export", "--format", "json", str(export)) == 0
    exported = [a["id"] for a in json.loads(export.read_text())["articles"]]
    assert exported == everything[2:]
    markdown = tmp_path / "md"
    assert reader(library, "export", "--format", "markdown", str(markdown)) == 0
    assert len(list(markdown.glob("*.md"))) == len(everything) - 2
    assert reader(library, "restore", other) == 0
    assert ids(library, capsys) == everything[1:]
    capsys.readouterr()
    assert reader(library, "purge") == 0
    assert capsys.readouterr().out == "purged 0 articles\n"  # deleted today: kept 30 days
    assert reader(library, "purge", "--all") == 0
    assert capsys.readouterr().out == "purged 1 article\n"
    assert ids(library, capsys, "--deleted") == []
    assert reader(library, "show", victim) == 1
    assert reader(library, "check") == 0


def test_restoring_what_is_not_deleted_or_deleting_twice_says_so(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = ids(library, capsys)[:2]
    capsys.readouterr()
    assert reader(library, "restore", first[:5]) == 0
    assert capsys.readouterr() == ("", f"reader: {first}: not deleted\n")
    assert reader(library, "delete", first) == 0
    when = Library.open(library).get(first).deleted_at
    assert when is not None
    capsys.readouterr()
    assert reader(library, "delete", first, second) == 0
    assert capsys.readouterr() == ("", f"reader: {first}: already deleted\n")
    assert Library.open(library).get(first).deleted_at == when  # the first time stays
    assert Library.open(library).get(second).deleted_at is not None
    assert reader(library, "restore", first, first[:6]) == 0
    assert capsys.readouterr() == ("", "")
    assert reader(library, "restore", first, second) == 0
    assert capsys.readouterr() == ("", f"reader: {first}: not deleted\n")
    assert Library.open(library).get(second).deleted_at is None


def test_a_typo_among_the_ids_deletes_nothing(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    everything = ids(library, capsys)
    assert reader(library, "delete", everything[0], "zzzzzzzz") == 1
    assert "no article with ID zzzzzzzz" in capsys.readouterr().err
    assert ids(library, capsys) == everything


def test_an_import_brings_back_what_the_user_deleted(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    [row] = [r for r in listing(library, capsys) if r["origin"].endswith("plain.md")]
    assert reader(library, "mark", row["id"]) == 0
    assert reader(library, "delete", row["id"]) == 0
    capsys.readouterr()
    assert reader(library, "import", str(FORMATS / "plain.md")) == 0
    assert capsys.readouterr().out.startswith("imported 1, duplicates 0")
    [back] = [r for r in listing(library, capsys) if r["id"] == row["id"]]
    assert back["read"] is True and "deleted_at" not in back


# ----- tags -------------------------------------------------------------------------------


def test_tag_list_by_tag_and_show(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, second, *_ = ids(library, capsys)
    assert reader(library, "tag", first, second, "+Trains", "+night") == 0
    assert reader(library, "tag", second, "-NIGHT", "+ferries") == 0
    rows = {row["id"]: row["tags"] for row in listing(library, capsys)}
    assert rows[first] == ["night", "Trains"] and rows[second] == ["ferries", "Trains"]
    assert ids(library, capsys, "--tag", "trains") == [first, second]
    assert ids(library, capsys, "--tag", "trains", "--tag", "Night") == [first]
    assert ids(library, capsys, "--tag", "nothing") == []
    capsys.readouterr()
    assert reader(library, "show", first) == 0
    assert "\nTags: night, Trains\n" in capsys.readouterr().out


def test_a_tag_the_library_has_keeps_its_spelling(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A tag is one tag whatever its case: typed in another case it takes the spelling it
    has, instead of showing two spellings of one tag about the library."""
    first, second, *_ = ids(library, capsys)
    assert reader(library, "tag", first, "+local") == 0
    assert reader(library, "tag", second, "+LOCAL", "+Night") == 0
    rows = {row["id"]: row["tags"] for row in listing(library, capsys)}
    assert rows[second] == ["local", "Night"]


@pytest.mark.parametrize(
    ("words", "message"),
    [
        (["+trains"], "name the articles"),
        (["ID"], "name tags to add"),
        (["ID", "+a,b"], "cannot hold a comma"),
        (["ID", "+"], "cannot be empty"),
        (["ID", "+x", "--library", "elsewhere"], "options go before the IDs"),
    ],
)
def test_tag_usage_errors_exit_2_and_change_nothing(
    library: Path, capsys: pytest.CaptureFixture[str], words: list[str], message: str
) -> None:
    first = ids(library, capsys)[0]
    before = listing(library, capsys)
    assert reader(library, "tag", *[first if word == "ID" else word for word in words]) == 2
    assert message in capsys.readouterr().err
    assert listing(library, capsys) == before


def test_an_import_keeps_its_tags_and_a_reimport_adds_without_dropping(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "lib"
    assert reader(root, "import", "-q", str(WALLABAG)) == 1
    [tram] = [row for row in listing(root, capsys) if row["tags"]]
    assert tram["tags"] == ["town", "transport"]
    assert reader(root, "tag", tram["id"], "-town", "+mine") == 0
    assert reader(root, "import", "-q", str(WALLABAG)) == 1
    [again] = [row for row in listing(root, capsys) if row["id"] == tram["id"]]
    assert again["tags"] == ["mine", "town", "transport"]


# ----- what is not text ------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "broken.xml",
        "list.json",
        "list.csv",
        "feeds.opml",
        "page.html",
        "note.md",
        "note.txt",
        "README",
    ],
)
def test_a_file_with_nul_bytes_near_its_start_is_binary_whatever_its_name(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    garbage = tmp_path / name
    garbage.write_bytes(b"this is not a feed at all \x00\x01 and some words after it\n" * 3)
    before = ids(library, capsys)
    assert reader(library, "import", "-q", str(garbage)) == 1
    said = capsys.readouterr()
    assert said.out == "imported 0, duplicates 0, failed 1\n"
    assert said.err == f"{garbage}: binary data, not a text document\n"
    assert ids(library, capsys) == before


def test_utf16_text_with_its_byte_order_mark_is_text(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    note = tmp_path / "note.md"
    text = "# Café notes\n\nThe harbour reopened on Monday after the storm.\n"
    note.write_bytes(text.encode("utf-16"))  # a NUL in every other byte, after a BOM
    before = set(ids(library, capsys))
    assert reader(library, "import", "-q", str(note)) == 0
    [row] = [row for row in listing(library, capsys) if row["id"] not in before]
    assert row["title"] == "Café notes"
    assert reader(library, "show", row["id"]) == 0
    assert "The harbour reopened on Monday after the storm." in capsys.readouterr().out


# ----- saved views ------------------------------------------------------------------------


def test_views_add_list_remove_and_list_by_view(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = listing(library, capsys)
    first, second = rows[0]["id"], rows[1]["id"]
    assert reader(library, "tag", first, second, "+keep") == 0
    assert reader(library, "views", "add", "Kept", "tag:keep") == 0
    assert reader(library, "views", "add", "Everything", "-zzzqqq", "sort:date") == 0
    capsys.readouterr()
    assert reader(library, "views") == 0
    assert capsys.readouterr().out.splitlines() == [
        "Kept        tag:keep",
        "Everything  -zzzqqq sort:date",
    ]
    assert reader(library, "views", "--json") == 0
    assert [json.loads(line) for line in capsys.readouterr().out.splitlines()] == [
        {"name": "Kept", "query": "tag:keep", "position": 0},
        {"name": "Everything", "query": "-zzzqqq sort:date", "position": 1},
    ]
    everything = ids(library, capsys, "--view", "everything")
    assert everything == [row["id"] for row in rows], "newest first, every match"
    assert ids(library, capsys, "--view", "Everything", "--limit", "1") == everything[:1]
    assert reader(library, "views", "remove", "kept") == 0
    assert [view.name for view in Library.open(library).views()] == ["Everything"]


def test_an_unknown_view_or_a_bad_name_is_one_line(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert reader(library, "list", "--view", "Nope") == 1
    assert capsys.readouterr().err == "reader: no view named 'Nope'\n"
    assert reader(library, "views", "remove", "Nope") == 1
    assert reader(library, "views", "add", "Name") == 2
    assert "a view needs a query" in capsys.readouterr().err
    assert Library.open(library).views() == []


@pytest.mark.parametrize(
    ("query", "problem"),
    [
        (["title:"], "title: needs a value, e.g. title:word"),
        (['"unterminated'], 'closing quote missing: "exact phrase"'),
        (["trains", "OR"], "OR needs a word after it, e.g. cats OR dogs"),
        (["after:someday"], "after:someday is not a date"),
        (["!!!"], "nothing to search for: type a word"),
    ],
)
def test_a_query_the_search_cannot_read_is_not_saved(
    library: Path, capsys: pytest.CaptureFixture[str], query: list[str], problem: str
) -> None:
    capsys.readouterr()
    assert reader(library, "search", *query) == 2
    searched = capsys.readouterr().err.splitlines()[-1]  # after a note on building the index
    assert searched.startswith(f"reader: search: {problem}")
    assert reader(library, "views", "add", "Bad", *query) == 2
    said = capsys.readouterr()
    assert said.out == ""
    assert said.err == searched.replace("reader: search:", "reader: views add:") + "\n"
    assert Library.open(library).views() == []
    assert not (library / "views.json").exists()


def test_views_marks_a_stored_query_that_cannot_be_read(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A query an older version saved unchecked is listed with why it cannot be read."""
    Library.open(library).save_view("Broken", '"unterminated')
    Library.open(library).save_view("Fine", "harbour")
    capsys.readouterr()
    assert reader(library, "views") == 0
    assert capsys.readouterr().out.splitlines() == [
        'Broken  "unterminated  [! closing quote missing: "exact phrase"]',
        "Fine    harbour",
    ]


# ----- dates that don't lie ---------------------------------------------------------------


def test_an_undated_article_has_no_date_in_lists_or_exports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "lib"
    assert reader(root, "import", "-q", str(WALLABAG)) == 1
    undated = next(row for row in listing(root, capsys) if row["title"].startswith("A winter"))
    assert undated["date"] is None and undated["added"].startswith("2024-12-01T")
    export = tmp_path / "export.json"
    assert reader(root, "export", "--format", "json", str(export)) == 0
    [record] = [a for a in json.loads(export.read_text())["articles"] if a["id"] == undated["id"]]
    assert record["date"] is None
    folder = tmp_path / "md"
    assert reader(root, "export", "--format", "markdown", str(folder)) == 0
    [page] = [p for p in folder.glob("*.md") if undated["id"] in p.name]
    assert page.name == f"a-winter-guide-to-the-marsh-birds-{undated['id']}.md"
    front = yaml.safe_load(page.read_text().split("---")[1])
    assert "date" not in front


def test_the_samples_are_articles_like_any_other(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "lib"
    assert reader(root, "init") == 0
    samples = ids(root, capsys)
    assert samples
    assert reader(root, "delete", *samples) == 0
    assert reader(root, "purge", "--all") == 0
    assert ids(root, capsys) == [] and ids(root, capsys, "--deleted") == []
    assert ids(root, capsys) == [], "an emptied library is not seeded again"
