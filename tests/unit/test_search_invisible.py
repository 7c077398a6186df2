"""Invisible characters inside words: a soft hyphen (or a joiner) does not split the word it
sits in, in the index or in a query, and the highlight covers the whole word."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli.main import main
from reader.search import SearchIndex, find_spans
from reader.search.text import tokens
from reader.store import Library, NewArticle

SHY = "\u00ad"
TITLE = f"Neue Tech{SHY}nik im Hafen"
BODY = f"Die Tech{SHY}nik der Fähre ist neu, sagte der Ver{SHY}kehrs{SHY}minister."


def article(title: str, body: str, day: str) -> NewArticle:
    return NewArticle(
        title=title,
        body=body,
        raw=body,
        raw_format="text",
        source="Hafenblatt",
        url=f"https://example.com/{day}",
        date=day,
    )


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Library:
    monkeypatch.setenv("READER_LIBRARY", str(tmp_path / "lib"))
    monkeypatch.setenv("READER_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    lib = Library.open(tmp_path / "lib")
    lib.add(
        [
            article(TITLE, BODY, "2026-11-02"),
            article(
                "Ferry timetable", "Boats leave at nine; tech teams fix the nik.", "2026-11-01"
            ),
            article("Zero width", "foo\u200bbar and می\u200cخواهم here", "2026-10-01"),
        ]
    )
    return lib


def search_json(library: Library, query: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """The titles ``reader search QUERY --json`` prints (none when it exits 1)."""
    status = main(["--library", str(library.root), "search", query, "--json"])
    out = capsys.readouterr().out
    assert status in (0, 1)
    return [json.loads(line)["title"] for line in out.splitlines()]


@pytest.mark.parametrize(
    "query", ["Technik", "technik", "title:technik", "title:Technik", f"Tech{SHY}nik"]
)
def test_a_word_with_a_soft_hyphen_is_found_whole(
    library: Library, query: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert search_json(library, query, capsys) == [TITLE]


def test_a_body_word_with_soft_hyphens_is_found_whole_and_its_parts_are_not_words(
    library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    assert search_json(library, "verkehrsminister", capsys) == [TITLE]
    assert search_json(library, '"der verkehrsminister"', capsys) == [TITLE]
    assert search_json(library, "kehrs", capsys) == []
    # the parts of "Tech-nik" are not words of its article: only the other one has them
    assert search_json(library, "tech nik", capsys) == ["Ferry timetable"]


def test_highlights_cover_the_whole_word_soft_hyphen_included(library: Library) -> None:
    result = SearchIndex.open(library).search("technik verkehrsminister")
    (hit,) = result.hits
    assert [hit.title[a:b] for a, b in hit.title_spans] == [f"Tech{SHY}nik"]
    assert {hit.snippet[a:b] for a, b in hit.snippet_spans} == {
        f"Tech{SHY}nik",
        f"Ver{SHY}kehrs{SHY}minister",
    }
    # in an opened article, the spans count the soft hyphens the text still holds
    text = f"Zwei{SHY}mal: die Tech{SHY}nik, und Technik."
    assert [text[a:b] for a, b in find_spans(text, result.terms)] == [
        f"Tech{SHY}nik",
        "Technik",
    ]


def test_a_typed_prefix_lights_up_the_start_of_the_word(library: Library) -> None:
    result = SearchIndex.open(library).search("techn", typing=True)
    assert [hit.title for hit in result.hits] == [TITLE]
    assert [TITLE[a:b] for a, b in result.hits[0].title_spans] == [f"Tech{SHY}n"]


def test_joiners_join_but_a_zero_width_space_separates(
    library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    words = tokens(f"a{SHY}b c\u200dd e\u2060f g\ufeffh i\u200bj")
    assert " ".join(words) == "ab cd ef gh i j"
    assert search_json(library, "bar", capsys) == ["Zero width"]
    assert search_json(library, "foobar", capsys) == []
    assert search_json(library, "میخواهم", capsys) == ["Zero width"]
    assert search_json(library, "می\u200cخواهم", capsys) == ["Zero width"]


def test_spans_count_every_invisible_character_before_and_inside_the_word() -> None:
    text = f"\u200da{SHY}{SHY}b \u2060Tech{SHY}nik{SHY} x{SHY}"
    spans = find_spans(text, ["ab", "technik", "x"])
    assert [text[a:b] for a, b in spans] == [f"a{SHY}{SHY}b", f"Tech{SHY}nik", "x"]
