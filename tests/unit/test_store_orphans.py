"""Article files that no metadata names: never an empty library shown in silence.

Each article's file keeps a copy of its metadata, so metadata that went missing (a removed
``meta/`` folder, emptied shards, a previous copy restored after damage) is rebuilt from
the article files, with a message; ``reader check`` reports such files and adopts them.
Article files left by an import that never committed, or by a delete, are not adopted.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import orjson
import pytest

from reader.cli.main import main
from reader.store import Library, NewArticle, packs


def article(n: int) -> NewArticle:
    return NewArticle(
        title=f"Orphan test {n}",
        body=f"Body words of article {n}, enough to tell it apart. " * 3,
        raw=f"raw {n}",
        raw_format="text",
        url=f"https://orphans.example/{n}",
        date=f"2026-09-{n % 28 + 1:02d}",
        words=30,
    )


def listed(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[list[str], str]:
    """``reader list`` lines and its stderr."""
    capsys.readouterr()
    assert main(["--library", str(root), "list"]) == 0
    captured = capsys.readouterr()
    return captured.out.splitlines(), captured.err


def checked(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """``reader check``: status, stdout, stderr."""
    capsys.readouterr()
    status = main(["--library", str(root), "check"])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture
def root(tmp_path: Path) -> Path:
    path = tmp_path / "lib"
    library = Library.open(path)
    library.add([article(n) for n in range(60)])
    library.set_read([a.id for a in library.articles()[:5]])
    return path


@pytest.mark.parametrize("how", ["folder-removed", "files-removed", "shards-emptied"])
def test_lost_metadata_is_rebuilt_from_the_article_files_with_a_message(
    root: Path, how: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = {a.id: a.title for a in Library.open(root).articles()}
    meta = root / "meta"
    if how == "folder-removed":
        shutil.rmtree(meta)
    else:
        for shard in meta.glob("*.json"):
            if how == "files-removed":
                shard.unlink()
            else:
                shard.write_bytes(b'{"articles": {}}')
        for previous in meta.glob("*.prev"):
            previous.unlink()
    lines, err = listed(root, capsys)
    assert len(lines) == len(before), "articles with files on disk must never list as nothing"
    assert "rebuilt" in err and "article files" in err, err
    assert {a.id: a.title for a in Library.open(root).articles()} == before
    status, out, _ = checked(root, capsys)
    assert (status, out.strip()) == (0, f"{len(before)} articles, 0 problems")


def test_check_on_a_library_without_metadata_counts_its_articles(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.rmtree(root / "meta")
    _, out, err = checked(root, capsys)
    assert out.strip().startswith("60 articles"), out
    assert "rebuilt" in err


def test_restoring_a_previous_copy_keeps_the_articles_imported_since(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = Library.open(root)
    first = library.articles()
    late = library.add([article(n) for n in range(100, 140)])
    shard = max({o.id[0] for o in late}, key=lambda s: sum(o.id[0] == s for o in late))
    path = root / "meta" / f"{shard}.json"
    assert (root / "meta" / f"{shard}.json.prev").exists()
    path.write_bytes(path.read_bytes()[:100])  # cut short
    lines, err = listed(root, capsys)
    assert "restored its previous copy" in err
    assert len(lines) == len(first) + len(late), "the last import must not be lost"
    status, out, err = checked(root, capsys)
    assert status == 0, err
    assert out.strip() == f"{len(first) + len(late)} articles, 0 problems"


def test_a_previous_copy_does_not_bring_back_articles_deleted_since(root: Path) -> None:
    library = Library.open(root)
    victim = library.articles()[0].id
    library.purge([victim])
    path = root / "meta" / f"{victim[0]}.json"
    path.write_bytes(b"")
    reopened = Library.open(root)
    ids = {a.id for a in reopened.articles()}
    assert victim not in ids
    assert any("moved to" in w for w in reopened.warnings)
    assert reopened.check() == []


def test_check_reports_and_adopts_an_article_file_no_metadata_names(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = Library.open(root)
    victim = library.articles()[10]
    path = root / "meta" / f"{victim.id[0]}.json"
    data = orjson.loads(path.read_bytes())
    remaining = {k: v for k, v in data["articles"].items() if v["id"] != victim.id}
    assert remaining, "the shard keeps other articles, so nothing looks empty"
    data["articles"] = remaining
    path.write_bytes(orjson.dumps(data))
    status, out, err = checked(root, capsys)
    assert status == 1
    assert victim.id in err and "adopted" in err, err
    assert out.strip() == "60 articles, 1 problem"
    assert Library.open(root).get(victim.id).title == victim.title
    assert checked(root, capsys)[:2] == (0, "60 articles, 0 problems\n")


def test_an_import_that_failed_leaves_no_article_file_to_adopt(root: Path) -> None:
    """Its article files are written first; when its metadata cannot be, they go again."""
    before = {a.id for a in Library.open(root).articles()}
    seen: list[str] = []

    def full_disk_after_bodies(step: str) -> None:
        seen.append(step)
        if "bodies-synced" in seen[:-1]:
            raise OSError(errno.ENOSPC, "No space left on device", "meta")

    library = Library.open(root, hook=full_disk_after_bodies)
    with pytest.raises(OSError):
        library.add([article(n) for n in range(200, 204)])
    reopened = Library.open(root)
    assert {a.id for a in reopened.articles()} == before
    assert reopened.check() == [], "a failed import must not come back through check"
    assert {a.id for a in Library.open(root).articles()} == before


@pytest.mark.parametrize("count", [2, 8], ids=["own files", "packed"])
def test_an_import_killed_before_its_metadata_leaves_nothing_for_check_to_adopt(
    root: Path, count: int
) -> None:
    before = {a.id for a in Library.open(root).articles()}

    def die_after_bodies(step: str) -> None:
        if step == "bodies-synced":
            os._exit(77)

    pid = os.fork()
    if pid == 0:
        try:
            Library.open(root, hook=die_after_bodies).add(
                [article(n) for n in range(300, 300 + count)]
            )
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    assert os.WEXITSTATUS(status) == 77, "the child should have died mid-import"
    written = [*root.glob("bodies/*/*.json"), *root.glob("packs/*.pack")]
    assert written, "its article files were written"
    reopened = Library.open(root)
    assert {a.id for a in reopened.articles()} == before
    assert reopened.check() == []
    assert {a.id for a in Library.open(root).articles()} == before


def test_an_article_deleted_just_before_a_kill_does_not_come_back(root: Path) -> None:
    library = Library.open(root)
    victim = library.articles()[3].id

    synced: list[str] = []

    def die_after_commit(step: str) -> None:
        # Durable writes, in order: the record of the files to delete, the journal, the
        # metadata shard, the state shard; killed after the last, before any file goes.
        synced.extend([step] if step == "dir-fsynced" else [])
        if len(synced) == 4:
            os._exit(77)

    pid = os.fork()
    if pid == 0:
        try:
            Library.open(root, hook=die_after_commit).purge([victim])
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    assert os.WEXITSTATUS(status) == 77
    assert victim in dict(packs.all_entries(root / "packs")), "killed before its pack changed"
    reopened = Library.open(root)
    assert reopened.check() == []
    assert victim not in {a.id for a in Library.open(root).articles()}
    assert victim not in dict(packs.all_entries(root / "packs")), "the next writer finished it"
