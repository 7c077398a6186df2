"""The first screen: drawn from the newest-rows cache, then the whole list; they must agree."""

from __future__ import annotations

from pathlib import Path

from ui_support import AppFactory, settle

from reader.store import Library, NewArticle

SIZE = (120, 35)


def same_day(index: int) -> NewArticle:
    body = f"Item {index} of a feed whose items all carry the same day."
    return NewArticle(
        title=f"Item {index}",
        body=body,
        raw=body,
        raw_format="text",
        date="2026-11-30",
        url=f"https://feed.example.com/{index}",
        words=12,
    )


async def test_the_app_opens_on_the_first_row_of_the_whole_list(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """A feed imported in two runs, every item dated the same day: the rows cache (folded
    from the second import) and the full list must put the same article first, and the
    cursor starts there, not on the row the cache happened to put first."""
    library = Library.open(tmp_path / "feed")
    library.add([same_day(i) for i in range(12)])
    library.articles()  # the app's reading writes the newest-rows cache
    library.add([same_day(i) for i in range(12, 24)])  # folded into the cache
    first_page = library.newest()
    assert first_page is not None
    whole = [article.id for article in library.articles()]
    assert [article.id for article in first_page] == whole[: len(first_page)]
    app = make_app(lib=library)
    app.first_page = first_page
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        assert [article.id for article in screen.article_list.rows] == whole
        assert screen.article_list.cursor == 0
        assert screen.pane.article_id == whole[0]


async def test_a_cursor_not_moved_stays_on_the_first_row_when_the_whole_list_arrives(
    make_app: AppFactory, library: Library
) -> None:
    """Whatever order the first page came in, the user who has not moved yet is on the
    first row of the whole list, and reads its article."""
    whole = library.articles()
    app = make_app()
    app.first_page = list(reversed(whole[:3]))
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        assert [article.id for article in screen.article_list.rows] == [a.id for a in whole]
        assert screen.article_list.cursor == 0
        assert screen.pane.article_id == whole[0].id
