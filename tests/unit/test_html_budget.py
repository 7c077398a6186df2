"""Pages whose shape would make cleaning slow are simplified before parsing, article kept."""

from __future__ import annotations

import base64

import pytest

from reader.clean import html_budget
from reader.clean.html import clean_html

ARTICLE = "".join(
    f"<p>Paragraph {n}: the ferry left the harbour at dawn and reached the island by noon, "
    "where the crew unloaded the post, the bread and a piano for the village hall.</p>"
    for n in range(12)
)


def page(body: str) -> str:
    return (
        f"<html><head><title>Ferry day</title></head><body><article>{body}</article></body></html>"
    )


def test_an_element_with_a_flood_of_attributes_keeps_none_and_the_article_is_found() -> None:
    flood = " ".join(f'data-a{n}="v{n}"' for n in range(20_000))  # minutes to parse as is
    cleaned = clean_html(page(f"<div {flood}>{ARTICLE}</div>"))
    assert "Paragraph 11: the ferry" in cleaned.body
    assert "data-a1" not in html_budget.bounded(f"<div {flood}>x</div>")


def test_a_picture_inlined_before_the_article_does_not_push_it_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(html_budget, "MAX_PAGE_CHARS", 50_000)
    picture = base64.b64encode(bytes(range(256)) * 600).decode()  # 200 kB of data URI
    cleaned = clean_html(page(f'<img src="data:image/png;base64,{picture}">{ARTICLE}'))
    assert "Paragraph 11: the ferry" in cleaned.body


def test_a_page_past_the_tag_budget_is_cut_and_keeps_its_start(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(html_budget, "MAX_TAGS", 40)
    links = '<div><a href="/more">More news</a></div>' * 5000
    source = page(ARTICLE + links)
    assert html_budget.bounded(source).count("<") == 40
    cleaned = clean_html(source)
    assert "Paragraph 0: the ferry" in cleaned.body


def test_a_page_within_the_bounds_is_left_as_it_is() -> None:
    source = page(ARTICLE + '<a href="https://example.org/x" class="link">x</a>')
    assert html_budget.bounded(source) == source
