"""Hostile inputs fail with one clear line: entity attacks, zip and gzip bombs, odd names."""

from __future__ import annotations

import gzip
import io
import os
import zipfile
from pathlib import Path

import pytest

from reader.ingest.formats import archive, compressed
from reader.ingest.prepare import prepare_file
from reader.ingest.run import import_files
from reader.store import Library

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


def test_zip_member_decompressing_past_the_cap_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, library: Library
) -> None:
    monkeypatch.setattr(archive, "MAX_MEMBER_BYTES", 1024 * 1024)
    bomb = zipped(tmp_path / "bomb.zip", {"zeros.txt": b"0" * (3 * 1024 * 1024), "page.html": PAGE})
    report = import_files(library, [str(bomb)])
    assert len(report.added) == 1
    assert [str(f) for f in report.failures] == [
        f"{bomb}:zeros.txt: decompresses to more than 1 MB; refused"
    ]


def test_zip_total_size_is_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive, "MAX_TOTAL_BYTES", 2 * 1024 * 1024)
    members = {f"part{n}.txt": (f"part {n} " + "word " * 200_000).encode() for n in range(4)}
    found = reasons(zipped(tmp_path / "many.zip", members))
    assert found == [
        f"{tmp_path / 'many.zip'}: archive decompresses to more than 2 MB; the rest skipped"
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


def test_gzip_bomb_is_stopped_while_decompressing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(compressed, "MAX_DECOMPRESSED", 1024 * 1024)
    bomb = tmp_path / "bomb.html.gz"
    bomb.write_bytes(gzip.compress(b"<p>" + b"a" * (8 * 1024 * 1024)))
    assert reasons(bomb) == [f"{bomb}: decompresses to more than 1 MB"]


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
