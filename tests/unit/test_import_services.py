"""Read-later services and bookmark files, imported with every field they carry.

Each export is imported through ``reader import`` and read back through
``reader list --json`` (tags, author, date, added, read, bookmarked) and the library
(highlights, link-only bodies). The fixtures in ``fixtures/import/services`` were written
for these tests from the formats' public descriptions.
"""

from __future__ import annotations

import contextlib
import json
import threading
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from reader.cli.main import main
from reader.ingest.prepare import ImportedArticle, prepare_file
from reader.ingest.run import import_files
from reader.passages.finding import detached, plain_of
from reader.store import Library, NewArticle

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
SERVICES = FIXTURES / "services"


class Imported:
    """A library made by one ``reader import``: its summary, messages and articles."""

    def __init__(self, root: Path, status: int, out: str, err: str, rows: list[dict[str, Any]]):
        self.root, self.status, self.summary = root, status, out.strip()
        self.messages = err.strip().splitlines()
        self.rows = {row["title"]: row for row in rows}

    def library(self) -> Library:
        return Library.open(self.root)

    def body(self, title: str) -> str:
        return self.library().content(self.rows[title]["id"]).body

    def highlights(self, title: str) -> list[dict[str, Any]]:
        """The article's highlights as stored (the quote as its body has it, with context)."""
        return self.library().highlights(self.rows[title]["id"])

    def quotes(self, title: str) -> list[tuple[str, str | None]]:
        return [(mark["quote"], mark["note"]) for mark in self.highlights(title)]

    def detached(self, title: str) -> set[str]:
        """The highlights the article's body does not hold."""
        content = self.library().content(self.rows[title]["id"])
        return detached(plain_of(content.body, content.links), self.highlights(title))


@pytest.fixture
def reader_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[Any]:
    def run(*paths: Path | str, fetch: bool = False) -> Imported:
        root = tmp_path / "lib"
        Library.open(root)  # made beforehand: no "created a new library" message
        extra = ["--fetch"] if fetch else []
        status = main(["import", "--library", str(root), "-q", *extra, *map(str, paths)])
        out, err = capsys.readouterr()
        assert main(["list", "--library", str(root), "--json"]) == 0
        rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
        return Imported(root, status, out, err, rows)

    yield run


def fields_of(row: dict[str, Any]) -> dict[str, Any]:
    """The fields an export gives, from a ``list --json`` row."""
    keys = ("url", "source", "author", "date", "added", "read", "bookmarked", "tags")
    return {key: row[key] for key in keys}  # tags come sorted, case ignored


# ----- wallabag -----------------------------------------------------------------------


def test_wallabag_v2_keeps_every_field(reader_import: Any) -> None:
    done = reader_import(SERVICES / "wallabag-v2.json")
    assert (done.status, done.summary) == (0, "imported 2, duplicates 0, failed 0")
    assert fields_of(done.rows["The ferryman of the lower river"]) == {
        "url": "https://riverside.example.org/ferryman",
        "source": "riverside.example.org",
        "author": "Ines Varga",
        "date": "2024-02-28T05:00:00",
        "added": "2024-03-02T09:15:00+00:00",
        "read": True,
        "bookmarked": True,
        "tags": ["boats", "rivers"],
    }
    assert "eleven volumes stacked" in done.body("The ferryman of the lower river")
    ferryman = "The ferryman of the lower river"
    assert done.quotes(ferryman) == [("keeps a notebook of every crossing", "Eleven volumes!")]
    [mark] = done.highlights(ferryman)
    assert mark["created"] == "2024-03-02T10:00:00+00:00"
    assert mark["prefix"] and done.detached(ferryman) == set()  # found in the body


def test_wallabag_entry_without_content_is_a_link_with_its_site_as_source(
    reader_import: Any,
) -> None:
    done = reader_import(SERVICES / "wallabag-v2.json")
    row = done.rows["Timetable for the summer ferries"]
    # saved without a time zone: read as UTC, stored with the offset
    assert (row["source"], row["added"]) == ("riverside.example.org", "2024-06-01T09:00:00+00:00")
    assert "reader import --fetch" in done.body("Timetable for the summer ferries")


def test_wallabag_v1_export_is_read_with_its_state(reader_import: Any) -> None:
    done = reader_import(SERVICES / "wallabag-v1.json")
    assert done.summary == "imported 2, duplicates 0, failed 0"
    allotments = done.rows["Allotment waiting lists grow again"]
    assert (allotments["read"], allotments["bookmarked"]) == (True, False)
    assert allotments["source"] == "borough.example.net"
    (late,) = (row for row in done.rows.values() if row["url"].endswith("late-opening"))
    assert late["title"] != "Untitled"  # wallabag 1.x's stand-in for no title
    assert (late["read"], late["bookmarked"]) == (False, True)


# ----- Omnivore -----------------------------------------------------------------------


def test_omnivore_metadata_alone_keeps_author_date_labels_and_description(
    reader_import: Any,
) -> None:
    done = reader_import(SERVICES / "omnivore-metadata_0_to_2.json")
    assert fields_of(done.rows["The orchard at the end of the lane"]) == {
        "url": "https://villagelife.example.com/orchard-lane",
        "source": "villagelife.example.com",
        "author": "Maud Pellerin",
        "date": "2024-09-12T00:00:00",
        "added": "2024-09-14T18:30:00+00:00",
        "read": True,
        "bookmarked": False,
        "tags": ["gardens", "villages"],
    }
    body = done.body("The orchard at the end of the lane")
    assert "> Forty apple varieties, one volunteer at a time." in body
    assert not done.rows["The winter swimming club"]["read"]


def test_omnivore_zip_keeps_highlights_and_reading_progress(
    reader_import: Any, tmp_path: Path
) -> None:
    source = FIXTURES / "omnivore"
    metadata = json.loads((source / "metadata_0_to_2.json").read_text())
    metadata[0]["readingProgress"] = 50
    archive = tmp_path / "omnivore.zip"
    with zipfile.ZipFile(archive, "w") as export:
        export.writestr("metadata_0_to_2.json", json.dumps(metadata))
        for folder in ("content", "highlights"):
            for path in (source / folder).iterdir():
                export.write(path, f"{folder}/{path.name}")
        export.writestr(
            "highlights/night-trains-return-77ab1.md",
            "> the sleeper leaves at ten \n\n#trains #coast\n\nBook early.\n\n"
            "> a second passage\nover two lines",
        )
    done = reader_import(archive)
    assert done.summary == "imported 2, duplicates 0, failed 0"
    walls = done.rows["Repairing dry stone walls"]
    assert (walls["author"], walls["date"], walls["tags"]) == (
        "Gwen Aldous",
        "2024-05-10T00:00:00",
        ["crafts"],
    )
    assert done.quotes("Repairing dry stone walls") == [
        ("lay every stone with its length into the wall", None)
    ]
    position = done.library().get(walls["id"]).position
    assert position is not None and position["block"] >= 1  # half way through
    assert done.quotes("Night trains return to the coast line") == [
        ("the sleeper leaves at ten", "Book early."),
        ("a second passage\nover two lines", None),
    ]
    # Not in that article's text: kept, and the app lists them as detached.
    assert len(done.detached("Night trains return to the coast line")) == 2


# ----- Pocket and Instapaper ----------------------------------------------------------


def test_pocket_html_and_csv_keep_tags_status_and_time_added(reader_import: Any) -> None:
    done = reader_import(FIXTURES / "pocket.html")
    stew = done.rows["A bean stew for cold evenings"]
    assert fields_of(stew) | {"url": None} == {
        "url": None,
        "source": "slowcooking.example.com",
        "author": None,
        "date": None,
        "added": "2023-11-14T22:13:20+00:00",
        "read": False,
        "bookmarked": False,
        "tags": ["recipes", "winter"],
    }
    assert done.rows["Why mechanical keyboards came back"]["read"]


def test_pocket_csv_tags_are_split_on_bars(reader_import: Any) -> None:
    done = reader_import(FIXTURES / "pocket.csv")
    stew = done.rows["A bean stew for cold evenings"]
    assert (stew["tags"], stew["added"]) == (["recipes", "winter"], "2023-11-14T22:13:20+00:00")


def test_instapaper_folders_selections_and_times(reader_import: Any) -> None:
    done = reader_import(SERVICES / "instapaper.csv")
    path = SERVICES / "instapaper.csv"
    assert (done.status, done.summary) == (1, "imported 4, duplicates 0, failed 1")
    assert done.messages == [f"{path}: line 6: no URL"]
    states = {
        title: (row["read"], row["bookmarked"], row["tags"]) for title, row in done.rows.items()
    }
    assert states == {
        "The new lifeboat crew": (True, False, []),
        "Fish market moves, again": (False, False, []),
        "A month of rye bread": (False, True, []),
        "Keeping a sourdough starter alive": (False, False, ["Baking"]),
    }
    crew = done.rows["The new lifeboat crew"]
    assert (crew["added"], crew["source"]) == (
        "2024-03-09T16:00:00+00:00",
        "harbourtimes.example.com",
    )
    assert done.quotes("The new lifeboat crew") == [
        ("They train every Tuesday, whatever the weather.", None)
    ]


# ----- bookmark files -----------------------------------------------------------------


def test_netscape_bookmarks_are_each_a_link_with_folders_as_tags(reader_import: Any) -> None:
    done = reader_import(SERVICES / "bookmarks.html")
    path = SERVICES / "bookmarks.html"
    assert (done.status, done.summary) == (0, "imported 4, duplicates 0, failed 0, left out 2")
    assert done.messages == [
        f'{path}: bookmark 3 ("Show the title"): left out: only http and https URLs can be '
        "imported, not javascript:",
        f'{path}: bookmark 5 ("Most Visited"): left out: only http and https URLs can be '
        "imported, not place:",
    ]
    assert sorted(done.rows) == [
        "Barley soup & dumplings",
        "Council agenda",
        "Soda bread in forty minutes",
        "The swifts are back",
    ]
    soup = done.rows["Barley soup & dumplings"]
    assert fields_of(soup) == {
        "url": "https://kitchen.example.com/barley-soup",
        "source": "kitchen.example.com",
        "author": None,
        "date": None,
        "added": "2023-11-14T22:15:00+00:00",
        "read": False,
        "bookmarked": False,
        "tags": ["Cooking", "soup", "winter"],
    }
    assert "> A thick soup for cold days." in done.body("Barley soup & dumplings")
    assert done.rows["Soda bread in forty minutes"]["tags"] == ["Bread", "Cooking"]
    agenda = done.rows["Council agenda"]  # on the toolbar: the browser's folder is no tag
    assert (agenda["tags"], agenda["source"]) == ([], "townhall.example.gov")
    # an ADD_DATE in microseconds
    assert done.rows["The swifts are back"]["added"] == "2023-11-14T22:36:40+00:00"


def test_netscape_toread_flags_say_what_was_read(reader_import: Any) -> None:
    done = reader_import(SERVICES / "pinboard-bookmarks.html")
    assert {title: row["read"] for title, row in done.rows.items()} == {
        "The last lighthouse keepers": False,
        "Living on a canal boat": True,
        "Walking the salt marsh": True,
    }
    assert done.rows["The last lighthouse keepers"]["tags"] == ["history", "sea"]


def test_pinboard_json_and_its_malformed_entry(reader_import: Any) -> None:
    done = reader_import(SERVICES / "pinboard.json")
    path = SERVICES / "pinboard.json"
    assert done.summary == "imported 3, duplicates 0, failed 1"
    assert done.messages == [f'{path}: entry 3 ("Broken entry"): href is not text']
    roads = done.rows["The old drove roads"]
    assert (roads["read"], roads["tags"], roads["added"]) == (
        True,
        ["history", "walking"],
        "2023-04-05T06:07:08+00:00",
    )
    assert "some are footpaths now" in done.body("The old drove roads")
    assert not done.rows["Every ferry route on one map"]["read"]
    contours = done.rows["Reading contour lines"]  # an unreadable time: added when imported
    assert contours["added"].endswith("+00:00") and not contours["read"]


def test_firefox_backup_keeps_folders_tags_descriptions_and_times(reader_import: Any) -> None:
    done = reader_import(SERVICES / "firefox-bookmarks.json")
    assert done.summary == "imported 2, duplicates 0, failed 0, left out 1"
    huts = done.rows["Hut-to-hut in the high valleys"]
    assert (huts["tags"], huts["added"]) == (
        ["hiking", "Mountains", "summer"],
        "2023-09-18T01:21:40+00:00",
    )
    assert "which huts take bookings" in done.body("Hut-to-hut in the high valleys")
    assert done.rows["Avalanche bulletin"]["tags"] == []


def test_chrome_bookmarks_file_with_its_folders_and_1601_times(reader_import: Any) -> None:
    done = reader_import(SERVICES / "chrome" / "Bookmarks")
    assert done.summary == "imported 2, duplicates 0, failed 0, left out 1"
    knots = done.rows["Knots every sailor should know"]
    assert (knots["tags"], knots["added"]) == (["Sailing"], "2023-12-02T14:13:20+00:00")
    assert done.rows["Tide tables for the estuary"]["tags"] == []


def test_karakeep_links_notes_and_lists(reader_import: Any) -> None:
    done = reader_import(SERVICES / "karakeep.json")
    assert done.summary == "imported 2, duplicates 0, failed 0, left out 1"
    lanes = done.rows["https://pedal.example.com/quiet-lanes"]
    assert fields_of(lanes) == {
        "url": "https://pedal.example.com/quiet-lanes",
        "source": "Pedal Weekly",
        "author": "Jo Whitcombe",
        "date": None,
        "added": "2024-05-06T12:53:20+00:00",
        "read": True,
        "bookmarked": True,
        "tags": ["cycling", "maps", "Weekend rides"],
    }
    body = done.body("https://pedal.example.com/quiet-lanes")
    assert "almost no traffic" in body and "loop past the mill" in body
    assert "more snacks than seems sensible" in done.body("Packing list for a two-day ride")


def test_a_firefox_compressed_backup_is_refused_saying_what_to_do(
    reader_import: Any, tmp_path: Path
) -> None:
    backup = tmp_path / "bookmarks-2024-01-01.jsonlz4"
    backup.write_bytes(b"mozLz40\x00" + bytes(range(200)))
    done = reader_import(backup)
    assert done.status == 1
    (message,) = done.messages
    assert message.startswith(f"{backup}: a Firefox compressed backup (.jsonlz4)")


# ----- together -------------------------------------------------------------------------


def test_a_mixed_folder_of_exports(reader_import: Any, tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    for name in ("bookmarks.html", "pinboard-bookmarks.html"):
        (folder / name).write_bytes((SERVICES / name).read_bytes())
    (folder / "pocket.html").write_bytes((FIXTURES / "pocket.html").read_bytes())
    with zipfile.ZipFile(folder / "services.zip", "w") as archive:
        for name in ("wallabag-v2.json", "karakeep.json", "firefox-bookmarks.json"):
            archive.write(SERVICES / name, name)
        archive.write(SERVICES / "chrome" / "Bookmarks", "chrome/Bookmarks")
        rows = (SERVICES / "instapaper.csv").read_text().splitlines()
        archive.writestr("instapaper.csv", "\n".join(r for r in rows if not r.startswith(",")))
    done = reader_import(folder)
    # 4 + 3 bookmarks, 3 Pocket links, 2 wallabag entries, 2 Karakeep, 2 Firefox,
    # 2 Chrome and 4 Instapaper rows; 2 + 1 + 1 + 1 entries that are no web pages
    assert done.summary == "imported 22, duplicates 0, failed 0, left out 5"
    assert done.status == 0
    assert done.rows["Keeping a sourdough starter alive"]["tags"] == ["Baking"]
    assert done.rows["The ferryman of the lower river"]["bookmarked"]


def test_importing_a_list_again_keeps_state_and_adds_nothing(
    reader_import: Any, tmp_path: Path
) -> None:
    first = reader_import(SERVICES / "pinboard.json")
    library = first.library()
    roads = first.rows["The old drove roads"]["id"]
    library.set_bookmarked([roads])
    again = reader_import(SERVICES / "pinboard.json")
    assert again.summary == "imported 0, duplicates 3, failed 1"
    assert again.rows["The old drove roads"]["bookmarked"]
    assert len(again.rows) == 3


# ----- --fetch ----------------------------------------------------------------------------


class _Site(BaseHTTPRequestHandler):
    pages: dict[str, bytes] = {}

    def do_GET(self) -> None:
        body = self.pages.get(self.path)
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body or b"")))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body or b"")

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    words = " ".join(f"the crew trains at the slipway, drill number {n}" for n in range(40))
    _Site.pages = {
        "/crew": (
            "<html><head><title>Crew</title></head><body><article><h1>Crew</h1>"
            f"<p>{words}.</p><p>{words}, again.</p></article></body></html>"
        ).encode()
    }
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_fetch_downloads_listed_pages_and_keeps_what_the_export_said(
    site: str, tmp_path: Path
) -> None:
    export = tmp_path / "instapaper.csv"
    export.write_text(
        "URL,Title,Selection,Folder,Timestamp\n"
        f'{site}/crew,The new lifeboat crew,"drill number 3",Archive,1710000000\n'
    )
    library = Library.open(tmp_path / "lib")
    report = import_files(library, [str(export)], fetch=True)
    assert len(report.added) == 1 and not report.failures
    (crew,) = library.articles()
    assert (crew.title, crew.read, crew.added) == (
        "The new lifeboat crew",
        True,
        "2024-03-09T16:00:00+00:00",
    )
    content = library.content(crew.id)
    assert "drill number 7" in content.body and "--fetch" not in content.body
    [mark] = library.highlights(crew.id)
    assert (mark["quote"], mark["note"]) == ("drill number 3", None)
    # Anchored in the page downloaded for it, with the text around it there.
    assert mark["prefix"].endswith("the crew trains at the slipway, ")
    assert detached(plain_of(content.body, content.links), [mark]) == set()


# ----- malformed entries ------------------------------------------------------------------

GOOD = "https://news.example.org/kept"


def outcome(path: Path) -> list[str]:
    """Each item as a line: the failure or entry left out, or ``kept: URL``."""
    return [
        f"kept: {item.url}" if isinstance(item, NewArticle) else str(item)
        for item in prepare_file(str(path))
    ]


@pytest.mark.parametrize(
    ("name", "export", "expected"),
    [
        (
            "bookmarks.json",
            {
                "type": "text/x-moz-place-container",
                "root": "placesRoot",
                "children": [
                    ["not", "a", "node"],
                    {"type": "text/x-moz-place", "title": "Odd", "uri": {"href": GOOD}},
                    {"type": "text/x-moz-place", "uri": GOOD, "dateAdded": "soon", "tags": 7},
                ],
            },
            ['bookmark 1 ("Odd"): uri is not text', f"kept: {GOOD}"],
        ),
        (
            "Bookmarks",
            {
                "version": 1,
                "roots": {
                    "bookmark_bar": "not a folder",
                    "other": {"type": "folder", "children": [{"type": "url", "url": 3}, None]},
                    "synced": {"type": "folder", "children": [{"type": "url", "url": GOOD}]},
                },
            },
            ['bookmark 1 ("untitled"): not a web address', f"kept: {GOOD}"],
        ),
        (
            "karakeep.json",
            {
                "bookmarks": [
                    {"createdAt": 1, "title": "No content", "content": None},
                    {"createdAt": "x", "title": ["list"], "content": {"type": "link", "url": GOOD}},
                    {"createdAt": 10**30, "tags": "one", "content": {"type": "link", "url": GOOD}},
                ]
            },
            [
                'entry 1 ("No content"): no content (expected a link or a text)',
                'entry 2 ("untitled"): title is not text',
                f"kept: {GOOD}",
            ],
        ),
        (
            "pinboard.json",
            [{"href": GOOD, "hash": "x", "time": ["2024"], "toread": {"x": 1}, "tags": None}],
            [f"kept: {GOOD}"],
        ),
    ],
)
def test_a_malformed_entry_fails_alone_and_bad_metadata_is_left_out(
    tmp_path: Path, name: str, export: object, expected: list[str]
) -> None:
    path = tmp_path / name
    path.write_text(json.dumps(export))
    assert outcome(path) == [
        line if line.startswith("kept") else f"{path}: {line}" for line in expected
    ]


def test_netscape_attributes_that_make_no_sense_are_left_out(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.html"
    path.write_text(
        "<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n"
        f'<DT><A HREF="{GOOD}" ADD_DATE="soon" TAGS=",,\x1b[31mred,">Kept</A>\n'
        '<DT><A ADD_DATE="1">No address</A>\n'
        "</DL>\n"
    )
    first, second = prepare_file(str(path))
    assert isinstance(first, ImportedArticle)
    assert (first.title, first.saved, first.tags) == ("Kept", None, ("red",))
    assert str(second) == f'{path}: bookmark 2 ("No address"): no URL'


def test_reader_export_with_highlights_restores_them(reader_import: Any, tmp_path: Path) -> None:
    export = tmp_path / "export.json"
    marks = [
        {"text": "the tide turns at six", "note": "check", "created": "2024-01-02T03:04:05Z"},
        {"text": ["not text"]},
        "not a highlight",
    ]
    article = {"title": "Tides", "body": "The tide turns at six tonight.", "highlights": marks}
    export.write_text(json.dumps({"reader_export": 1, "articles": [article]}))
    done = reader_import(export)
    [mark] = done.highlights("Tides")
    # Anchored in the body, as the body has it, with the text after it.
    assert (mark["quote"], mark["prefix"], mark["suffix"]) == (
        "The tide turns at six",
        "",
        " tonight.",
    )
    assert (mark["note"], mark["created"]) == ("check", "2024-01-02T03:04:05+00:00")
