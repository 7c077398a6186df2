"""A character reference to a control character costs the page nothing but that character."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from project_paths import FIXTURES

from reader.clean.html_controls import without_control_references
from reader.ingest.prepare import prepare_file
from reader.sanitize import strip_controls
from reader.store import NewArticle


def reader_clean(path: Path) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).with_name("reader")
    return subprocess.run(
        [str(script), "clean", "--json", str(path)], capture_output=True, text=True, timeout=60
    )


def test_a_page_with_one_escape_reference_keeps_its_article() -> None:
    proc = reader_clean(FIXTURES / "formats" / "control_reference.html")

    assert proc.returncode == 0, proc.stderr
    cleaned = json.loads(proc.stdout)
    assert cleaned["title"] == "Ferry Bell Rings Again After Restoration"
    assert "stray control reference that an old content system" in cleaned["body"]
    assert "first weekend of each month" in cleaned["body"]


def test_references_to_forbidden_characters_go_and_the_rest_stay() -> None:
    gone = "&#x1b;&#X1B;&#27;&#0027;&#x07;&#7&#x0;&#xfffe;&#65535;&#x1F;"
    kept = "&#9;&#10;&#13;&#x1bc;&#270;&#146;&#x9b;&#x20;&amp;#x1b;"

    assert without_control_references(f"<p>a{gone}b{kept}</p>") == f"<p>ab{kept}</p>"


def test_a_hostile_page_full_of_escape_references_is_kept_without_them() -> None:
    [article] = prepare_file(str(FIXTURES / "hostile" / "escapes.html"))

    assert isinstance(article, NewArticle), article
    assert "festive lights along the harbour wall" in article.body
    for text in (article.title, article.body, article.author or ""):
        assert strip_controls(text) == text
