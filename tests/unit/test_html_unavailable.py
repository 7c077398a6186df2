"""HTML cleaning that cannot load is a loud error about the installation, said once.

Each test runs the installed ``reader`` in a subprocess whose import of trafilatura's
dependencies fails, as it did when an old pip left out ``lxml_html_clean``: a package of
that name on ``PYTHONPATH`` raises on import, or a ``trafilatura`` that raises otherwise.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from project_paths import FIXTURES

FORMATS = FIXTURES / "formats"
MISSING = 'raise ModuleNotFoundError("No module named \'lxml_html_clean\'", name="lxml_html_clean")'


def reader_command() -> list[str]:
    """The console script installed beside this Python, as a user would run it."""
    script = Path(sys.executable).with_name("reader")
    found = str(script) if script.exists() else shutil.which("reader")
    assert found, "the reader entry point is not installed"
    return [found]


def broken(tmp_path: Path, module: str = "lxml_html_clean", source: str = MISSING) -> str:
    """A folder for ``PYTHONPATH`` holding a package ``module`` that runs ``source``."""
    package = tmp_path / "broken" / module
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(source + "\n")
    return str(package.parent)


def reader(*args: str, shim: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200"}
    env.pop("PYTHONPATH", None)
    if shim is not None:
        env["PYTHONPATH"] = shim
    return subprocess.run(
        [*reader_command(), *args], capture_output=True, text=True, timeout=120, env=env
    )


def saved_pages(folder: Path, html_copies: int) -> Path:
    """A folder of one text dump, one Markdown file and ``html_copies`` HTML pages."""
    folder.mkdir()
    shutil.copy(FORMATS / "dump.txt", folder / "dump.txt")
    shutil.copy(FORMATS / "frontmatter.md", folder / "notes.md")
    page = (FORMATS / "page.html").read_text()
    for number in range(html_copies):
        (folder / f"page{number}.html").write_text(page.replace("Saturday", f"day {number}"))
    return folder


def assert_one_unavailable_line(stderr: str, outcome: str) -> None:
    lines = stderr.splitlines()
    said = [line for line in lines if "HTML cleaning unavailable: " in line]
    assert len(said) == 1, stderr
    assert "lxml_html_clean" in said[0] and "reinstall reader with a current pip" in said[0]
    assert outcome in said[0]
    assert "Traceback" not in stderr and "no article text found" not in stderr


def test_import_says_once_why_html_pages_failed_and_keeps_the_rest(tmp_path: Path) -> None:
    folder = saved_pages(tmp_path / "saved", html_copies=4)
    # a feed of three entries in HTML (converted without the page cleaner, so they come in)
    # and one empty entry, a failure of its own
    shutil.copy(FIXTURES / "import" / "harbour.rss", folder / "harbour.rss")
    library = tmp_path / "lib"

    proc = reader("--library", str(library), "import", str(folder), shim=broken(tmp_path))

    assert proc.returncode == 1
    assert proc.stdout == "imported 5, duplicates 0, failed 5\n"
    assert_one_unavailable_line(proc.stderr, "(4 HTML pages not imported: ")
    assert 'entry 4 ("untitled"): entry has no content' in proc.stderr
    listed = reader("--library", str(library), "list", "--json")
    titles = {json.loads(line)["title"] for line in listed.stdout.splitlines()}
    assert len(titles) == 5 and not any("Bakery" in title for title in titles)


def test_clean_says_once_why_html_pages_failed_and_prints_the_rest(tmp_path: Path) -> None:
    folder = saved_pages(tmp_path / "saved", html_copies=6)  # enough to share the work
    pages = sorted(str(path) for path in folder.iterdir())

    proc = reader("clean", "--json", *pages, shim=broken(tmp_path))

    assert proc.returncode == 1
    cleaned = [json.loads(line) for line in proc.stdout.splitlines()]
    assert sorted(item["raw_format"] for item in cleaned) == ["markdown", "text"]
    assert_one_unavailable_line(proc.stderr, "6 HTML pages not cleaned: ")


@pytest.mark.parametrize(
    ("module", "source", "cause"),
    [
        ("lxml_html_clean", MISSING, "lxml_html_clean"),
        ("trafilatura", 'raise RuntimeError("built for another Python")', "another Python"),
    ],
)
def test_check_reports_the_installation(
    tmp_path: Path, module: str, source: str, cause: str
) -> None:
    library = tmp_path / "lib"
    assert reader("--library", str(library), "init", "--empty").returncode == 0

    proc = reader("--library", str(library), "check", shim=broken(tmp_path, module, source))

    assert proc.returncode == 1
    assert proc.stdout.strip() == "0 articles, 1 problem"
    assert proc.stderr.startswith("reader: installation: HTML cleaning unavailable: ")
    assert cause in proc.stderr and len(proc.stderr.splitlines()) == 1
    assert reader("--library", str(library), "check").returncode == 0


def test_a_new_library_names_the_sample_it_could_not_clean(tmp_path: Path) -> None:
    proc = reader("--library", str(tmp_path / "lib"), "init", shim=broken(tmp_path))

    assert proc.returncode == 0
    assert ".html: HTML cleaning unavailable: " in proc.stderr
