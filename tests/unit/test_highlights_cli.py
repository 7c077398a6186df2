"""``reader highlights``: every highlight with its article, newest first; detached ones
listed as such, never left out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli.main import main
from reader.store import Library, NewArticle

BODY = "The tide turns at six tonight. Boats wait in the outer harbour."


@pytest.fixture
def library(tmp_path: Path) -> Library:
    lib = Library.open(tmp_path / "lib")
    [outcome] = lib.add(
        [
            NewArticle(
                title="Tides [b]tonight[/b]",
                body=BODY,
                raw=BODY,
                raw_format="text",
                url="https://news.example.com/tides",
                words=12,
            )
        ]
    )
    lib.add_highlight(
        outcome.id,
        {
            "id": "h1",
            "quote": "The tide turns at six tonight.",
            "prefix": "",
            "suffix": " Boats wait",
            "note": "Leave by five.",
            "created": "2026-11-01T10:00:00+00:00",
        },
    )
    lib.add_highlight(
        outcome.id,
        {
            "id": "h2",
            "quote": "A passage a later cleaning dropped.",
            "prefix": "",
            "suffix": "",
            "note": None,
            "created": "2026-11-02T10:00:00+00:00",
        },
    )
    return lib


def test_json_lines_carry_the_promised_keys(
    library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["highlights", "--library", str(library.root), "--json"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    article_id = library.articles()[0].id
    assert records == [
        {
            "article": article_id,
            "title": "Tides [b]tonight[/b]",
            "text": "A passage a later cleaning dropped.",
            "note": None,
            "created": "2026-11-02T10:00:00+00:00",
            "id": "h2",
            "detached": True,
        },
        {
            "article": article_id,
            "title": "Tides [b]tonight[/b]",
            "text": "The tide turns at six tonight.",
            "note": "Leave by five.",
            "created": "2026-11-01T10:00:00+00:00",
            "id": "h1",
            "detached": False,
        },
    ]


def test_text_lists_quote_note_and_whether_detached(
    library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["highlights", "--library", str(library.root)]) == 0
    out = capsys.readouterr().out
    article_id = library.articles()[0].id
    assert out == (
        f"{article_id}  2026-11-02  Tides [b]tonight[/b]\n"
        "  > A passage a later cleaning dropped.\n"
        "  (detached: no longer found in the article's text)\n\n"
        f"{article_id}  2026-11-01  Tides [b]tonight[/b]\n"
        "  > The tide turns at six tonight.\n"
        "  Note: Leave by five.\n"
    )


def test_a_library_without_highlights_prints_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Library.open(tmp_path / "empty")
    assert main(["highlights", "--library", str(tmp_path / "empty"), "--json"]) == 0
    assert capsys.readouterr().out == ""
