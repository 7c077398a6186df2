"""Behaviour of the plain-text page dump cleaner on small invented pages and the seed."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from reader.clean.boilerplate import boilerplate_reason
from reader.clean.credits import byline_name, is_caption_like
from reader.clean.date_lines import find_date
from reader.clean.textdump import clean_text_dump
from reader.textstats import count_words

REPO = Path(__file__).resolve().parents[2]
SEED_NAME = "000_dceee3eb7ce91ffe.txt"

PARA1 = (
    "The harbour town of Eldermere opened its new tidal library on Monday, a small building "
    "that floods twice a day and keeps its books on floating shelves, the council said."
)
PARA2 = (
    "Librarians spent three years testing cork, foam and recycled bottles before settling on "
    "a design that rises with the water, and they say not a single page has been lost so far."
)
PARA3 = (
    "Visitors can borrow books only at low tide, which the staff admit makes opening hours "
    "hard to remember, but the queue on the first morning stretched along the whole pier."
)

PAGE = f"""\
* Home
* News
* Sport
* Weather
* About us

Tidal library opens in Eldermere harbour

By Jane Marlow
March 3, 2024

{PARA1}

Advertisement

{PARA2}

Share this article

{PARA3}

Sign up for our newsletter to get the best stories in your inbox every morning.

Related articles

* Another story about a lighthouse that became a bakery and now sells bread
* Fishermen protest new quota rules in the north

Copyright 2024 Eldermere Gazette. All rights reserved.
"""


def test_finds_title_body_byline_and_date() -> None:
    c = clean_text_dump(PAGE)
    assert c.title == "Tidal library opens in Eldermere harbour"
    assert c.body == "\n\n".join([PARA1, PARA2, PARA3])
    assert c.byline == "Jane Marlow"
    assert c.date == "2024-03-03"


def test_removed_lists_dropped_lines_in_order_with_reasons() -> None:
    c = clean_text_dump(PAGE)
    reasons = {r.text: r.reason for r in c.removed}
    assert reasons["Advertisement"] == "advertisement"
    assert reasons["Share this article"] == "share"
    assert reasons["Related articles"] == "related"
    assert reasons["By Jane Marlow"] == "byline"
    assert (
        reasons["Sign up for our newsletter to get the best stories in your inbox every morning."]
        == "newsletter"
    )
    # The menu is one removed block, before the other removed lines.
    texts = [r.text for r in c.removed]
    assert texts[0].startswith("* Home\n* News")
    assert texts.index("Advertisement") < texts.index("Related articles")
    # Nothing kept is also listed as removed, and the title is in neither.
    assert all(r.text not in c.body for r in c.removed if len(r.text) > 30)
    assert c.title is not None
    assert c.title not in c.body


def test_list_inside_body_becomes_markdown_list() -> None:
    page = f"""\
Menu

How to pack for a week of rain

{PARA1}

Before you leave, check that your bag holds the following items, in this order:
* a waterproof jacket with a hood
* two pairs of wool socks
* a thermos

{PARA2}

{PARA3}
"""
    c = clean_text_dump(page)
    assert "- a waterproof jacket with a hood\n- two pairs of wool socks\n- a thermos" in c.body
    assert c.body.startswith(PARA1)
    assert c.body.endswith(PARA3)


def test_comments_after_article_are_dropped() -> None:
    comment = (
        "I completely disagree with the council on this one, the library should have been built "
        "on the hill where the old school used to be, and everyone in town knows it."
    )
    page = f"""\
Tidal library opens in Eldermere harbour

{PARA1}

{PARA2}

{PARA3}

42 Comments

* harbourfan says:
{comment}
* readerjo says:
{comment.replace("disagree", "agree")}
* oldsailor says:
{comment.replace("council", "mayor")}
"""
    c = clean_text_dump(page)
    assert c.body.endswith(PARA3)
    assert "disagree" not in c.body


def test_cjk_text_counts_as_words() -> None:
    sentence = "港町の図書館は潮の満ち引きに合わせて本棚が浮かぶ新しい建物で、月曜日に開館した。"
    assert count_words(sentence) >= 15
    page = f"ホーム\n\n潮の図書館が開館\n\n{sentence}\n\n{sentence * 2}\n\n{sentence * 3}\n"
    c = clean_text_dump(page)
    assert c.title == "潮の図書館が開館"
    assert c.body.startswith(sentence)


def test_never_empty_when_page_has_text() -> None:
    assert clean_text_dump("Just one short line").body
    assert clean_text_dump("").body == ""


def test_boilerplate_cues() -> None:
    assert boilerplate_reason("Read more") == "read more"
    assert boilerplate_reason("Weiterlesen") == "read more"
    assert boilerplate_reason("Facebook") == "share"
    assert boilerplate_reason("Sign up for our free weekly newsletter") == "newsletter"
    assert (
        boilerplate_reason("Please consider supporting our journalism today.") == "donation appeal"
    )
    assert (
        boilerplate_reason("We use cookies to improve your experience on our site.")
        == "cookie notice"
    )
    assert boilerplate_reason("The river rose by two metres overnight.") is None
    assert is_caption_like("The new bridge at dusk. Photo: Jane Doe")
    assert not is_caption_like("The bridge opened in 1932 after six years of work.")
    assert byline_name("By Jane Doe and Tom Roe") == "Jane Doe and Tom Roe"
    assert find_date("Published 12 January 2021, 10:00") == "2021-01-12"
    assert find_date("2019-11-19T10:31") == "2019-11-19"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Teilen Sie dies mit:", "share"),
        ("Síguenos en", "share"),
        ("Kommentar verfassen", "comments"),
        ("11 Antworten zu „Ein Sonntag am Meer“", "comments"),
        ("Bitte registrieren Sie sich und halten Sie sich an unsere Netiquette.", "comments"),
        ("Ähnliche Beiträge", "related"),
        ("Lo más leído", "related"),
        ("Najczęściej czytane", "related"),
        ("Mehr zum Thema", "related"),
        ("Lesen Sie auch:", "related"),
        ("Você pode gostar...", "related"),
        ("Vous aimerez aussi", "related"),
        ("Leggi anche", "related"),
        ("Neueste Artikel", "related"),
        ("Temas relacionados", "related"),
        ("Siehe auch", "related"),
        ("Write a comment", "comments"),
        ("Vorheriger Artikel", "read more"),
        ("Reklama", "advertisement"),
        ("Mit unserem Newsletter bleiben Sie informiert", "newsletter"),
        ("Gib deine E-Mail-Adresse ein", "newsletter"),
        ("Teile diesen Beitrag auf Social Media.", "share"),
        ("Cancela cuando quieras.", "subscription"),
        ("Weitere Beiträge aus der Kolumne:", "related"),
        ("Unterstütze uns bereits mit 2,50!", "donation appeal"),
        ("Über den Autor", "author bio"),
        ("About the author", "author bio"),
        ("Advertising disclosure: we may earn a commission from links.", "advertisement"),
        ("Dieser Beitrag enthält Werbung.", "advertisement"),
        ("Unser kostenloser Newsletter informiert Sie über neue Beiträge.", "newsletter"),
        ("To view the full story, please subscribe to the Valley Post.", "subscription"),
        ("Submit a letter to the editor.", "comments"),
        ("Was denkst du?", "comments"),
        ("¡Mira lo que tiene nuestro canal de YouTube!", "share"),
        ("Image 2 of 5", "caption"),
        ("Image caption The harbour at dawn", "caption"),
        ("Media playback is unsupported on your device", "navigation"),
        ("Thanks for signing up!", "newsletter"),
        ("Get breaking news alerts and special reports.", "newsletter"),
        ("Follow the Valley Post on Instagram and Twitter.", "share"),
        ("Do you rely on our reporting? Click here to support it.", "donation appeal"),
        ("Note: we are moderating all comments to deal with spam.", "comments"),
        ("Image of the week: the harbour at dawn", None),
        ("PUBLISHED: 09:41, Tue, Nov 19, 2019 | UPDATED: 10:43, Tue, Nov 19, 2019", "date"),
        ("By Valley Staff | November 18, 2019 at 2:26 PM - Updated November 18", "date"),
        ("Jo Amory Submitted photo", "caption"),
        ("The harbour master's office via AP", "caption"),
        ("Our Standards: The Valley Post Trust Principles.", "copyright"),
        ("View all (23)", "navigation"),
        ("Clique na imagem acima", "navigation"),
        ("Click here to get the Valley Post app", "navigation"),
        ("Tell us what you think...", "comments"),
        (
            "Diese Website verwendet Cookies, um Ihnen das beste Erlebnis zu bieten.",
            "cookie notice",
        ),
        ("Este sitio utiliza cookies propias y de terceros.", "cookie notice"),
        (
            "En remplissant ce formulaire, vous serez inscrit à notre liste de diffusion.",
            "newsletter",
        ),
        ("You can support this blog with donations through PayPal.", "donation appeal"),
        ("Your contribution will allow us to keep the archive free.", "donation appeal"),
        ("Dieses Werk ist unter einer Creative Commons-Lizenz lizenziert.", "legal notice"),
        ("This page is licensed under a Creative Commons licence.", "legal notice"),
        (
            "Trotz sorgfältiger inhaltlicher Kontrolle übernehmen wir keine Haftung für Links.",
            "legal notice",
        ),
        ("We are not responsible for the content of external sites.", "legal notice"),
        ("Hinweis: Alle Bilder unterliegen dem Copyright des Fotografen.", "legal notice"),
        ("Ich akzeptiere die Nutzungsbedingungen.", "legal notice"),
        ("I agree to the terms of use and the privacy policy.", "legal notice"),
        ("Please update your browser to view this site.", "navigation"),
        ("Warning: Undefined variable $post in /var/www/index.php on line 42", "navigation"),
        ("This entry was posted in Harbour News. Bookmark the permalink.", "date"),
        ("Der Beitrag wurde am 3. November 2026 veröffentlicht.", "date"),
        ("We’d love to hear your thoughts on this recipe.", "comments"),
        # sentences that share words with those notices
        ("Die Stadt übernimmt keine Haftung für den Sturm, sagte der Sprecher.", None),
        ("Este sitio usa cookies para medir las visitas.", "cookie notice"),
        ("Shops in the USA sold more cookies at Christmas, the survey found.", None),
        ("Beim Backen verwenden wir für die Cookies nur Butter aus der Region.", None),
        ("I think the council should support the project.", None),
        ("Also on example.com: Ferry timetable changes again", "read more"),
        ("Get the Post delivered to your door every month. 12 issues for £20.", "subscription"),
        ("Email the author or follow us on Twitter for more.", "share"),
        ("Thanks for watching! Visit our website", "navigation"),
        (
            "Tidewater is a leading global provider of harbour software for ports.",
            "company profile",
        ),
        (
            "Tidewater is headquartered in Eldermere and employs around 300 people worldwide.",
            "company profile",
        ),
        ("The ferry company is the main provider of jobs on the island.", None),
        ("Der Hafen bei Nacht © Jo Amory / Eldermere Post", "caption"),
        ("Das neue Ufer (Bildquelle: Stadt Eldermere)", "caption"),
        ("Die Bibliothek bei Ebbe. Bild: Jo Amory/Eldermere Post", "caption"),
        ("Photograph by Jo Amory for the Eldermere Post", "caption"),
        ("Der Lesesaal am Pier. CC-BY-SA 4.0", "caption"),
        ("Diesen Artikel teilen:", "share"),
        ("Hat Ihnen dieser Artikel gefallen? Dann teilen Sie ihn.", "share"),
        ("Fanden Sie diesen Artikel nützlich?", "share"),
        ("Das Thema könnte dich auch interessieren:", "related"),
        ("Hier weiterlesen", "related"),
        ("Mehr zu Hafen und Meer", "related"),
        ("Noch mehr Infos für dich", "related"),
        ("Empfehlungen aus der Redaktion", "related"),
        ("Die meistgelesenen Artikel", "related"),
        ("Mirá también", "related"),
        ("Empfohlener redaktioneller Inhalt", "navigation"),
        ("Der Hafen-Newsletter: immer informiert!", "newsletter"),
        ("Hier kostenlos anmelden »", "subscription"),
        ("E-Mail (wird benötigt und nicht veröffentlicht)", "comments"),
        ("No responses yet", "comments"),
        ("(Alle Angaben ohne Gewähr)", "legal notice"),
        ("Materiał chroniony prawem autorskim.", "copyright"),
        ("Alle Pressemitteilungen | RSS-Feed abonnieren", "share"),
        ("Mehr zu diesem Thema sagte der Bürgermeister nicht.", None),
        ("Noch mehr Menschen kamen am Abend zum Pier.", None),
        ("Das Bild: ein Hafen im Sturm, sagte sie, sei ihr liebstes.", None),
        ("Abgelegt unter Hafen, Bibliothek, Gezeiten", "date"),
        ("Dieser Beitrag wurde veröffentlicht in Hafen und verschlagwortet mit Ebbe.", "date"),
        ("Join the readers who get new stories delivered to their inbox each week.", "newsletter"),
        ("Gib deine E-Mail-Adresse ein, um diesem Blog zu folgen.", "newsletter"),
        ("Ihr Beitrag hilft, unsere Berichterstattung kostenlos zu halten.", "donation appeal"),
        ("Die Hafen AG ist mit rund 2.400 Mitarbeitern der größte Arbeitgeber.", None),
        ("Dieser Text steht unter der Lizenz CC-BY-NC-ND-4.0.", "legal notice"),
        ("Klicken Sie auf den Button, um den Inhalt von www.example.org zu laden.", "navigation"),
        ("You are using a browser version with limited support for CSS.", "navigation"),
        ("Get the latest news straight to your phone with our app.", "navigation"),
        (
            "Die Hafenpost jetzt auch digital! Einfach hier klicken und registrieren!",
            "subscription",
        ),
        ("Die Zeitung erscheint auch als E-Paper.", None),
        ("Jetzt 3 Ausgaben gratis erhalten!", "subscription"),
        ("Lesen Sie das Hafen Heft jeden Monat.", "subscription"),
        # a blog post may open so: no bio
        ("Hallo, ich bin Jane und zeige euch heute mein liebstes Brot.", None),
        ("Note: the advertising disclaimer below does not apply to this article.", "advertisement"),
        ("¿Ya sabías que tenemos canal de Telegram?", "share"),
        ("Czekamy na Wasze maile z uwagami.", "comments"),
        # a sentence that starts like a related-links heading
        ("Weitere Artikel über die Stadt erschienen 2019, sagte der Bürgermeister.", None),
        ("Zum Newsletter anmelden", "newsletter"),
        ("Never miss the latest news by signing up to our newsletter today!", "newsletter"),
        ("Jede kleine Spende hilft den Menschen vor Ort!", "donation appeal"),
        ("Inhaltsverzeichnis", "navigation"),
        ("Die besten Storys jede Woche direkt in deinen Posteingang!", "newsletter"),
        ("Die wichtigsten Meldungen jeden Morgen in Ihr Postfach.", "newsletter"),
        ("Diese Website verwendet Akismet, um Spam zu reduzieren.", "comments"),
        # sentences that only share a word with those labels
        ("Die Antworten der Stadt auf die Fragen der Anwohner kamen spät.", None),
        ("Wir spenden jedes Jahr einen Teil der Einnahmen an die Tafel.", None),
        ("Read the terms before signing up for the bundle plan.", None),
        ("Der Brief lag drei Wochen im Postfach des Rathauses.", None),
    ],
)
def test_boilerplate_cues_in_other_languages(line: str, reason: str | None) -> None:
    assert boilerplate_reason(line) == reason


def _seed_path() -> Path | None:
    for path in (REPO / "articles" / SEED_NAME, REPO.parent / "shared" / "seeds" / SEED_NAME):
        if path.exists():
            return path
    return None


def test_seed_page() -> None:
    path = _seed_path()
    if path is None:
        pytest.skip("seed page not available")
    c = clean_text_dump(path.read_text(encoding="utf-8"))
    assert c.title == "Foreign Minister Sergei Lavrov to Visit North Korea This Weekend"
    assert c.body.startswith(
        "Russian Foreign Minister Sergei Lavrov will visit North Korea this weekend"
    )
    assert c.body.endswith(
        "\"At the center of these discussions may well be plans for Kim's anticipated visit "
        'to Russia," he added.'
    )
    for junk in (
        "Support The Moscow Times",
        "Sign up",
        "newsletter",
        "Dear readers",
        "Once",
        "Monthly",
        "Annual",
        "Continue",
        "paiment methods",
        "Remind me later",
        "Read more",
    ):
        assert junk not in c.body, junk
    reasons = {r.reason for r in c.removed}
    assert {"newsletter", "donation appeal", "read more"} <= reasons
    assert c.source == "The Moscow Times"  # named only by its appeal for support


def test_subheading_table_caption_and_source() -> None:
    page = f"""\
Home

Harbour results are in

{PARA1}

A boat at the new pier at dawn.
Mira Holt/Eldermere Gazette

{PARA2}

What the numbers say

{PARA3}

Final standings after six races:
Pos.  Boat          Points
1     Sea Lark      120
2     Grey Heron    98

Leave a comment

© 2024 Eldermere Gazette. All rights reserved.
"""
    c = clean_text_dump(page)
    assert c.title == "Harbour results are in"
    assert "## What the numbers say" in c.body
    assert "```\nPos.  Boat          Points\n1     Sea Lark      120\n" in c.body
    assert "A boat at the new pier" not in c.body
    assert {"caption", "comments", "copyright"} <= {r.reason for r in c.removed}
    assert c.source == "Eldermere Gazette"


def test_markdown_starts_are_escaped() -> None:
    page = f"{PARA1}\n\n# not a heading but a hashtag line that came from the page itself.\n\n{PARA2}\n"
    c = clean_text_dump(page)
    assert "\n\\# not a heading" in c.body


def test_long_announced_list_of_short_items_is_kept() -> None:
    items = ["* salt", "* flour", "* yeast", "* water", "* olive oil", "* honey"]
    page = f"{PARA1}\n\nFor the dough you will need the following things:\n" + "\n".join(items)
    page += f"\n\n{PARA2}\n"
    c = clean_text_dump(page)
    assert "- salt\n- flour\n- yeast\n- water\n- olive oil\n- honey" in c.body


def test_hard_wrapped_text_mode_dump_is_unwrapped() -> None:
    paras = [PARA1, PARA2, PARA3, PARA1.replace("Monday", "Tuesday")]
    menu = "* Home\n* News\n* Sport\n* Weather\n\n"
    wrapped = "\n\n".join("\n".join(textwrap.wrap(p, 72)) for p in paras)
    page = menu + "Tidal library opens in Eldermere harbour\n\n" + wrapped + "\n\nRead more\n"
    assert max(len(line) for line in page.splitlines()) <= 72
    c = clean_text_dump(page)
    assert c.title == "Tidal library opens in Eldermere harbour"
    assert c.body.split("\n\n") == paras


def test_caption_with_credit_between_byline_and_body_is_not_the_title() -> None:
    page = textwrap.dedent(f"""\
        * Home
        * News

        Tidal Library Opens Its Doors on the Eldermere Pier

        By Ana Ruiz, Staff Reporter | November 3, 2026, 6:12 a.m.

        Readers queue at the tidal library shortly after 7 a.m. on Monday. Jo Amory / Eldermere Post

        {PARA1}

        {PARA2}

        {PARA3}
        """)
    cleaned = clean_text_dump(page)
    assert cleaned.title == "Tidal Library Opens Its Doors on the Eldermere Pier"
    assert cleaned.byline == "Ana Ruiz"
    assert cleaned.date == "2026-11-03"
    assert "Readers queue" not in cleaned.body
    assert "caption" in {r.reason for r in cleaned.removed if "Readers queue" in r.text}


def test_every_shipped_sample_dump_has_its_headline_as_title() -> None:
    titles = {
        "060_later-school-start.txt": "Northfield Schools Will Start 50 Minutes Later",
        "070_marsh-bird-count.txt": "Record 214 Species Logged",
        SEED_NAME: "Foreign Minister Sergei Lavrov to Visit North Korea",
    }
    for name, start in titles.items():
        text = (REPO / "articles" / name).read_text(encoding="utf-8")
        title = clean_text_dump(text).title
        assert title is not None and title.startswith(start), name


HEADLINE = "Tidal Library Opens Its Doors on the Eldermere Pier"


@pytest.mark.parametrize(
    "between",
    [
        ["Reading time: 2 minutes"],  # a labelled figure, not a headline
        ["Tested by: Jo Ames RRP: 49.95 Euro More info: www.example.org"],
        ["Most Popular", "1. Ferry timetable changes again", "2. Pier cafe closes early"],
        ["Ana Ruiz, Staff Writer"],  # a byline naming the role
        ["Share", "The town's mayor and the harbour master"],  # a stray fragment
    ],
)
def test_the_headline_above_its_dateline_wins_over_nearer_lines(between: list[str]) -> None:
    page = "\n\n".join(
        ["* Home", "* News", HEADLINE, "November 3, 2026", *between, PARA1, PARA2, PARA3]
    )
    cleaned = clean_text_dump(page)
    assert cleaned.title == HEADLINE
    assert cleaned.date == "2026-11-03"


@pytest.mark.parametrize(
    "between",
    [
        # a standfirst, then a caption with its credit
        [
            "Books float on shelves that rise with the tide in the harbour town",
            "The reading room at low tide \u00a9 Jo Amory / Eldermere Post",
        ],
        # a standfirst, then a subheading
        [
            "Books float on shelves that rise with the tide in the harbour town",
            "A library for low tide",
        ],
    ],
)
def test_the_first_line_after_the_menus_is_the_headline_not_what_follows(
    between: list[str],
) -> None:
    page = "\n\n".join(["* Home\n* News\n* Sport", HEADLINE, *between, PARA1, PARA2, PARA3])
    assert clean_text_dump(page).title == HEADLINE


def test_a_one_word_headline_after_the_menus_is_the_title() -> None:
    page = "\n\n".join(["* Home\n* News\n* Sport", "Tidewatching", PARA1, PARA2, PARA3])
    assert clean_text_dump(page).title == "Tidewatching"


def test_the_headline_is_found_above_a_long_table_of_contents() -> None:
    contents = "\n".join(f"{n}. Chapter {n} of the guide" for n in range(1, 31))
    page = "\n\n".join(["* Home\n* News", HEADLINE, "November 3, 2026", contents, PARA1, PARA2])
    cleaned = clean_text_dump(page)
    assert cleaned.title == HEADLINE
    assert cleaned.body.split("\n\n") == [PARA1, PARA2]


def test_the_headline_a_breadcrumb_trail_ends_with_wins() -> None:
    trail = f"Home > News > Eldermere > {HEADLINE}"
    standfirst = "Books float on shelves that rise with the tide in the harbour town"
    page = "\n\n".join([trail, "Share", HEADLINE, "Listen", standfirst, PARA1, PARA2, PARA3])
    assert clean_text_dump(page).title == HEADLINE


SHORT_HEADLINE = "Tidal library opens today"
STANDFIRST = "Books float on shelves that rise with the tide in the harbour town"


def test_a_short_headline_wins_over_the_longer_standfirst_under_it() -> None:
    page = "\n\n".join(["* Home\n* News\n* Sport", SHORT_HEADLINE, STANDFIRST, PARA1, PARA2])
    cleaned = clean_text_dump(page)
    assert cleaned.title == SHORT_HEADLINE
    assert cleaned.body.split("\n\n") == [PARA1, PARA2]


def test_a_one_word_kicker_above_the_headline_is_not_the_title() -> None:
    page = "\n\n".join(["* Home\n* News\n* Sport", "Eldermere", HEADLINE, PARA1, PARA2])
    assert clean_text_dump(page).title == HEADLINE


def test_the_line_a_share_text_quotes_is_the_headline() -> None:
    caption = "The reading room at low tide"
    share = f"Share this: {SHORT_HEADLINE} | Eldermere Post"
    page = "\n\n".join(["* Home\n* News", SHORT_HEADLINE, caption, PARA1, PARA2, share])
    assert clean_text_dump(page).title == SHORT_HEADLINE


def test_the_headline_two_lines_above_its_byline_wins_over_the_caption_between() -> None:
    headline = "Tidal library opens in the harbour"
    caption = "The reading room at low tide"
    page = "\n\n".join(
        ["* Home\n* News", "Eldermere Post", headline, caption, "By Jane Marlow", PARA1, PARA2]
    )
    cleaned = clean_text_dump(page)
    assert cleaned.title == headline
    assert cleaned.byline == "Jane Marlow"
    assert cleaned.body.split("\n\n") == [PARA1, PARA2]


def test_a_kicker_run_into_the_headline_is_left_out_of_the_title() -> None:
    trail = "Home\nNews\nLibrary opens on the pier"
    page = "\n\n".join(
        [trail, "Eldermere harbour Library opens on the pier", "Share", PARA1, PARA2]
    )
    cleaned = clean_text_dump(page)
    assert cleaned.title == "Library opens on the pier"
    assert cleaned.body.split("\n\n") == [PARA1, PARA2]


def test_a_dated_headline_far_above_the_body_wins_over_the_nearest_line() -> None:
    pictures = [f"Harbour view {n}" for n in range(1, 26)]
    caption = "The reading room on the pier at low tide"
    page = "\n\n".join(
        ["* Home\n* News", HEADLINE, "November 3, 2026", *pictures, caption, PARA1, PARA2]
    )
    cleaned = clean_text_dump(page)
    assert cleaned.title == HEADLINE
    assert cleaned.date == "2026-11-03"


def test_a_dated_headline_among_the_first_lines_of_the_body_is_the_title() -> None:
    notice = (
        "Thank you for reading the Eldermere Post online, where every story from the harbour "
        "and the pier is free to read for anyone who lives in the town or visits it."
    )
    headline = "Tidal library opens in the harbour"
    page = "\n\n".join([notice, headline, "November 3, 2026", PARA1, PARA2])
    cleaned = clean_text_dump(page)
    assert cleaned.title == headline
    assert cleaned.date == "2026-11-03"
    assert headline not in cleaned.body
    assert cleaned.body.split("\n\n")[-2:] == [PARA1, PARA2]


@pytest.mark.parametrize(
    "bio",
    [
        "Jane Marlow is a freelance writer living in Eldermere",
        "Jane Marlow ist Redakteurin im Ressort Wissen und lebt in Eldermere",
        "Jane Marlow is the Founder & Principal Consultant at Tidewater Media",
    ],
)
def test_the_article_ends_at_its_authors_bio(bio: str) -> None:
    teasers = [
        "Why A Lighthouse Keeper Became A Baker",
        "The old lighthouse on the point now sells bread every morning, and the queue of "
        "walkers and fishermen outside it starts long before the sun comes up over the bay.",
        "Fishermen Protest New Quota Rules",
        "Boats stayed in the harbour all week as crews protested the new quota rules, which "
        "they say will halve their catch and leave the smaller family boats tied up for good.",
    ]
    page = "\n\n".join(["* Home\n* News\n* Sport", HEADLINE, PARA1, PARA2, PARA3, bio, *teasers])
    cleaned = clean_text_dump(page)
    assert cleaned.body.split("\n\n") == [PARA1, PARA2, PARA3]
    reasons = {r.text: r.reason for r in cleaned.removed}
    assert reasons[bio] == "author bio"
    assert all(any(t in r for r in reasons) for t in teasers)


@pytest.mark.parametrize("heading", ["About Jane Marlow", "Über Jane Marlow", "Sobre Jane Marlow"])
def test_a_heading_naming_the_author_ends_the_article(heading: str) -> None:
    bio = (
        "Jane has reported on the harbour towns of the north coast since 2009 and lives on a "
        "boat with two cats and far too many books about lighthouses."
    )
    page = "\n\n".join(["* Home\n* News", HEADLINE, PARA1, PARA2, PARA3, heading, bio])
    cleaned = clean_text_dump(page)
    assert cleaned.body.split("\n\n") == [PARA1, PARA2, PARA3]
    assert any(r.text.startswith(heading) and r.reason == "author bio" for r in cleaned.removed)


def test_a_subheading_about_a_place_is_no_bio() -> None:
    page = "\n\n".join([HEADLINE, PARA1, "About The Harbour Library", PARA2, PARA3])
    assert clean_text_dump(page).body.split("\n\n") == [
        PARA1,
        "## About The Harbour Library",
        PARA2,
        PARA3,
    ]


def test_a_sentence_naming_an_editor_is_no_bio() -> None:
    sentence = (
        "Mayor Jo Ames is said to have told the editor of the local paper that the library "
        "would stay open through the winter storms, whatever the tides."
    )
    page = "\n\n".join(["* Home\n* News", HEADLINE, PARA1, sentence, PARA2, PARA3])
    assert clean_text_dump(page).body.split("\n\n") == [PARA1, sentence, PARA2, PARA3]


def test_the_caption_under_a_gallery_counter_is_dropped() -> None:
    caption = "The reading room at low tide, with every shelf afloat"
    page = "\n\n".join([HEADLINE, PARA1, "Image 2 of 3", caption, PARA2, PARA3])
    cleaned = clean_text_dump(page)
    assert cleaned.body.split("\n\n") == [PARA1, PARA2, PARA3]
    assert any(caption in r.text and r.reason == "caption" for r in cleaned.removed)


def test_a_caption_closing_a_block_over_an_agency_credit_is_dropped() -> None:
    caption = "A ferry passenger reads on the floating shelves of the tidal library on Monday"
    block = "\n".join([PARA2, caption, "Jo Amory | Eldermere Post | Getty Images"])
    cleaned = clean_text_dump("\n\n".join([HEADLINE, PARA1, block, PARA3]))
    assert cleaned.body.split("\n\n") == [PARA1, PARA2, PARA3]
    assert any(caption in r.text and r.reason == "caption" for r in cleaned.removed)


def test_long_caption_with_its_credit_is_dropped_however_long() -> None:
    caption = (
        "A ferry passenger reads on the new floating shelves of the tidal library in "
        "Eldermere harbour, on Monday, March 14, 2021. REUTERS/Ines Marwick"
    )
    dump = "\n\n".join(["Tidal library opens in Eldermere harbour", PARA1, caption, PARA2, PARA3])
    cleaned = clean_text_dump(dump)
    assert "ferry passenger" not in cleaned.body
    assert PARA2 in cleaned.body and PARA3 in cleaned.body
    assert any("ferry passenger" in r.text and r.reason == "caption" for r in cleaned.removed)


@pytest.mark.parametrize(
    "sentence",
    [
        "An Alibaba spokesperson declined to comment on the pricing to Reuters.",
        "In-car infotainment comes courtesy of an 8-inch touchscreen display with maps.",
        "The Associated Press reports that 28 people who met the patient were quarantined.",
    ],
)
def test_sentences_naming_an_agency_are_not_captions(sentence: str) -> None:
    dump = "\n\n".join(["Tidal library opens in Eldermere harbour", PARA1, sentence, PARA2])
    assert sentence in clean_text_dump(dump).body


def test_prose_after_a_run_of_short_sentences_stays_in_the_body() -> None:
    # One-line steps are sentences, not a menu: the paragraph after them is still the article.
    steps = [
        "Fill the smallest basin with cold water first.",
        "Lower the cork shelf until it floats level.",
        "Stack the heaviest books nearest the hinge.",
        "Check the shelf again when the tide turns.",
    ]
    closing = (
        "The staff say the shelves have stayed dry through every spring tide since the "
        "library opened its doors."
    )
    page = "\n\n".join(
        ["* Home\n* News\n* Sport", HEADLINE, PARA1, PARA2, *steps, closing, "Share this article"]
    )
    assert clean_text_dump(page).body.split("\n\n") == [PARA1, PARA2, *steps, closing]


def test_a_one_sentence_opening_paragraph_below_the_byline_is_body() -> None:
    opening = "It all began with a small leak."
    page = "\n\n".join(
        ["* Home\n* News\n* Sport", HEADLINE, "By Jane Marlow", opening, PARA1, PARA2, PARA3]
    )
    cleaned = clean_text_dump(page)
    assert cleaned.title == HEADLINE
    assert cleaned.byline == "Jane Marlow"
    assert cleaned.body.split("\n\n") == [opening, PARA1, PARA2, PARA3]


def test_an_opening_paragraph_trailing_off_in_dots_above_the_body_is_kept() -> None:
    opening = (
        "Nobody expected a library that floods twice a day to work, and at first it did not..."
    )
    page = "\n\n".join(
        ["* Home\n* News\n* Sport", HEADLINE, "By Jane Marlow", opening, PARA1, PARA2, PARA3]
    )
    cleaned = clean_text_dump(page)
    assert cleaned.title == HEADLINE
    assert cleaned.body.split("\n\n") == [opening, PARA1, PARA2, PARA3]
    assert not any(opening in r.text for r in cleaned.removed)


def test_a_long_paragraph_trailing_off_in_dots_at_the_end_is_kept() -> None:
    last = (
        "The council has promised to look again at the opening hours in the spring, when the "
        "tides are kinder, and the librarians have already started a list of the books that "
        "readers ask for most, from sea charts and tide tables to the old harbour ledgers and…"
    )
    page = "\n\n".join(["* Home\n* News", HEADLINE, PARA1, PARA2, PARA3, last, "Share"])
    assert clean_text_dump(page).body.split("\n\n") == [PARA1, PARA2, PARA3, last]


FRENCH_PARAGRAPHS = (
    "La petite ville portuaire a ouvert lundi une bibliothèque qui se remplit d'eau deux fois "
    "par jour : les livres sont posés sur des étagères qui flottent avec la marée.",
    "Les bibliothécaires ont testé le liège et les bouteilles pendant trois ans avant de "
    "choisir un modèle qui monte avec l'eau, et aucune page n'a été perdue depuis.",
)


def test_the_headline_the_body_takes_up_wins_over_a_section_label_and_a_teaser() -> None:
    headline = "Eldermere opens its tidal library"
    page = "\n\n".join(
        [
            "* Home\n* News\n* Sport",
            "Culture & Leisure",
            "November 3, 2026 | 14:08 | by Jo Ames",
            "Something new on the waterfront",
            headline,
            PARA1,
            PARA2,
            PARA3,
        ]
    )
    cleaned = clean_text_dump(page)
    assert cleaned.title == headline


def test_a_kicker_set_before_the_headline_with_a_spaced_colon_is_left_out() -> None:
    page = "\n\n".join(
        ["* Home\n* News", "Harbour life : Tidal library opens on the pier", PARA1, PARA2]
    )
    assert clean_text_dump(page).title == "Tidal library opens on the pier"


def test_a_french_headline_keeps_its_spaced_colon() -> None:
    headline = "Eldermere : la bibliothèque qui flotte ouvre ses portes"
    page = "\n\n".join(["* Accueil\n* Actualités", headline, *FRENCH_PARAGRAPHS])
    assert clean_text_dump(page).title == headline


def test_the_invisible_hyphens_of_a_headline_are_left_out() -> None:
    page = "\n\n".join(
        ["* Home\n* News", "Tidal li\u00adbrary opens in Elder\u00admere", PARA1, PARA2]
    )
    assert clean_text_dump(page).title == "Tidal library opens in Eldermere"


SECTIONS = {
    "Why the shelves float": PARA2,
    "When to visit": PARA3,
    "How the tide sets the hours": (
        "The opening hours change every day with the tide table, which the library prints on "
        "a board by the door and posts on the harbour office wall each Sunday evening."
    ),
}


def test_the_opening_above_a_table_of_contents_stays_in_the_body() -> None:
    contents = "\n".join(["Contents", *SECTIONS, "Sources and further reading"])
    sections = [part for heading, text in SECTIONS.items() for part in (heading, text)]
    page = "\n\n".join(
        ["* Home\n* News\n* Sport", HEADLINE, PARA1, contents, *sections, "* About\n* Contact"]
    )
    cleaned = clean_text_dump(page)
    assert cleaned.title == HEADLINE
    assert cleaned.body.split("\n\n")[0] == PARA1
    assert all(text in cleaned.body for text in SECTIONS.values())
    assert [r.text for r in cleaned.removed if r.reason == "contents"] == ["\n".join(SECTIONS)]


def test_a_headline_naming_a_date_can_be_the_title() -> None:
    headline = "Harbour festival, 22 January 2026"
    page = "\n\n".join(["* Home\n* News\n* Sport", headline, "By Jane Marlow", PARA1, PARA2])
    assert clean_text_dump(page).title == headline


def test_a_headline_under_a_teaser_the_body_search_took_in_is_the_title() -> None:
    teaser = (
        "Books float on shelves that rise with the tide in the harbour town, and the council "
        "says the whole idea began with a flood."
    )
    headline = "Tidal library opens on the pier"
    page = "\n\n".join(["* Home\n* News\n* Sport", teaser, headline, PARA1, PARA2, PARA3])
    cleaned = clean_text_dump(page)
    assert cleaned.title == headline
    assert headline not in cleaned.body


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("[> Tidal library opens on the pier", "Tidal library opens on the pier"),
        ("» Tidal library opens on the pier", "Tidal library opens on the pier"),
        ("23.01.2026 - Tidal library opens on the pier", "Tidal library opens on the pier"),
        ("»Tidal library opens on the pier«", "»Tidal library opens on the pier«"),  # quoted
    ],
)
def test_a_headline_loses_the_arrow_or_date_set_before_it(line: str, title: str) -> None:
    page = "\n\n".join(["* Home\n* News\n* Sport", line, PARA1, PARA2])
    assert clean_text_dump(page).title == title


def test_teasers_each_under_a_repeated_share_row_after_a_related_heading_are_left_out() -> None:
    share = "Share Facebook Pin"
    teasers = [
        "A bakery on the pier has started selling bread shaped like lighthouses, and the queue "
        "now reaches the end of the harbour wall on Saturday mornings, its owner says.",
        "Fishermen in the north are protesting new quota rules that they say will leave half "
        "the fleet in port for most of the winter, and they plan to sail to the capital.",
        "The ferry to the islands will run on a winter timetable from next month, with two "
        "crossings a day instead of four, which islanders say will make the school run hard.",
    ]
    cards = [line for teaser in teasers for line in (share, teaser)]
    page = "\n\n".join(["* Home\n* News", HEADLINE, PARA1, PARA2, "You may also like", *cards])
    c = clean_text_dump(page)
    assert c.body == f"{PARA1}\n\n{PARA2}"
    assert ("You may also like", "related") in [(r.text, r.reason) for r in c.removed]


def test_an_ingredient_list_stays_in_the_body_as_a_list() -> None:
    intro = (
        "These little biscuits are what the bakery on the pier sells on stormy days, and they "
        "keep for a week in a tin if nobody finds them first."
    )
    method = (
        "Rub the butter into the flour, baking powder and almonds until the mixture looks like "
        "coarse sand, then stir in the sugar and the beaten egg."
    )
    ingredients = ["300 g flour", "1 tsp baking powder", "100 g ground almonds", "200 g butter"]
    page = "\n\n".join(
        [
            "* Home\n* Recipes\n* About",
            "Harbour almond biscuits",
            "November 3, 2026",
            intro,
            "Ingredients:\n" + "\n".join([*ingredients, "1 egg"]),
            "Method",
            method,
            "Leave a comment",
        ]
    )
    c = clean_text_dump(page)
    assert c.title == "Harbour almond biscuits"
    items = "\n".join(f"- {item}" for item in [*ingredients, "1 egg"])
    assert c.body == f"{intro}\n\nIngredients:\n\n{items}\n\nMethod\n\n{method}"


def test_a_menu_of_short_lines_holding_numbers_is_still_a_menu() -> None:
    menu = "* Home\n* News\n2026 archive\nTop 10 stories\n* Contact"
    c = clean_text_dump("\n\n".join([menu, HEADLINE, PARA1, PARA2]))
    assert c.body == f"{PARA1}\n\n{PARA2}"


def test_an_article_resumes_after_a_box_of_four_related_links() -> None:
    box = "\n".join(
        [
            "* Ferry timetable changes again this winter",
            "* Pier cafe closes early for the storm season",
            "* Lighthouse keeper turns baker on the point",
            "* Fishermen protest new quota rules in the north",
        ]
    )
    last = (
        "The council says the library will stay open through the winter storms, and that the "
        "shelves will be checked by divers every spring before the visitors come back."
    )
    page = "\n\n".join([HEADLINE, PARA1, PARA2, "Related stories", box, PARA3, last])
    assert clean_text_dump(page).body.split("\n\n") == [PARA1, PARA2, PARA3, last]


def test_comments_under_a_one_paragraph_article_are_left_out() -> None:
    comments = [
        "I walked down to the pier this morning to see it for myself and the queue was already "
        "long, so I went for a coffee first and came back at low tide, which worked well.",
        "My grandmother worked in the old library on the hill for thirty years and she would "
        "have loved the floating shelves, she always said the sea was the best neighbour.",
    ]
    page = "\n\n".join(["* Home\n* News", HEADLINE, PARA1, "2 Comments", *comments])
    assert clean_text_dump(page).body == PARA1


def test_a_cue_word_inside_a_compound_is_found_in_a_dump() -> None:
    notice = "Der Hafen-Newsletter: jeden Morgen informiert"
    page = "\n\n".join([HEADLINE, PARA1, PARA2, PARA3, notice])
    cleaned = clean_text_dump(page)
    assert cleaned.body.split("\n\n") == [PARA1, PARA2, PARA3]
    assert (notice, "newsletter") in [(r.text, r.reason) for r in cleaned.removed]


def test_a_subheading_after_a_one_line_pointer_to_another_story_is_kept() -> None:
    page = "\n\n".join(
        [
            HEADLINE,
            PARA1,
            PARA2,
            "Related story: Ferry timetable changes again this winter",
            "Opening hours",
            PARA3,
        ]
    )
    assert clean_text_dump(page).body.split("\n\n") == [PARA1, PARA2, "## Opening hours", PARA3]
