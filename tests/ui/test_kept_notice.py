"""The pane says when cleaning kept less than half of a page's text, and x shows the rest."""

from __future__ import annotations

from pathlib import Path

from test_app_actions import SIZE, pane_text
from ui_support import AppFactory, settle

from reader.ingest.formats.document import read_document
from reader.store import Library, NewArticle

STORY = [
    "The orchard society planted forty new apple trees along the river path on Saturday, "
    "choosing old local varieties that had almost vanished from the valley.",
    "Volunteers dug the holes in the morning rain while children labelled each sapling with "
    "the name of the farm where its parent tree had once grown.",
    "The society hopes to press its first juice from the new trees in five years, and will "
    "hold a tasting in the village hall for everyone who helped.",
]
COMMENT = (
    "Reader {0} wrote that the planting was the best thing to happen on the river path in "
    "years, and asked whether the society would plant pears along the other bank next spring."
)


def page(comments: int) -> bytes:
    """An article and, below it, a section of readers' comments (prose the cleaner leaves out)."""
    story = "".join(f"<p>{text}</p>" for text in STORY)
    thread = "".join(
        f'<div class="comment"><p>{COMMENT.format(n)}</p></div>' for n in range(1, comments + 1)
    )
    return (
        "<!DOCTYPE html><html lang='en'><head><title>Forty apple trees</title></head><body>"
        f"<article><h1>Forty apple trees</h1>{story}</article>"
        f'<section id="comments" class="comments"><h2>Comments</h2>{thread}</section>'
        "</body></html>"
    ).encode()


def imported(comments: int) -> NewArticle:
    article = read_document("trees.html", page(comments), origin="trees.html")
    assert isinstance(article, NewArticle)
    return article


async def test_pane_says_how_little_was_kept_and_x_shows_the_rest(
    make_app: AppFactory, tmp_path: Path
) -> None:
    library = Library.open(tmp_path / "comments")
    library.add([imported(comments=8)])
    async with make_app(lib=library).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        screen = await settle(pilot)
        header = " ".join(pane_text(screen).split("The orchard society")[0].split())
        assert "Cleaning kept 2" in header and "% of this page's text — x shows the rest" in header
        await pilot.press("x")
        screen = await settle(pilot)
        shown = pane_text(screen)
        assert "[left out by the extractor]" in shown
        assert "Reader 8 wrote that the planting" in " ".join(shown.split())


async def test_pane_is_silent_when_most_of_the_page_was_kept(
    make_app: AppFactory, tmp_path: Path
) -> None:
    library = Library.open(tmp_path / "few")
    library.add([imported(comments=1)])
    async with make_app(lib=library).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        screen = await settle(pilot)
        assert "Cleaning kept" not in pane_text(screen)
