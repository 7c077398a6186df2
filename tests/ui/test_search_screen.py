"""The search as the screen shows it: matches lit in the list, the title line's order, and
the query language in the `?` help."""

from __future__ import annotations

from rich.segment import Segment
from textual.geometry import Region
from textual.widgets import Static
from ui_support import AppFactory, settle

from reader.search import SearchIndex
from reader.search.query import FIELDS
from reader.store import Library, NewArticle
from reader.ui.catalog import saved_view
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.main import MainScreen

SIZE = (120, 35)
SHY = "\u00ad"


def soft_hyphened() -> NewArticle:
    """A German article with a soft hyphen inside a word of its title and of its body."""
    body = f"Die neue Tech{SHY}nik der Fähre wurde am Montag vorgestellt."
    return NewArticle(
        title=f"Neue Tech{SHY}nik im Hafen",
        body=body,
        raw=body,
        raw_format="text",
        source="Hafenblatt",
        url="https://news.example.com/hafen",
        date="2026-11-29",
    )


def lit(segments: list[Segment]) -> list[str]:
    """The texts of a list line drawn as matches (underlined, on the cursor's row too)."""
    return [segment.text for segment in segments if segment.style and segment.style.underline]


async def test_a_word_with_a_soft_hyphen_is_found_and_lit_whole(
    make_app: AppFactory, library: Library
) -> None:
    library.add([soft_hyphened()])
    SearchIndex.open(library).close()
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"technik", "enter")
        screen = await settle(pilot)
        assert [a.title for a in screen.article_list.rows] == [f"Neue Tech{SHY}nik im Hafen"]
        title = list(screen.article_list.render_line(0))
        snippet = list(screen.article_list.render_line(1))
        assert lit(title) == [f"Tech{SHY}nik"]
        assert lit(snippet) == [f"Tech{SHY}nik"]
        await pilot.press("enter")  # opened: n and N walk the whole word
        await settle(pilot)
        document = screen.pane.document
        assert document is not None
        found = {document.lines[y].text[start:end] for y, start, end in document.matches}
        assert len(document.matches) == 2 and found == {f"Tech{SHY}nik"}  # title, body


async def test_the_help_lists_every_filter_of_the_query_language(make_app: AppFactory) -> None:
    async with make_app().run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HelpScreen)
        table = pilot.app.screen.query_one("#help").query(Static).last()
        lines = [line.text for line in table.render_lines(Region(0, 0, *table.size))]
    queries = lines[next(i for i, line in enumerate(lines) if "Search queries" in line) :]
    shown = " ".join(" ".join(queries).split())
    for name in FIELDS:
        assert f"{name}:" in shown, name
    for wanted in ("-tag:name", "-is:bookmarked", "is:unread", "is:read", "sort:relevance"):
        assert wanted in shown, wanted


def title_line(screen: MainScreen) -> str:
    return str(screen.query_one("#list-title").render())


async def test_a_saved_search_says_the_order_its_rows_are_in(
    make_app: AppFactory, library: Library
) -> None:
    """A query with a telling word is listed best first; one of filters only newest first;
    the title line says which, as it does for the views' own orders."""
    library.save_view("Coast", "harbour OR solar")
    library.save_view("Unread", "is:unread")
    index = SearchIndex.open(library)
    best_first = [hit.id for hit in index.search("harbour OR solar").hits]
    index.close()
    newest_first = [a.id for a in library.articles() if not a.read]
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        assert title_line(screen).endswith("· by date")
        for name, order, rows in (
            ("Coast", "best first", best_first),
            ("Unread", "newest first", newest_first),
        ):
            screen.switch_view(saved_view(name))
            screen = await settle(pilot)
            assert [a.id for a in screen.article_list.rows] == rows
            assert title_line(screen).endswith(f"· {len(rows)} articles · {order}"), name


async def test_a_search_says_the_order_its_rows_are_in(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"harbour")
        screen = await settle(pilot)
        assert title_line(screen).endswith("· 1 article · best first")
        await pilot.press(*" -")  # a hint, above the results it keeps
        screen = await settle(pilot)
        assert "'-' must be followed by a word" in title_line(screen)
        assert title_line(screen).endswith("· 1 article · best first")
        await pilot.press("escape")
        await pilot.press("escape", "slash", *"is:unread", "enter")
        screen = await settle(pilot)
        assert [a.title for a in screen.article_list.rows][:1] == ["Harbour reopens after storm"]
        assert title_line(screen).endswith("· 6 articles · newest first")


def test_the_title_filter_used_while_the_index_opens_finds_a_word_with_a_soft_hyphen(
    library: Library,
) -> None:
    """Until the index is ready the prompt filters titles: the same word must be found."""
    from datetime import date

    from reader.ui.catalog import Catalog
    from reader.ui.finder import title_filter

    library.add([soft_hyphened()])
    catalog = Catalog(library.articles())
    find = title_filter(lambda: catalog)
    for query in ("technik", f"tech{SHY}nik"):
        found = find(query, date(2026, 12, 1))
        assert [a.title for i in found.ids if (a := catalog.get(i))] == [
            f"Neue Tech{SHY}nik im Hafen"
        ]
