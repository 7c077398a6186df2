"""Duplicates are one article; re-importing keeps state; one bad input never stops a batch."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli.main import main
from reader.ingest.run import import_files
from reader.store import Library

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Library:
    monkeypatch.setenv("READER_LIBRARY", str(tmp_path / "default-library"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return Library.open(tmp_path / "library")


def test_reimport_updates_metadata_and_keeps_read_bookmark_and_position(
    library: Library, tmp_path: Path
) -> None:
    clip = tmp_path / "bakery.md"
    clip.write_text((FIXTURES / "clipper.md").read_text())
    import_files(library, [str(clip)])
    (article,) = library.articles()
    library.set_read([article.id])
    library.set_bookmarked([article.id])
    library.set_position(article.id, {"line": 12})
    text = clip.read_text().replace("Valley Courier", "The Valley Courier Weekly")
    clip.write_text(text)
    report = import_files(library, [str(clip)])
    assert len(report.duplicates) == 1 and not report.added
    (again,) = library.articles()
    assert again.id == article.id
    assert again.source == "The Valley Courier Weekly"
    assert (again.read, again.bookmarked, again.position) == (True, True, {"line": 12})


def test_keep_existing_leaves_the_stored_article_alone(library: Library, tmp_path: Path) -> None:
    clip = tmp_path / "bakery.md"
    clip.write_text((FIXTURES / "clipper.md").read_text())
    import_files(library, [str(clip)])
    clip.write_text(clip.read_text().replace("Valley Courier", "Someone Else"))
    import_files(library, [str(clip)], update=False)
    assert library.articles()[0].source == "Valley Courier"


def test_same_url_in_two_formats_is_one_article(library: Library) -> None:
    import_files(library, [str(FIXTURES / "harbour.rss")])
    before = len(library.articles())
    report = import_files(library, [str(FIXTURES / "harbour.rss")])
    assert len(report.duplicates) == 3 and len(library.articles()) == before


def test_same_body_under_another_name_is_one_article(library: Library, tmp_path: Path) -> None:
    first, second = tmp_path / "one.html", tmp_path / "two.html"
    first.write_bytes((FIXTURES / "page.html").read_bytes())
    second.write_bytes((FIXTURES / "page.html").read_bytes())
    report = import_files(library, [str(first), str(second)])
    assert len(report.added) == 1 and len(report.duplicates) == 1


def test_reimported_export_does_not_clear_local_state(library: Library) -> None:
    import_files(library, [str(FIXTURES / "wallabag.json")])
    birds = next(a for a in library.articles() if a.title.startswith("A winter guide"))
    library.set_read([birds.id])
    import_files(library, [str(FIXTURES / "wallabag.json")])
    assert library.get(birds.id).read and library.get(birds.id).bookmarked


def test_one_bad_input_never_stops_the_batch(
    library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.html"
    empty.write_text("")
    binary = tmp_path / "photo.md"
    binary.write_bytes(b"\x89PNG\x00\x00\x00\rIHDR" * 20)
    broken_zip = tmp_path / "broken.zip"
    broken_zip.write_bytes(b"PK\x03\x04 not really a zip")
    bad_json = tmp_path / "export.json"
    bad_json.write_text('{"nothing": "we know"}')
    missing = tmp_path / "missing.txt"
    inputs = [
        str(FIXTURES / "page.html"),
        str(empty),
        str(binary),
        str(FIXTURES / "orchard.atom"),
        str(broken_zip),
        str(bad_json),
        str(missing),
        str(FIXTURES / "clipper.md"),
    ]
    status = main(["import", "--library", str(library.root), *inputs])
    out, err = capsys.readouterr()
    assert status == 1
    assert out.strip() == "imported 3, duplicates 0, failed 5"
    lines = err.strip().splitlines()
    assert len(lines) == 5
    assert f"{empty}: file is empty" in lines
    assert f"{binary}: binary data, not a text document" in lines
    assert f"{missing}: no such file" in lines
    assert any(line.startswith(f"{broken_zip}: not a readable zip archive") for line in lines)
    assert any(line.startswith(f"{bad_json}: JSON of an unknown kind (expected") for line in lines)
