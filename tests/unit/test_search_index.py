"""The search index over a small fixed library: ranking, filters, scripts, staying in step,
and recovery from a missing or damaged index file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli.main import main
from reader.search import SearchIndex, find_spans
from reader.store import Library, NewArticle


def article(
    title: str, body: str, *, date: str, source: str = "Daily", author: str = ""
) -> NewArticle:
    return NewArticle(
        title=title,
        body=body,
        raw=body,
        raw_format="text",
        source=source,
        url=f"https://example.com/{title.replace(' ', '-')}",
        date=date,
        author=author or None,
    )


FIXED = [
    article(
        "Harbour reopens after storm",
        "The harbour at Kell reopened on Monday. Fishing boats returned.",
        date="2024-03-02",
    ),
    article(
        "Council budget vote",
        "The council voted on the budget. A harbour levy was discussed briefly.",
        date="2024-03-05",
        source="Gazette",
    ),
    article(
        "Café culture returns",
        "Small cafés are busy again; the café owners are pleased.",
        date="2024-02-01",
        author="Ana Ruiz",
    ),
    article(
        "Railway strike",
        "Railway workers will strike. Trains will not run on the northern line.",
        date="2024-01-10",
        source="Gazette",
    ),
    article("東京都の予算", "東京都は新しい予算を発表しました。", date="2024-04-01"),
    article("서울 시장 선거", "서울에서 시장 선거가 열렸다.", date="2024-04-02"),
    article("Москва: новый мост", "В Москве открыли новый мост через реку.", date="2024-04-03"),
    article(
        "Budget harbour plan",
        "A plan for the harbour and the budget, in detail: harbour, budget.",
        date="2023-12-01",
    ),
]


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Library:
    monkeypatch.setenv("READER_LIBRARY", str(tmp_path / "lib"))
    monkeypatch.setenv("READER_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    lib = Library.open(tmp_path / "lib")
    lib.add(FIXED)
    return lib


def titles(index: SearchIndex, query: str, **kwargs: object) -> list[str]:
    result = index.search(query, **kwargs)  # type: ignore[arg-type]
    assert result.error is None, result.error
    return [hit.title for hit in result.hits]


def test_title_matches_rank_above_body_matches(library: Library) -> None:
    found = titles(SearchIndex.open(library), "harbour")
    assert found[0] in ("Harbour reopens after storm", "Budget harbour plan")
    assert found[-1] == "Council budget vote"


def test_all_words_must_match_and_excluded_words_remove(library: Library) -> None:
    index = SearchIndex.open(library)
    assert set(titles(index, "harbour budget")) == {"Council budget vote", "Budget harbour plan"}
    assert titles(index, "harbour -budget") == ["Harbour reopens after storm"]
    assert set(titles(index, "railway OR café")) == {"Railway strike", "Café culture returns"}


def test_phrases_fields_and_filters(library: Library) -> None:
    index = SearchIndex.open(library)
    assert titles(index, '"fishing boats"') == ["Harbour reopens after storm"]
    assert titles(index, '"boats fishing"') == []
    assert set(titles(index, "source:gazette")) == {"Council budget vote", "Railway strike"}
    assert titles(index, "author:ruiz") == ["Café culture returns"]
    assert set(titles(index, "title:budget harbour")) == {
        "Budget harbour plan",
        "Council budget vote",
    }
    assert titles(index, "harbour before:2024-01-01") == ["Budget harbour plan"]
    assert titles(index, "harbour after:2024-03-01 sort:date") == [
        "Council budget vote",
        "Harbour reopens after storm",
    ]


def test_accents_case_and_other_scripts_are_found(library: Library) -> None:
    index = SearchIndex.open(library)
    assert titles(index, "CAFE") == ["Café culture returns"]
    assert titles(index, "予算") == ["東京都の予算"]
    assert titles(index, "東京") == ["東京都の予算"]
    assert titles(index, "서울") == ["서울 시장 선거"]
    assert titles(index, "москве") == ["Москва: новый мост"]


def test_typing_matches_the_last_word_as_a_prefix(library: Library) -> None:
    index = SearchIndex.open(library)
    assert titles(index, "railw", typing=True) == ["Railway strike"]
    assert titles(index, "railw") == []


def test_hits_carry_highlight_spans_and_a_snippet(library: Library) -> None:
    result = SearchIndex.open(library).search("cafe owners")
    hit = result.hits[0]
    assert [hit.title[a:b] for a, b in hit.title_spans] == ["Café"]
    assert "owners" in {hit.snippet[a:b] for a, b in hit.snippet_spans}
    assert "\n" not in hit.snippet
    body = "Two cafés. One CAFÉ, two owners."
    assert [body[a:b] for a, b in find_spans(body, result.terms)] == ["CAFÉ", "owners"]


def test_malformed_query_is_a_hint_not_a_crash(library: Library) -> None:
    result = SearchIndex.open(library).search('harbour "unclosed')
    assert result.hits == [] and result.error and "quote" in result.error


def test_index_follows_imports_deletions_and_read_state(library: Library) -> None:
    index = SearchIndex.open(library)
    assert titles(index, "lighthouse") == []
    [outcome] = library.add(
        [article("Lighthouse restored", "The old lighthouse shines.", date="2024-05-01")]
    )
    assert titles(index, "lighthouse") == ["Lighthouse restored"]
    assert titles(index, "lighthouse is:unread") == ["Lighthouse restored"]
    library.set_read([outcome.id])
    library.set_bookmarked([outcome.id])
    assert titles(index, "lighthouse is:unread") == []
    assert titles(index, "is:bookmarked") == ["Lighthouse restored"]
    library.purge([outcome.id])
    assert titles(index, "lighthouse") == []
    assert titles(index, "is:bookmarked") == []


def test_index_survives_restarts_without_rebuilding(library: Library) -> None:
    SearchIndex.open(library).close()
    again = SearchIndex.open(library)
    assert again.notices == []
    assert again.sync() == 0
    assert titles(again, "railway") == ["Railway strike"]


def test_missing_or_damaged_index_is_rebuilt_with_a_message(library: Library) -> None:
    SearchIndex.open(library).close()
    path = library.root / "search.sqlite"
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.write_bytes(b"this is not a database" * 100)
    index = SearchIndex.open(library)
    assert any("damaged" in notice for notice in index.notices)
    assert titles(index, "railway") == ["Railway strike"]
    index.close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    index = SearchIndex.open(library)
    assert index.notices == ["building the search index (this library has none yet)"]
    assert titles(index, "railway") == ["Railway strike"]


def test_cli_search_prints_json_lines(library: Library, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--library", str(library.root), "search", "harbour", "budget", "--json"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {r["title"] for r in records} == {"Council budget vote", "Budget harbour plan"}
    assert set(records[0]) == {"id", "title", "source", "date", "added", "score", "snippet"}


def test_cli_search_without_a_match_prints_nothing_and_exits_1(
    library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    SearchIndex.open(library).close()
    for extra in ([], ["--json"]):
        assert main(["--library", str(library.root), "search", "zeppelin", *extra]) == 1
        captured = capsys.readouterr()
        assert captured.out == ""
        assert captured.err.count("\n") == 1 and "no match" in captured.err


def test_cli_search_says_how_many_match_beyond_the_limit(
    library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--library", str(library.root), "search", "harbour", "--limit", "1"]) == 0
    captured = capsys.readouterr()
    assert captured.out.count("\n") == 2  # one result: its row and its snippet
    assert "the first 1 of 3 matches" in captured.err


def test_list_by_source_matches_as_source_filter_does(
    library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    library.add(
        [article("Tide tables", "High water at noon.", date="2024-05-02", source="Kell Daily News")]
    )
    index = SearchIndex.open(library)
    for name in ("daily", "DAILY NEWS", "kell daily", "news kell", "gazette"):
        assert main(["--library", str(library.root), "list", "--source", name, "--json"]) == 0
        listed = {json.loads(line)["id"] for line in capsys.readouterr().out.splitlines()}
        found = {hit.id for hit in index.search(f'source:"{name}"', 100).hits}
        assert listed == found, name
    assert len(found) == 2


def test_cli_reports_a_bad_query_in_one_line(
    library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    SearchIndex.open(library).close()
    assert main(["--library", str(library.root), "search", "colour:red"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unknown filter" in err


def test_cli_reindex_rebuilds(library: Library, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--library", str(library.root), "reindex"]) == 0
    assert f"indexed {len(FIXED)} articles" in capsys.readouterr().out


def test_a_snippet_reads_as_prose_without_markdown_marks() -> None:
    from reader.search.highlight import Matcher
    from reader.search.query import Term

    body = (
        "Councillors backed Harbourside Community [Energy], a co-operative, and the "
        "[harbour board][2] agreed.\n\n7\\. Juli: the panels \\*float\\* on the basin "
        "(see <https://harbour.example/solar>)."
    )
    snippet, spans = Matcher.for_terms([Term("panels"), Term("energy")]).snippet(body, 400)
    assert "[" not in snippet and "]" not in snippet and "\\" not in snippet
    assert "Community Energy, a co-operative, and the harbour board agreed." in snippet
    assert "7. Juli: the panels *float* on the basin (see https://harbour.example/solar)" in snippet
    assert {snippet[a:b] for a, b in spans} == {"Energy", "panels"}


def test_an_index_made_by_an_older_version_is_built_again_with_a_message(
    library: Library,
) -> None:
    import sqlite3

    SearchIndex.open(library).close()
    with sqlite3.connect(library.root / "search.sqlite") as connection:
        connection.execute("UPDATE info SET value = '2' WHERE key = 'schema'")
    connection.close()
    index = SearchIndex.open(library)
    assert len(index.notices) == 1 and "older version of reader" in index.notices[0]
    assert "damaged" not in index.notices[0]
    assert titles(index, "railway") == ["Railway strike"]


def test_a_snippet_is_prose_with_the_match_near_its_start() -> None:
    from reader.search.highlight import Matcher
    from reader.search.query import Term

    filler = " ".join(f"word{n}" for n in range(60))
    body = (
        f"{filler} see the [timetable page](https://rail.example.com/routes/aurora-night), "
        "each sleeper offers:\n\n- private cabins for one or two\n- couchettes\n\n" + filler
    )
    snippet, spans = Matcher.for_terms([Term("cabins")]).snippet(body)
    assert "](" not in snippet and "https://" not in snippet and "\n" not in snippet
    assert "offers: private cabins for one or two couchettes" in snippet
    [(start, end)] = spans
    assert snippet[start:end] == "cabins" and start <= 40  # visible in a narrow column


def test_cli_search_for_nothing_is_a_usage_error(
    library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    for query in ("", "   ", "("):
        assert main(["--library", str(library.root), "search", query]) == 2
        assert "nothing to search for" in capsys.readouterr().err
