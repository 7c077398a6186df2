"""Pages whose article the HTML cleaner used to lose whole: markup quirks, not content."""

from __future__ import annotations

from reader.clean.html import clean_html
from reader.clean.html_source import NOT_CONTENT, cut_elements

PARAGRAPHS = [
    "The orchard society planted forty new apple trees along the river path on Saturday, "
    "choosing old local varieties that had almost vanished from the valley.",
    "Volunteers dug the holes in the morning rain while children labelled each sapling "
    "with the name of the farm where its parent tree had once grown.",
    "The society hopes to press its first juice from the new trees in five years, and "
    "will hold a tasting in the village hall for everyone who helped.",
    "Anyone who would like to adopt one of the trees can leave their name at the library, "
    "where a map of the new planting hangs beside the notice board.",
]
ARTICLE = "".join(f"<p>{text}</p>" for text in PARAGRAPHS)


def page(body: str, head: str = "<title>Orchard</title>") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def kept_everything(body: str) -> bool:
    flat = " ".join(body.split())
    return all(text in flat for text in PARAGRAPHS)


def test_end_tag_with_junk_before_its_bracket_ends_the_script() -> None:
    # A browser ends the script at "</script", whatever stands before the next ">"
    html = page(
        '<script src="/stats.js"></script\n  <!-- share buttons: see the docs -->\n'
        f"<main><article><h1>Orchard</h1>{ARTICLE}</article></main>"
        "<script>track()</script>"
    )
    assert kept_everything(clean_html(html).body)
    assert cut_elements("a<script>x</script\n<!--y-->b", NOT_CONTENT) == "ab"


def test_page_inside_noscript_is_read() -> None:
    html = page(
        '<div id="app"></div><noscript><div class="page">'
        f"<article><h1>Orchard</h1>{ARTICLE}</article></div></noscript>"
    )
    assert kept_everything(clean_html(html).body)


def test_noscript_note_is_not_read() -> None:
    html = page(
        f"<article><h1>Orchard</h1>{ARTICLE}</article>"
        "<noscript><p>Please enable JavaScript to see the comments.</p></noscript>"
    )
    cleaned = clean_html(html)
    assert kept_everything(cleaned.body)
    assert "JavaScript" not in cleaned.body


def test_link_to_a_broken_address_keeps_the_page() -> None:
    html = page(
        f"<article><h1>Orchard</h1>{ARTICLE}"
        '<p><a href="http://[cookie-settings]">Cookie settings</a></p></article>'
    )
    cleaned = clean_html(html, url="https://orchard.example/news/trees")
    assert kept_everything(cleaned.body)
