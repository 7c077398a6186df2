"""Every subcommand, end to end through the installed ``reader`` entry point."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from project_paths import FIXTURES, REPO

FORMATS = FIXTURES / "formats"


def reader_command() -> list[str]:
    """The console script installed beside this Python, as a user would run it."""
    script = Path(sys.executable).with_name("reader")
    if script.exists():
        return [str(script)]
    found = shutil.which("reader")
    assert found, "the reader entry point is not installed"
    return [found]


def run(*args: str, library: Path, check: bool = False) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [*reader_command(), "--library", str(library), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "120"},
    )
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def listing(library: Path, *args: str) -> list[dict[str, Any]]:
    proc = run("list", "--json", *args, library=library, check=True)
    return [json.loads(line) for line in proc.stdout.splitlines()]


@pytest.fixture
def empty(tmp_path: Path) -> Path:
    library = tmp_path / "lib"
    run("init", "--empty", library=library, check=True)
    return library


def test_version_and_help() -> None:
    version = subprocess.run([*reader_command(), "--version"], capture_output=True, text=True)
    assert version.returncode == 0 and version.stdout.startswith("reader ")
    helped = subprocess.run([*reader_command(), "--help"], capture_output=True, text=True)
    for command in ("import", "list", "show", "mark", "bookmark", "clean"):
        assert command in helped.stdout
    module = subprocess.run(
        [sys.executable, "-m", "reader", "--version"], capture_output=True, text=True
    )
    assert module.stdout == version.stdout


def test_a_new_library_starts_with_the_samples_including_the_seed(tmp_path: Path) -> None:
    library = tmp_path / "fresh"
    first = subprocess.run(  # the default library (here from $READER_LIBRARY) on first use
        [*reader_command(), "list", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "READER_LIBRARY": str(library)},
    )
    assert first.returncode == 0, first.stderr
    rows = [json.loads(line) for line in first.stdout.splitlines()]
    samples = [p for p in (REPO / "articles").iterdir() if p.suffix in {".txt", ".md", ".html"}]
    assert len(rows) == len(samples)
    titles = {row["title"] for row in rows}
    assert "Foreign Minister Sergei Lavrov to Visit North Korea This Weekend" in titles
    seed = next(r for r in rows if r["title"].startswith("Foreign Minister Sergei Lavrov"))
    shown = run("show", seed["id"], library=library, check=True).stdout
    assert shown.startswith("# Foreign Minister Sergei Lavrov to Visit North Korea This Weekend\n")
    assert "Russian Foreign Minister Sergei Lavrov will visit North Korea this weekend" in shown
    assert "Support The Moscow Times" not in shown
    raw = run("show", seed["id"], "--raw", library=library, check=True).stdout
    assert raw.startswith("Support The Moscow Times!")


def test_a_mistyped_library_folder_is_not_taken_for_an_empty_library(tmp_path: Path) -> None:
    typo = tmp_path / "librray"
    for command in (["list"], ["show", "abcd"], ["mark", "abcd"], ["search", "x"], ["check"]):
        proc = run(*command, library=typo)
        assert proc.returncode == 1
        assert proc.stderr.startswith(f"reader: {typo}: no library here")
        assert not typo.exists()
    imported = run("import", str(REPO / "articles" / "020_night-trains.md"), library=typo)
    assert imported.returncode == 0
    assert f"reader: {typo}: created a new library" in imported.stderr


def test_a_folder_import_names_the_files_it_left(tmp_path: Path) -> None:
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "tool").write_bytes(b"\x7fELF\x02\x01\x01" + bytes(200))
    (folder / "notes.docx").write_bytes(b"PK\x03\x04" + bytes(100))
    (folder / "trains.md").write_text((REPO / "articles" / "020_night-trains.md").read_text())
    proc = run("import", str(folder), library=tmp_path / "lib")
    assert proc.returncode == 0
    assert proc.stdout.strip() == "imported 1, duplicates 0, failed 0"
    assert "reader: skipped 2 files of other types in the folders" in proc.stderr
    titles = [row["title"] for row in listing(tmp_path / "lib")]
    assert titles == ["Night Trains Return to the Northern Corridor After Eleven Years"]


def test_init_empty_makes_an_empty_library(empty: Path) -> None:
    assert listing(empty) == []


def test_import_each_format_and_report_duplicates_and_failures(empty: Path) -> None:
    proc = run("import", str(FORMATS), library=empty)
    assert proc.returncode == 1  # empty.txt and binary.md fail; the rest are imported
    summary = proc.stdout.strip().splitlines()[-1]
    rows = listing(empty)
    assert summary == f"imported {len(rows)}, duplicates 2, failed 2"
    failures = sorted(proc.stderr.strip().splitlines())
    assert failures == [
        f"{FORMATS / 'binary.md'}: binary data, not a text document",
        f"{FORMATS / 'empty.txt'}: file is empty",
    ]
    assert "Traceback" not in proc.stderr
    by_title = {row["title"]: row for row in rows}
    # dupe_of_frontmatter.md comes first in name order and shares frontmatter.md's URL.
    front = by_title["Island Ferry Timetable Update"]
    assert front["source"] == "Coastal Courier"
    assert front["url"] == "https://coastal-courier.example.org/news/2026/10/gullholm-ferry-winter"
    assert "Ferry Service to Gullholm Island Extended Through Winter" not in by_title
    assert "Allotment Society Wins Fight to Keep Riverside Plots" in by_title  # heading as title
    assert "Town Clock Restored After Eight Years of Silence" in by_title  # page dump
    assert "Bakery Marks 100 Years on Mill Street" in by_title  # .html
    assert "Footbridge Over the Wendle Reopens After Flood Repairs" in by_title  # .htm
    assert "Night Market Returns to Harbour Square" in by_title  # HTML saved as .txt
    assert "same_body" not in by_title  # same text as notes.txt


def test_importing_the_same_file_again_is_a_duplicate(empty: Path) -> None:
    path = str(FORMATS / "dump.txt")
    first = run("import", path, library=empty, check=True)
    assert first.stdout.strip() == "imported 1, duplicates 0, failed 0"
    again = run("import", path, library=empty, check=True)
    assert again.stdout.strip() == "imported 0, duplicates 1, failed 0"
    assert len(listing(empty)) == 1


def test_import_of_a_missing_file_fails_with_one_line(empty: Path) -> None:
    proc = run("import", "/nonexistent/page.txt", library=empty)
    assert proc.returncode == 1
    assert proc.stderr.strip() == "/nonexistent/page.txt: no such file"
    assert proc.stdout.strip() == "imported 0, duplicates 0, failed 1"


def test_usage_errors_exit_2(empty: Path) -> None:
    assert run("import", library=empty).returncode == 2
    assert run("list", "--read", "--unread", library=empty).returncode == 2
    assert run("frobnicate", library=empty).returncode == 2


def test_mark_bookmark_and_list_filters(empty: Path) -> None:
    run(
        "import",
        str(FORMATS / "dump.txt"),
        str(FORMATS / "plain.md"),
        str(FORMATS / "page.html"),
        library=empty,
        check=True,
    )
    rows = listing(empty)
    assert len(rows) == 3 and not any(r["read"] or r["bookmarked"] for r in rows)
    first, second = rows[0]["id"], rows[1]["id"]
    run("mark", first[:5], library=empty, check=True)
    run("bookmark", second, library=empty, check=True)
    assert [r["id"] for r in listing(empty, "--read")] == [first]
    assert {r["id"] for r in listing(empty, "--unread")} == {r["id"] for r in rows} - {first}
    assert [r["id"] for r in listing(empty, "--bookmarked")] == [second]
    assert len(listing(empty, "--limit", "2")) == 2
    run("mark", first, "--unread", library=empty, check=True)
    run("bookmark", second, "--remove", library=empty, check=True)
    assert listing(empty, "--read") == [] and listing(empty, "--bookmarked") == []


def test_list_json_has_the_stable_fields(empty: Path) -> None:
    run("import", str(FORMATS / "frontmatter.md"), library=empty, check=True)
    [row] = listing(empty)
    assert row["title"] == "Ferry Service to Gullholm Island Extended Through Winter"
    assert row["date"] == "2026-10-21"
    assert row["url"] == "https://coastal-courier.example.org/news/2026/10/gullholm-ferry-winter"
    for key in ("id", "title", "source", "url", "date", "words", "read", "bookmarked"):
        assert key in row
    assert isinstance(row["words"], int) and row["words"] > 0
    assert row["read"] is False and row["bookmarked"] is False
    assert row["date"] is None or row["date"][:4].isdigit()
    source = row["source"]
    assert [r["id"] for r in listing(empty, "--source", source.upper())] == [row["id"]]
    assert listing(empty, "--source", "no such source") == []


def test_list_shows_rows_for_people(empty: Path) -> None:
    run("import", str(FORMATS / "plain.md"), library=empty, check=True)
    [row] = listing(empty)
    text = run("list", library=empty, check=True).stdout
    assert text.startswith(row["id"]) and row["title"] in text


def test_unknown_ids_are_clear_errors_and_change_nothing(empty: Path) -> None:
    run("import", str(FORMATS / "plain.md"), library=empty, check=True)
    [row] = listing(empty)
    for command in (
        ["mark", row["id"], "zzzzzzzz"],
        ["bookmark", "zzzzzzzz"],
        ["show", "zzzzzzzz"],
    ):
        proc = run(*command, library=empty)
        assert proc.returncode == 1
        assert proc.stderr.strip() == "reader: no article with ID zzzzzzzz"
    assert listing(empty)[0]["read"] is False


def test_clean_prints_json_lines_without_storing(empty: Path) -> None:
    files = [str(FORMATS / "dump.txt"), str(FORMATS / "frontmatter.md"), str(FORMATS / "page.html")]
    proc = run("clean", "--json", *files, library=empty, check=True)
    objects = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [o["path"] for o in objects] == files
    for obj in objects:
        assert obj["title"] and obj["body"]
        assert {"byline", "date", "source"} <= set(obj)
        assert not obj["body"].startswith("# ")
    assert listing(empty) == []


def test_clean_of_a_bad_file_reports_it_and_goes_on(empty: Path) -> None:
    proc = run(
        "clean", "--json", str(FORMATS / "empty.txt"), str(FORMATS / "plain.md"), library=empty
    )
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"{FORMATS / 'empty.txt'}: file is empty"
    assert len(proc.stdout.splitlines()) == 1


def test_check_reports_a_healthy_library(empty: Path) -> None:
    run("import", str(FORMATS / "plain.md"), library=empty, check=True)
    proc = run("check", library=empty, check=True)
    assert proc.stdout.strip() == "1 article, 0 problems"


def test_check_removes_temp_files_a_killed_writer_left(empty: Path) -> None:
    run("import", str(FORMATS / "plain.md"), library=empty, check=True)
    folder = next(p for p in (empty / "bodies").iterdir() if p.is_dir())
    leftover = folder / ".abc.json.1234.tmp"
    leftover.write_bytes(b'{"half": ')
    proc = run("check", library=empty, check=True)
    assert proc.stdout.splitlines() == [
        "removed 1 temp files left by interrupted writes",
        "1 article, 0 problems",
    ]
    assert not leftover.exists()
    assert len(list(folder.iterdir())) == 1


def test_library_from_the_environment(tmp_path: Path) -> None:
    library = tmp_path / "from-env"
    env = {**os.environ, "READER_LIBRARY": str(library)}
    proc = subprocess.run(
        [*reader_command(), "init", "--empty"], capture_output=True, text=True, env=env
    )
    assert proc.returncode == 0
    assert (library / "library.json").exists()


def test_output_to_a_terminal_never_carries_escape_sequences(empty: Path) -> None:
    hostile = FIXTURES / "hostile" / "escapes.md"
    run("import", str(hostile), library=empty)
    for row in listing(empty):
        assert "\x1b" not in row["title"]
        shown = run("show", row["id"], library=empty, check=True).stdout
        assert "\x1b" not in shown and "\x9b" not in shown and "\x07" not in shown


def test_clean_prints_the_same_with_or_without_a_library(empty: Path) -> None:
    """``reader clean`` stores nothing, so ``--library`` changes nothing it prints; a
    misspelt option or no file is a usage error."""
    files = [str(FORMATS / "dump.txt"), str(FORMATS / "page.html"), "--json"]
    with_library = run("clean", *files, library=empty, check=True).stdout
    without = subprocess.run(
        [*reader_command(), "clean", *files], capture_output=True, text=True, timeout=120
    )
    assert without.returncode == 0, without.stderr
    assert without.stdout == with_library
    assert [json.loads(line)["path"] for line in without.stdout.splitlines()] == files[:2]
    for words, message in (([], "required: FILE"), (["--jsn", files[0]], "--jsn")):
        proc = subprocess.run([*reader_command(), "clean", *words], capture_output=True, text=True)
        assert proc.returncode == 2 and message in proc.stderr


def test_damage_found_after_opening_is_reported(empty: Path) -> None:
    """A state shard damaged behind the library's back is found when ``mark`` reads it:
    the command still works, and says what it set aside and restored."""
    run("import", str(FORMATS / "plain.md"), library=empty, check=True)
    [row] = listing(empty)
    run("bookmark", row["id"], library=empty, check=True)
    run("mark", row["id"], "--unread", library=empty, check=True)  # the shard's 2nd version
    shard = empty / "state" / f"{row['id'][0]}.json"
    shard.write_text("{bad")
    proc = run("mark", row["id"], library=empty)
    assert proc.returncode == 0, proc.stderr
    assert f"{shard}: not valid JSON" in proc.stderr and "restored its previous copy" in proc.stderr
    [after] = listing(empty)
    assert after["read"] and after["bookmarked"]


def test_list_shows_a_dash_for_an_article_without_a_date(empty: Path) -> None:
    run("import", str(FORMATS / "plain.md"), library=empty, check=True)
    [row] = listing(empty)
    assert row["date"] is None
    line = run("list", library=empty, check=True).stdout.splitlines()[0]
    assert line.split()[:3] == [row["id"], "●", "—"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_a_named_pipe_is_refused_not_waited_on(empty: Path, tmp_path: Path) -> None:
    """Opening a pipe would wait for a writer forever: it is named and refused."""
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    for command in (["import", str(pipe)], ["clean", str(pipe)]):
        proc = run(*command, library=empty)
        assert proc.returncode == 1
        assert proc.stderr.strip().splitlines()[-1] == (
            f"{pipe}: not a regular file (a pipe, socket or device)"
        )


def test_import_of_an_empty_folder_says_there_was_nothing(empty: Path, tmp_path: Path) -> None:
    folder = tmp_path / "nothing-here"
    folder.mkdir()
    proc = run("import", str(folder), library=empty, check=True)
    assert proc.stdout.strip() == "imported 0, duplicates 0, failed 0"
    assert proc.stderr.strip() == "reader: no files in the folders named"
