"""Highlights by keyboard: select, highlight, note, remove, and find them again after a
width change, a re-clean, and across the library."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from ui_support import FIXED_NOW, AppFactory, long_body, settle

from reader.store import Library, NewArticle
from reader.ui.screens.confirm import Confirm
from reader.ui.screens.highlights import HighlightsScreen
from reader.ui.screens.main import MainScreen
from reader.ui.screens.prompt import Prompt
from reader.ui.widgets.reading_pane import ReadingPane

SIZE = (120, 35)
BODY = (
    "The ferry left at dawn. Nobody on board had slept. The engines were loud.\n\n"
    "At the harbour the cafés opened late. Fishermen sold the night's catch.\n\n"
    "By noon the wind had turned, and the second crossing was called off."
)


def one_article(root: Path, body: str = BODY) -> Library:
    library = Library.open(root)
    library.add([_article(body)])
    return library


def _article(body: str) -> NewArticle:
    return NewArticle(
        title="The dawn ferry",
        body=body,
        raw=body,
        raw_format="markdown",
        url="https://news.example.com/ferry",
        date="2026-11-30",
        words=len(body.split()),
    )


def marked_text(pane: ReadingPane) -> list[str]:
    """The text under each highlight's ranges, line by line, as the pane draws it."""
    document = pane.document
    assert document is not None
    return [
        document.lines[line].text[start:end]
        for line in range(len(document.lines))
        for start, end, _ in document.passages.marked_on(line)
    ]


def drawn_with_highlight(pane: ReadingPane) -> str:
    """The characters of the visible lines drawn on the highlight's background."""
    background = pane.get_component_rich_style("reading-pane--highlight").bgcolor
    lines = []
    for y in range(pane.scrollable_content_region.height):
        line = "".join(
            segment.text
            for segment in pane.render_line(y)
            if segment.style is not None and segment.style.bgcolor == background
        )
        if line:
            lines.append(line)
    return " ".join(lines)


def selected(pane: ReadingPane) -> str:
    """The text being selected."""
    passage = pane.selected_passage()
    assert passage is not None
    return passage[0]


async def open_first(pilot: Pilot[None]) -> MainScreen:
    await settle(pilot)
    await pilot.press("enter")
    return await settle(pilot)


async def test_a_passage_selected_by_sentence_is_highlighted_and_kept(
    make_app: AppFactory, tmp_path: Path
) -> None:
    library = one_article(tmp_path / "lib")
    article_id = library.articles()[0].id
    async with make_app(lib=library).run_test(size=SIZE) as pilot:
        screen = await open_first(pilot)
        await pilot.press("v")
        assert selected(screen.pane) == "The ferry left at dawn."
        await pilot.press("j", "j", "k")  # two sentences more, one less
        await pilot.press("enter")
        screen = await settle(pilot)
        assert not screen.pane.selecting
        [mark] = library.highlights(article_id)
        assert mark["quote"] == "The ferry left at dawn. Nobody on board had slept."
        assert mark["prefix"] == ""
        assert mark["suffix"].startswith(" The engines were loud.")
        assert mark["note"] is None
        assert mark["created"].startswith(FIXED_NOW.strftime("%Y-%m-%d"))
        assert " ".join(marked_text(screen.pane)) == mark["quote"]
        assert drawn_with_highlight(screen.pane) == mark["quote"]


async def test_paragraph_steps_and_moving_choose_the_passage(
    make_app: AppFactory, tmp_path: Path
) -> None:
    library = one_article(tmp_path / "lib")
    async with make_app(lib=library).run_test(size=SIZE) as pilot:
        screen = await open_first(pilot)
        await pilot.press("v", "right_curly_bracket")
        assert selected(screen.pane) == BODY.split("\n\n")[0]
        await pilot.press("right_curly_bracket")  # the next paragraph too
        assert selected(screen.pane).endswith("the night's catch.")
        await pilot.press("left_curly_bracket", "l", "l")  # back to one paragraph; moved on
        assert selected(screen.pane) == (
            "The engines were loud.\nAt the harbour the cafés opened late. "
            "Fishermen sold the night's catch."
        )
        await pilot.press("escape")
        assert not screen.pane.selecting
        assert screen.pane.article_id is not None  # Esc stopped selecting, not reading
        assert screen.focused is screen.pane


async def test_keys_while_selecting_belong_to_the_selection(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """j grows the selection instead of scrolling, n and m do nothing, q still quits."""
    library = one_article(tmp_path / "lib")
    async with make_app(lib=library).run_test(size=SIZE) as pilot:
        screen = await open_first(pilot)
        await pilot.press("v", "m", "b", "j")
        await settle(pilot)
        row = library.articles()[0]
        assert not row.bookmarked
        assert screen.pane.selecting
        assert selected(screen.pane).count(".") == 2


async def test_a_highlight_survives_a_width_change_and_a_new_cleaning(
    make_app: AppFactory, tmp_path: Path
) -> None:
    library = one_article(tmp_path / "lib")
    article_id = library.articles()[0].id
    async with make_app(lib=library).run_test(size=SIZE) as pilot:
        screen = await open_first(pilot)
        await pilot.press("v", "l", "l", "l", "j", "enter")
        screen = await settle(pilot)
        [mark] = library.highlights(article_id)
        assert (
            mark["quote"]
            == "At the harbour the cafés opened late. Fishermen sold the night's catch."
        )
        wide = marked_text(screen.pane)
        await pilot.resize_terminal(90, 35)
        screen = await settle(pilot)
        narrow = marked_text(screen.pane)
        assert narrow != wide  # stacked panes: the article is wider, wrapped elsewhere
        assert " ".join(narrow) == mark["quote"]
        assert drawn_with_highlight(screen.pane) == mark["quote"]
    # Cleaned again: a paragraph more before it, the words around it in Markdown.
    changed = "A new first paragraph came with the second cleaning.\n\n" + BODY.replace(
        "At the harbour", "At the **harbour**"
    )
    library.add([_article(changed)], update_existing=True)
    async with make_app(lib=library).run_test(size=SIZE) as pilot:
        screen = await open_first(pilot)
        assert screen.pane.highlights[0].span is not None
        assert " ".join(marked_text(screen.pane)) == mark["quote"]
        assert screen.pane.document is not None
        assert "no longer found" not in str(screen.pane.document.header)


async def test_a_highlight_is_drawn_on_its_passage_in_another_theme(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """Switching theme redraws the highlight in the new theme's colour, on the same words."""
    library = one_article(tmp_path / "lib")
    async with make_app(lib=library).run_test(size=SIZE) as pilot:
        screen = await open_first(pilot)
        await pilot.press("v", "j", "enter")
        screen = await settle(pilot)
        [mark] = library.highlights(library.articles()[0].id)
        before = screen.pane.get_component_rich_style("reading-pane--highlight").bgcolor
        assert drawn_with_highlight(screen.pane) == mark["quote"]
        pilot.app.theme = "solarized-light" if pilot.app.theme != "solarized-light" else "nord"
        screen = await settle(pilot)
        await pilot.pause(0.1)
        after = screen.pane.get_component_rich_style("reading-pane--highlight").bgcolor
        assert after != before
        assert drawn_with_highlight(screen.pane) == mark["quote"]


async def test_a_highlight_whose_passage_is_gone_is_kept_and_said(
    make_app: AppFactory, tmp_path: Path
) -> None:
    library = one_article(tmp_path / "lib")
    article_id = library.articles()[0].id
    library.add_highlight(
        article_id,
        {
            "id": "gone1",
            "quote": "A sentence the new cleaning dropped.",
            "prefix": "",
            "suffix": "",
            "note": "still mine",
            "created": "2026-11-30T10:00:00+00:00",
        },
    )
    async with make_app(lib=library).run_test(size=SIZE) as pilot:
        screen = await open_first(pilot)
        assert screen.pane.document is not None
        assert "1 highlight no longer found in this text" in str(screen.pane.document.header)
        assert marked_text(screen.pane) == []
        await pilot.press("H")
        await settle(pilot)
        highlights = pilot.app.screen
        assert isinstance(highlights, HighlightsScreen)
        await pilot.pause(0.2)
        await settle(pilot)
        assert highlights.detached == {"gone1"}
    assert [mark["id"] for mark in library.highlights(article_id)] == ["gone1"]


async def test_a_note_is_written_shown_and_the_highlight_removed(
    make_app: AppFactory, tmp_path: Path
) -> None:
    library = one_article(tmp_path / "lib")
    article_id = library.articles()[0].id
    async with make_app(lib=library).run_test(size=SIZE) as pilot:
        screen = await open_first(pilot)
        await pilot.press("v", "enter")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(pilot.app.screen, Prompt)
        await pilot.press(*"[b]Ask[/b] the crew", "enter")
        screen = await settle(pilot)
        assert library.highlights(article_id)[0]["note"] == "[b]Ask[/b] the crew"
        await pilot.press("k", "apostrophe")  # leave it, then go to it
        await settle(pilot)
        said = [n.message for n in pilot.app._notifications]
        assert any("Highlight 1 of 1: [b]Ask[/b] the crew" in text for text in said)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(pilot.app.screen, Confirm)
        await pilot.press("y")
        screen = await settle(pilot)
        assert library.highlights(article_id) == []
        assert marked_text(screen.pane) == []


async def test_highlights_view_opens_the_article_at_the_passage(
    make_app: AppFactory, library: Library
) -> None:
    long_read = next(a for a in library.articles() if a.title.startswith("Long read"))
    quote = "Paragraph 33."
    library.add_highlight(
        long_read.id,
        {
            "id": "deep",
            "quote": quote,
            "prefix": "word32x39 ",
            "suffix": " word33x0",
            "note": None,
            "created": "2026-11-30T10:00:00+00:00",
        },
    )
    assert quote in long_body()
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        assert screen.catalog is not None
        views = [view.key for view in screen.catalog.views()]
        assert views[:5] == ["all", "unread", "bookmarked", "reading", "highlights"]
        await pilot.press("H")
        await settle(pilot)
        assert isinstance(pilot.app.screen, HighlightsScreen)
        await pilot.press("enter")
        screen = await settle(pilot)
        pane = screen.pane
        assert pane.article_id == long_read.id
        assert screen.focused is pane
        current = pane.current_highlight
        assert current is not None and current.mark["id"] == "deep"
        assert drawn_with_highlight(pane) == quote  # on screen, where it is
        assert pane.scroll_y > 0
