"""Titles, sources and authors as a reader wants them, from pages that fill them badly."""

from __future__ import annotations

import pytest

from reader.clean.html import clean_html
from reader.clean.markdown import clean_markdown
from reader.clean.meta_names import author_name, host_name, site_name
from reader.clean.textdump import clean_text_dump

STORY = "".join(
    f"<p>{text}</p>"
    for text in (
        "The orchard society planted forty new apple trees along the river path on Saturday, "
        "choosing old local varieties that had almost vanished from the valley.",
        "Volunteers dug the holes in the morning rain while children labelled each sapling "
        "with the name of the farm where its parent tree had once grown.",
        "The society hopes to press its first juice from the new trees in five years, and will "
        "hold a tasting in the village hall for everyone who helped.",
    )
)


def page(head: str, body: str) -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def test_headline_is_the_visible_heading_not_the_title_with_its_site() -> None:
    html = page(
        '<title>"Forty trees" for the river path | Valley Weekly</title>',
        '<header><a href="/">Valley Weekly</a></header>'
        "<article><h1>„Forty trees“ for the river path</h1>" + STORY + "</article>",
    )
    cleaned = clean_html(html)
    assert cleaned.title == "„Forty trees“ for the river path"
    assert not cleaned.body.startswith("#")  # not repeated as the body's first heading


def test_headline_without_its_kicker() -> None:
    html = page(
        '<meta property="og:title" content="Forty apple trees for the river path">',
        '<article><h1><span class="kicker">Orchards</span> Forty apple trees for the river '
        "path</h1>" + STORY + "</article>",
    )
    assert clean_html(html).title == "Forty apple trees for the river path"


@pytest.mark.parametrize(
    "heading",
    [
        '<span class="kicker">Orchards</span><span class="hidden">: </span>'
        '<span class="title">Forty apple trees for the river path</span>',
        '<div class="topic-label">Planting day</div> Forty apple trees for the river path',
    ],
)
def test_a_kicker_in_an_element_of_its_own_is_left_out_even_when_the_title_has_it(
    heading: str,
) -> None:
    html = page(
        "<title>Orchards: Forty apple trees for the river path | Valley Weekly</title>",
        f"<article><h1>{heading}</h1>{STORY}</article>",
    )
    assert clean_html(html).title == "Forty apple trees for the river path"


@pytest.mark.parametrize(
    ("heading", "headline"),
    [
        # the styled opening word of the headline itself
        (
            '<span class="accent">Orchards</span> planted along the river path',
            "Orchards planted along the river path",
        ),
        # emphasis, not a kicker
        (
            "<i>Forty Trees</i> review: a river path in bloom",
            "Forty Trees review: a river path in bloom",
        ),
    ],
)
def test_a_heading_opening_with_its_own_words_in_an_element_keeps_them(
    heading: str, headline: str
) -> None:
    html = page(
        f"<title>{headline} | Valley Weekly</title>",
        f"<article><h1>{heading}</h1>{STORY}</article>",
    )
    assert clean_html(html).title == headline


@pytest.mark.parametrize(
    ("head", "title"),
    [
        (
            '<meta property="og:site_name" content="Valley Weekly GmbH">',
            "Forty apple trees for the river path | Valley Weekly",
        ),
        ("", "Forty apple trees for the river path | VALLEYWEEKLY.EXAMPLE"),
        (
            '<meta property="og:site_name" content="Valley Weekly">',
            "Valley Weekly|Forty apple trees for the river path",
        ),
    ],
)
def test_the_title_loses_the_site_named_without_its_legal_form_as_an_address_or_unspaced(
    head: str, title: str
) -> None:
    html = page(f"{head}<title>{title}</title>", f"<article>{STORY}</article>")
    assert clean_html(html).title == "Forty apple trees for the river path"


@pytest.mark.parametrize(
    "heading",
    [
        # the site's name, set for screen readers only
        'Forty apple trees for the river path<span class="element-invisible"> | Valley Weekly'
        "</span>",
        # a link's arrow before it, a soft hyphen inside a word
        "&raquo; Forty ap&shy;ple trees for the river path",
    ],
)
def test_a_heading_loses_what_no_reader_sees_as_its_words(heading: str) -> None:
    html = page(
        "<title>Forty apple trees for the river path | Valley Weekly</title>",
        f"<article><h1>{heading}</h1>{STORY}</article>",
    )
    assert clean_html(html).title == "Forty apple trees for the river path"


def test_blog_headline_is_the_post_not_the_blog_name() -> None:
    html = page(
        "<title>Pruning day at the orchard | The Orchard Diary</title>",
        "<h1>The Orchard Diary</h1><div class='post'><h2>Pruning day at the orchard</h2>"
        + STORY
        + "</div><h2>Archives</h2>",
    )
    assert clean_html(html).title == "Pruning day at the orchard"


def test_source_is_a_clean_name_else_the_address() -> None:
    tagline = page(
        '<meta property="og:site_name" content="Valley Weekly &amp; Co | News for the valley">',
        f"<article><h1>Forty trees</h1>{STORY}</article>",
    )
    assert clean_html(tagline).source == "Valley Weekly & Co"
    unnamed = page("<title>Forty trees</title>", f"<article><h1>Forty trees</h1>{STORY}</article>")
    assert clean_html(unnamed, url="https://www.valley.example/news/trees").source == (
        "valley.example"
    )


@pytest.mark.parametrize(
    ("field", "name"),
    [
        ("Valley Weekly", "Valley Weekly"),
        ("Spider&#039;s Web", "Spider's Web"),
        ('"Valley Weekly"', "Valley Weekly"),
        ("© 2021 Valley Weekly. All rights reserved.", "Valley Weekly"),
        ("Copyright © 2001-2009", None),
        ("Tous droits réservés", None),
        ("https://social.example/valleyweekly", None),
        ("Forty apple trees for the river path", None),  # the article's title
    ],
)
def test_site_name(field: str, name: str | None) -> None:
    assert site_name(field, title="Forty apple trees for the river path") == name


@pytest.mark.parametrize(
    ("field", "source"),
    [
        ("Valley Weekly, Munich, Germany", "Valley Weekly"),  # the name, not its address
        # a tagline of more words than a name has
        (
            "A blog about orchards, rivers and the paths between them in the valley",
            "valley.example",
        ),
        ("BLOG OFF!", "BLOG OFF!"),  # a name may end with a mark
    ],
)
def test_source_is_no_address_or_tagline(field: str, source: str) -> None:
    assert site_name(field, url="https://www.valley.example/news/1") == source


def test_host_name() -> None:
    assert host_name("https://www.valley.example/news/1") == "valley.example"
    assert host_name("http://[broken") is None
    assert host_name(None) is None


@pytest.mark.parametrize(
    ("field", "name"),
    [
        ("By Ines Marwick", "Ines Marwick"),
        ("By", None),
        ("admin", None),
        ("siteadmin", None),
        ("Ines Marwick says:", None),  # a commenter
        ("INES MARWICK; Valley Weekly Staff Writer", "INES MARWICK"),
        ("Ines Marwick; Valleyweekly De", "Ines Marwick"),
        ("Ines Marwick14.03.2021", "Ines Marwick"),
        ("Ines Marwick and Jo Amory for The Valley Weekly", "Ines Marwick and Jo Amory"),
        ("Analysis by Jo Amory", "Jo Amory"),
    ],
)
def test_author_name(field: str, name: str | None) -> None:
    assert author_name(field) == name


@pytest.mark.parametrize(
    ("field", "source", "name"),
    [
        ("Valley Weekly; Jo Amory", "Valley Weekly", "Jo Amory"),  # the publication beside
        ("Ines Marwick", "Ines Marwick", "Ines Marwick"),  # a personal site, named for her
        ("Valley Verlag GmbH; Jo Amory; Ines Marwick", None, "Jo Amory; Ines Marwick"),
        ("Valley Verlag GmbH", None, None),
        ("Valley Weekly; Munich; Germany", None, None),  # the publisher's address
        ("Redacci; Oacute; N Valley Weekly", None, None),  # an entity split into parts
        ("Redacción Valley; Jo Amory", None, "Jo Amory"),
    ],
)
def test_author_name_is_no_publisher_address_or_garbled_entity(
    field: str, source: str | None, name: str | None
) -> None:
    assert author_name(field, source) == name


def test_markdown_heading_title_is_plain_text() -> None:
    cleaned = clean_markdown("# *A Treatise on [Orchards](https://x.example)*\n\nText.\n")
    assert cleaned.title == "A Treatise on Orchards"


def test_text_dump_author_and_source_are_clean() -> None:
    dump = "\n\n".join(
        [
            "Home | News | Sport | Contact",
            "Forty apple trees for the river path",
            "By Ines Marwick",
            "The orchard society planted forty new apple trees along the river path on "
            "Saturday, choosing old local varieties that had almost vanished from the valley.",
            "Volunteers dug the holes in the morning rain while children labelled each sapling "
            "with the name of the farm where its parent tree had once grown.",
            "© 2021 Valley Weekly. Tous droits réservés.",
        ]
    )
    cleaned = clean_text_dump(dump)
    assert cleaned.title == "Forty apple trees for the river path"
    assert cleaned.byline == "Ines Marwick"
    assert cleaned.source == "Valley Weekly"
