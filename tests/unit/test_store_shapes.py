"""Valid JSON of the wrong shape in a shard: damage like any other, never a traceback.

A metadata or state shard is checked when it is parsed: a table of documents keyed by
document number, each document an object whose fields have the right types. A shard that
fails is set aside, its previous copy restored (or its metadata rebuilt from the article
files), with a message; every command goes on working.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest

from reader.cli.main import main
from reader.store import Library, NewArticle

Tables = dict[str, Any]


def article(n: int) -> NewArticle:
    return NewArticle(
        title=f"Shape test {n}",
        body=f"Shape body {n} with the word lantern in it. " * 3,
        raw=f"raw {n}",
        raw_format="text",
        url=f"https://shapes.example/{n}",
        date=f"2026-08-{n % 28 + 1:02d}",
        words=27,
    )


@pytest.fixture
def root(tmp_path: Path) -> Path:
    path = tmp_path / "lib"
    library = Library.open(path)
    library.add([article(n) for n in range(80)])
    ids = [a.id for a in library.articles()]
    library.set_read(ids[::2])
    library.set_bookmarked(ids[::5])
    return path


def busiest_shard(root: Path) -> str:
    """The metadata shard holding the most articles."""
    sizes = {
        p.stem: len(orjson.loads(p.read_bytes())["articles"]) for p in root.glob("meta/*.json")
    }
    return max(sizes, key=lambda name: sizes[name])


def first_doc(tables: Tables, table: str) -> tuple[str, dict[str, Any]]:
    key = sorted(tables[table])[0]
    return key, tables[table][key]


def set_field(field: str, value: object) -> Callable[[Tables], Tables]:
    def change(tables: Tables) -> Tables:
        _, doc = first_doc(tables, "articles")
        doc[field] = value
        return tables

    return change


def rename_first_key(new: Callable[[str], str]) -> Callable[[Tables], Tables]:
    def change(tables: Tables) -> Tables:
        key, doc = first_doc(tables, "articles")
        del tables["articles"][key]
        tables["articles"][new(key)] = doc
        return tables

    return change


META_SHAPES: dict[str, Callable[[Tables], object]] = {
    "doc-is-text": lambda t: {"articles": {"1": "x"}},
    "no-table": lambda t: {},
    "table-is-list": lambda t: {"articles": []},
    "top-is-list": lambda t: [t["articles"]],
    "key-with-letter": rename_first_key(lambda key: key[:-1] + "x"),
    "key-negative": rename_first_key(lambda key: "-" + key),
    "key-too-large": rename_first_key(lambda key: key + "0000000"),
    "title-number": set_field("title", 5),
    "date-number": set_field("date", 20260101),
    "words-text": set_field("words", "many"),
    "url-list": set_field("url", ["https://x.example"]),
    "id-number": set_field("id", 7),
    "tags-text": set_field("tags", "not a list"),
}
STATE_SHAPES: dict[str, Callable[[Tables], Tables]] = {
    "no-table": lambda t: {},
    "doc-is-number": lambda t: {"state": {"1": 5}},
    "read-text": lambda t: {"state": {k: {**v, "read": "yes"} for k, v in t["state"].items()}},
    "read-at-number": lambda t: {
        "state": {k: {**v, "read_at": 1700000000} for k, v in t["state"].items()}
    },
}


def damage(root: Path, kind: str, shard: str, change: Callable[[Tables], object]) -> Path:
    path = root / kind / f"{shard}.json"
    path.write_bytes(orjson.dumps(change(orjson.loads(path.read_bytes()))))
    return path


def run(root: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    status = main(["--library", str(root), *argv])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return status, captured.out, captured.err


def state_of(library: Library) -> dict[str, tuple[str, bool, bool]]:
    return {a.id: (a.title, a.read, a.bookmarked) for a in library.articles()}


@pytest.mark.parametrize("keep_prev", [True, False], ids=["prev", "no-prev"])
@pytest.mark.parametrize("how", sorted(META_SHAPES))
def test_a_metadata_shard_of_the_wrong_shape_is_damage_not_a_crash(
    root: Path, how: str, keep_prev: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    before = state_of(Library.open(root))
    shard = busiest_shard(root)
    if keep_prev:  # one more write to the shard: a re-import that renames an article
        number = next(int(t.split()[-1]) for i, (t, _, _) in before.items() if i[0] == shard)
        renamed = article(number)
        renamed.title = "Renamed before the damage"
        Library.open(root).add([renamed], update_existing=True)
    after_write = state_of(Library.open(root))
    damage(root, "meta", shard, META_SHAPES[how])
    status, out, err = run(root, capsys, "list")
    assert status == 0
    assert "moved to" in err and f"{shard}.json" in err, err
    assert len(out.splitlines()) == len(after_write)
    library = Library.open(root)
    assert state_of(library) == after_write
    assert set(before) <= set(after_write)
    for argv in (["check"], ["search", "lantern"]):
        status, out, err = run(root, capsys, *argv)
        assert status == 0, (argv, err)
    assert list((root / "damaged").iterdir())


@pytest.mark.parametrize("how", sorted(STATE_SHAPES))
def test_a_state_shard_of_the_wrong_shape_is_damage_not_silence(
    root: Path, how: str, capsys: pytest.CaptureFixture[str]
) -> None:
    library = Library.open(root)
    flagged = [a for a in library.articles() if a.read]
    shard = max({a.id[0] for a in flagged}, key=lambda s: sum(a.id[0] == s for a in flagged))
    target = next(a.id for a in flagged if a.id[0] == shard)
    library.set_position(target, {"line": 3})  # a last write: the shard has a previous copy
    before = state_of(Library.open(root))
    damage(root, "state", shard, STATE_SHAPES[how])
    for argv in (["list"], ["check"], ["search", "lantern"], ["mark", target]):
        status, _, err = run(root, capsys, *argv)
        assert status == 0, (argv, err)
        if argv == ["list"]:
            assert "moved to" in err and f"{shard}.json" in err, err
    assert state_of(Library.open(root)) == before


def test_a_one_character_change_in_a_document_key_is_named_not_a_traceback(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shard = busiest_shard(root)
    path = root / "meta" / f"{shard}.json"
    raw = path.read_bytes()
    key = sorted(orjson.loads(raw)["articles"])[0]
    path.write_bytes(raw.replace(f'"{key}":'.encode(), f'"{key[:-1]}z":'.encode(), 1))
    for argv in (["check"], ["search", "lantern"], ["list"]):
        status, _, err = run(root, capsys, *argv)
        assert status in (0, 1), (argv, err)
    assert len(Library.open(root).articles()) == 80


def test_the_app_starts_on_a_library_with_a_shard_of_the_wrong_shape(root: Path) -> None:
    damage(root, "meta", busiest_shard(root), META_SHAPES["doc-is-text"])
    script = Path(sys.executable).with_name("reader")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "reader"]
    env = {**os.environ, "READER_EXIT_AFTER_FIRST_ROWS": "1"}
    done = subprocess.run(
        [*command, "--library", str(root)],
        capture_output=True, text=True, timeout=60, env=env, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "moved to" in done.stderr


def test_a_damaged_newest_rows_cache_is_ignored(root: Path) -> None:
    library = Library.open(root)
    library.articles()
    cache = root / "cache" / "newest.json"
    data = orjson.loads(cache.read_bytes())
    data["rows"][0][1]["title"] = 12
    cache.write_bytes(orjson.dumps(data))
    rows = Library.open(root).newest()
    assert rows is None or all(isinstance(a.title, str) for a in rows)
    data["rows"][1] = "x"
    cache.write_bytes(orjson.dumps(data))
    assert Library.open(root).newest() is None
