"""Damaged files: 0 bytes, cut short, trailing garbage, flipped bytes, leftovers, bad journals.

The promise: the last good copy comes back, or the damaged file is set aside with a
message; never a silent empty library; at most the last write is lost; and the
``reader`` commands say what is wrong in one line instead of a traceback.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from crash_driver import crash_article
from library_state import snapshot

from reader.cli.main import main
from reader.store import Library, StoreError, packs
from reader.store.library import FORMAT

ARTICLES = 24


def build_template(root: Path) -> Path:
    library = Library.open(root)
    library.add([crash_article(0, n) for n in range(ARTICLES)])
    ids = sorted(a.id for a in library.articles())
    library.set_read(ids[::3])
    library.set_bookmarked(ids[1::4])
    library.set_position(ids[2], {"line": 12})
    return root


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_template(tmp_path_factory.mktemp("template") / "lib")


def use_everything(library: Library) -> dict[str, Any]:
    """Everything a user can do that reads the library; none of it may raise."""
    seen = snapshot(library)
    for article_id in seen:
        library.get(article_id)
        library.resolve(article_id[:6])
    assert library.check() == []
    some = next(iter(seen))
    library.set_bookmarked([some], True)
    library.add([crash_article(9, 1)])
    return seen


class Damage:
    """One way to damage a file, applied with a seeded random generator."""

    @staticmethod
    def flip(data: bytes, rng: random.Random) -> bytes:
        out = bytearray(data)
        for _ in range(rng.randint(1, 3)):
            position = rng.randrange(len(out))
            out[position] ^= rng.randint(1, 255)
        return bytes(out)

    @staticmethod
    def truncate(data: bytes, rng: random.Random) -> bytes:
        return data[: rng.randrange(len(data))]

    @staticmethod
    def garbage_after(data: bytes, rng: random.Random) -> bytes:
        return (
            data
            + rng.choice([b"garbage", b"}", b"\x00" * 9, b'{"articles": {}}', b"\n\n "])[:-1]
            + b"x"
        )

    @staticmethod
    def zero(data: bytes, rng: random.Random) -> bytes:
        return b""

    @staticmethod
    def shape(data: bytes, rng: random.Random) -> bytes:
        """Valid JSON of the wrong shape: what a buggy tool or a lucky flip leaves."""
        tables = orjson.loads(data)
        name = next(iter(tables))
        table = tables[name]
        key = rng.choice(sorted(table)) if table else "1"
        how = rng.choice(
            [
                "no-table",
                "doc-text",
                "key-letter",
                "field-type",
                "table-list",
                "top-list",
                "emptied",
            ]
        )
        if how == "no-table":
            return b"{}"
        if how == "doc-text":
            table[key] = "x"
        elif how == "key-letter" and table:
            table[key[:-1] + "x"] = table.pop(key)
        elif how == "field-type" and table:
            field = "title" if name == "articles" else "read"
            table[key][field] = 5 if name == "articles" else "yes"
        elif how == "table-list":
            tables[name] = list(table.values())
        elif how == "top-list":
            return orjson.dumps([table])
        elif how == "emptied" and name == "articles":
            tables[name] = {}  # an empty table is valid: the article files tell what it held
        else:
            table[key] = "x"
        return orjson.dumps(tables)


DAMAGES = {
    "flip": Damage.flip,
    "truncate": Damage.truncate,
    "garbage": Damage.garbage_after,
    "zero": Damage.zero,
    "shape": Damage.shape,
}
#: What the library says when it noticed damage: set aside, or metadata rebuilt.
NOTICED = ("moved to", "rebuilt their metadata")


def damage_after_a_write(
    template: Path, root: Path, kind: str, how: str, keep_prev: bool, rng: random.Random
) -> tuple[dict[str, Any], dict[str, Any], Path]:
    """Make one last write to a shard, then damage that shard; returns the states around it."""
    shutil.copytree(template, root)
    library = Library.open(root)
    target = rng.choice(sorted(snapshot(library)))
    before_last = snapshot(library)
    if kind == "state":
        library.set_read([target], not library.get(target).read)
    else:
        renamed = crash_article(0, 0)
        library.add([crash_article(7, rng.randrange(10**6))])  # a last write to some meta shard
        target = sorted(set(snapshot(library)) - set(before_last))[0]
        del renamed
    after_last = snapshot(library)
    shard = root / kind / f"{target[0]}.json"
    previous = shard.with_name(shard.name + ".prev")
    if not keep_prev:
        previous.unlink(missing_ok=True)
    shard.write_bytes(DAMAGES[how](shard.read_bytes(), rng))
    return before_last, after_last, shard


@pytest.mark.parametrize("keep_prev", [True, False], ids=["prev-kept", "no-prev"])
@pytest.mark.parametrize("how", sorted(DAMAGES))
@pytest.mark.parametrize("kind", ["meta", "state"])
def test_a_damaged_shard_loses_at_most_the_last_write(
    template: Path, tmp_path: Path, kind: str, how: str, keep_prev: bool
) -> None:
    rng = random.Random(f"{kind}-{how}-{keep_prev}")
    for trial in range(6 if how in ("flip", "truncate", "shape") else 1):
        root = tmp_path / f"lib{trial}"
        before_last, after_last, shard = damage_after_a_write(
            template, root, kind, how, keep_prev, rng
        )
        library = Library.open(root)
        state = snapshot(library)
        noticed = [w for w in library.warnings if any(n in w for n in NOTICED)]
        assert len(state) >= ARTICLES, "a damaged shard must never read as an empty library"
        if noticed:
            set_aside = "moved to" in noticed[0]
            assert not set_aside or list((root / "damaged").iterdir()), "the damaged file is kept"
            if keep_prev or kind == "meta":
                assert state in (before_last, after_last), noticed
            else:  # state shard with no good copy: its flags are gone, and the user is told
                assert "start empty" in noticed[0]
                assert {k: v[:5] for k, v in state.items()} == {
                    k: v[:5] for k, v in after_last.items()
                }
        else:
            # A change JSON cannot detect (a letter in a title, a digit in a count) stays
            # in that one shard's articles; everything else is as it was.
            assert how == "flip"
            changed = {k for k in set(state) | set(after_last) if state.get(k) != after_last.get(k)}
            assert all(k[0] == shard.stem for k in changed), changed
        use_everything(Library.open(root))


def test_leftover_temp_files_in_every_folder_are_harmless(template: Path, tmp_path: Path) -> None:
    root = tmp_path / "lib"
    shutil.copytree(template, root)
    before = snapshot(Library.open(root))
    folders = [root, root / "meta", root / "state", *sorted((root / "bodies").iterdir())[:3]]
    for number, folder in enumerate(folders):
        (folder / f".{number}.json.{4000 + number}.tmp").write_bytes(b'{"articles": {"1": {')
        (folder / f".{number}.json.{4000 + number}.prev.tmp").write_bytes(b"")
    library = Library.open(root)
    assert library.warnings == []
    assert snapshot(library) == before
    for folder in (root, root / "meta", root / "state"):
        assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]
    use_everything(library)


JOURNALS: dict[str, Callable[[bytes, random.Random], bytes]] = {
    "random-bytes": lambda real, rng: rng.randbytes(rng.randint(1, 200)),
    "truncated": lambda real, rng: real[: rng.randrange(len(real))],
    "flipped": lambda real, rng: Damage.flip(real, rng),
    "wrong-shape": lambda real, rng: rng.choice(
        [
            b"{}",
            b"[1]",
            b"[[]]",
            b'[{"kind": "meta"}]',
            b'"text"',
            b"null",
            b'[{"kind": "other", "shard": "0", "upserts": {}, "deletes": []}]',
            b'[{"kind": "state", "shard": "../../x", "upserts": {}, "deletes": []}]',
            b'[{"kind": "state", "shard": "0", "upserts": {"1": 5}, "deletes": ["a"]}]',
            b'[{"kind": "meta", "shard": "0", "upserts": [], "deletes": {}}]',
        ]
    ),
}


def a_real_journal(template: Path, root: Path) -> bytes:
    """The journal a three-shard bookmark change writes, captured before it is applied."""
    shutil.copytree(template, root)
    library = Library.open(root)
    by_shard: dict[str, str] = {}
    for article_id in snapshot(library):
        by_shard.setdefault(article_id[0], article_id)
    captured: list[bytes] = []

    def hook(step: str) -> None:
        journal = root / "journal.json"
        if step == "replaced" and journal.exists() and not captured:
            captured.append(journal.read_bytes())

    Library.open(root, hook=hook).set_bookmarked(sorted(by_shard.values())[:3], True)
    shutil.rmtree(root)
    return captured[0]


@pytest.mark.parametrize("how", sorted(JOURNALS))
def test_a_garbage_journal_never_stops_the_library_opening(
    template: Path, tmp_path: Path, how: str
) -> None:
    real = a_real_journal(template, tmp_path / "capture")
    rng = random.Random(how)
    for trial in range(12):
        root = tmp_path / f"lib{trial}"
        shutil.copytree(template, root)
        before = snapshot(Library.open(root))
        (root / "journal.json").write_bytes(JOURNALS[how](real, rng))
        library = Library.open(root)
        assert not (root / "journal.json").exists()
        state = snapshot(library)
        assert set(state) == set(before), "a journal never adds or removes articles here"
        outside = [p for p in tmp_path.rglob("x.json")]
        assert outside == [], "a journal must never write outside the library"
        use_everything(library)


BODY_DAMAGE = [
    b"",
    b'{"meta": {"id"',
    b"\x00\x01garbage",
    b"[]",
    b'"text"',
    b"null",
    b'{"body": 5}',
    b'{"body": "ok", "removed": 3}',
    b'{"body": "ok", "removed": [[1]]}',
]


def damage_article(root: Path, article_id: str, damage: bytes, form: str) -> None:
    """Damage an article's stored copy: its own file (written over its packed copy, as a
    re-import does), or its place inside its pack (the pack's other articles untouched)."""
    if form == "own file":
        path = root / "bodies" / article_id[:2] / f"{article_id}.json"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(damage)
        return
    place = dict(packs.all_entries(root / "packs"))[article_id]
    with open(place.path, "r+b") as pack:
        pack.seek(place.offset)
        pack.write(damage[: place.length].ljust(place.length))


@pytest.mark.parametrize("form", ["own file", "packed"])
@pytest.mark.parametrize("damage", BODY_DAMAGE, ids=[str(i) for i in range(len(BODY_DAMAGE))])
def test_a_damaged_article_file_is_one_line_in_show_and_check(
    template: Path, tmp_path: Path, damage: bytes, form: str, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "lib"
    shutil.copytree(template, root)
    target = sorted(snapshot(Library.open(root)))[0]
    damage_article(root, target, damage, form)
    with pytest.raises(StoreError):
        Library.open(root).content(target)
    problems = Library.open(root).check()
    assert len(problems) == 1 and target in problems[0]
    for command, status in ((["show", target], 1), (["check"], 1), (["list"], 0)):
        capsys.readouterr()
        assert main(["--library", str(root), *command]) == status
        err = capsys.readouterr().err
        assert "Traceback" not in err
        if status:
            assert len(err.strip().splitlines()) == 1 and target in err, err


MANIFESTS = [
    b"",
    b"garbage",
    b"[]",
    b'{"format": "x"}',
    b'{"format": null}',
    b'{"nothing": 1}',
    b'{"format": 1',
    b"\xff\xfe",
]


@pytest.mark.parametrize("damage", MANIFESTS, ids=[str(i) for i in range(len(MANIFESTS))])
def test_a_damaged_library_json_is_written_again_with_a_message(
    template: Path, tmp_path: Path, damage: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "lib"
    shutil.copytree(template, root)
    before = snapshot(Library.open(root))
    (root / "library.json").write_bytes(damage)
    library = Library.open(root)
    assert snapshot(library) == before
    assert any("library.json" in w for w in library.warnings)
    assert orjson.loads((root / "library.json").read_bytes())["format"] == FORMAT


def test_a_newer_library_is_refused_in_one_line(
    template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "lib"
    shutil.copytree(template, root)
    (root / "library.json").write_bytes(b'{"format": 99}')
    assert main(["--library", str(root), "list"]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "newer" in err


@pytest.mark.parametrize("damage", ["id-letters", "id-other-article", "key-other-number"])
def test_a_document_whose_id_disagrees_with_its_key_still_lists(
    template: Path, tmp_path: Path, damage: str
) -> None:
    """Valid JSON that a flipped byte made inconsistent: one article may suffer, never the list."""
    root = tmp_path / "lib"
    shutil.copytree(template, root)
    before = snapshot(Library.open(root))
    victim = sorted(before)[0]
    shard = root / "meta" / f"{victim[0]}.json"
    data = orjson.loads(shard.read_bytes())
    key = next(iter(data["articles"]))
    if damage == "id-letters":
        data["articles"][key]["id"] = "\x7f" + data["articles"][key]["id"][1:]
    elif damage == "id-other-article":
        data["articles"][key]["id"] = data["articles"][key]["id"][:-1] + "z"
    else:
        data["articles"][str(int(key) + 1)] = data["articles"].pop(key)
    shard.write_bytes(orjson.dumps(data))
    library = Library.open(root)
    assert len(library.articles()) == len(before)
    assert main(["--library", str(root), "list"]) == 0
