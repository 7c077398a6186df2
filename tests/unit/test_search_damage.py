"""The search index when things go wrong: damaged bytes, a full disk, a busy index lock.

The index is derived data: a damaged one is rebuilt with a message and the search answers;
a disk too full to bring it up to date leaves one line and the old index answering;
``reader reindex`` waits for another process's sync instead of leaving an empty index;
``reader check`` checks the index too.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.cli.main import main
from reader.search import SearchIndex
from reader.search import engine as search_engine
from reader.search import schema as search_schema
from reader.store import Library, NewArticle, StoreError


def article(n: int, word: str = "lantern", size: int = 3) -> NewArticle:
    body = f"Article {n} about the {word} keeper and the tide tables. " * size
    return NewArticle(
        title=f"Index test {n}",
        body=body,
        raw=body,
        raw_format="text",
        url=f"https://index.example/{n}",
        date=f"2026-07-{n % 28 + 1:02d}",
        words=12 * size,
    )


@pytest.fixture
def library(tmp_path: Path) -> Library:
    lib = Library.open(tmp_path / "lib")
    lib.add([article(n) for n in range(30)])
    index = SearchIndex.open(lib)
    index.close()
    return lib


def index_path(library: Library) -> Path:
    return library.root / "search.sqlite"


def search(
    library: Library, capsys: pytest.CaptureFixture[str], *words: str
) -> tuple[int, list[str], str]:
    """``reader search``: status, the result IDs, stderr."""
    capsys.readouterr()
    status = main(["--library", str(library.root), "search", "--json", "--limit", "100", *words])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    ids = [line.split('"id":"')[1][:8] for line in captured.out.splitlines()]
    return status, ids, captured.err


def flip_in_file(path: Path, needle: bytes, replacement: bytes) -> int:
    """Replace every occurrence of ``needle`` (same length) in the file; how many there were."""
    assert len(needle) == len(replacement)
    data = path.read_bytes()
    count = data.count(needle)
    path.write_bytes(data.replace(needle, replacement))
    return count


def test_text_that_is_no_longer_utf8_is_damage_and_rebuilt(
    library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = sorted(a.id for a in library.articles())
    assert flip_in_file(index_path(library), b"Index test 1", b"Index t\xffst 1") > 0
    assert flip_in_file(index_path(library), b"meta", b"me\xfea") > 0
    status, ids, err = search(library, capsys, "lantern")
    assert status == 0
    assert sorted(ids) == expected
    assert len(err.strip().splitlines()) == 1 and "damaged" in err and "rebuil" in err, err
    status, ids, err = search(library, capsys, "lantern")
    assert (status, sorted(ids), err) == (0, expected, "")


def test_a_damaged_compressed_body_is_damage_and_rebuilt(
    library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    target = library.articles()[0]
    body = library.content(target.id).body
    packed = zlib.compress(body.encode(), 1)
    middle = len(packed) // 2
    path = index_path(library)
    data = path.read_bytes()
    at = data.find(packed)
    assert at >= 0, "the body is stored compressed in the index file"
    spoiled = bytearray(data)
    for offset in range(middle, min(middle + 8, len(packed))):
        spoiled[at + offset] ^= 0x5A
    path.write_bytes(bytes(spoiled))
    status, ids, err = search(library, capsys, "lantern")
    assert status == 0
    assert target.id in ids
    assert "damaged" in err, err


@pytest.mark.parametrize("seed", range(8))
def test_random_flipped_bytes_never_end_in_a_traceback(
    library: Library, seed: int, capsys: pytest.CaptureFixture[str]
) -> None:
    import random

    rng = random.Random(seed)
    path = index_path(library)
    data = bytearray(path.read_bytes())
    for _ in range(200):
        data[rng.randrange(len(data))] ^= rng.randint(1, 255)
    path.write_bytes(bytes(data))
    for words in (["lantern"], ["tide", "keeper"], ['"tide tables"'], ["index", "sort:date"]):
        status, _, err = search(library, capsys, *words)
        assert status == 0, err
    assert main(["--library", str(library.root), "check"]) in (0, 1)
    assert "Traceback" not in capsys.readouterr().err
    status, ids, err = search(library, capsys, "lantern")
    assert status == 0 and len(ids) == 30, err


def test_check_reports_a_damaged_index_and_rebuilds_it(
    library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    flip_in_file(index_path(library), b"Index test 1", b"Index t\xffst 1")
    capsys.readouterr()
    assert main(["--library", str(library.root), "check"]) == 1
    captured = capsys.readouterr()
    assert "search.sqlite" in captured.err and "rebuilt" in captured.err, captured.err
    assert captured.out.strip() == "30 articles, 1 problem"
    assert main(["--library", str(library.root), "check"]) == 0
    assert capsys.readouterr().out.strip() == "30 articles, 0 problems"


def test_check_counts_the_index_against_the_store(
    library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    connection = sqlite3.connect(index_path(library))
    connection.execute("DELETE FROM docs WHERE rowid = (SELECT max(rowid) FROM docs)")
    connection.commit()
    connection.close()
    capsys.readouterr()
    assert main(["--library", str(library.root), "check"]) == 1
    captured = capsys.readouterr()
    assert "29" in captured.err and "30" in captured.err and "rebuilt" in captured.err, captured.err
    _, ids, _ = search(library, capsys, "lantern")
    assert len(ids) == 30


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The index's file may not grow: SQLite itself answers "database or disk is full"."""
    original = search_schema.connect

    def capped(path: Path) -> sqlite3.Connection:
        connection = original(path)
        (pages,) = connection.execute("PRAGMA page_count").fetchone()
        connection.execute(f"PRAGMA max_page_count = {max(pages, 1)}")
        return connection

    monkeypatch.setattr(search_engine, "connect", capped)
    yield


def test_a_full_disk_leaves_one_line_and_the_old_index_answering(
    library: Library, full_disk: None, capsys: pytest.CaptureFixture[str]
) -> None:
    old = sorted(a.id for a in library.articles())
    library.add([article(n, size=60) for n in range(100, 160)])
    for _ in range(2):
        status, ids, err = search(library, capsys, "lantern")
        assert status == 0
        assert sorted(ids) == old, "the old index still answers"
        lines = err.strip().splitlines()
        assert len(lines) == 1 and "full" in lines[0], err
    index = SearchIndex.open(library)
    result = index.search("lantern", 100)
    assert result.error is None and len(result.hits) == 30


def test_a_full_disk_during_check_is_one_line(
    library: Library, full_disk: None, capsys: pytest.CaptureFixture[str]
) -> None:
    library.add([article(n, size=60) for n in range(100, 160)])
    capsys.readouterr()
    assert main(["--library", str(library.root), "check"]) in (0, 1)
    err = capsys.readouterr().err
    assert "Traceback" not in err and "full" in err


HOLD_SEARCH_LOCK = textwrap.dedent(
    """
    import fcntl, os, sys, time
    fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX)
    print("ready", flush=True)
    time.sleep(float(sys.argv[2]))
    """
)


def hold_index_lock(library: Library, seconds: float) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_SEARCH_LOCK, str(library.root / "search.lock"), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
    return holder


def test_reindex_waits_for_another_process_syncing(
    library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    holder = hold_index_lock(library, 1.0)
    try:
        capsys.readouterr()
        assert main(["--library", str(library.root), "reindex"]) == 0
        assert "indexed 30 articles" in capsys.readouterr().out
    finally:
        holder.wait()
    _, ids, _ = search(library, capsys, "lantern")
    assert len(ids) == 30


def test_reindex_that_cannot_get_the_lock_fails_and_keeps_the_old_index(
    library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    holder = hold_index_lock(library, 60)
    try:
        index = SearchIndex.open(library, sync=False)
        with pytest.raises(StoreError) as refused:
            index.rebuild(wait=0.3)
        assert "search" in str(refused.value) and "\n" not in str(refused.value)
        result = index.search("lantern", 100)
        assert result.error is None and len(result.hits) == 30
        index.close()
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
