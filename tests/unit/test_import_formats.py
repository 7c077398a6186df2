"""Importing each supported format: feeds, exports, clipped Markdown, archives."""

from __future__ import annotations

import gzip
import io
import zipfile
from pathlib import Path

import pytest

from reader.cli.main import main
from reader.ingest.run import import_files
from reader.store import Article, Library

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_LIBRARY", str(tmp_path / "default-library"))
    monkeypatch.setenv("READER_CONFIG", str(tmp_path / "config.json"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return Library.open(tmp_path / "library")


def by_title(library: Library) -> dict[str, Article]:
    return {article.title: article for article in library.articles()}


def omnivore_zip(target: Path) -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        for path in sorted((FIXTURES / "omnivore").rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(FIXTURES / "omnivore").as_posix())
    return target


def test_rss_entries_become_articles_with_the_feed_as_source(library: Library) -> None:
    report = import_files(library, [str(FIXTURES / "harbour.rss")])
    articles = by_title(library)
    ferry = articles["Ferry timetable changes for the winter"]
    assert ferry.source == "Harbour Town Gazette"
    assert ferry.url == "http://gazette.example.org/news/ferry-winter"
    assert ferry.date == "2024-11-05T08:30:00"
    body = library.content(ferry.id).body
    assert "every forty minutes" in body and "<p>" not in body
    assert len(report.added) == 3


def test_rss_entry_without_content_keeps_summary_and_link(library: Library) -> None:
    import_files(library, [str(FIXTURES / "harbour.rss")])
    articles = by_title(library)
    lighthouse = articles["Lighthouse open day draws a crowd"]
    content = library.content(lighthouse.id)
    assert "four hundred visitors" in content.body
    assert "[Read the full article]" in content.body
    assert "http://gazette.example.org/news/lighthouse-open-day" in content.links
    gallery = articles["Photo gallery: autumn on the quay"]
    assert gallery.url == "http://gazette.example.org/gallery/autumn-quay"


def test_a_feed_link_that_is_not_a_web_address_is_not_kept(
    library: Library, tmp_path: Path
) -> None:
    """An entry link such as javascript: becomes neither the article's address nor a
    "Read the full article" link in its body (which Markdown export keeps as it is)."""
    feed = tmp_path / "links.rss"
    entries = "".join(
        f"<item><title>Entry {n}</title><link>{link}</link>"
        f"<description>Summary of entry {n} with enough words to be read.</description></item>"
        for n, link in enumerate(
            ["javascript:alert(2)", "https://example.com:abc/x", "https://example.org/ok"]
        )
    )
    feed.write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Links</title>{entries}'
        "</channel></rss>"
    )
    import_files(library, [str(feed)])
    articles = by_title(library)
    for title in ("Entry 0", "Entry 1"):
        assert articles[title].url is None
        assert "Read the full article" not in library.content(articles[title].id).body
    assert articles["Entry 2"].url == "https://example.org/ok"
    assert "<https://example.org/ok>" in library.content(articles["Entry 2"].id).markdown


def test_a_bad_feed_entry_fails_alone_and_is_named(library: Library) -> None:
    report = import_files(library, [str(FIXTURES / "harbour.rss")])
    assert [str(f) for f in report.failures] == [
        f'{FIXTURES / "harbour.rss"}: entry 4 ("untitled"): entry has no content, summary or link'
    ]


def test_atom_feed(library: Library) -> None:
    import_files(library, [str(FIXTURES / "orchard.atom")])
    (article,) = library.articles()
    assert article.title == "Grafting the old pear tree"
    assert article.source == "Orchard Notes"
    assert article.author == "Tobias Fenwright"
    assert "Eight of the ten grafts took" in library.content(article.id).body


def test_wallabag_export_keeps_read_and_starred(library: Library) -> None:
    report = import_files(library, [str(FIXTURES / "wallabag.json")])
    articles = by_title(library)
    tram = articles["Tram line extension approved"]
    birds = articles["A winter guide to the marsh birds"]
    assert tram.read and not tram.bookmarked
    assert birds.bookmarked and not birds.read
    assert tram.author == "Rosa Delacroix-Ng"
    assert "six thousand passengers" in library.content(tram.id).body
    assert sorted(f.reason for f in report.failures) == [
        "entry has neither content nor URL",
        "not a wallabag entry",
    ]


def test_pocket_html_without_fetch_stores_link_only_articles(library: Library) -> None:
    report = import_files(library, [str(FIXTURES / "pocket.html")])
    articles = by_title(library)
    assert len(report.added) == 3 and not report.failures
    stew = articles["A bean stew for cold evenings"]
    assert stew.url == "http://slowcooking.example.com/bean-stew"
    assert "--fetch" in library.content(stew.id).body
    assert articles["Why mechanical keyboards came back"].read
    assert not stew.read


def test_pocket_csv_export(library: Library) -> None:
    report = import_files(library, [str(FIXTURES / "pocket.csv")])
    assert len(report.added) == 2
    assert [str(f) for f in report.failures] == [f"{FIXTURES / 'pocket.csv'}: line 4: no URL"]
    assert by_title(library)["Why mechanical keyboards came back"].read


def test_omnivore_export_zip(library: Library, tmp_path: Path) -> None:
    archive = omnivore_zip(tmp_path / "omnivore-export.zip")
    report = import_files(library, [str(archive)])
    assert not report.failures
    articles = by_title(library)
    walls = articles["Repairing dry stone walls"]
    assert walls.read and walls.author == "Gwen Aldous"
    assert walls.url == "https://uplands.example.org/dry-stone-walls"
    body = library.content(walls.id).body
    assert "string line" in body and not body.startswith("#")
    trains = articles["Night trains return to the coast line"]
    assert trains.url == "https://railnews.example.com/night-trains"
    assert len(articles) == 2  # the highlights file is not an article of its own


def test_markdown_from_a_web_clipper(library: Library) -> None:
    import_files(library, [str(FIXTURES / "clipper.md")])
    (article,) = library.articles()
    assert article.title == "How the village bakery survived the flood"
    assert article.source == "Valley Courier"
    assert article.url == "https://valleycourier.example.com/2024/bakery-flood"
    assert article.date == "2024-03-14"
    assert article.author == "Hannah Osei"


def test_gzipped_html_page(library: Library, tmp_path: Path) -> None:
    page = tmp_path / "garden.html.gz"
    page.write_bytes(gzip.compress((FIXTURES / "page.html").read_bytes()))
    import_files(library, [str(page)])
    (article,) = library.articles()
    assert article.title == "Community garden opens on the old car park"
    assert "raised beds" in library.content(article.id).body


def page_opening_with_a_long_script() -> bytes:
    """The garden page as some sites send it: a byte-order mark, an XML declaration and
    a head that opens with kilobytes of script, so that no tag the content check counts
    comes in its first 4 KB."""
    page = (FIXTURES / "page.html").read_bytes()
    script = b"<script>" + b"var settings = {};" * 400 + b"</script>"
    page = page.replace(b"<head>", b"<head>" + script, 1)
    return b'\xef\xbb\xbf<?xml version="1.0" encoding="utf-8"?>\n' + page


def test_a_gzipped_page_is_read_as_the_html_its_name_says(library: Library, tmp_path: Path) -> None:
    page = tmp_path / "garden.html.gz"
    page.write_bytes(gzip.compress(page_opening_with_a_long_script()))
    import_files(library, [str(page)])
    (article,) = library.articles()
    assert article.title == "Community garden opens on the old car park"
    assert library.content(article.id).body.startswith("The tarmac is gone.")


def test_zip_of_mixed_inputs_names_the_bad_member(library: Library, tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.write(FIXTURES / "page.html", "saved/garden.html")
        archive.write(FIXTURES / "orchard.atom", "feeds/orchard.atom")
        archive.write(FIXTURES / "clipper.md", "clips/bakery.md")
        archive.writestr("saved/empty.html", "")
    target = tmp_path / "bundle.zip"
    target.write_bytes(buffer.getvalue())
    report = import_files(library, [str(target)])
    assert len(report.added) == 3
    assert [str(f) for f in report.failures] == [f"{target}:saved/empty.html: file is empty"]


def test_opml_without_fetch_says_how_to_fetch(library: Library) -> None:
    report = import_files(library, [str(FIXTURES / "subscriptions.opml")])
    assert not report.added
    (failure,) = report.failures
    assert "lists 2 feeds" in failure.reason and "--fetch" in failure.reason


def test_folder_import_picks_up_feeds_and_archives(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "orchard.atom").write_bytes((FIXTURES / "orchard.atom").read_bytes())
    omnivore_zip(folder / "omnivore.zip")
    (folder / "unrelated.json").write_text("{}")
    Library.open(tmp_path / "lib")
    status = main(["import", "--library", str(tmp_path / "lib"), "-q", str(folder)])
    assert status == 0
    assert capsys.readouterr().out.strip() == "imported 3, duplicates 0, failed 0"
