"""The reading pane: which article it shows, where x leaves you, how Japanese breaks."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from ui_support import AppFactory, long_body, settle

from reader.clean.model import Removed
from reader.store import ArticleContent, Library, NewArticle
from reader.ui.line_breaks import NO_LINE_START

SIZE = (120, 35)

#: Two sentences of Japanese, written for this test: no spaces, so Rich breaks them anywhere.
JAPANESE = (
    "今日は朝から雨が降っていたので、駅まで歩くのをやめてバスに乗りました。"
    "バスはとても混んでいて、座ることはできませんでした。"
)


def one_article(root: Path, body: str, removed: list[Removed] | None = None) -> Library:
    library = Library.open(root)
    library.add(
        [
            NewArticle(
                title="The only article",
                body=body,
                raw=body,
                raw_format="markdown",
                date="2026-11-30",
                url="https://news.example.com/only",
                words=len(body.split()),
                removed=removed or [],
            )
        ]
    )
    return library


async def test_x_keeps_the_article_and_the_removed_text_each_where_they_were(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """Open at the top, x, G (the end of what was removed), x: the article is back at its
    top, not scrolled down to where the removed text was; x again: back at that end."""
    removed = [Removed(f"Removed block {n}. " * 12, "boilerplate") for n in range(40)]
    library = one_article(tmp_path / "lib", long_body(), removed)
    async with make_app(lib=library).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        screen = await settle(pilot)
        pane = screen.pane
        assert pane.scroll_y == 0
        await pilot.press("x")
        assert pane.document is not None
        assert pane.scroll_y == pane.document.removed_start
        await pilot.press("G")
        end = pane.scroll_y
        assert end == pane.max_scroll_y > pane.document.removed_start
        assert pane.top_block() == 0  # the reading position is still the article's
        await pilot.press("x")
        assert pane.scroll_y == 0
        await pilot.press("space", "x")
        assert pane.scroll_y == end
        await pilot.press("x")
        top = pane.scroll_y
        assert 0 < top < pane.document.removed_start  # the page down, kept
        await pilot.press("escape")
        await settle(pilot)
    article = library.articles()[0]
    assert article.position is not None  # the page down, kept
    assert article.position["block"] == pane.top_block()


async def test_japanese_never_leaves_a_closing_mark_alone_at_a_line_start(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """Broken where the width runs out, a paragraph could end on a line holding only "。";
    the mark hangs in the margin of the line before instead, at every width."""
    library = one_article(tmp_path / "lib", JAPANESE + "\n\n" + JAPANESE[:30] + "。")
    async with make_app(lib=library).run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        for width in range(100, 131, 3):
            await pilot.resize_terminal(width, 35)
            await pilot.pause()
            document = screen.pane.document
            assert document is not None
            body = [line.text.strip() for line in document.lines[document.block_starts[0] :]]
            lines = [line for line in body if line]
            assert all(line[0] not in "。、" for line in lines), (width, lines)
            assert "".join(lines) == JAPANESE + JAPANESE[:30] + "。"


#: A long paragraph, written for this test, with closing marks in pairs (。」 』） ）。).
PAIRED = (
    "彼は「明日の朝には出発する。」と言った。私は『旅の記録』という本（古い版）を渡した。"
    "「それは父のものだ。」と彼は答えた。雨が降っていた（まだ止まない）。"
    "駅までの道は長く、誰も話さなかった。『さようなら』とだけ書いた手紙が机に残っていた。"
) * 3 + "「終わり。」"


async def test_closing_marks_in_pairs_never_start_a_line_nor_stand_alone(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """ "。」" at a line start does not fit in the margin: the character before it comes
    down with it, so no line starts with a closing mark or holds one character alone, in
    a paragraph and in a list, at every width; not a character is lost or repeated."""
    library = one_article(tmp_path / "lib", PAIRED + "\n\n- " + PAIRED[:150])
    async with make_app(lib=library).run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        for width in range(96, 131, 2):
            await pilot.resize_terminal(width, 35)
            await pilot.pause()
            document = screen.pane.document
            assert document is not None
            body = [line.text.strip() for line in document.lines[document.block_starts[0] :]]
            lines = [line.removeprefix("•").strip() for line in body if line]
            assert all(line[0] not in NO_LINE_START for line in lines), (width, lines)
            assert all(len(line) > 1 for line in lines), (width, lines)
            assert "".join(lines) == PAIRED + PAIRED[:150]


async def test_a_dash_between_english_words_may_start_a_line(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """Japanese line breaking leaves English alone: a dash Rich put at the start of a line
    stays there, with the space before it, rather than hanging glued to the word before
    and leaving the next line to start with a space."""
    words = "The mayor of the old harbour town – a quiet man – spoke at the pier today. "
    library = one_article(tmp_path / "lib", words * 12)
    async with make_app(lib=library).run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        starts = 0
        for width in range(100, 131, 2):
            await pilot.resize_terminal(width, 35)
            await pilot.pause()
            document = screen.pane.document
            assert document is not None
            body = [line.text[2:] for line in document.lines[document.block_starts[0] :]]
            lines = [line.rstrip() for line in body if line.strip()]
            assert not any(line.startswith(" ") for line in lines), (width, lines)
            assert " ".join(lines) == (words * 12).strip()
            starts += sum(line.startswith("–") for line in lines)
        assert starts  # some width broke a line just before a dash


async def test_the_pane_shows_the_article_under_the_cursor_after_a_quick_move_back(
    make_app: AppFactory, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """j then k before the next article has been read off disk: the cursor is back on the
    first article, and so is the pane, not the article it had started to read."""
    first, second = library.articles()[:2]
    content = library.content

    def slow_for_second(article_id: str) -> ArticleContent:
        if article_id == second.id:
            time.sleep(0.5)
        return content(article_id)

    monkeypatch.setattr(library, "content", slow_for_second)
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        assert screen.pane.article_id == first.id
        await pilot.press("j", "k")
        await pilot.pause(0.8)
        screen = await settle(pilot)
        assert screen.article_list.current is not None
        assert screen.article_list.current.id == first.id
        assert screen.pane.article_id == first.id
