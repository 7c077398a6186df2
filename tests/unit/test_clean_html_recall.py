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


def test_body_covering_little_of_the_page_is_extracted_again_for_recall() -> None:
    # trafilatura's precision settings keep the intro and drop the bordered story below it
    intro = (
        "The orchard society has spent three years planning a new planting along the river "
        "path, and this weekend the plan finally came to something: forty young apple trees, "
        "each of an old local variety, now stand in two rows between the mill and the "
        "footbridge. The society's chair said the work had only been possible because so many "
        "people from the village gave their time, their tools and, in several cases, cuttings "
        "from trees that grew in their own gardens. Everyone is welcome at the first pruning day."
    )
    story = "".join(
        f"<p>Volunteer number {n} dug a hole in the morning rain, set a stake beside it and "
        "labelled the sapling with the name of the farm where its parent tree had grown.</p>"
        for n in range(1, 21)
    )
    html = page(
        f"<article><h1>Forty apple trees</h1><p>{intro}</p>"
        f'<div class="story" style="border-left: 2px solid #eee">{story}</div></article>'
    )
    body = " ".join(clean_html(html).body.split())
    assert intro in body
    assert "Volunteer number 1 dug" in body and "Volunteer number 20 dug" in body


LEAD = "The river path has forty new apple trees, planted by volunteers in the rain on Saturday."


def page_with_lead(lead_above_byline: bool) -> str:
    lead = f'<p class="lead">{LEAD}</p>'
    byline = '<p class="byline">By Ines Marwick</p><p class="date">14 March 2021</p>'
    header = lead + byline if lead_above_byline else byline + lead
    return page(
        f"<article><header><h1>Forty apple trees</h1>{header}</header>"
        f'<div class="story">{ARTICLE}</div></article>',
        head=f'<title>Forty apple trees</title><meta name="description" content="{LEAD}">',
    )


def test_lead_paragraph_the_extractor_left_out_opens_the_body() -> None:
    cleaned = clean_html(page_with_lead(lead_above_byline=False))
    assert cleaned.body.startswith(LEAD + "\n\n")
    assert kept_everything(cleaned.body)


def test_subtitle_above_the_byline_stays_out_of_the_body_but_is_listed() -> None:
    cleaned = clean_html(page_with_lead(lead_above_byline=True))
    assert LEAD not in cleaned.body
    assert kept_everything(cleaned.body)
    assert any(
        LEAD in item.text and item.reason == "left out by the extractor" for item in cleaned.removed
    )


def test_prose_the_extractor_left_out_is_listed_with_its_reason() -> None:
    comments = "".join(
        f'<div class="comment"><p>Reader {n} wrote that the planting was the best thing to '
        "happen on the river path in years, and hoped for pears next spring.</p></div>"
        for n in range(1, 4)
    )
    html = page(
        f"<article><h1>Orchard</h1>{ARTICLE}</article>"
        f'<section id="comments"><h2>Comments</h2>{comments}</section>'
    )
    cleaned = clean_html(html)
    assert "Reader 1" not in cleaned.body
    left_out = [item.text for item in cleaned.removed if item.reason == "left out by the extractor"]
    assert any("Reader 1 wrote" in text and "Reader 3 wrote" in text for text in left_out)


def test_filters_never_leave_a_page_with_text_empty() -> None:
    # the page's only text reads like a picture caption, which the filters drop
    html = page(
        "<article><p>The mayor opens the new footbridge over the river on Saturday morning. "
        "Photo: Ines Marwick</p></article>"
    )
    assert "mayor opens the new footbridge" in clean_html(html).body
