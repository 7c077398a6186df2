"""The derived row cache: a listing read through it is the listing the shards hold."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_store_library import article

from reader.store import Library


@pytest.fixture
def root(tmp_path: Path) -> Path:
    library = Library.open(tmp_path / "lib")
    library.add([article(n) for n in range(40)])
    library.set_read([a.id for a in library.articles()[:5]])
    library.set_bookmarked([library.articles()[7].id], True)
    library.set_position(library.articles()[9].id, {"paragraph": 4})
    return library.root


def rows_of(root: Path) -> list[tuple[object, ...]]:
    """The listing as a fresh process sees it."""
    return [
        (a.id, a.title, a.date, a.read, a.bookmarked, a.position, a.sort_date)
        for a in Library.open(root).articles()
    ]


def cache_files(root: Path) -> list[Path]:
    return sorted((root / "cache" / "rows").glob("*.bin"))


def test_a_listing_through_the_cache_equals_one_from_the_shards(root: Path) -> None:
    from_shards = rows_of(root)
    assert cache_files(root), "the first listing writes the cache"
    assert rows_of(root) == from_shards
    assert sum(1 for row in from_shards if row[3]) == 5
    assert [row[5] for row in from_shards if row[5]] == [{"paragraph": 4}]


def test_changes_by_another_process_show_through_the_cache(root: Path) -> None:
    rows_of(root)
    writer = Library.open(root)
    writer.add([article(100, title="Added elsewhere", date="2027-01-01")])
    newest = writer.articles()[0]
    writer.set_bookmarked([newest.id], True)
    writer.delete([writer.articles()[-1].id])
    listing = rows_of(root)
    assert listing[0][1] == "Added elsewhere" and listing[0][4] is True
    assert len(listing) == 40


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty"])
def test_a_damaged_cache_is_ignored(root: Path, damage: str) -> None:
    expected = rows_of(root)
    for path in cache_files(root):
        blob = path.read_bytes()
        if damage == "truncate":
            path.write_bytes(blob[: len(blob) // 2])
        elif damage == "flip":
            path.write_bytes(blob[:20] + bytes([blob[20] ^ 0xFF]) + blob[21:])
        elif damage == "garbage":
            path.write_bytes(b"\x00\x01not marshal at all")
        else:
            path.write_bytes(b"")
    assert rows_of(root) == expected
    assert rows_of(root) == expected, "the cache written again is good"


def test_an_import_leaves_the_cache_current_for_the_next_process(
    root: Path, tmp_path: Path
) -> None:
    from reader.ingest.run import import_files
    from reader.store.rowcache import RowCache
    from reader.store.storage import file_signature

    rows_of(root)  # every shard's rows cached
    pages = tmp_path / "pages"
    pages.mkdir()
    for n in range(30):
        words = " ".join(f"word{n}x{k}" for k in range(60))
        (pages / f"page{n}.md").write_text(f"# Page {n}\n\n{words}.\n", encoding="utf-8")
    import_files(Library.open(root), sorted(map(str, pages.iterdir())), workers=1)
    cache = RowCache(root / "cache")
    shards = sorted((root / "meta").glob("*.json"))
    stale = [p.stem for p in shards if cache.read(p.stem, file_signature(p) or (0, 0, 0)) is None]
    assert stale == []
    listing = rows_of(root)
    assert len(listing) == 70 and sum(1 for row in listing if str(row[1]).startswith("Page")) == 30


def test_marks_after_a_cached_listing_do_not_load_metadata_shards(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.store.storage as storage
    from reader.store import UnknownArticle

    rows_of(root)  # the cache is written
    library = Library.open(root)
    listing = library.articles()
    parsed: list[str] = []
    parse = storage.parse_tables

    def counted(path: Path, raw: bytes) -> object:
        parsed.append(Path(path).parent.name)
        return parse(path, raw)

    monkeypatch.setattr(storage, "parse_tables", counted)
    library.set_read([a.id for a in listing[10:20]])
    library.set_bookmarked([listing[20].id], True)
    assert "meta" not in parsed  # existence checked against the listed keys
    with pytest.raises(UnknownArticle):
        library.set_read(["zzzzzzzz"])
    assert sum(1 for row in rows_of(root) if row[3]) == 15
