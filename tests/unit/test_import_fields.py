"""Exports with fields of the wrong kind: each bad entry fails alone, in plain words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.ingest.prepare import Failure, ImportedArticle, prepare_file
from reader.store import NewArticle

CONTENT = "<p>" + "The ferry left the harbour at dawn and reached the island by noon. " * 4 + "</p>"


def write(path: Path, value: object) -> str:
    path.write_text(json.dumps(value))
    return str(path)


def outcome(path: str) -> list[str]:
    """Each item as a line: the failure, or ``article: title``."""
    return [
        str(item) if isinstance(item, Failure) else f"article: {item.title}"
        for item in prepare_file(path)
        if isinstance(item, Failure | NewArticle)
    ]


def wallabag_entry(**fields: object) -> dict[str, object]:
    entry: dict[str, object] = {
        "is_archived": 0,
        "is_starred": 0,
        "title": "Ferry",
        "url": "https://news.example.org/ferry",
        "content": CONTENT,
    }
    entry.update(fields)
    return entry


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"title": ["a", "list"]}, "title is not text"),
        ({"content": {"html": "x"}}, "content is not text"),
        ({"url": {"href": "https://a.example"}}, "url is not text"),
    ],
)
def test_a_wallabag_entry_whose_text_is_not_text_fails_alone(
    tmp_path: Path, fields: dict[str, object], reason: str
) -> None:
    path = write(tmp_path / "wallabag.json", [wallabag_entry(**fields), wallabag_entry(title="Ok")])
    title = "Ferry" if "title" not in fields else "untitled"
    assert outcome(path) == [f'{path}: entry 1 ("{title}"): {reason}', "article: Ok"]


def test_wallabag_metadata_of_the_wrong_kind_or_out_of_range_is_left_out(tmp_path: Path) -> None:
    entry = wallabag_entry(
        language=["en"],
        domain_name=True,
        tags=["town", ["nested"], {"label": {"x": 1}}, {"label": "river"}],
        is_starred={"yes": 1},
        published_at="0001-01-01T00:00:00+05:00",
        created_at=-(10**15),
        published_by=[None, 12, "Ana Ortiz"],
    )
    (article,) = prepare_file(write(tmp_path / "wallabag.json", [entry]))
    assert isinstance(article, ImportedArticle)
    assert (article.title, article.language, article.date, article.saved) == (
        "Ferry",
        None,
        None,
        None,
    )
    assert article.tags == ("town", "river")
    assert article.author == "12, Ana Ortiz"
    assert article.bookmarked is False


def omnivore_entry(**fields: object) -> dict[str, object]:
    entry: dict[str, object] = {
        "slug": "ferry",
        "savedAt": "2024-01-02T03:04:05Z",
        "title": "Ferry",
        "url": "https://news.example.org/ferry",
    }
    entry.update(fields)
    return entry


def test_an_omnivore_item_with_an_address_that_is_not_text_fails_alone(tmp_path: Path) -> None:
    entries = [omnivore_entry(url=["https://a.example"]), omnivore_entry()]
    path = write(tmp_path / "metadata_0_to_1.json", entries)
    assert outcome(path) == [
        f'{path}: entry 1 ("Ferry"): url is not text',
        "article: Ferry",  # a link-only article: no content file here
    ]


def test_omnivore_labels_and_dates_of_the_wrong_kind_are_left_out(tmp_path: Path) -> None:
    entries = [omnivore_entry(labels=True, savedAt={"when": "today"}, state=["Archived"])]
    (link,) = prepare_file(write(tmp_path / "metadata_0_to_1.json", entries))
    assert isinstance(link, ImportedArticle)
    assert (link.tags, link.saved, link.read) == ((), None, False)


def test_pocket_csv_times_out_of_range_and_line_breaks_in_titles(tmp_path: Path) -> None:
    csv = tmp_path / "pocket.csv"
    csv.write_bytes(
        b"title,url,time_added,tags,status\r\n"
        b'"Two\rlines",https://a.example/1,-99999999999999999,,unread\r\n'
        b"Far future,https://a.example/2,99999999999999,,archive\r\n"
        b"Not a number,https://a.example/3,soon,,unread\r\n"
    )
    links = prepare_file(str(csv))
    assert [type(item).__name__ for item in links] == ["ImportedArticle"] * 3
    assert [item.title for item in links if isinstance(item, NewArticle)] == [
        "Two lines",
        "Far future",
        "Not a number",
    ]


def test_pocket_csv_with_a_broken_row_keeps_the_others(tmp_path: Path) -> None:
    csv = tmp_path / "pocket.csv"
    huge = "x" * 200_000  # past the csv module's field size limit
    csv.write_text(f"title,url\n{huge},https://a.example/1\nFine,https://a.example/2\n")
    lines = outcome(str(csv))
    assert lines[0].startswith(f"{csv}: line 2: unreadable row (field larger than")
    assert lines[1:] == ["article: Fine"]


def test_a_damaged_reader_export_record_names_the_field(tmp_path: Path) -> None:
    good = {"title": "Kept", "body": "The ferry left at dawn."}
    records = [
        {"title": "No body"},
        {"title": "Odd", "body": {"markdown": "x"}},
        {"title": ["Odd"], "body": "Text."},
        "not an object",
        good | {"removed": [["only one part"], ["Share", "share"]], "tags": "one"},
    ]
    path = write(tmp_path / "export.json", {"reader_export": 1, "articles": records})
    assert outcome(path) == [
        f"{path}: article 1: damaged record (body is missing)",
        f"{path}: article 2: damaged record (body is not text)",
        f"{path}: article 3: damaged record (title is not text)",
        f"{path}: article 4: damaged record (not an object)",
        "article: Kept",
    ]
    kept = prepare_file(path)[-1]
    assert isinstance(kept, ImportedArticle)
    assert [(r.text, r.reason) for r in kept.removed] == [("Share", "share")]
    assert kept.tags == ("one",)
