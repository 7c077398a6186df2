"""Numbers on the command line: one out of range is a usage error at parse time (exit 2,
one line naming the option and what it takes), before the library or the network is
touched."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli.main import main
from reader.store import Library
from reader.store.subscriptions import Subscription, Subscriptions, feed_id_for

#: A feed nobody answers: if an option slipped through, the update would mark it failed.
FEED = "http://127.0.0.1:9/feed.xml"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "lib"
    assert main(["--library", str(root), "init", "--empty"]) == 0
    Subscriptions(Library.open(root)).save([Subscription(feed_id_for(FEED), FEED, title="Quiet")])
    return root


def files_of(root: Path) -> dict[str, bytes]:
    """Every file of the library and its bytes: what a refused command must leave as it was."""
    return {
        str(path.relative_to(root)): path.read_bytes() for path in root.rglob("*") if path.is_file()
    }


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("update", "--timeout", "-1"), "--timeout: must be a number of seconds, more than 0"),
        (("update", "--timeout", "0"), "--timeout: must be a number of seconds, more than 0"),
        (("update", "--timeout", "nan"), "--timeout: must be a number of seconds, more than 0"),
        (("update", "--timeout", "1e12"), "--timeout: must be a number of seconds"),
        (("update", "--timeout", "abc"), "--timeout: must be a number of seconds, more than 0"),
        (("feeds", "add", "--timeout", "-5", FEED), "--timeout: must be a number of seconds"),
        (("list", "--limit", "-5"), "--limit: must be a whole number from 0 to"),
        (("list", "--limit", "x"), "--limit: must be a whole number from 0 to"),
        (("search", "--limit", "0", "harbour"), "--limit: must be a whole number from 1 to"),
        (("search", "--limit", "2.5", "harbour"), "--limit: must be a whole number from 1 to"),
        (("search", "--limit", "9" * 20, "harbour"), "--limit: must be a whole number from 1 to"),
        (("import", "--workers", "0", "x.txt"), "--workers: must be a whole number from 1 to"),
        (("import", "--workers", "-2", "x.txt"), "--workers: must be a whole number from 1 to"),
    ],
)
def test_a_number_out_of_range_is_refused_before_anything_happens(
    library: Path, args: tuple[str, ...], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = files_of(library)
    with pytest.raises(SystemExit) as stopped:
        main(["--library", str(library), *args])
    assert stopped.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"error: argument {expected}" in captured.err.splitlines()[-1]
    assert "Traceback" not in captured.err
    assert files_of(library) == before
    [feed] = Subscriptions(Library.open(library)).all()
    assert feed.error is None and feed.failures == 0


def test_numbers_in_range_are_taken(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--library", str(library), "list", "--limit", "0"]) == 0
    assert main(["--library", str(library), "search", "--limit", "1000000", "harbour"]) == 1
    assert "no match for harbour" in capsys.readouterr().err
