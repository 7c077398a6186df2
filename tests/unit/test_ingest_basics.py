"""Reading inputs: format detection, decoding, front matter, dates, word counts, sanitising."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from project_paths import FIXTURES

from reader.clean.markdown import clean_markdown
from reader.dates import normalize_date
from reader.ingest.decode import NotText, decode
from reader.ingest.detect import detect_format
from reader.ingest.prepare import Failure, prepare_file
from reader.ingest.walk import expand
from reader.sanitize import one_line, strip_controls
from reader.store import NewArticle
from reader.textstats import count_words, reading_minutes


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("a.txt", b"Just a page\n\nof text", "text"),
        ("a.md", b"---\ntitle: x\n---\nbody", "markdown"),
        ("a.html", b"plain words", "html"),
        ("a.htm", b"<p>x</p>", "html"),
        ("a.txt", b"<!DOCTYPE html><html><body><p>x</p>", "html"),
        ("noext", b"---\ntitle: x\n---\n", "markdown"),
        ("noext", b"# Heading\n\ntext", "markdown"),
        ("noext", b"<html><body>", "html"),
        ("noext", b"\xef\xbb\xbf<!DOCTYPE html><html>", "html"),
        ("noext", b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>', "html"),
        ("noext", b"<script>var a = 1;</script>", "html"),
        ("noext", b"plain words", "text"),
    ],
)
def test_format_is_detected_by_extension_and_content(name: str, head: bytes, expected: str) -> None:
    assert detect_format(Path(name), head) == expected


def test_decoding_handles_boms_charsets_and_binary() -> None:
    assert decode("café".encode()) == "café"
    assert decode(b"\xef\xbb\xbfhello") == "hello"
    assert decode("caf\u00e9".encode("cp1252")) == "café"
    assert decode('<meta charset="iso-8859-2">\xb1'.encode("latin-1")).endswith("ą")
    with pytest.raises(NotText):
        decode(b"a few\x00 nul bytes at the start are not text")
    past_the_head = b"x" * 9000 + b" a stray\x00 nul byte"
    assert decode(past_the_head) == "x" * 9000 + " a stray nul byte"
    assert decode("café, naïve".encode("utf-16")) == "café, naïve"  # NULs, but a BOM
    with pytest.raises(NotText):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00")


def test_front_matter_gives_metadata_and_the_heading_is_not_repeated() -> None:
    cleaned = clean_markdown(
        "---\ntitle: A Title\nurl: https://e.example/x\nsource: Site\ndate: 2026-10-02\n"
        "author: [Ann, Bo]\n---\n# A Title\n\nFirst paragraph.\n\n- item\n"
    )
    assert cleaned.title == "A Title"
    assert cleaned.url == "https://e.example/x"
    assert cleaned.source == "Site"
    assert cleaned.date == "2026-10-02"
    assert cleaned.byline == "Ann, Bo"
    assert cleaned.body == "First paragraph.\n\n- item"


def test_markdown_without_front_matter_takes_its_heading_as_title() -> None:
    cleaned = clean_markdown("# Heading Here\n\nBody text.")
    assert (cleaned.title, cleaned.body) == ("Heading Here", "Body text.")
    broken = clean_markdown("---\ntitle: [unclosed\n---\nBody")
    assert broken.title is None and "Body" in broken.body


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-10-02", "2026-10-02"),
        ("2026-10-02T10:11:12Z", "2026-10-02T10:11:12"),
        ("2026-10-02T12:00:00+02:00", "2026-10-02T10:00:00"),
        ("Tue, 03 Nov 2026 09:00:00 GMT", "2026-11-03T09:00:00"),
        ("July 11, 2025", "2025-07-11"),
        ("11 July 2025", "2025-07-11"),
        ("March 3rd, 2024", "2024-03-03"),
        ("not a date", None),
        ("2026-13-45", None),
        (None, None),
    ],
)
def test_dates_become_iso(value: str | None, expected: str | None) -> None:
    assert normalize_date(value) == expected


def test_word_counts_are_fair_to_cjk() -> None:
    assert count_words("Three little words") == 3
    assert count_words("日本語の文章です") == 4  # 8 characters, two a word
    assert reading_minutes(460, 230) == 2
    assert reading_minutes(10, 230) == 1
    assert reading_minutes(0) == 0


def test_sanitising_removes_every_escape_and_control() -> None:
    hostile = "a\x1b[31mb\x1b]52;c;ZXZpbA==\x07c\x1b]0;title\x1b\\d\x9b2Je\u202ef\x00g\x07h"
    assert strip_controls(hostile) == "abcdefgh"
    assert strip_controls("keeps\ttabs\nand newlines") == "keeps\ttabs\nand newlines"
    assert one_line("  a\n b\t c ") == "a b c"


@pytest.mark.parametrize("name", ["noise.txt", "noise.zip", "noise.md", "noise"])
def test_random_bytes_are_refused_as_binary_whatever_the_name(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(random.Random(7).randbytes(3000))
    [failure] = prepare_file(str(path))
    assert isinstance(failure, Failure)
    assert failure.reason == "binary data, not a text document"


def test_text_with_terminal_colour_codes_is_still_text() -> None:
    coloured = ("\x1b[1;31mAlert\x1b[0m: the harbour wall held overnight. " * 20).encode()
    assert "harbour wall" in decode(coloured)


def test_prepare_gives_one_article_or_a_failure_per_file() -> None:
    [good] = prepare_file(str(FIXTURES / "formats" / "plain.md"))
    assert isinstance(good, NewArticle)
    assert good.raw_format == "markdown" and good.words > 20
    [empty] = prepare_file(str(FIXTURES / "formats" / "empty.txt"))
    assert isinstance(empty, Failure) and str(empty).endswith("empty.txt: file is empty")
    [folder] = prepare_file(str(FIXTURES / "formats"))
    assert isinstance(folder, Failure) and folder.reason == "is a folder"


def test_hostile_titles_and_bodies_are_stored_without_controls() -> None:
    for path in sorted((FIXTURES / "hostile").iterdir()):
        if path.suffix not in {".md", ".txt", ".html"}:
            continue
        for item in prepare_file(str(path)):
            if isinstance(item, NewArticle):
                for text in (item.title, item.body, item.source or "", item.author or ""):
                    assert strip_controls(text) == text, path.name


def test_folders_expand_recursively_to_known_files(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "x.md").write_text("# x")
    (tmp_path / "a" / "y.txt").write_text("y")
    (tmp_path / "a" / "z.jpg").write_bytes(b"\xff\xd8")
    (tmp_path / "a" / ".hidden").mkdir()
    (tmp_path / "a" / ".hidden" / "h.md").write_text("# h")
    found = list(expand([str(tmp_path / "a"), "missing.txt"]))
    assert found == [
        str(tmp_path / "a" / "b" / "x.md"),
        str(tmp_path / "a" / "y.txt"),
        "missing.txt",
    ]
