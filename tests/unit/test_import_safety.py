"""Hostile inputs fail with one clear line: entity attacks, zip and gzip bombs, odd names."""

from __future__ import annotations

import gzip
import io
import os
import zipfile
from pathlib import Path

import pytest

from reader.ingest import files
from reader.ingest.formats import archive
from reader.ingest.prepare import prepare_file
from reader.ingest.run import import_files
from reader.store import Library, NewArticle
from reader.store.records import AddOutcome

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
PAGE = (FIXTURES / "page.html").read_bytes()


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return Library.open(tmp_path / "library")


def zipped(target: Path, members: dict[str, bytes]) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name, data in members.items():
            bundle.writestr(name, data)
    target.write_bytes(buffer.getvalue())
    return target


def reasons(path: Path) -> list[str]:
    return [str(item) for item in prepare_file(str(path)) if not hasattr(item, "body")]


def test_billion_laughs_feed_is_refused() -> None:
    path = FIXTURES / "billion_laughs.rss"
    assert reasons(path) == [
        f"{path}: feed declares XML entities; refused (entity expansion is unsafe)"
    ]


def test_external_entity_feed_is_refused_and_reads_no_file(library: Library) -> None:
    import_files(library, [str(FIXTURES / "xxe.rss")])
    assert library.articles() == []
    assert reasons(FIXTURES / "xxe.rss")[0].endswith("refused (entity expansion is unsafe)")


def test_feedparser_itself_does_not_resolve_external_entities() -> None:
    import feedparser

    parsed = feedparser.parse((FIXTURES / "xxe.rss").read_bytes())
    secret = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").exists() else None
    summary = parsed.entries[0].get("summary", "")
    assert "The secret is:" in summary
    if secret:
        assert f"is: {secret}" not in summary


def prose(kilobytes: int) -> bytes:
    """Paragraphs of made-up words that deflate compresses only about twice."""
    words = [os.urandom(4).hex() for _ in range(kilobytes * 1024 // 9)]
    lines = (" ".join(words[i : i + 15]) + "." for i in range(0, len(words), 15))
    return "\n\n".join(lines).encode()


def test_zip_member_past_the_limit_of_the_same_file_on_its_own_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, library: Library
) -> None:
    monkeypatch.setattr(files, "MAX_INPUT_BYTES", 64 * 1024)
    bomb = zipped(tmp_path / "big.zip", {"notes.txt": prose(100), "page.html": PAGE})
    report = import_files(library, [str(bomb)])
    assert len(report.added) == 1
    assert [str(f) for f in report.failures] == [
        f"{bomb}:notes.txt: decompresses to more than 64 kB; refused"
    ]


def test_zip_total_size_is_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive, "MAX_TOTAL_BYTES", 256 * 1024)
    members = {f"part{n}.txt": prose(100) for n in range(4)}
    found = reasons(zipped(tmp_path / "many.zip", members))
    assert found == [
        f"{tmp_path / 'many.zip'}: archive decompresses to more than 256 kB; the rest skipped"
    ]


def test_zip_bomb_is_refused_whole_before_anything_is_decompressed(
    tmp_path: Path, library: Library
) -> None:
    zeros = b"0" * (3 * 1024 * 1024 // 2)
    bomb = zipped(tmp_path / "bomb.zip", {"a.txt": zeros, "b.txt": zeros, "page.html": PAGE})
    report = import_files(library, [str(bomb)])
    assert [str(f) for f in report.failures] == [
        f"{bomb}: expands to 3 MB, over 100 times its size: a zip bomb; refused"
    ]
    assert library.articles() == []


def test_gzip_inside_a_zip_counts_toward_the_archive_total(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive, "MAX_TOTAL_BYTES", 256 * 1024)
    page = gzip.compress(b"<html><body><p>" + prose(150) + b"</p></body></html>")
    bundle = zipped(tmp_path / "pages.zip", {"a.html.gz": page, "b.html.gz": page})
    # a.html.gz alone fits; b.html.gz would too, were a's contents not counted
    assert reasons(bundle) == [
        f"{bundle}: archive decompresses to more than 256 kB; the rest skipped"
    ]


def test_zip_with_too_many_members_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive, "MAX_MEMBERS", 5)
    bundle = zipped(tmp_path / "crowd.zip", {f"{n}.txt": b"some words here" for n in range(6)})
    assert reasons(bundle) == [f"{bundle}: archive holds 6 files; the limit is 5"]


def test_zip_nested_one_level_is_read_two_levels_refused(tmp_path: Path) -> None:
    inner = zipped(tmp_path / "inner.zip", {"page.html": PAGE}).read_bytes()
    outer = zipped(tmp_path / "outer.zip", {"inner.zip": inner})
    assert [item.title for item in prepare_file(str(outer))] == [  # type: ignore[union-attr]
        "Community garden opens on the old car park"
    ]
    deepest = zipped(tmp_path / "deepest.zip", {"outer.zip": outer.read_bytes()})
    assert reasons(deepest) == [
        f"{deepest}:outer.zip:inner.zip: zip archive nested more than one level deep; refused"
    ]


def test_member_names_that_climb_out_never_touch_the_disk(tmp_path: Path, library: Library) -> None:
    work = tmp_path / "work"
    work.mkdir()
    bundle = zipped(work / "sly.zip", {"../../escaped.html": PAGE, "/abs/rooted.html": PAGE})
    before = set(tmp_path.rglob("*"))
    report = import_files(library, [str(bundle)])
    created = {p for p in set(tmp_path.rglob("*")) - before if "library" not in p.parts}
    assert created == set()
    assert len(report.added) + len(report.duplicates) == 2


def test_not_a_zip_is_one_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04" + os.urandom(64))
    (line,) = reasons(broken)
    assert line.startswith(f"{broken}: not a readable zip archive")


@pytest.mark.parametrize(
    ("name", "limit"), [("bomb.html.gz", "MAX_PAGE_BYTES"), ("bomb.txt.gz", "MAX_INPUT_BYTES")]
)
def test_gzip_is_held_to_the_limit_of_the_file_inside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, limit: str
) -> None:
    monkeypatch.setattr(files, limit, 1024 * 1024)
    bomb = tmp_path / name
    bomb.write_bytes(gzip.compress(b"<p>" + b"a" * (8 * 1024 * 1024)))
    assert reasons(bomb) == [f"{bomb}: decompresses to more than 1 MB"]


def test_a_document_past_the_input_limit_is_refused_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, library: Library
) -> None:
    monkeypatch.setattr(files, "MAX_INPUT_BYTES", 100 * 1024)
    big = tmp_path / "long.txt"
    big.write_bytes(prose(160)[: 150 * 1024])
    report = import_files(library, [str(big)])
    assert [str(f) for f in report.failures] == [
        f"{big}: file too large (150 kB; the limit is 100 kB)"
    ]
    assert library.articles() == []


def test_a_page_long_single_line_is_imported_whole(tmp_path: Path, library: Library) -> None:
    line = "The tide came in over the harbour wall and the ferry waited. " * 5000
    single = tmp_path / "one-line.txt"
    single.write_text(line.strip())
    report = import_files(library, [str(single)])
    (article,) = library.articles()
    assert not report.failures
    assert library.content(article.id).body == line.strip()


def test_gzip_inside_gzip_is_refused(tmp_path: Path) -> None:
    double = tmp_path / "double.html.gz"
    double.write_bytes(gzip.compress(gzip.compress(PAGE)))
    assert reasons(double) == [f"{double}: gzip inside gzip; refused"]


def test_cut_short_gzip_is_one_line(tmp_path: Path) -> None:
    cut = tmp_path / "cut.html.gz"
    cut.write_bytes(gzip.compress(PAGE)[:40])
    assert reasons(cut) == [f"{cut}: gzip data is cut short"]


def test_opml_with_entities_is_refused(tmp_path: Path) -> None:
    opml = tmp_path / "evil.opml"
    opml.write_text(
        '<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
        '<opml><body><outline xmlUrl="http://a.example/&x;"/></body></opml>'
    )
    assert reasons(opml) == [
        f"{opml}: OPML file has a DOCTYPE; refused (entity expansion is unsafe)"
    ]


def test_large_articles_are_stored_in_batches_bounded_by_their_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, library: Library
) -> None:
    from reader.ingest.run import _Committer

    monkeypatch.setattr(_Committer, "BATCH_CHARS", 1)  # any article fills a batch
    batches: list[int] = []
    store = library.add

    def add(items: list[NewArticle], **options: bool) -> list[AddOutcome]:
        batches.append(len(items))
        return store(items, **options)

    monkeypatch.setattr(library, "add", add)
    paths = []
    for n in range(5):
        path = tmp_path / f"page{n}.html"
        path.write_bytes(PAGE.replace(b"Community garden", f"Garden {n}".encode()))
        paths.append(str(path))
    report = import_files(library, paths, workers=1)
    assert len(report.added) + len(report.duplicates) == 5
    assert batches == [1, 1, 1, 1, 1]  # not one batch of five
