"""Every input is read and cleaned within its second, whatever its shape.

Each shape here once made a regular expression go back over its own work (a run of
comments before a page's root, a long run of spaces or digits, a tag name that never
ends) and kept ``reader import`` busy for minutes or hours. Each is fed to import's
reading code, as a user's file would be, under a cap of one second of CPU time; the
corpus pages that were slowest are checked the same way when the corpus is present.
The sweep over every corpus page is ``tests/bench/bench_page_time.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cpu_budget import cpu_budget
from project_paths import SHARED

from reader.ingest.formats.sniff import sniff
from reader.ingest.prepare import Failure, prepare_file
from reader.passages.reference_links import inline_links
from reader.store.records import NewArticle

#: The time any one input may take, in CPU seconds.
PAGE_SECONDS = 1.0

ARTICLE = (
    "<p>The council approved the new railway budget on Tuesday, after a long debate "
    "about the harbour and the festival that fills the old town every summer.</p>"
)
CONDITIONAL = '<!--[if IE {n}]><html class="no-js ie{n}" lang="de"><![endif]-->\n'


def html_page(head: str) -> bytes:
    return (
        f"{head}<html><head><title>Budget</title></head><body><article>"
        f"{ARTICLE * 4}</article></body></html>"
    ).encode()


#: Inputs by name: the file name to save them under and their bytes.
SHAPES: dict[str, tuple[str, bytes]] = {
    "doctype then conditional comments": (
        "page.html",
        html_page("<!DOCTYPE html>\n" + "".join(CONDITIONAL.format(n=n) for n in range(3000))),
    ),
    "conditional comments first, no extension": (
        "page",
        html_page("".join(CONDITIONAL.format(n=n) for n in range(200))),
    ),
    "comments and instructions, then no root": (
        "notes.txt",
        b"<?xml version='1.0'?>" + b"<!-- a --><?pi x?>" * 4000 + b"\nplain text after",
    ),
    "a tag name that never ends": ("page.html", b"<html><body>" + b"<" + b"a" * 500_000),
    "a long run of digits under a headline": (
        "dump.txt",
        b"A headline for the page\n\n" + b"7" * 300_000 + b" x\n\n" + ARTICLE[3:-4].encode(),
    ),
    "a copyright line with a long gap": (
        "dump.txt",
        ARTICLE[3:-4].encode()
        + b"\n\n"
        + ARTICLE[3:-4].encode()
        + b"\n\n\xc2\xa9 2024 Example News"
        + b" " * 300_000
        + b"x\n",
    ),
    "markdown opening with spaces": ("note.md", b" " * 300_000 + b"x\n"),
    "markdown heading with a long gap": ("note.md", b"# Night" + b" " * 300_000 + b"train\n"),
}


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_an_input_of_a_once_slow_shape_is_read_within_its_second(tmp_path: Path, name: str) -> None:
    file_name, data = SHAPES[name]
    path = tmp_path / file_name
    path.write_bytes(data)
    with cpu_budget(PAGE_SECONDS):
        items = prepare_file(str(path))
    assert items
    assert all(isinstance(item, NewArticle | Failure) for item in items)


def test_the_page_that_hung_the_importer_is_imported_as_a_page(tmp_path: Path) -> None:
    """A doctype and a run of ``<!--[if IE]>`` comments: once minutes in the feed check."""
    path = tmp_path / "page.html"
    path.write_bytes(SHAPES["doctype then conditional comments"][1])
    with cpu_budget(PAGE_SECONDS):
        items = prepare_file(str(path))
    [article] = items
    assert isinstance(article, NewArticle)
    assert "railway budget" in article.body


FEED_ITEM = b"<item><title>Night train</title><link>https://example.org/a</link></item>"


@pytest.mark.parametrize(
    "prolog",
    [
        b"",
        b"\xef\xbb\xbf<?xml version='1.0' encoding='utf-8'?>\n",
        b"<?xml version='1.0'?><!-- made by hand --><?xml-stylesheet href='s.xsl'?>\n",
        b"<!DOCTYPE rss PUBLIC '-//Netscape//DTD RSS 0.91//EN' 'rss.dtd'>\n<!-- a --> <!-- b -->",
        b"<?xml version='1.0'?><!DOCTYPE rss [<!ENTITY x 'y'> <!ELEMENT rss ANY>] >\n",
    ],
)
def test_a_feed_behind_comments_instructions_and_a_doctype_is_read_as_a_feed(prolog: bytes) -> None:
    assert sniff("saved.txt", prolog + b"<rss version='2.0'><channel>" + FEED_ITEM) == "feed"
    assert sniff("subs.xml", prolog + b"<opml version='2.0'><body/></opml>") == "opml"


@pytest.mark.parametrize(
    "data",
    [
        b"<!-- <rss> inside a comment -->\n<html><body>text</body></html>",
        b"<!-- never closed <rss version='2.0'>",
        b"<!DOCTYPE html [ never closed <rss>",
        b"<?pi never closed <rss>",
        b"<html><body><rss> as text</body></html>",
    ],
)
def test_a_root_the_prolog_does_not_reach_is_no_feed(data: bytes) -> None:
    assert sniff("page.txt", data) == "document"


def test_a_body_full_of_open_brackets_is_linked_within_its_second() -> None:
    """The reading pane turns ``[text]`` references into links over the whole body."""
    body = "[" * 300_000 + "\n\nsee [the report] for more"
    with cpu_budget(PAGE_SECONDS):
        linked = inline_links(body, "[the report]: <https://example.org/r>")
    assert linked.endswith("see [the report](<https://example.org/r>) for more")


# ----- the corpus pages that were slowest ----------------------------------------------

CORPUS_ROOT = SHARED / "corpus"
#: The pages that took longest, by corpus and file: the sixteen that took over a second
#: (eleven never finished; the feed check went back over their ``<!--[if IE]>`` comments),
#: then the ones that take most CPU time now.
SLOWEST_PAGES = (
    "trafilatura-eval/html/032e67964967f3db.html.gz",
    "trafilatura-eval/html/08172c1b8639cbe7.html.gz",
    "trafilatura-eval/html/2aea8963c26a731d.html.gz",
    "trafilatura-eval/html/35ffe4034de1fc0b.html.gz",
    "trafilatura-eval/html/54b75e3fc9aed7d6.html.gz",
    "trafilatura-eval/html/8707cefb0622ce28.html.gz",
    "trafilatura-eval/html/8b13d4cb6b5821c3.html.gz",
    "trafilatura-eval/html/9a22c9f9e4322212.html.gz",
    "trafilatura-eval/html/a09ba453b3274bf3.html.gz",
    "trafilatura-eval/html/a23765a3505cea32.html.gz",
    "trafilatura-eval/html/bae91de5c3989002.html.gz",
    "trafilatura-eval/html/c5b8659b9d1755bd.html.gz",
    "trafilatura-eval/html/d5ca7ce4d4530b7b.html.gz",
    "trafilatura-eval/html/dc0969f05f1d5ba8.html.gz",
    "trafilatura-eval/html/e14c09ec7116d597.html.gz",
    "trafilatura-eval/html/f01fbfee25d8107f.html.gz",
    "trafilatura-eval/html/00b54e76605b1ee8.html.gz",
    "trafilatura-eval/html/c806dc39893631f1.html.gz",
    "trafilatura-eval/html/3a1d2d9d9123c91d.html.gz",
    "trafilatura-eval/html/ca950cd7b925df2b.html.gz",
    "scrapinghub/html/042bb7b5fedab6eac7db576522b89b93904c237d344bcbe14a6a5ab7f7335856.html.gz",
)


@pytest.fixture(scope="module")
def warm_cleaners(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Import the cleaners and trafilatura before any page is timed, as a running import
    has: the first page of a process pays for them."""
    folder = tmp_path_factory.mktemp("warm")
    for name, data in (("page.html", html_page("")), ("dump.txt", ARTICLE[3:-4].encode())):
        (folder / name).write_bytes(data)
        prepare_file(str(folder / name))


@pytest.mark.corpus
@pytest.mark.parametrize("relative", SLOWEST_PAGES)
def test_each_of_the_slowest_corpus_pages_is_read_within_its_second(
    warm_cleaners: None, relative: str
) -> None:
    path = CORPUS_ROOT / relative
    if not path.exists():
        pytest.skip("the development corpus is not beside the checkout")
    with cpu_budget(PAGE_SECONDS):
        items = prepare_file(str(path))
    assert items
    assert all(isinstance(item, NewArticle | Failure) for item in items)
