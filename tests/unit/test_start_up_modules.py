"""What the quick commands load: a start-up budget kept as a set of modules, not a time.

``reader mark`` and ``reader list`` run in scripts' loops and the app's first screen is
waited for; none of them cleans a page, so none may load the cleaners, the importers or
the libraries behind them (trafilatura and lxml alone take a quarter of a second). Each
command runs in a fresh process that prints the modules it loaded as it exits.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from project_paths import FIXTURES

#: Runs ``reader`` with the given arguments and prints ``sys.modules`` at exit.
PROBE = """
import atexit, json, sys
atexit.register(lambda: print("MODULES " + json.dumps(sorted(sys.modules)), file=sys.stderr))
from reader.cli.main import main
sys.exit(main(sys.argv[1:]))
"""

#: The HTML cleaner's modules.
HTML_CLEANER = (
    "reader.clean.html",
    "reader.clean.html_blocks",
    "reader.clean.html_budget",
    "reader.clean.html_headline",
    "reader.clean.html_left_out",
    "reader.clean.html_links",
    "reader.clean.html_markdown",
    "reader.clean.html_meta",
    "reader.clean.html_page_text",
    "reader.clean.html_recall",
    "reader.clean.html_source",
    "reader.clean.html_text",
    "reader.clean.html_tree",
)
#: Loaded only to read or clean pages.
CLEANING = (
    *HTML_CLEANER,
    "reader.clean.boilerplate",
    "reader.clean.credits",
    "reader.clean.cue_labels",
    "reader.clean.cue_phrases",
    "reader.clean.date_lines",
    "reader.clean.dispatch",
    "reader.clean.dump_around",
    "reader.clean.dump_lines",
    "reader.clean.dump_render",
    "reader.clean.dump_scoring",
    "reader.clean.dump_title",
    "reader.clean.markdown",
    "reader.clean.meta_names",
    "reader.clean.textdump",
    "reader.clean.title_text",
    "reader.ingest",
    "trafilatura",
    "lxml",
    "htmldate",
    "justext",
    "courlan",
    "feedparser",
    "yaml",
)


def modules_loaded(*args: str, env: dict[str, str] | None = None) -> set[str]:
    """The modules a ``reader`` process with these arguments had loaded when it exited."""
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )
    assert proc.returncode == 0, proc.stderr
    [line] = [line for line in proc.stderr.splitlines() if line.startswith("MODULES ")]
    return set(json.loads(line.removeprefix("MODULES ")))


def among(loaded: set[str], families: tuple[str, ...]) -> list[str]:
    """The loaded modules that belong to any of these packages or modules."""
    return sorted(m for m in loaded if any(m == f or m.startswith(f + ".") for f in families))


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A library with the sample articles, and the ID of one of them."""
    root = tmp_path_factory.mktemp("lib") / "library"
    subprocess.run(
        [sys.executable, "-m", "reader", "--library", str(root), "init"],
        check=True,
        capture_output=True,
        timeout=120,
    )
    listed = subprocess.run(
        [sys.executable, "-m", "reader", "--library", str(root), "list", "--json"],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    first = json.loads(listed.stdout.splitlines()[0])
    return root, first["id"]


def test_marking_an_article_loads_no_cleaner_and_no_textual(library: tuple[Path, str]) -> None:
    root, article = library
    loaded = modules_loaded("--library", str(root), "mark", article)
    assert among(loaded, (*CLEANING, "textual")) == []


def test_listing_loads_no_cleaner_and_no_textual(library: tuple[Path, str]) -> None:
    root, _ = library
    loaded = modules_loaded("--library", str(root), "list")
    assert among(loaded, (*CLEANING, "textual")) == []


def test_the_app_reaches_its_first_titles_without_any_cleaner(library: tuple[Path, str]) -> None:
    root, _ = library
    loaded = modules_loaded("--library", str(root), env={"READER_EXIT_AFTER_FIRST_ROWS": "1"})
    assert "textual.app" in loaded  # the app did start
    assert among(loaded, CLEANING) == []


def test_cleaning_a_text_dump_loads_neither_trafilatura_nor_lxml() -> None:
    loaded = modules_loaded("clean", str(FIXTURES / "formats" / "dump.txt"))
    assert "reader.clean.textdump" in loaded
    assert among(loaded, ("trafilatura", "lxml", "feedparser", *HTML_CLEANER)) == []
