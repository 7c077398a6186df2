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
    library = tmp_path / "data" / "reader"
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")}
    del env["READER_LIBRARY"]
    first = subprocess.run(  # the default library (the XDG data folder) on first use
        [*reader_command(), "list", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
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


def test_a_library_named_in_the_environment_is_treated_as_one_named_with_the_option(
    tmp_path: Path,
) -> None:
    """``READER_LIBRARY=/typo`` and ``--library /typo`` are two ways to name one folder:
    neither makes a library out of a mistyped path for ``list``, both let ``import``."""
    typo = tmp_path / "librray"
    env = {**os.environ, "READER_LIBRARY": str(typo)}
    for command in (["list"], ["show", "abcd"], ["search", "x"]):
        proc = subprocess.run(
            [*reader_command(), *command], capture_output=True, text=True, env=env, timeout=120
        )
        assert proc.returncode == 1
        assert proc.stderr.startswith(f"reader: {typo}: no library here")
        assert not typo.exists()
    imported = subprocess.run(
        [*reader_command(), "import", str(REPO / "articles" / "020_night-trains.md")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert imported.returncode == 0, imported.stderr
    assert f"reader: {typo}: created a new library" in imported.stderr
    assert [row["title"] for row in listing(typo)] == [
        "Night Trains Return to the Northern Corridor After Eleven Years"
    ]


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


def test_a_folder_import_never_reads_through_symbolic_links(tmp_path: Path) -> None:
    """Links inside a folder are not followed: one leading out (to a secret file, to a
    folder), a loop, and one to a file inside are each named as skipped with where they
    lead, and nothing outside the folder reaches the library. A link named on the command
    line is the user's choice, and is read."""
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-5150 the words of a file outside the folder named here.\n")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "far.txt").write_text("SECRET-5150 another file out of reach of the import.\n")
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "trains.md").write_text((REPO / "articles" / "020_night-trains.md").read_text())
    (folder / "passwd.txt").symlink_to(secret)
    (folder / "far").symlink_to(outside, target_is_directory=True)
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "alias.md").symlink_to(folder / "trains.md")
    library = tmp_path / "lib"
    proc = run("import", str(folder), library=library)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "imported 1, duplicates 0, failed 0"
    lines = proc.stderr.splitlines()
    assert (
        f"reader: skipped 2 symbolic links leading out of the folders named, not followed "
        f"({folder / 'far'} → {outside}, {folder / 'passwd.txt'} → {secret})"
    ) in lines
    assert (
        f"reader: skipped 1 broken symbolic link in the folders (or a loop), not followed "
        f"({folder / 'loop.txt'} → {folder / 'loop.txt'})"
    ) in lines
    assert any(
        line.startswith("reader: skipped 1 symbolic link inside the folders, not followed")
        and f"{folder / 'alias.md'} → {folder / 'trains.md'}" in line
        for line in lines
    )
    stored = b"".join(path.read_bytes() for path in library.rglob("*") if path.is_file())
    assert b"SECRET-5150" not in stored
    named = run("import", str(folder / "passwd.txt"), library=library, check=True)
    assert named.stdout.strip() == "imported 1, duplicates 0, failed 0"
    [row] = [row for row in listing(library) if not row["title"].startswith("Night Trains")]
    assert "SECRET-5150" in run("show", row["id"], "--raw", library=library, check=True).stdout


def test_a_symbolic_link_inside_an_archive_is_left_out_with_a_note(tmp_path: Path) -> None:
    """Read in memory, a link member's bytes are the path it points to: it is not an
    article, so it is named as skipped; the rest of the archive is imported."""
    import zipfile

    archive = tmp_path / "saved.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("trains.md", (REPO / "articles" / "020_night-trains.md").read_text())
        link = zipfile.ZipInfo("passwd.txt")
        link.external_attr = 0o120777 << 16
        out.writestr(link, "../../../../etc/passwd")
    library = tmp_path / "lib"
    proc = run("import", str(archive), library=library)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "imported 1, duplicates 0, failed 0"
    assert proc.stderr.splitlines()[-1] == (
        f"reader: skipped 1 symbolic link inside archives, not followed ({archive}:passwd.txt)"
    )
    cleaned = run("clean", str(archive), library=library)
    assert cleaned.returncode == 0
    assert cleaned.stderr == (
        f"{archive}:passwd.txt: skipped, symbolic link inside archives, not followed\n"
    )


def test_an_import_names_each_duplicate_and_what_it_duplicated(tmp_path: Path) -> None:
    """ "duplicates 1" alone names nothing: each duplicate is named on stderr with the
    article it duplicated and why (same address or same text), when they are few; past
    that, a count and how to see them all (-v)."""
    trains = (REPO / "articles" / "020_night-trains.md").read_text()
    folder = tmp_path / "saved"
    folder.mkdir()
    notes = "A plain note about the harbour ferries and their winter timetable, saved twice.\n"
    (folder / "first.txt").write_text(notes)
    (folder / "second.txt").write_text(notes)
    (folder / "trains.md").write_text(trains)
    library = tmp_path / "lib"
    proc = run("import", str(folder), library=library)
    assert proc.stdout.strip() == "imported 2, duplicates 1, failed 0"
    ids = {row["title"]: row["id"] for row in listing(library)}
    note_id = next(i for title, i in ids.items() if not title.startswith("Night Trains"))
    [line] = [line for line in proc.stderr.splitlines() if "duplicate of" in line]
    assert line.startswith(  # a title differing from the stored one is given too
        f'reader: {folder / "second.txt"} ("second"): duplicate of {note_id} "first" '
    )
    assert line.endswith(f"(same text as {folder / 'first.txt'}, imported just before)")

    again = tmp_path / "trains-again.md"
    again.write_text(trains.replace("212 passengers", "214 passengers"))
    proc = run("import", str(again), library=library)
    train_id = ids["Night Trains Return to the Northern Corridor After Eleven Years"]
    assert proc.stderr.splitlines() == [
        f"reader: {again}: duplicate of {train_id} "
        '"Night Trains Return to the Northern Corridor After Eleven Years" '
        "(same address; already stored)"
    ]

    for n in range(10):
        (folder / f"copy-{n}.txt").write_text(notes)
    proc = run("import", str(folder), library=library)
    assert proc.stdout.strip() == "imported 0, duplicates 13, failed 0"
    assert proc.stderr.splitlines() == [
        "reader: 13 duplicates of articles already stored; -v names each"
    ]
    proc = run("import", "-v", str(folder), library=library)
    named = [line for line in proc.stderr.splitlines() if "duplicate of" in line]
    assert len(named) == 13 and all("; already stored)" in line for line in named)


def test_init_empty_makes_an_empty_library(empty: Path) -> None:
    assert listing(empty) == []


def test_import_each_format_and_report_duplicates_and_failures(empty: Path) -> None:
    proc = run("import", str(FORMATS), library=empty)
    assert proc.returncode == 1  # empty.txt and binary.md fail; the rest are imported
    summary = proc.stdout.strip().splitlines()[-1]
    rows = listing(empty)
    assert summary == f"imported {len(rows)}, duplicates 2, failed 2"
    lines = proc.stderr.strip().splitlines()
    failures = sorted(line for line in lines if not line.startswith("reader: "))
    assert failures == [
        f"{FORMATS / 'binary.md'}: binary data, not a text document",
        f"{FORMATS / 'empty.txt'}: file is empty",
    ]
    assert len([line for line in lines if ": duplicate of " in line]) == 2
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
        assert {"author", "date", "source"} <= set(obj)
        assert not obj["body"].startswith("# ")
    assert listing(empty) == []


def test_an_article_has_one_json_shape_in_clean_list_and_export(
    empty: Path, tmp_path: Path
) -> None:
    """``clean --json`` prints what import would store; ``list --json`` and the JSON export
    then give the stored article: every field they share has one name and one value."""
    files = [FORMATS / "dump.txt", FORMATS / "frontmatter.md", FORMATS / "page.html"]
    cleaned = run("clean", "--json", *map(str, files), library=empty, check=True)
    printed = {obj["title"]: obj for obj in map(json.loads, cleaned.stdout.splitlines())}
    run("import", *map(str, files), library=empty, check=True)
    listed = {obj["title"]: obj for obj in listing(empty)}
    export = tmp_path / "export.json"
    run("export", "--format", "json", str(export), library=empty, check=True)
    exported = {obj["title"]: obj for obj in json.loads(export.read_text())["articles"]}
    assert sorted(printed) == sorted(listed) == sorted(exported)
    for title, record in exported.items():
        assert listed[title] == {key: record[key] for key in listed[title]}
        clean = printed[title]
        assert set(clean) - {"path"} <= set(record)
        assert {key: record[key] for key in clean if key != "path"} == {
            key: value for key, value in clean.items() if key != "path"
        }, title


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
