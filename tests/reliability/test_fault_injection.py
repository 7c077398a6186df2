"""A failing disk (ENOSPC, EIO) at every step of every kind of write, once and for good.

Each operation must raise, change all or nothing (a journalled change that the next
open completes counts as all, but only when the error said so: a change reported as not
saved is never applied later), leave a library that opens and passes ``check()``, and
leave the process able to write again once the disk works. The ``reader`` commands turn
such a failure into one line on stderr and exit status 1.
"""

from __future__ import annotations

import errno
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from crash_driver import crash_article
from faults import Faults, StepFaults, syscall_faults
from library_state import snapshot

from reader.cli.main import main
from reader.store import ChangeIncomplete, Library, NewArticle

Operation = Callable[[Library], Any]
CODES = (errno.ENOSPC, errno.EIO)


def build_template(root: Path) -> Path:
    """12 articles, some read and bookmarked, so shards have previous copies to keep."""
    library = Library.open(root)
    library.add([crash_article(0, n) for n in range(12)])
    ids = sorted(a.id for a in library.articles())
    library.set_read(ids[::2])
    library.set_bookmarked(ids[::3])
    library.set_position(ids[1], {"line": 7})
    return root


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_template(tmp_path_factory.mktemp("template") / "lib")


def spread_ids(root: Path, count: int) -> list[str]:
    """IDs from ``count`` different shards."""
    by_shard: dict[str, str] = {}
    for a in Library.open(root).articles():
        by_shard.setdefault(a.id[0], a.id)
    return sorted(by_shard.values())[:count]


def operations(root: Path) -> dict[str, Operation]:
    """One of each kind of write, on articles of the template."""
    one, *several = spread_ids(root, 4)
    renamed = crash_article(0, 3)
    renamed.title = "Renamed on re-import"
    fresh = [crash_article(5, n) for n in range(4)]
    return {
        "mark": lambda lib: lib.set_read([one], not lib.get(one).read),
        "bookmark-3-shards": lambda lib: lib.set_bookmarked(several, True),
        "position": lambda lib: lib.set_position(one, {"line": 99}),
        "import-4": lambda lib: lib.add(fresh),
        "reimport-update": lambda lib: lib.add([renamed], update_existing=True),
        "delete-2": lambda lib: lib.delete(several[:2]),
        "tag-3-shards": lambda lib: lib.tag(several, add=["kept"], remove=["old"]),
        "purge-2": lambda lib: lib.purge(several[:2]),
    }


OPERATION_NAMES = (
    "mark", "bookmark-3-shards", "position", "import-4", "reimport-update", "delete-2",
    "tag-3-shards", "purge-2",
)  # fmt: skip


def expected_states(template: Path, work: Path, name: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The library before and after the operation, done on a working disk."""
    root = work / "expected"
    shutil.copytree(template, root)
    before = snapshot(Library.open(root))
    operations(root)[name](Library.open(root))
    return before, snapshot(Library.open(root))


def assert_all_or_nothing(
    root: Path, before: dict[str, Any], after: dict[str, Any], where: str
) -> None:
    reopened = Library.open(root)
    assert reopened.warnings == [], where
    assert reopened.check() == [], where
    state = snapshot(reopened)
    assert state in (before, after), f"half-made change after a failure {where}"
    assert not (root / "journal.json").exists(), where


def try_again_works(library: Library, root: Path, where: str) -> None:
    """The same Library object writes fine once the disk does, and sees what others see."""
    some = sorted(snapshot(Library.open(root)))[-1]
    library.set_bookmarked([some], not library.get(some).bookmarked)
    assert snapshot(library) == snapshot(Library.open(root)), where


def errors_to_try(at: int, per_step: int) -> list[tuple[int, bool]]:
    """(errno, persistent) pairs to try at one step: all four, or 2 or 1 taken in turn."""
    every = [(code, persistent) for persistent in (False, True) for code in CODES]
    if per_step >= len(every):
        return every
    return [every[(at * per_step + k) % len(every)] for k in range(per_step)]


def run_step_sweep(template: Path, work: Path, name: str, per_step: int = 1) -> int:
    """Fail each step the hook reports, once and persistently, with ENOSPC and EIO."""
    before, after = expected_states(template, work, name)
    counter = StepFaults()
    counting = work / "count"
    shutil.copytree(template, counting)
    library = Library.open(counting, hook=counter)
    counter.armed = True
    operations(counting)[name](library)
    steps = len(counter.seen)
    assert steps > 0
    trials = 0
    for at in range(steps):
        for code, persistent in errors_to_try(at, per_step):
            where = f"{name}: {counter.seen[at]} (step {at}), {errno.errorcode[code]}, " + (
                "persistent" if persistent else "once"
            )
            root = work / f"t{trials}"
            shutil.copytree(template, root)
            faults = StepFaults(at, code, persistent)
            library = Library.open(root, hook=faults)
            faults.armed = True
            with pytest.raises(OSError) as raised:
                operations(root)[name](library)
            assert raised.value.errno == code, where
            assert raised.value.filename, f"the error names no file {where}"
            saved_later = isinstance(raised.value, ChangeIncomplete)
            if persistent:
                with pytest.raises(OSError):
                    library.set_read([sorted(before)[0]], True)
            faults.armed = False
            assert_all_or_nothing(root, before, after, where)
            assert saved_later or snapshot(Library.open(root)) == before, (
                f"a change reported as not saved was applied later {where}"
            )
            try_again_works(library, root, where)
            shutil.rmtree(root)
            trials += 1
    return trials


def run_syscall_sweep(
    template: Path, work: Path, name: str, monkeypatch: pytest.MonkeyPatch, per_step: int = 1
) -> int:
    """Fail each write, fsync, replace, link, unlink, mkdir and open-for-writing in turn."""
    before, after = expected_states(template, work, name)
    counting = work / "count"
    shutil.copytree(template, counting)
    library = Library.open(counting)
    with syscall_faults(monkeypatch, Faults()) as counter:
        counter.armed = True
        operations(counting)[name](library)
    calls = len(counter.seen)
    trials = 0
    for at in range(calls):
        for code, persistent in errors_to_try(at, per_step):
            where = f"{name}: os.{counter.seen[at]} (call {at}), {errno.errorcode[code]}, " + (
                "persistent" if persistent else "once"
            )
            root = work / f"s{trials}"
            shutil.copytree(template, root)
            library = Library.open(root, lock_timeout=1.0)
            error: OSError | None = None
            with syscall_faults(monkeypatch, Faults(at, code, persistent)) as faults:
                faults.armed = True
                try:
                    operations(root)[name](library)
                except OSError as raised:
                    error = raised
                faults.armed = False
            if error is None:
                # Only a call whose failure changes nothing may go unreported: mkdir of a
                # folder that exists (pathlib's exist_ok ignores its error), the PID a lock
                # records for messages, the listing caches (derived data), and the tidying
                # after a change is saved (removing its record of article files, the files
                # of deleted articles, their places in packs), which the next writer finishes.
                target = counter.targets[at]
                assert (
                    counter.seen[at] in ("mkdir", "ftruncate", "write")
                    or ("/cache/" in target)
                    or (
                        counter.seen[at] == "unlink"
                        and ("pending" in target or "/bodies/" in target)
                    )
                    or (
                        name.startswith("purge")
                        and ("/packs" in target or counter.seen[at] == "fsync")
                    )
                ), where
                assert snapshot(Library.open(root)) == after, where
            else:
                assert error.errno == code, where
            assert_all_or_nothing(root, before, after, where)
            if error is not None and not isinstance(error, ChangeIncomplete):
                assert snapshot(Library.open(root)) == before, (
                    f"a change reported as not saved was applied later {where}"
                )
            try_again_works(library, root, where)
            shutil.rmtree(root)
            trials += 1
    return trials


@pytest.mark.parametrize("name", OPERATION_NAMES)
def test_a_failing_write_step_changes_all_or_nothing(
    template: Path, tmp_path: Path, name: str
) -> None:
    assert run_step_sweep(template, tmp_path, name) >= 4


@pytest.mark.parametrize("name", OPERATION_NAMES)
def test_a_failing_system_call_changes_all_or_nothing(
    template: Path, tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run_syscall_sweep(template, tmp_path, name, monkeypatch) >= 4


def one_line_error(captured: str) -> str:
    lines = captured.strip().splitlines()
    assert len(lines) == 1, f"expected one line, got {captured!r}"
    assert "Traceback" not in captured
    return lines[0]


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("command", ["mark", "bookmark", "import"])
def test_the_cli_reports_a_failing_disk_in_one_line(
    template: Path,
    tmp_path: Path,
    command: str,
    code: int,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = tmp_path / "lib"
    shutil.copytree(template, root)
    before = snapshot(Library.open(root))
    target = sorted(before)[1]
    page = tmp_path / "note.md"
    page.write_text("# A note\n\n" + "Words worth keeping for later reading. " * 10)
    argv = {
        "mark": ["mark", target],
        "bookmark": ["bookmark", "--remove", target],
        "import": ["import", "-q", str(page)],
    }[command]
    capsys.readouterr()
    faults = Faults(0, code, persistent=True)
    with syscall_faults(monkeypatch, faults):
        faults.seen.clear()
        faults.armed = True
        # Fail every fsync and rename: the lock file and temp files can still be written.
        faults.event = _only(faults, ("fsync", "replace"))  # type: ignore[method-assign]
        status = main(["--library", str(root), *argv])
        faults.armed = False
    line = one_line_error(capsys.readouterr().err)
    assert status == 1
    assert line.startswith("reader: ") and str(root) in line
    assert "was not saved" in line
    assert snapshot(Library.open(root)) == before


def _only(faults: Faults, names: tuple[str, ...]) -> Callable[..., None]:
    original = Faults.event

    def event(name: str, target: object = None) -> None:
        if name in names:
            original(faults, name, target)

    return event


FAILING_CLI = """
import errno, os, sys
def broken(fd):
    raise OSError(errno.EIO, "Input/output error")
os.fsync = broken
from reader.cli.main import main
sys.exit(main(sys.argv[1:]))
"""


def test_a_failing_disk_under_the_real_command_prints_no_traceback(
    template: Path, tmp_path: Path
) -> None:
    root = tmp_path / "lib"
    shutil.copytree(template, root)
    target = sorted(snapshot(Library.open(root)))[0]
    done = subprocess.run(
        [sys.executable, "-c", FAILING_CLI, "--library", str(root), "bookmark", target],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    line = one_line_error(done.stderr)
    assert "Input/output error" in line and "was not saved" in line


def test_an_import_that_hits_a_full_disk_stores_no_half_article(
    template: Path, tmp_path: Path
) -> None:
    """Bodies are written before the metadata: a failure leaves no visible article without text."""
    before = snapshot(Library.open(template))
    batch = [
        NewArticle(
            title=f"Big {n}",
            body=f"word{n} " * 5000,
            raw="",
            raw_format="text",
            url=f"https://big.example/{n}",
            words=5000,
        )
        for n in range(6)
    ]
    titles = {item.title for item in batch}
    for at in range(0, 16):
        root = tmp_path / f"lib{at}"
        shutil.copytree(template, root)
        faults = StepFaults(at, errno.ENOSPC, persistent=True)
        library = Library.open(root, hook=faults)
        faults.armed = True
        with pytest.raises(OSError):
            library.add(batch)
        reopened = Library.open(root)
        assert reopened.check() == []
        stored = {a.title for a in reopened.articles()} & titles
        assert stored in (set(), titles), f"a failure at step {at} stored part of an import"
        if not stored:
            assert snapshot(reopened) == before
        for article in reopened.articles():
            assert reopened.content(article.id).body
