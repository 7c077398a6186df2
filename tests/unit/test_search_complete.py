"""Every query is answered in full: the real count, every match reachable page by page,
phrases of common words matched exactly (through their pair tokens), ranked when a word
says something and newest first when every word is common."""

from __future__ import annotations

import random
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

import pytest

from reader.search import SearchIndex, engine, pairs
from reader.search.answer import NewestAnswer, RankedAnswer
from reader.search.compile import compile_query
from reader.search.pairs import JOIN
from reader.search.query import Query, parse
from reader.search.text import tokens, words_in
from reader.search.vocabulary import Vocabulary
from reader.store import Library, NewArticle

COMMON = ["the", "of", "and", "to", "in", "harbour", "ferry", "budget"]
RARE = ["lantern", "orchard", "quarry", "tunnel", "meadow", "glacier", "canal", "bridge"]
RARE += ["violin", "comet", "falcon", "copper", "saffron", "walnut", "pepper", "linen"]
RARE += ["anchor", "basalt", "cinder", "dune", "ember", "fjord", "geyser", "heron", "iris"]
RARE += ["jasper", "kelp", "lagoon", "marble", "nectar"]
N = 90


def article(number: int) -> NewArticle:
    rng = random.Random(number)
    words = [rng.choice(COMMON) if rng.random() < 0.96 else rng.choice(RARE) for _ in range(60)]
    body = " ".join(["The", *words]) + "."
    title = " ".join(rng.choice(RARE) for _ in range(2)).capitalize() + f" {number}"
    day = date(2024, 1, 1) + timedelta(days=number * 3 % 200)
    return NewArticle(
        title=title,
        body=body,
        raw=body,
        raw_format="text",
        source="Gazette",
        url=f"https://complete.example/{number}",
        date=day.isoformat(),
    )


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Library:
    monkeypatch.setattr(pairs, "HEAVY_FROM", 30)  # heavy words chosen part-way
    lib = Library.open(tmp_path / "lib")
    for first in range(0, N, 20):
        lib.add([article(n) for n in range(first, min(N, first + 20))])
        SearchIndex.open(lib).close()  # indexed as the library grows
    return lib


def expected(library: Library, phrase: str) -> set[str]:
    """The articles holding ``phrase``, found by reading every one."""
    found = set()
    for row in library.articles():
        content = library.content(row.id)
        if words_in(phrase, row.title) or words_in(phrase, content.body):
            found.add(row.id)
    return found


def every_hit(index: SearchIndex, query: str, page: int = 7) -> list[tuple[str, float, str]]:
    """(id, score, date) of every match, read page by page after the first."""
    result = index.search(query, page)
    assert result.error is None, result.error
    rows = list(result.hits)
    while len(rows) < result.total:
        more = index.page(result, len(rows), page)
        assert more, "a page before the end came back empty"
        rows += more
    assert len(rows) == result.total
    return [(hit.id, hit.score, hit.date or "") for hit in rows]


def test_phrases_of_common_words_match_exactly_through_their_pairs(library: Library) -> None:
    index = SearchIndex.open(library)
    vocabulary = Vocabulary(index._connection)
    assert vocabulary.heavy and {"the", "of"} <= vocabulary.heavy
    bodies = [tokens(library.content(row.id).body) for row in library.articles()[:10]]
    phrases = {f"{a} {b}" for words in bodies for a, b in pairwise(words)}
    phrases |= {"of the", "the the", "harbour the", "glacier quarry", "the of and", "ferry of"}
    through_pairs = 0
    for phrase in sorted(phrases):
        parsed = parse(f'"{phrase}"')
        assert isinstance(parsed, Query)
        through_pairs += JOIN in (compile_query(parsed, vocabulary).match or "")
        result = index.search(f'"{phrase}"', 1000)
        assert {hit.id for hit in result.hits} == expected(library, phrase), phrase
        assert result.total == len(result.hits)
    assert through_pairs > 10, "common pairs must be looked up as one token"


def test_pages_read_every_match_once_best_first(library: Library) -> None:
    index = SearchIndex.open(library)
    rows = every_hit(index, "glacier OR comet")
    assert {i for i, _, _ in rows} == expected(library, "glacier") | expected(library, "comet")
    assert len(rows) > 14, "more than two pages"
    assert len({i for i, _, _ in rows}) == len(rows)
    assert [score for _, score, _ in rows] == sorted((s for _, s, _ in rows), reverse=True)
    for (_, score, day), (_, next_score, next_day) in pairwise(rows):
        if score == next_score:
            assert day >= next_day, "equal scores: newest first"


def test_a_query_of_common_words_is_counted_and_listed_newest_first(library: Library) -> None:
    index = SearchIndex.open(library)
    result = index.search("the of", 5)
    assert isinstance(result.answer, NewestAnswer)
    rows = every_hit(index, "the of", 11)
    assert {i for i, _, _ in rows} == expected(library, "the") & expected(library, "of")
    days = [day for _, _, day in rows]
    assert days == sorted(days, reverse=True)
    assert isinstance(index.search("the orchard").answer, RankedAnswer)


def test_common_words_do_not_light_up_beside_telling_ones(library: Library) -> None:
    index = SearchIndex.open(library)
    result = index.search("the glacier")
    assert result.terms == ["glacier"]
    for hit in result.hits:
        assert {hit.snippet[a:b].lower() for a, b in hit.snippet_spans} <= {"glacier"}
    assert index.search("the").terms == ["the"]  # alone, it is what was asked for
    assert index.search('"of the" glacier').terms == ["of the", "glacier"]  # phrases stay


def test_a_broad_word_being_typed_is_answered_in_full(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = SearchIndex.open(library)
    monkeypatch.setattr(engine, "TYPING_RANK_WORK", 5)
    typed = index.search("gla", 3, typing=True)
    assert isinstance(typed.answer, NewestAnswer)
    assert typed.total == len(expected(library, "glacier"))
    final = index.search("glacier", 3)
    assert isinstance(final.answer, RankedAnswer) and final.total == typed.total


def test_a_saved_view_counts_its_unread_matches_and_follows_changes(library: Library) -> None:
    index = SearchIndex.open(library)
    matching = sorted(expected(library, "quarry"))
    assert index.count_matches("quarry") == len(matching)
    assert index.count_matches("quarry", unread_only=True) == len(matching)
    library.set_read(matching[:2])
    assert index.count_matches("quarry", unread_only=True) == len(matching) - 2
    assert index.count_matches("quarry is:read") == 2
    assert len(matching) > 2
    assert index.count_matches("source:gazette", unread_only=True) == N - 2
    with pytest.raises(engine.QueryError, match="quote"):
        index.count_matches('"unclosed')


def test_an_excluded_phrase_of_common_words_leaves_out_exactly_its_articles(
    library: Library,
) -> None:
    index = SearchIndex.open(library)
    everything = expected(library, "the")
    for phrase in ("of the", "the the", "ferry of", "glacier the"):
        result = index.search(f'the -"{phrase}"', 1000)
        assert {hit.id for hit in result.hits} == everything - expected(library, phrase), phrase
