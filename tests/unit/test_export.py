"""Exporting the library: Markdown files with front matter, and a JSON file that restores it."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from reader.clean.model import Removed
from reader.cli.main import main
from reader.store import Library, NewArticle

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_LIBRARY", str(tmp_path / "default-library"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture
def filled(tmp_path: Path) -> Library:
    library = Library.open(tmp_path / "source")
    articles = [
        NewArticle(
            title="Ferry [bold]timetable[/bold]: winter",
            body="The ferry runs less often.\n\n## Evenings\n\nOne crossing an hour after nine.",
            raw="<p>The ferry runs less often.</p>",
            raw_format="html",
            removed=[Removed("Share this story", "social")],
            source="Harbour Town Gazette",
            url="http://gazette.example.org/news/ferry-winter",
            date="2024-11-05T08:30:00",
            author="Ines Marwick",
            language="en",
            origin="/saved/ferry.html",
            words=16,
        ),
        NewArticle(
            title="Notes without a URL",
            body="Plain notes with a few words in them, and 'quotes' and: colons.",
            raw="Plain notes with a few words in them, and 'quotes' and: colons.",
            raw_format="text",
            words=12,
        ),
        NewArticle(
            title="Third one",
            body="A third article, only to stay unread and unmarked.",
            raw="A third article, only to stay unread and unmarked.",
            raw_format="text",
            date="2023-01-02",
            words=9,
        ),
    ]
    ferry, notes, _ = (outcome.id for outcome in library.add(articles))
    library.set_read([ferry, notes])
    library.set_bookmarked([notes])
    library.set_position(ferry, {"line": 7, "fraction": 0.4})
    for mark in FERRY_HIGHLIGHTS:
        library.add_highlight(ferry, mark)
    return library


#: Highlights made in reader on the ferry article: one across two paragraphs with a note,
#: one whose passage a later cleaning dropped.
FERRY_HIGHLIGHTS: list[dict[str, Any]] = [
    {
        "id": "a1b2c3d4",
        "quote": "The ferry runs less often.\nEvenings",
        "prefix": "",
        "suffix": " One crossing an hour after nine.",
        "note": "Plan the Friday trip.",
        "created": "2024-11-06T07:00:00+00:00",
    },
    {
        "id": "e5f6a7b8",
        "quote": "A sentence no longer in the article.",
        "prefix": "",
        "suffix": "",
        "note": None,
        "created": "2024-11-07T07:00:00+00:00",
    },
]


def test_markdown_export_writes_one_file_per_article_with_front_matter(
    filled: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out"
    assert main(["export", "--library", str(filled.root), "--format", "markdown", str(target)]) == 0
    assert capsys.readouterr().out.strip() == f"exported 3 articles to {target}"
    files = sorted(target.glob("*.md"))
    assert len(files) == 3
    ferry_file = next(f for f in files if f.name.startswith("2024-11-05-ferry-bold-timetable"))
    text = ferry_file.read_text()
    header, body = text.split("\n---\n", 1)
    meta = yaml.safe_load(header.removeprefix("---\n"))
    assert meta == {
        "title": "Ferry [bold]timetable[/bold]: winter",
        "source": "Harbour Town Gazette",
        "url": "http://gazette.example.org/news/ferry-winter",
        "date": "2024-11-05T08:30:00",
        "author": "Ines Marwick",
        "read": True,
        "bookmarked": False,
        "highlights": 2,
    }
    assert "## Evenings" in body
    text_part, highlights = body.split("\n## Highlights\n\n")
    assert text_part.rstrip().endswith("One crossing an hour after nine.")
    assert highlights == (
        "> The ferry runs less often.\n>\n> Evenings\n\n"
        "Plan the Friday trip.\n\n"
        "> A sentence no longer in the article.\n>\n"
        "> *(no longer found in the article's text)*\n"
    )


def test_markdown_export_imports_back_with_state(filled: Library, tmp_path: Path) -> None:
    from reader.ingest.run import import_files

    target = tmp_path / "out"
    main(["export", "--library", str(filled.root), "--format", "markdown", str(target)])
    restored = Library.open(tmp_path / "restored")
    report = import_files(restored, [str(p) for p in sorted(target.glob("*.md"))])
    assert len(report.added) == 3 and not report.failures
    states = {a.title: (a.read, a.bookmarked) for a in restored.articles()}
    assert states == {a.title: (a.read, a.bookmarked) for a in filled.articles()}
    ferry = next(a for a in restored.articles() if a.title.startswith("Ferry"))
    assert "Highlights" not in restored.content(ferry.id).body  # they are highlights again
    assert [(m["quote"], m["note"]) for m in ferry.highlights] == [
        ("The ferry runs less often.\nEvenings", "Plan the Friday trip."),
        ("A sentence no longer in the article.", None),
    ]
    assert ferry.highlights[0]["suffix"].startswith(" One crossing")


def test_json_export_round_trips_every_field_into_an_empty_library(
    filled: Library, tmp_path: Path
) -> None:
    """Export, then import into an empty library: every field of every article comes back
    as it was, field by field: metadata, tags, text, read state and bookmark with the time
    each was set, reading position, and when it was added."""
    marked_long_ago = {
        "reader_export": 1,
        "articles": [
            {
                "id": "k3x9m2pq",
                "title": "Marked long ago",
                "body": "An article read and bookmarked in another library, years back.",
                "added": "2019-04-01T10:00:00+00:00",
                "read": True,
                "read_at": "2020-01-02T03:04:05+00:00",
                "bookmarked": True,
                "bookmarked_at": "2021-06-07T08:09:10+00:00",
                "position": {"line": 3, "fraction": 0.25},
                "tags": ["history", "trains"],
            }
        ],
    }
    older = tmp_path / "older.json"
    older.write_text(json.dumps(marked_long_ago))
    assert main(["import", "--library", str(filled.root), "-q", str(older)]) == 0
    export = tmp_path / "library.json"
    assert main(["export", "--library", str(filled.root), "--format", "json", str(export)]) == 0
    restored = Library.open(tmp_path / "restored")
    assert main(["import", "--library", str(restored.root), "-q", str(export)]) == 0

    originals = {a.id: a for a in Library.open(filled.root).articles()}
    copies = {a.id: a for a in restored.articles()}
    assert sorted(copies) == sorted(originals)
    for article_id, original in originals.items():
        copy = copies[article_id]
        for field in dataclasses.fields(original):
            assert getattr(copy, field.name) == getattr(original, field.name), (
                f"{original.title}: {field.name}"
            )
        content, copied = filled.content(article_id), restored.content(article_id)
        for field in dataclasses.fields(content):
            assert getattr(copied, field.name) == getattr(content, field.name), (
                f"{original.title}: {field.name}"
            )
    old = copies["k3x9m2pq"]
    assert (old.read_at, old.bookmarked_at, old.added) == (
        "2020-01-02T03:04:05+00:00",
        "2021-06-07T08:09:10+00:00",
        "2019-04-01T10:00:00+00:00",
    )
    assert old.position == {"line": 3, "fraction": 0.25}
    assert old.tags == ("history", "trains")
    assert sum(a.read_at is not None for a in copies.values()) == 3
    ferry = next(a for a in copies.values() if a.title.startswith("Ferry"))
    assert list(ferry.highlights) == FERRY_HIGHLIGHTS  # as they were, IDs and context too


def test_json_round_trip_keeps_ids_that_no_longer_follow_from_the_address(
    filled: Library, tmp_path: Path
) -> None:
    """An article stored without an address, later given one by a re-import, keeps the
    ID it was first given; a library restored from the export keeps that ID too."""
    [third] = [a for a in filled.articles() if a.title == "Third one"]
    body = filled.content(third.id).body
    again = NewArticle(
        title="Third one",
        body=body,
        raw=body,
        raw_format="text",
        url="https://example.org/third",
        words=9,
    )
    [outcome] = filled.add([again], update_existing=True)
    assert outcome.id == third.id
    export = tmp_path / "library.json"
    assert main(["export", "--library", str(filled.root), "--format", "json", str(export)]) == 0
    restored = Library.open(tmp_path / "restored")
    assert main(["import", "--library", str(restored.root), "-q", str(export)]) == 0
    assert {a.id for a in restored.articles()} == {a.id for a in filled.articles()}
    assert restored.get(third.id).url == "https://example.org/third"


def test_tags_and_saved_times_from_another_reader_survive_export(tmp_path: Path) -> None:
    library = tmp_path / "from-wallabag"
    main(["import", "--library", str(library), "-q", str(FIXTURES / "wallabag.json")])
    tagged = [(a.title, a.added, a.tags) for a in Library.open(library).articles()]
    assert any(tags == ("town", "transport") for _, _, tags in tagged)
    assert any(added.startswith("2024-09-03T") for _, added, _ in tagged)  # wallabag created_at
    export, again = tmp_path / "export.json", tmp_path / "again"
    assert main(["export", "--library", str(library), "--format", "json", str(export)]) == 0
    assert main(["import", "--library", str(again), "-q", str(export)]) == 0
    restored = Library.open(again)
    assert sorted((a.title, a.added, a.tags) for a in restored.articles()) == sorted(tagged)
    markdown = tmp_path / "md"
    assert main(["export", "--library", str(library), "--format", "markdown", str(markdown)]) == 0
    fronts = [yaml.safe_load(p.read_text().split("---")[1]) for p in markdown.glob("*.md")]
    assert ["town", "transport"] in [front.get("tags") for front in fronts]


def test_json_export_into_a_folder_is_refused(filled: Library, tmp_path: Path) -> None:
    status = main(["export", "--library", str(filled.root), "--format", "json", str(tmp_path)])
    assert status == 1


def test_json_export_into_a_missing_folder_names_the_file_asked_for(
    filled: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no-such-folder" / "library.json"
    assert main(["export", "--library", str(filled.root), "--format", "json", str(target)]) == 1
    assert capsys.readouterr().err == f"reader: {target}: No such file or directory\n"


def files_under(folder: Path) -> set[Path]:
    return {path for path in folder.rglob("*") if path.is_file()}


def test_dates_that_are_paths_never_choose_where_an_export_writes(tmp_path: Path) -> None:
    """A reader export whose dates are paths (``../../../x``, an absolute path) is imported
    with those dates left out, and the Markdown export writes only inside its folder."""
    absolute = tmp_path / "elsewhere" / "planted"
    records = [
        {
            "title": "Climbing date",
            "body": "Text of the first one, long enough.",
            "date": "../../../x",
        },
        {
            "title": "Absolute date",
            "body": "Text of the second one, also long.",
            "date": str(absolute),
        },
        {"title": "Climbing added", "body": "Text of the third one, and more.", "added": "../../y"},
        {
            "title": "Real date",
            "body": "Text of the fourth one, dated.",
            "date": "2024-11-05T08:30:00+02:00",
        },
    ]
    export = tmp_path / "hostile.json"
    export.write_text(json.dumps({"reader_export": 1, "articles": records}))
    library = tmp_path / "lib"
    assert main(["import", "--library", str(library), "-q", str(export)]) == 0
    dates = {a.title: a.date for a in Library.open(library).articles()}
    assert dates == {
        "Climbing date": None,
        "Absolute date": None,
        "Climbing added": None,
        "Real date": "2024-11-05T08:30:00+02:00",  # a real date is kept as written
    }
    out = tmp_path / "a" / "b" / "c" / "out"
    before = files_under(tmp_path) - files_under(library)
    assert main(["export", "--library", str(library), "--format", "markdown", str(out)]) == 0
    created = files_under(tmp_path) - files_under(library) - before
    assert {path.parent for path in created} == {out}
    assert len(created) == 4
    assert not absolute.parent.exists()


def test_markdown_export_names_files_from_safe_characters_whatever_the_library_holds(
    tmp_path: Path,
) -> None:
    """A library written by an older version (or by hand) may hold anything in a date:
    the export still writes every file inside its folder, named from safe characters."""
    library = Library.open(tmp_path / "lib")
    library.add(
        [
            NewArticle(
                title="Dated by a path",
                body=f"A body with words enough to be stored here, dated {name}.",
                raw="",
                raw_format="text",
                date=f"../../../{name}",
                words=9,
            )
            for name in ("x", "y/z")
        ]
    )
    out = tmp_path / "one" / "two" / "three" / "out"
    assert main(["export", "--library", str(library.root), "--format", "markdown", str(out)]) == 0
    written = sorted(files_under(tmp_path / "one"))
    assert [path.parent for path in written] == [out, out]
    for path in written:
        assert re.fullmatch(r"[a-z0-9-]+\.md", path.name), path.name
    assert not (tmp_path / "x").exists() and not list(tmp_path.glob("x-*"))


def test_markdown_export_replaces_a_link_planted_under_a_file_name(
    filled: Library, tmp_path: Path
) -> None:
    """A symbolic link waiting in the export folder under the name of a file to be written
    is replaced by the file: the export never writes through it to where it points."""
    from reader.export.markdown import file_name

    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("left alone\n")
    [ferry] = [a for a in filled.articles() if a.title.startswith("Ferry")]
    (out / file_name(ferry)).symlink_to(victim)
    assert main(["export", "--library", str(filled.root), "--format", "markdown", str(out)]) == 0
    assert victim.read_text() == "left alone\n"
    written = out / file_name(ferry)
    assert not written.is_symlink() and "The ferry runs less often." in written.read_text()
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == []


def test_the_same_words_highlighted_at_two_places_come_back_as_two(tmp_path: Path) -> None:
    library = Library.open(tmp_path / "source")
    body = "The tide turns. Boats wait.\n\nLater the tide turns again. Boats wait."
    [outcome] = library.add(
        [NewArticle(title="Tides", body=body, raw=body, raw_format="text", words=12)]
    )
    for number, (prefix, suffix) in enumerate(((" The tide turns. ", ""), ("turns again. ", ""))):
        library.add_highlight(
            outcome.id,
            {
                "id": f"boats{number}",
                "quote": "Boats wait.",
                "prefix": prefix,
                "suffix": suffix,
                "note": None,
                "created": "2026-11-01T10:00:00+00:00",
            },
        )
    export = tmp_path / "library.json"
    assert main(["export", "--library", str(library.root), "--format", "json", str(export)]) == 0
    restored = Library.open(tmp_path / "restored")
    assert main(["import", "--library", str(restored.root), "-q", str(export)]) == 0
    assert [m["id"] for m in restored.highlights(outcome.id)] == ["boats0", "boats1"]
