"""Behaviour of the HTML cleaner on small invented pages."""

from __future__ import annotations

import time

import pytest

from reader.clean.html import clean_html
from reader.clean.html_blocks import block_reason, filter_blocks
from reader.clean.html_markdown import to_markdown
from reader.clean.html_page_text import page_blocks
from reader.clean.html_source import cut_elements
from reader.clean.model import Cleaned

FILLER = (
    "The harbour committee met on a grey Tuesday morning to discuss the future of the old "
    "lighthouse, which has stood at the end of the northern pier for more than a century. "
)

ARTICLE = f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>Lighthouse keepers return to Portwick | The Portwick Gazette</title>
  <meta property="og:title" content="Lighthouse keepers return to Portwick">
  <meta property="og:site_name" content="The Portwick Gazette">
  <meta name="author" content="Mara Ellison">
  <meta property="article:published_time" content="2021-03-14T09:30:00Z">
</head>
<body>
  <nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
  <li><a href="/sport">Sport</a></li></ul></nav>
  <main><article>
    <h1>Lighthouse keepers return to Portwick</h1>
    <p class="byline">By Mara Ellison</p>
    <p>{FILLER}Members agreed that the building needed a new roof before winter.</p>
    <p>{FILLER}The treasurer read out the <a href="https://example.org/budget">budget
       for the repairs</a> and nobody objected to the figures.</p>
    <h2>A century of light</h2>
    <p>{FILLER}Older residents remembered the keepers who lived there until the lamp
       was automated, and several brought photographs to the meeting.</p>
    <ul>
      <li>The lamp was first lit in the winter of an unusually stormy year.</li>
      <li>The last resident keeper left when the light was automated.</li>
      <li>The tower has been repainted white and red eleven times.</li>
    </ul>
    <blockquote><p>We owe it to the sailors who still look for that light on dark
       nights to keep it standing for another hundred years.</p></blockquote>
    <p>{FILLER}A public meeting will be held next month so that everyone can give an
       opinion on the plans before the council votes on them.</p>
    <div class="donate-box"><p>Dear readers, independent local journalism needs your
       support. Please consider making a donation today.</p></div>
    <div class="signup"><p>Sign up for our newsletter to get the latest stories
       delivered to your inbox every morning.</p></div>
    <p><a href="/more">Read more</a></p>
    <p>Share this article</p>
  </article></main>
  <footer><p>Contact the newsroom</p></footer>
</body>
</html>
"""


@pytest.fixture(scope="module")
def article() -> Cleaned:
    return clean_html(ARTICLE, url="https://gazette.example/lighthouse")


def test_metadata_found(article: Cleaned) -> None:
    assert article.title == "Lighthouse keepers return to Portwick"
    assert article.byline == "Mara Ellison"
    assert article.date == "2021-03-14"
    assert article.source == "The Portwick Gazette"
    assert article.url == "https://gazette.example/lighthouse"
    assert article.language == "en"


def test_body_keeps_the_article_text(article: Cleaned) -> None:
    assert "needed a new roof before winter" in article.body
    assert "give an opinion on the plans" in article.body.replace("\n", " ")


def test_title_not_repeated(article: Cleaned) -> None:
    first_line = article.body.splitlines()[0]
    assert "Lighthouse keepers return" not in first_line


def test_markdown_structure(article: Cleaned) -> None:
    lines = article.body.splitlines()
    assert "## A century of light" in lines
    assert "- The lamp was first lit in the winter of an unusually stormy year." in lines
    assert any(line.startswith("> We owe it to the sailors") for line in lines)
    # paragraphs are separated by blank lines
    assert "\n\nOlder residents" in article.body or "\n\nThe harbour committee" in article.body


def test_link_text_kept_without_url_by_default(article: Cleaned) -> None:
    assert "budget for the repairs" in article.body.replace("\n", " ")
    assert "https://example.org/budget" not in article.body


def test_links_are_kept_with_their_targets_beside_the_prose() -> None:
    cleaned = clean_html(ARTICLE, url="https://gazette.example/lighthouse")
    assert "[budget for the repairs]" in cleaned.body.replace("\n", " ")
    assert "https://example.org/budget" not in cleaned.body
    assert "[budget for the repairs]: <https://example.org/budget>" in cleaned.links
    plain = clean_html(ARTICLE, url="https://gazette.example/lighthouse", links=False)
    assert "[budget" not in plain.body and plain.links == ""


@pytest.mark.parametrize(
    ("fragment", "reasons"),
    [
        ("independent local journalism needs your support", {"donation appeal"}),
        ("Sign up for our newsletter", {"newsletter"}),
        ("Share this article", {"share"}),
        # trafilatura itself drops a lone link paragraph
        ("Read more", {"read more", "left out by the extractor"}),
    ],
)
def test_boilerplate_removed_and_listed(article: Cleaned, fragment: str, reasons: set[str]) -> None:
    assert fragment not in article.body
    matches = [r for r in article.removed if fragment in r.text]
    assert matches, f"{fragment!r} not listed in removed"
    assert {r.reason for r in matches} <= reasons


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Read more", "read more"),
        ("Continue reading", "read more"),
        ("Share on Facebook", "share"),
        ("Subscribe to our newsletter and get the best stories in your inbox.", "newsletter"),
        ("Please consider supporting us with a donation.", "donation appeal"),
        ("Photo: Jan Keller", "caption"),
        ("This copy is for your personal, non-commercial use only.", "copyright"),
        ("", "empty"),
        ("The committee will meet again next month to vote on the plans.", None),
        ("Harbour cranes at dusk. REUTERS/Ines Marwick", "caption"),
        # Reported speech ending with an agency's name is the article, not a credit.
        ("“We have received the request,” said a spokesperson when contacted by Reuters.", None),
        # pointers to other articles, in the languages of the development pages
        ("Lea también: Impiden ingreso a reportero en la frontera", "read more"),
        ("LE PUEDE INTERESAR: La ficha del expresidente en Nueva York", "read more"),
        ("Czytaj też: Wyścig zbrojeń ruszył z kopyta", "read more"),
        ("À lire aussi » Quel est votre profil digestif ?", "read more"),
        ("Auch interessant: Diese drei Sternzeichen verschenken ihr Herz", "read more"),
        ("Schon gelesen?", "read more"),
        ("Auch interessant ist, dass die Fähre im Winter zweimal am Tag fährt.", None),
        ("Lea el informe completo antes de votar, pidió la diputada.", None),
    ],
)
def test_block_reason(text: str, reason: str | None) -> None:
    assert block_reason(text) == reason


def test_long_paragraph_about_newsletters_is_kept() -> None:
    paragraph = "The newsletter, which readers can subscribe to by e-mail, " + FILLER * 3
    assert block_reason(paragraph) is None


def test_removed_in_page_order(article: Cleaned) -> None:
    texts = [r.text for r in article.removed]
    menu = texts.index("Home\nNews\nSport")
    assert menu < texts.index("Lighthouse keepers return to Portwick")
    donation = next(i for i, t in enumerate(texts) if "donation" in t)
    newsletter = next(i for i, t in enumerate(texts) if "newsletter" in t)
    assert menu < donation < newsletter < texts.index("Contact the newsroom")


def test_headings_without_text_dropped() -> None:
    from lxml import etree  # type: ignore[import-untyped]

    body = etree.fromstring(
        "<body><p>Intro.</p><head rend='h2'>Inside the tower</head>Loose text after it."
        "<head rend='h3'>Detail</head><p>The lamp is lit at dusk.</p>"
        "<head rend='h3'>Another story</head><head rend='h3'>Yet another story</head></body>"
    )
    removed = filter_blocks(body, None)
    markdown = to_markdown(body)
    assert "## Inside the tower\n\nLoose text after it." in markdown
    assert "### Detail" in markdown
    assert "story" not in markdown
    assert [r.reason for r in removed] == ["empty section", "empty section"]


def test_every_dropped_block_keeps_its_reason(article: Cleaned) -> None:
    assert {r.reason for r in article.removed} == {
        "title repeated",
        "donation appeal",
        "newsletter",
        "share",
        "left out by the extractor",
    }


def test_text_outside_the_article_listed_as_left_out(article: Cleaned) -> None:
    left_out = [r.text for r in article.removed if r.reason == "left out by the extractor"]
    assert left_out == ["Home\nNews\nSport", "By Mara Ellison", "Read more", "Contact the newsroom"]


def test_caption_not_mixed_into_paragraph() -> None:
    page = f"""<html><head><title>Dunes</title></head><body><article>
      <p>{FILLER * 2}</p>
      <figure><img src="dune.jpg" alt="dune"><figcaption>The dunes at dawn.
        Photo: Ina Varga</figcaption></figure>
      <p>{FILLER * 2}The wind shaped them overnight.</p>
    </article></body></html>"""
    cleaned = clean_html(page)
    for paragraph in cleaned.body.split("\n\n"):
        if "dunes at dawn" in paragraph:
            assert paragraph.startswith("*") and paragraph.endswith("*")
            assert "harbour" not in paragraph


@pytest.mark.parametrize(
    "junk",
    [
        "",
        "   \n\t ",
        "just some plain words, not a page",
        "<html></html>",
        "<<<>>> </p></div><div",
        "\x00\x01\x02 binary \ufffd\ufffd garbage \x7f",
        "<html><body><script>var x = 1;</script></body></html>",
        "<?xml version='1.0' encoding='latin-1'?><html><body><p>caf\u00e9</p></body></html>",
    ],
)
def test_garbage_gives_empty_body_without_raising(junk: str) -> None:
    cleaned = clean_html(junk)
    assert isinstance(cleaned, Cleaned)
    assert isinstance(cleaned.body, str)
    if junk.strip() in ("", "<html></html>"):
        assert cleaned.body == ""


def test_lone_surrogates_do_not_cut_the_text() -> None:
    page = (
        f"<html><body><article><p>{FILLER * 3} broken \udcff byte here</p></article></body></html>"
    )
    cleaned = clean_html(page)
    assert "broken" in cleaned.body and "byte here" in cleaned.body


def test_not_a_string_does_not_raise() -> None:
    cleaned = clean_html(b"<p>bytes</p>")  # type: ignore[arg-type]
    assert cleaned.body == ""


def test_huge_page_does_not_raise() -> None:
    page = "<html><body>" + f"<p>{FILLER}</p>" * 2_000 + "</body></html>"
    cleaned = clean_html(page)
    assert "lighthouse" in cleaned.body


@pytest.mark.parametrize(
    "junk",
    [
        "<script>" * 20_000,
        "<!--" * 20_000,
        "<p>x</p><style>a" * 20_000,
        "<" * 200_000,
        "<title>" * 30_000,
    ],
)
def test_unclosed_tags_stay_fast(junk: str) -> None:
    start = time.perf_counter()
    clean_html(junk)
    assert time.perf_counter() - start < 5  # a quadratic scan took minutes


def test_cut_elements_keeps_json_ld() -> None:
    html = 'a<script>x()</script>b<SCRIPT type="application/ld+json">{}</script>c<!-- z -->d<style>'
    cut = cut_elements(html, ("script", "style", "svg"), keep_json_ld=True)
    assert cut == 'ab<SCRIPT type="application/ld+json">{}</script>cd<style>'


def test_page_blocks_split_at_block_tags() -> None:
    html = (
        "<body><p>one <b>two</b></p><script>x()</script><div>three<br>four &amp; five</div></body>"
    )
    assert page_blocks(html) == ["one two", "three", "four & five"]


def test_only_web_and_mail_links_are_restored() -> None:
    page = (
        "<html><head><title>Links</title></head><body><article><h1>Links</h1>"
        + "<p>The plan is described in the "
        + '<a href="javascript:alert(1)">council papers on the plan</a> and in the '
        + '<a href="file:///etc/passwd">local file copy here</a> and in the '
        + '<a href="/minutes/7">minutes of the meeting</a>, which anyone can read in full. ' * 3
        + "</p></article></body></html>"
    )
    cleaned = clean_html(page, url="https://town.example/news/plan")
    assert "[minutes of the meeting]: <https://town.example/minutes/7>" in cleaned.links
    assert "javascript" not in cleaned.links and "file:" not in cleaned.links
    assert "[council papers on the plan]" not in cleaned.body


LAYOUT_PARAGRAPHS = (
    "The harbour club was founded in 1990 by a handful of neighbours who met in a living "
    "room on the pier, and for its first years it trained wherever the council let it, "
    "from the old market square to the car park behind the lighthouse, until it found a "
    "field of its own by the river.",
    "Today the club trains twice a week and runs a show every summer, and its members "
    "still say the best part of the year is the evening walk along the harbour wall.",
)


def _page(body: str) -> str:
    return f"<html><head><title>Harbour club</title></head><body>{body}</body></html>"


def test_a_table_laying_out_the_page_becomes_paragraphs() -> None:
    first, second = LAYOUT_PARAGRAPHS
    page = _page(
        '<table><tr><td width="20"></td><td><h1>Harbour club</h1>'
        f"<p>{first}</p><p>{second}</p></td><td width='20'></td></tr></table>"
    )
    body = clean_html(page).body
    assert "|" not in body
    assert body.split("\n\n") == [first, second]


def test_a_table_of_data_stays_a_table() -> None:
    first, second = LAYOUT_PARAGRAPHS
    page = _page(
        f"<article><h1>Harbour club</h1><p>{first}</p>"
        "<table><tr><th>Team</th><th>Points</th></tr><tr><td>Harbour FC</td><td>12</td></tr>"
        f"<tr><td>Pier United</td><td>9</td></tr></table><p>{second}</p></article>"
    )
    body = clean_html(page).body
    assert "| Team | Points |\n|---|---|\n| Harbour FC | 12 |\n| Pier United | 9 |" in body
    assert body.startswith(first) and body.endswith(second)
