"""The query language: what users type, parsed or answered with a hint (never an exception)."""

from __future__ import annotations

from datetime import date

import pytest

from reader.search.compile import compile_query
from reader.search.query import AnyOf, ParseError, Query, Term, parse

TODAY = date(2026, 11, 1)


def ok(text: str, *, typing: bool = False) -> Query:
    parsed = parse(text, typing=typing, today=TODAY)
    assert isinstance(parsed, Query), parsed
    return parsed


@pytest.mark.parametrize(
    ("text", "required", "excluded"),
    [
        ("climate change", [Term("climate"), Term("change")], []),
        ('"climate change" policy', [Term("climate change", phrase=True), Term("policy")], []),
        ("energy -oil", [Term("energy")], [Term("oil")]),
        ('-"fossil fuel" wind', [Term("wind")], [Term("fossil fuel", phrase=True)]),
        ("title:budget", [Term("budget", field="title")], []),
        ('source:"the guardian"', [Term("the guardian", phrase=True, field="source")], []),
        (
            "author:smith -source:tabloid",
            [Term("smith", field="author")],
            [Term("tabloid", field="source")],
        ),
        ("cats OR dogs", [AnyOf((Term("cats"), Term("dogs")))], []),
        ("a OR b OR c d", [AnyOf((Term("a"), Term("b"), Term("c"))), Term("d")], []),
        ("10:30 meeting", [Term("10:30"), Term("meeting")], []),
        ("NEAR(a b) c*", [Term("NEAR(a"), Term("b)"), Term("c*")], []),
    ],
)
def test_words_phrases_exclusions_and_fields(
    text: str, required: list[Term | AnyOf], excluded: list[Term]
) -> None:
    query = ok(text)
    assert query.required == required
    assert query.excluded == excluded


@pytest.mark.parametrize(
    ("text", "read", "bookmarked", "before", "after", "sort"),
    [
        ("is:unread", False, None, None, None, None),
        ("is:read", True, None, None, None, None),
        ("-is:read", False, None, None, None, None),
        ("is:bookmarked", None, True, None, None, None),
        ("-is:bookmarked", None, False, None, None, None),
        ("before:2024-01-31", None, None, "2024-01-31", None, None),
        ("after:7d", None, None, None, "2026-10-25", None),
        ("after:2w before:1d", None, None, "2026-10-31", "2026-10-18", None),
        ("sort:date", None, None, None, None, "date"),
        ("IS:Unread SORT:Relevance", False, None, None, None, "relevance"),
    ],
)
def test_filters(
    text: str,
    read: bool | None,
    bookmarked: bool | None,
    before: str | None,
    after: str | None,
    sort: str | None,
) -> None:
    query = ok(text)
    assert (query.read, query.bookmarked, query.before, query.after, query.sort) == (
        read,
        bookmarked,
        before,
        after,
        sort,
    )


@pytest.mark.parametrize(
    ("text", "hint_contains"),
    [
        ('"unbalanced phrase', "closing quote"),
        ('a "" b', "empty quotes"),
        ("-", "'-'"),
        ("word - other", "'-'"),
        ("OR cats", "before it"),
        ("cats OR", "after it"),
        ("cats OR OR dogs", "before it"),
        ("-cats OR dogs", "excluded"),
        ("cats OR is:unread", "filters"),
        ("colour:red", "unknown filter colour:"),
        ("is:starred", "is:starred"),
        ("before:yesterday", "not a date"),
        ("after:2024-13-45", "not a date"),
        ("after:2024-1-5", "not a date"),
        ("sort:random", "sort:random"),
        ("-before:2024-01-01", "'-'"),
        ("title:", "needs a value"),
        ("after:99999y", "not a date"),
    ],
)
def test_malformed_queries_give_a_hint(text: str, hint_contains: str) -> None:
    parsed = parse(text, today=TODAY)
    assert isinstance(parsed, ParseError)
    assert hint_contains in parsed.hint


def test_the_last_word_is_a_prefix_only_while_typing() -> None:
    assert ok("climate chan", typing=True).required[-1] == Term("chan", prefix=True)
    assert ok("climate chan").required[-1] == Term("chan")
    assert ok("climate chan ", typing=True).required[-1] == Term("chan")
    assert ok('"climate chan"', typing=True).required[-1] == Term("climate chan", phrase=True)


def test_fts_syntax_in_user_input_is_always_quoted() -> None:
    compiled = compile_query(ok('NEAR(a b) "x" OR y* -z^ AND:'))
    assert compiled.match is not None
    assert "NEAR(" not in compiled.match
    assert compiled.match.count('"') % 2 == 0


def test_accents_case_and_cjk_become_index_tokens() -> None:
    assert Term("Café CRÈME").words == ["cafe", "creme"]
    assert Term("東京都").words == ["東", "京", "都"]
    assert Term("Москва").words == ["москва"]
