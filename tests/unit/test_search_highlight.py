"""Which words a result highlights, and which part of the body its snippet shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.search import SearchIndex, engine, find_spans
from reader.search.highlight import Matcher
from reader.search.query import Term
from reader.store import Library, NewArticle


@pytest.mark.parametrize(
    ("text", "terms", "found"),
    [
        ("rain, Rain_rain (rain)", ["rain"], ["rain", "Rain", "rain", "rain"]),
        ("terrain rains rain", ["rain"], ["rain"]),
        ("terrain rains rain", ["rain*"], ["rain", "rain"]),  # the typed part of "rains"
        ("Café culture, cafe owners", ["cafe"], ["Café", "cafe"]),
        ("red-sea red sea redsea", ["red sea"], ["red-sea", "red sea"]),
        ("東京の天気 and 京都", ["京"], ["京", "京"]),
        ("a b ab", ["a", "b"], ["a", "b"]),
    ],
)
def test_words_are_found_whole_or_as_typed_prefixes(
    text: str, terms: list[str], found: list[str]
) -> None:
    assert [text[a:b] for a, b in find_spans(text, terms)] == found


def test_the_snippet_shows_the_place_where_all_the_words_meet() -> None:
    filler = "Nothing to see in this sentence at all. " * 40
    body = (
        "The minister spoke first. "
        + filler
        + "Later the minister called an election for spring. "
        + filler
        + "An election was mentioned once more."
    )
    snippet, spans = Matcher.for_terms([Term("minister"), Term("election")]).snippet(body)
    assert "minister called an election" in snippet
    assert {snippet[a:b] for a, b in spans} == {"minister", "election"}


def test_a_body_full_of_a_common_word_gets_a_snippet_from_its_first_lines() -> None:
    body = "The opening line of the story. " + "The rest of the text. " * 500
    snippet, spans = Matcher.for_terms([Term("the")]).snippet(body)
    assert snippet.startswith("The opening line of the story.")
    assert snippet[spans[0][0] : spans[0][1]] == "The"


def test_while_typing_the_top_rows_always_get_snippets_and_enter_gives_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READER_LIBRARY", str(tmp_path / "unused"))
    monkeypatch.setenv("READER_CONFIG", str(tmp_path / "config.toml"))
    library = Library.open(tmp_path / "lib")
    library.add(
        [
            NewArticle(
                title=f"Harbour news {n}",
                body=f"Boats left the harbour on day {n}.",
                raw="",
                raw_format="text",
                url=f"https://example.com/{n}",
                date=f"2024-03-{n + 1:02d}",
            )
            for n in range(5)
        ]
    )
    index = SearchIndex.open(library)
    monkeypatch.setattr(engine, "SNIPPET_BUDGET", 0.0)  # out of time at once
    monkeypatch.setattr(engine, "SNIPPETS_ALWAYS", 2)

    typed = index.search("harb", typing=True).hits
    assert len(typed) == 5
    assert all("harbour" in hit.snippet for hit in typed[:2])
    assert [hit.snippet for hit in typed[2:]] == ["", "", ""]
    assert all(hit.title_spans for hit in typed)
    final = index.search("harbour").hits
    assert all("harbour" in hit.snippet for hit in final)
    index.close()
