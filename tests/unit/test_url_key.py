"""The URL key's quick path for plain addresses agrees with the full parse everywhere."""

from __future__ import annotations

import random
from pathlib import Path

from reader.cli.main import main
from reader.store import Library
from reader.store.identity import _parsed_url_key, url_key

TRICKY = [
    "https://news.example.com/2026/story-1",
    "https://www.news.example.com/2026/story-1/",
    "http://www.example.com",
    "http://www.example.com/",
    "https://www./a",
    "https://www.www.example.com/a",
    "https://example.com./a//",
    "https://example.com/a#top",
    "https://example.com/a#frag\twith tab",
    "https://example.com/a/#",
    "https://example.com/caf%C3%A9/é",
    "https://example.com/a b",
    "https://Example.COM/A",
    "HTTPS://example.com/a",
    "https://example.com:443/a",
    "https://example.com:8080/a",
    "https://user@example.com/a",
    "https://example.com/a?utm_source=x&id=2",
    "https://example.com/a?",
    "https:///a",
    "https://[::1]/a",
    "ftp://example.com/a",
    "  https://example.com/padded  ",
    "https://example.com\\evil/a",
    "https://ex-ample.co.uk/-/",
    "https://example.com/a;params",
    "http://127.0.0.1:8080/feed/",
    "http://www.example.com:80/a",
    "https://example.com:443",
    "https://example.com:0/a",
    "https://example.com:00080/a",
    "https://example.com:65535/a",
    "https://example.com:65536/a",
    "https://example.com:/a",
]


def test_quick_path_matches_the_full_parse_on_tricky_addresses() -> None:
    for url in TRICKY:
        assert url_key(url) == _parsed_url_key(url), url


def test_quick_path_matches_the_full_parse_on_random_addresses() -> None:
    rng = random.Random(7)
    alphabet = "abcXYZ019.-_/:?#@%&=;[] \twé"
    for _ in range(5000):
        tail = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        start = ["https://", "http://", "https://www.", "http://WWW.", "http://a:", "https://b:9"]
        url = rng.choice(start) + tail
        assert url_key(url) == _parsed_url_key(url), repr(url)


def test_an_address_with_a_broken_port_is_imported_without_one(tmp_path: Path) -> None:
    """A page whose front matter names ``host:abc`` is stored (deduplicated by its body),
    not a traceback that loses the whole batch."""
    page = tmp_path / "page.md"
    page.write_text(
        "---\ntitle: Bad port\nurl: https://example.com:abc/x\n---\n\n"
        "A body long enough to be an article, with a few words in it.\n"
    )
    library = tmp_path / "lib"
    assert main(["--library", str(library), "import", str(page)]) == 0
    assert main(["--library", str(library), "import", str(page)]) == 0
    [stored] = Library.open(library).articles()
    assert stored.title == "Bad port"
