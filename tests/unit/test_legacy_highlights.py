"""A library an earlier release wrote: the highlights its imports kept in the metadata
document are moved into the state the first time it is opened, once, and then shown."""

from __future__ import annotations

import errno
import json
import shutil
from pathlib import Path
from typing import Any

import orjson
import pytest

from reader.cli.main import main
from reader.store import Library, NewArticle
from reader.store.ids import doc_id_of, shard_of

BODY = (
    "The ferryman keeps a notebook of every crossing. Eleven volumes sit on his shelf.\n\n"
    "In winter the river freezes and he walks across instead."
)
#: As the earlier release kept them: ``{"text", "note", "created"}``.
OLD_MARKS: list[dict[str, str | None]] = [
    {
        "text": "keeps a notebook of every crossing",
        "note": "Eleven volumes!",
        "created": "2024-03-02T10:00:00+00:00",
    },
    {"text": "A sentence a later cleaning dropped.", "note": None, "created": None},
]


def earlier_release_library(root: Path) -> str:
    """A library as the earlier release left it: highlights in the metadata shard and in
    the article file's copy of it, nothing in the state, no upgrade in the manifest."""
    library = Library.open(root)
    [outcome] = library.add(
        [NewArticle(title="The ferryman", body=BODY, raw=BODY, raw_format="text", words=30)]
    )
    article_id = outcome.id
    shard = root / "meta" / f"{shard_of(article_id)}.json"
    tables = orjson.loads(shard.read_bytes())
    [table] = tables.values()
    table[str(doc_id_of(article_id))]["highlights"] = OLD_MARKS
    shard.write_bytes(orjson.dumps(tables))
    body = root / "bodies" / article_id[:2] / f"{article_id}.json"
    stored = orjson.loads(body.read_bytes())
    stored["meta"]["highlights"] = OLD_MARKS
    body.write_bytes(orjson.dumps(stored))
    manifest = root / "library.json"
    manifest.write_bytes(orjson.dumps({"format": 1, "created": "2026-01-01T00:00:00+00:00"}))
    return article_id


def meta_doc(root: Path, article_id: str) -> dict[str, Any]:
    tables = orjson.loads((root / "meta" / f"{shard_of(article_id)}.json").read_bytes())
    [table] = tables.values()
    doc: dict[str, Any] = table[str(doc_id_of(article_id))]
    return doc


def test_highlights_kept_in_metadata_are_moved_into_the_state_and_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "lib"
    article_id = earlier_release_library(root)

    assert main(["highlights", "--library", str(root), "--json"]) == 0
    printed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(line["text"], line["note"]) for line in printed] == [
        ("A sentence a later cleaning dropped.", None),  # no time: given the move's, newest
        ("keeps a notebook of every crossing", "Eleven volumes!"),
    ]
    assert {line["article"] for line in printed} == {article_id}

    library = Library.open(root)
    found, lost = library.highlights(article_id)
    assert found["quote"] == "keeps a notebook of every crossing"
    assert found["prefix"] == "The ferryman " and found["suffix"].startswith(". Eleven")
    assert found["created"] == "2024-03-02T10:00:00+00:00"
    assert lost["prefix"] == lost["suffix"] == ""  # not in the text: kept, detached
    assert "highlights" not in meta_doc(root, article_id)
    assert "highlights-in-state" in orjson.loads((root / "library.json").read_bytes())["upgraded"]


def test_the_move_happens_once(tmp_path: Path) -> None:
    """A highlight removed after the move does not come back at the next opening."""
    root = tmp_path / "lib"
    article_id = earlier_release_library(root)
    library = Library.open(root)
    first, second = library.highlights(article_id)
    library.remove_highlight(article_id, second["id"])
    library.set_note(article_id, first["id"], "Twelve now.")

    again = Library.open(root)
    assert [(mark["quote"], mark["note"]) for mark in again.highlights(article_id)] == [
        ("keeps a notebook of every crossing", "Twelve now.")
    ]


def test_a_library_that_cannot_be_written_opens_and_shows_its_articles(tmp_path: Path) -> None:
    """Without the write lock (another writer busy) opening still works; the move waits."""
    root = tmp_path / "lib"
    article_id = earlier_release_library(root)
    holder = Library.open(root)
    with holder.write_lock.held():
        library = Library.open(root, lock_timeout=0.05)
        assert [article.id for article in library.articles()] == [article_id]
    assert len(Library.open(root).highlights(article_id)) == 2


def test_a_new_library_records_that_it_needs_no_move(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    Library.open(root)
    assert orjson.loads((root / "library.json").read_bytes())["upgraded"] == ["highlights-in-state"]


def test_a_write_failing_at_any_step_of_the_move_loses_nothing(tmp_path: Path) -> None:
    """Each write step of the move fails in turn (a full disk): the library opens anyway,
    with a warning, and the next opening ends with each highlight in the state once."""
    template = tmp_path / "template"
    article_id = earlier_release_library(template)
    counting = tmp_path / "count"
    shutil.copytree(template, counting)
    counter = FailAt(None)
    Library.open(counting, hook=counter)
    assert counter.steps >= 3  # the state and metadata shards (and journal), the manifest
    for at in range(counter.steps):
        root = tmp_path / f"t{at}"
        shutil.copytree(template, root)
        library = Library.open(root, hook=FailAt(at))
        assert [article.id for article in library.articles()] == [article_id]
        assert any("could not be moved yet" in warning for warning in library.warnings), at
        again = Library.open(root)
        assert again.warnings == [], at
        quotes = sorted(mark["quote"] for mark in again.highlights(article_id))
        assert quotes == sorted(str(mark["text"]) for mark in OLD_MARKS), at
        assert "highlights" not in meta_doc(root, article_id)


class FailAt:
    """A store hook: the ``at``-th write step fails once, as on a full disk."""

    def __init__(self, at: int | None) -> None:
        self.at = at
        self.steps = 0

    def __call__(self, step: str) -> None:
        self.steps += 1
        if self.steps - 1 == self.at:
            raise OSError(errno.ENOSPC, "No space left on device", step)
