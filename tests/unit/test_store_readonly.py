"""A library that cannot be written: reading works, a change fails in one line saying why.

Reading takes no write lock. As root permissions are not enforced, so besides the
``chmod`` test (skipped as root) a lock file that cannot be opened at all (a folder in
its place) stands for a library this process may not write.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.cli.main import main
from reader.search import SearchIndex
from reader.store import Library, NewArticle


def article(n: int) -> NewArticle:
    body = f"Read-only test {n}: the ferry timetable for the winter. " * 3
    return NewArticle(
        title=f"Read-only {n}", body=body, raw=body, raw_format="text",
        url=f"https://readonly.example/{n}", date=f"2026-06-{n % 28 + 1:02d}", words=30,
    )  # fmt: skip


@pytest.fixture
def root(tmp_path: Path) -> Path:
    path = tmp_path / "lib"
    library = Library.open(path)
    library.add([article(n) for n in range(12)])
    library.set_read([library.articles()[0].id])
    SearchIndex.open(library).close()
    return path


def run(root: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    status = main(["--library", str(root), *argv])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return status, captured.out, captured.err


def reading_works(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(root, capsys, "list")
    assert (status, len(out.splitlines())) == (0, 12), err
    status, out, err = run(root, capsys, "search", "ferry")
    assert status == 0 and len(out.splitlines()) == 24, err
    status, out, err = run(root, capsys, "check")
    assert (status, out.strip()) == (0, "12 articles, 0 problems"), err
    first = Library.open(root).articles()[0].id
    status, out, err = run(root, capsys, "show", first)
    assert status == 0 and "ferry timetable" in out, err


@pytest.fixture
def read_only(root: Path) -> Iterator[Path]:
    modes: dict[Path, int] = {}
    for path in [root, *root.rglob("*")]:
        modes[path] = path.stat().st_mode
        writable = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH
        path.chmod(modes[path] & ~writable)
    yield root
    for path, mode in modes.items():
        path.chmod(mode)


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_a_read_only_library_can_be_read(
    read_only: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reading_works(read_only, capsys)
    target = Library.open(read_only).articles()[1].id
    status, _, err = run(read_only, capsys, "mark", target)
    assert status == 1
    [line] = err.strip().splitlines()
    assert "Permission denied" in line and str(read_only) in line and "not saved" in line


def test_reading_needs_no_write_lock(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lock = root / "write.lock"
    lock.unlink(missing_ok=True)
    lock.mkdir()  # cannot be opened for writing: as a lock no one may take
    (root / "search.lock").unlink(missing_ok=True)
    (root / "search.lock").mkdir()
    reading_works(root, capsys)
    target = Library.open(root).articles()[1].id
    status, _, err = run(root, capsys, "mark", target)
    assert status == 1
    [line] = err.strip().splitlines()
    assert "write.lock" in line and "not saved" in line
    assert not Library.open(root).get(target).read


def test_an_import_reported_as_not_saved_is_not_applied_later(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The metadata of a second shard cannot be written: the journal must not finish it."""
    before = {a.id for a in Library.open(root).articles()}
    seen: list[str] = []

    def refuse_second_shard(step: str) -> None:
        seen.append(step)
        if seen.count("linked") == 2 and step == "linked":
            raise PermissionError(errno.EACCES, "Permission denied", str(root / "meta"))

    library = Library.open(root, hook=refuse_second_shard)
    new = [article(n) for n in range(100, 140)]
    with pytest.raises(OSError) as failed:
        library.add(new)
    assert failed.value.errno == errno.EACCES
    assert not (root / "journal.json").exists()
    reopened = Library.open(root)
    assert {a.id for a in reopened.articles()} == before
    assert reopened.check() == []
