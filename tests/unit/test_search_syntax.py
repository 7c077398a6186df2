"""The query language as the user reads it: one table gives ``reader search --help`` and
the `?` help, and it names every filter the parser knows."""

from __future__ import annotations

import pytest
from project_paths import REPO

from reader.cli.main import main
from reader.search.query import FIELDS, SORTS, STATES, SYNTAX, language


def test_the_table_names_every_filter_and_value_the_parser_knows() -> None:
    examples = " ".join(example for example, _ in SYNTAX).split()
    for name in FIELDS:
        assert any(word.lstrip("-").startswith(f"{name}:") for word in examples), name
    for state in STATES:
        assert f"is:{state}" in examples, state
    for order in SORTS:
        assert f"sort:{order}" in examples, order
    assert "-tag:name" in examples


def test_search_help_prints_every_row_of_the_table(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_status:
        main(["search", "--help"])
    assert exit_status.value.code == 0
    out = capsys.readouterr().out
    shown = " ".join(out.split())
    for example, meaning in SYNTAX:
        assert " ".join(f"{example} {meaning}".split()) in shown, example
    assert language() in out


def test_a_long_example_puts_its_meaning_on_the_next_line() -> None:
    lines = language(60).splitlines()
    at = lines.index("  after:DATE before:DATE")
    assert lines[at + 1].startswith(" " * 22 + "published on or after")
    assert all(len(line) <= 60 for line in lines)


def test_the_readme_table_names_every_filter_too() -> None:
    """The README's table is written by hand: it must not fall behind the parser either."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| query | finds |") :].split("\n\n", 1)[0]
    for name in FIELDS:
        assert f"`{name}:" in table or f"`-{name}:" in table, name
    for state in STATES:
        assert f"`is:{state}`" in table, state
    for order in SORTS:
        assert f"`sort:{order}`" in table, order
    assert "`-tag:" in table
