"""An article's plain text, its sentences and links, and finding a quoted passage again."""

from __future__ import annotations

from reader.passages.anchor import PlainText, context
from reader.passages.blocks import article_text, block_offsets, readable_blocks
from reader.passages.sentences import sentence_spans

BODY = (
    "# Night trains\n\n"
    "The harbour **reopened** on Monday. Ferries ran again! Did the cafés open? Yes.\n\n"
    "- Ferries run again\n- Cafés open\n\n"
    "See [the timetable] or <https://auto.example.org/a>, or [write](mailto:desk@example.org).\n\n"
    "Ferries run again, said the harbour master."
)
LINKS = "[the timetable]: <https://ferries.example.com/times>"


def text() -> str:
    return article_text(readable_blocks(BODY, LINKS))


def test_plain_text_is_what_the_reader_sees_one_block_a_line() -> None:
    blocks = readable_blocks(BODY, LINKS)
    assert [block.plain for block in blocks] == [
        "Night trains",
        "The harbour reopened on Monday. Ferries ran again! Did the cafés open? Yes.",
        "Ferries run again\nCafés open",
        "See the timetable or https://auto.example.org/a, or write.",
        "Ferries run again, said the harbour master.",
    ]
    offsets = block_offsets(blocks)
    assert [text()[at : at + 5] for at in offsets] == ["Night", "The h", "Ferri", "See t", "Ferri"]


def test_links_in_reading_order_with_references_resolved() -> None:
    found = [link for block in readable_blocks(BODY, LINKS) for link in block.links()]
    assert found == [
        ("the timetable", "https://ferries.example.com/times"),
        ("https://auto.example.org/a", "https://auto.example.org/a"),
        ("write", "mailto:desk@example.org"),
    ]


def test_sentences_end_at_marks_and_at_line_ends() -> None:
    whole = text()
    assert [whole[s:e] for s, e in sentence_spans(whole)][:7] == [
        "Night trains",
        "The harbour reopened on Monday.",
        "Ferries ran again!",
        "Did the cafés open?",
        "Yes.",
        "Ferries run again",
        "Cafés open",
    ]
    japanese = "雨が降った。バスに乗った。"
    assert [japanese[s:e] for s, e in sentence_spans(japanese)] == [
        "雨が降った。",
        "バスに乗った。",
    ]


def test_a_repeated_quote_is_told_apart_by_its_context() -> None:
    plain = PlainText(text())
    first = text().index("Ferries run again")
    second = text().rindex("Ferries run again")
    assert plain.locate("Ferries run again") == (first, first + 17)
    before, after = context(text(), second, second + 17)
    assert plain.locate("Ferries run again", before, after) == (second, second + 17)


def test_markup_case_and_spacing_in_a_quote_do_not_lose_it() -> None:
    plain = PlainText(text())
    start = text().index("The harbour")
    assert plain.locate("The harbour **reopened**\n  on monday") == (start, start + 30)
    assert plain.locate("“Ferries ran again!”") is not None
    assert plain.locate("not in this article") is None
    assert plain.locate("   ") is None


def test_context_that_ends_in_a_space_still_tells_repeats_apart() -> None:
    text = "One cat sat. Then one cat ran. And one cat slept."
    plain = PlainText(text)
    second = text.index("one cat ran")
    assert plain.locate("one cat", "Then ", " ran") == (second, second + 7)
    third = text.index("one cat slept")
    assert plain.locate("one cat", "ran. And ", "") == (third, third + 7)


def test_a_closing_quote_after_the_mark_stays_with_its_sentence() -> None:
    text = "Sie fragt: „Brauchen Sie das Buch?“ Im Erdgeschoss steht ein Regal. He said “no.” Then left."
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Sie fragt: „Brauchen Sie das Buch?“",
        "Im Erdgeschoss steht ein Regal.",
        "He said “no.”",
        "Then left.",
    ]
