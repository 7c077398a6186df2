"""Article packs: a large batch's new articles stored a few files to many articles.

What a user sees must not change with where an article's text is kept: every article
reads back, ``check`` is clean, a re-import's new text wins, an article removed for good
does not come back from its pack (not even when metadata is rebuilt), and a damaged pack
costs only the articles in it, each named.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import orjson
import pytest

from reader.cli.main import main
from reader.store import Library, NewArticle, packs
from reader.store.library import FORMAT, PACKS_FORMAT


def article(n: int, words: str = "Body words") -> NewArticle:
    return NewArticle(
        title=f"Packed {n}",
        body=f"{words} of article {n}, enough to tell it apart. " * 3,
        raw=f"raw {n}",
        raw_format="text",
        url=f"https://packs.example/{n}",
        date=f"2026-10-{n % 28 + 1:02d}",
        words=30,
    )


def own_files(root: Path) -> list[Path]:
    return sorted(root.glob("bodies/*/*.json"))


def pack_files(root: Path) -> list[Path]:
    return sorted(root.glob("packs/*.pack"))


def ids_by_title(library: Library) -> dict[str, str]:
    return {a.title: a.id for a in library.articles()}


def test_a_large_batch_goes_into_packs_and_every_article_reads_back(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    library = Library.open(root)
    library.add([article(n) for n in range(150)])
    assert own_files(root) == []
    held = [len(packs.index(path)) for path in pack_files(root)]
    assert sorted(held) == [22, 64, 64], "packs of at most 64 articles"
    reopened = Library.open(root)
    for title, article_id in ids_by_title(reopened).items():
        number = int(title.split()[-1])
        assert reopened.content(article_id).body.startswith(f"Body words of article {number},")
    assert reopened.check() == []


def test_a_small_batch_keeps_a_file_per_article(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    Library.open(root).add([article(n) for n in range(packs.PACK_MIN - 1)])
    assert len(own_files(root)) == packs.PACK_MIN - 1
    assert pack_files(root) == []


def test_a_reimported_article_reads_its_new_text_and_check_stays_clean(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    library = Library.open(root)
    library.add([article(n) for n in range(10)])
    library.add([article(3, words="Corrected words")], update_existing=True)
    reopened = Library.open(root)
    target = ids_by_title(reopened)["Packed 3"]
    assert reopened.content(target).body.startswith("Corrected words of article 3")
    assert reopened.check() == []
    shutil.rmtree(root / "meta")  # metadata lost: rebuilt from the newest copy of each
    rebuilt = Library.open(root)
    assert len(rebuilt.articles()) == 10
    assert rebuilt.content(target).body.startswith("Corrected words of article 3")


def test_removing_articles_for_good_takes_them_out_of_their_pack(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    library = Library.open(root)
    library.add([article(n) for n in range(10)])
    library.add([article(2, words="Corrected words")], update_existing=True)
    ids = ids_by_title(library)
    gone = [ids["Packed 1"], ids["Packed 2"], ids["Packed 7"]]
    bodies = {article_id: library.content(article_id).body for article_id in ids.values()}
    library.delete(gone)
    library.purge(gone)
    (pack,) = pack_files(root)
    assert set(packs.index(pack)) == set(ids.values()) - set(gone)
    for article_id in set(ids.values()) - set(gone):  # read again: the pack was rewritten
        assert library.content(article_id).body == bodies[article_id]
    assert own_files(root) == [], "the re-imported article's own file went too"
    shutil.rmtree(root / "meta")
    rebuilt = Library.open(root)
    assert {a.id for a in rebuilt.articles()} == set(ids.values()) - set(gone)
    assert rebuilt.check() == []
    rebuilt.delete(list(set(ids.values()) - set(gone)))
    rebuilt.purge_deleted(None)
    assert pack_files(root) == [], "a pack with no article left is removed"


def test_a_damaged_pack_costs_only_its_articles_each_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "lib"
    library = Library.open(root)
    library.add([article(n) for n in range(8)])
    library.add([article(n) for n in range(8, 16)])
    first, _ = sorted(pack_files(root), key=lambda path: path.stat().st_mtime_ns)
    damaged = set(packs.index(first))
    first.write_bytes(first.read_bytes()[:40])
    problems = Library.open(root).check()
    assert len(problems) == 8
    assert {next(i for i in damaged if i in line) for line in problems} == damaged
    assert main(["--library", str(root), "list"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 16
    intact = sorted(set(ids_by_title(Library.open(root)).values()) - damaged)[0]
    assert Library.open(root).content(intact).body.startswith("Body words")


def test_a_library_of_the_earlier_format_takes_the_new_one_with_its_first_pack(
    tmp_path: Path,
) -> None:
    root = tmp_path / "lib"
    library = Library.open(root)
    library.add([article(0)])
    manifest = root / "library.json"
    manifest.write_bytes(orjson.dumps({**orjson.loads(manifest.read_bytes()), "format": 1}))
    Library.open(root).add([article(0)])  # nothing packed: the format stays
    assert orjson.loads(manifest.read_bytes())["format"] == 1
    Library.open(root).add([article(n) for n in range(1, 9)])
    kept = orjson.loads(manifest.read_bytes())
    assert kept["format"] == PACKS_FORMAT == FORMAT
    assert "created" in kept, "the manifest's other fields stay"


def test_an_article_given_twice_in_a_packed_batch_keeps_the_last_text(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    library = Library.open(root)
    batch = [article(n) for n in range(6)] + [article(0, words="Second words")]
    library.add(batch, update_existing=True)
    target = ids_by_title(library)["Packed 0"]
    assert library.content(target).body.startswith("Second words of article 0")
    assert library.check() == []
    library.purge([target])
    assert library.check() == [], "nothing of the purged article is left to adopt"
    assert target not in ids_by_title(Library.open(root)).values()


def test_removing_an_article_from_a_pack_cut_short_keeps_the_damage_and_the_library_usable(
    tmp_path: Path,
) -> None:
    root = tmp_path / "lib"
    library = Library.open(root)
    ids = [outcome.id for outcome in library.add([article(n) for n in range(6)])]
    (pack,) = pack_files(root)
    last = max(packs.index(pack).items(), key=lambda entry: entry[1].offset)[0]
    os.truncate(pack, pack.stat().st_size - 10)
    library.purge([next(i for i in ids if i != last)])
    assert not (root / "pending.json").exists()
    problems = Library.open(root).check()
    assert len(problems) == 1 and last in problems[0]
    Library.open(root).add([article(100)])


@pytest.mark.parametrize("length", [1 << 40, 1 << 63])
def test_an_index_naming_a_huge_length_is_one_line_of_damage(
    tmp_path: Path, length: int, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "lib"
    Library.open(root).add([article(n) for n in range(6)])
    (pack,) = pack_files(root)
    head, _, rest = pack.read_bytes().partition(b"\n")
    index = orjson.loads(head)
    target = index["entries"][0][0]
    index["entries"][0][2] = length
    pack.write_bytes(orjson.dumps(index) + b"\n" + rest)
    for command in (["show", target], ["check"]):
        capsys.readouterr()
        assert main(["--library", str(root), *command]) == 1
        err = capsys.readouterr().err
        assert "Traceback" not in err
        assert [line for line in err.splitlines() if target in line] == [
            f"reader: {pack}: article pack is damaged: article {target} cannot be read"
        ]
