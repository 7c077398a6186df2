"""The store under crashes, damaged files and competing processes.

A crash is simulated by forking a child that performs one operation and dies with
``os._exit`` at a chosen step of the write (after the data is written, after fsync, after
the previous version is linked, after the rename, ...): no cleanup code runs, exactly as
with kill -9. The parent then opens the library as the next process would.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest

from reader.store import Library, LibraryInUse, LockTimeout, NewArticle
from reader.store.ids import ALPHABET


def article(n: int) -> NewArticle:
    return NewArticle(
        title=f"Story {n}",
        body=f"The body of story {n} has several words in it. " * 4,
        raw=f"raw {n}",
        raw_format="text",
        url=f"https://example.org/story/{n}",
        words=40,
    )


def count_steps(root: Path, operation: Callable[[Library], None]) -> int:
    """How many write steps an operation takes (so every crash point can be tried)."""
    steps: list[str] = []
    operation(Library.open(root, hook=steps.append))
    return len(steps)


def crash_during(root: Path, operation: Callable[[Library], object], at_step: int) -> None:
    """Run ``operation`` in a forked child that dies abruptly at write step ``at_step``."""
    pid = os.fork()
    if pid == 0:  # child
        seen = 0

        def hook(step: str) -> None:
            nonlocal seen
            if seen == at_step:
                os._exit(77)
            seen += 1

        try:
            operation(Library.open(root, hook=hook))
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status)


def ids_across_shards(library: Library) -> list[str]:
    """Article IDs from at least three different shards."""
    by_shard: dict[str, str] = {}
    for a in library.articles():
        by_shard.setdefault(a.id[0], a.id)
    assert len(by_shard) >= 3
    return list(by_shard.values())[:3]


@pytest.fixture
def populated(tmp_path: Path) -> Path:
    root = tmp_path / "lib"
    Library.open(root).add([article(n) for n in range(40)])
    return root


def test_crash_at_every_step_of_a_mark_leaves_old_or_new_state(populated: Path) -> None:
    target = Library.open(populated).articles()[0].id
    others = {a.id: a.read for a in Library.open(populated).articles() if a.id != target}

    def toggle(lib: Library) -> None:
        lib.set_read([target], read=not lib.get(target).read)

    toggle(Library.open(populated))  # the state shard exists now, so a previous copy is kept
    steps = count_steps(populated, toggle)
    assert steps == 6  # written, fsynced, linked, previous-kept, replaced, dir-fsynced
    for at_step in range(steps + 1):
        before = Library.open(populated).get(target).read
        crash_during(populated, toggle, at_step)
        reopened = Library.open(populated)
        assert reopened.check() == []
        assert reopened.get(target).read in (before, not before)
        if at_step >= steps - 1:  # the rename happened: the change is there
            assert reopened.get(target).read is not before
        if at_step < steps - 2:  # the rename did not happen: nothing changed
            assert reopened.get(target).read is before
        assert {a.id: a.read for a in reopened.articles() if a.id != target} == others


def test_crash_during_a_multi_shard_change_is_all_or_nothing(populated: Path) -> None:
    ids = ids_across_shards(Library.open(populated))
    for at_step in range(20):
        current = Library.open(populated).get(ids[0]).bookmarked
        crash_during(
            populated, partial(Library.set_bookmarked, ids=ids, bookmarked=not current), at_step
        )
        reopened = Library.open(populated)
        flags = {reopened.get(i).bookmarked for i in ids}
        assert len(flags) == 1, f"half-applied change after a crash at step {at_step}"
        assert reopened.check() == []
        assert not (populated / "journal.json").exists()


def test_crash_during_an_import_leaves_each_article_whole_or_absent(populated: Path) -> None:
    new = [article(n) for n in range(100, 106)]
    for at_step in range(0, 40, 3):
        crash_during(populated, lambda lib: lib.add(new), at_step)
        reopened = Library.open(populated)
        assert reopened.check() == []
        titles = {a.title for a in reopened.articles()}
        for a in reopened.articles():
            assert reopened.content(a.id).body
        stored_new = titles & {n.title for n in new}
        assert stored_new in (set(), {n.title for n in new}), (
            "a multi-shard import must be all or nothing"
        )


def test_a_failed_write_changes_nothing_and_raises(populated: Path) -> None:
    target = Library.open(populated).articles()[0].id

    def failing(step: str) -> None:
        if step == "fsynced":
            raise OSError(28, "No space left on device")

    library = Library.open(populated, hook=failing)
    with pytest.raises(OSError):
        library.set_read([target])
    assert not library.get(target).read
    assert not Library.open(populated).get(target).read
    assert not [p for p in (populated / "state").iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize(
    "damage",
    [b"", b'{"articles": {"1": {"title": "x"', b'{"articles": {}}garbage', b"\x00\x00\x00\x00"],
    ids=["zero-bytes", "truncated", "trailing-garbage", "nul-bytes"],
)
def test_a_damaged_metadata_shard_is_set_aside_and_restored(populated: Path, damage: bytes) -> None:
    library = Library.open(populated)
    before = {a.id: a.title for a in library.articles()}
    victim = next(iter(before))
    # A second change to the shard gives it a previous version to restore.
    library.add(
        [
            NewArticle(
                title="Late", body="late words " * 9, raw="", raw_format="text", url=None, words=18
            )
        ]
    )
    shard = populated / "meta" / f"{victim[0]}.json"
    shard.write_bytes(damage)
    reopened = Library.open(populated)
    after = {a.id: a.title for a in reopened.articles()}
    assert set(before) <= set(after)
    assert any("moved to" in w for w in reopened.warnings)
    assert list((populated / "damaged").iterdir())


def test_a_metadata_shard_without_previous_copy_is_rebuilt_from_article_files(
    populated: Path,
) -> None:
    library = Library.open(populated)
    before = {a.id: a.title for a in library.articles()}
    shard_name = next(iter(before))[0]
    shard = populated / "meta" / f"{shard_name}.json"
    shard.write_bytes(b"")
    (populated / "meta" / f"{shard_name}.json.prev").unlink(missing_ok=True)
    reopened = Library.open(populated)
    assert {a.id: a.title for a in reopened.articles()} == before
    assert any("rebuilt it from" in w for w in reopened.warnings)


def test_a_damaged_state_shard_never_becomes_a_silent_empty_state(populated: Path) -> None:
    library = Library.open(populated)
    target = library.articles()[0].id
    library.set_read([target])
    library.set_bookmarked([target])
    state = populated / "state" / f"{target[0]}.json"
    state.write_bytes(b"{ broken")
    reopened = Library.open(populated)
    got = reopened.get(target)
    assert got.read  # the previous copy (read, not yet bookmarked) came back
    assert reopened.warnings and "state" in reopened.warnings[0]


def test_leftover_temp_files_are_removed_at_open(populated: Path) -> None:
    leftover = populated / "meta" / ".0.json.12345.tmp"
    leftover.write_bytes(b"half a write")
    Library.open(populated)
    assert not leftover.exists()


def test_a_half_written_journal_is_set_aside_without_applying_anything(populated: Path) -> None:
    (populated / "journal.json").write_bytes(b'[{"kind": "state", "sha')
    library = Library.open(populated)
    assert not (populated / "journal.json").exists()
    assert not any(a.read for a in library.articles())


HOLD_LOCK = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from reader.store import Library
    library = Library.open(Path(sys.argv[1]))
    if sys.argv[2] == "app":
        library.app_lock().acquire()
        print("ready", flush=True)
        time.sleep(60)
    else:
        with library.write_lock.held():
            print("ready", flush=True)
            time.sleep(60)
    """
)


def hold(root: Path, kind: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(root), kind], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    return proc


def test_a_second_app_is_refused_naming_the_holder_and_allowed_after_kill(populated: Path) -> None:
    holder = hold(populated, "app")
    try:
        started = time.monotonic()
        with pytest.raises(LibraryInUse) as refused:
            Library.open(populated).app_lock().acquire()
        assert time.monotonic() - started < 1.0
        assert refused.value.pid == holder.pid
        assert str(holder.pid) in str(refused.value)
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    lock = Library.open(populated).app_lock()
    lock.acquire()
    lock.release()


def test_a_writer_that_cannot_get_the_lock_fails_clearly(populated: Path) -> None:
    target = Library.open(populated).articles()[0].id
    holder = hold(populated, "write")
    try:
        slow = Library(populated, lock_timeout=0.3)
        with pytest.raises(LockTimeout) as timed_out:
            slow.set_read([target])
        assert str(holder.pid) in str(timed_out.value)
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    after_kill = Library.open(populated)
    after_kill.set_read([target])
    assert after_kill.get(target).read


def test_a_cli_write_works_while_an_app_holds_the_library(populated: Path) -> None:
    holder = hold(populated, "app")
    try:
        library = Library.open(populated)
        target = library.articles()[0].id
        library.set_read([target])
        assert Library.open(populated).get(target).read
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()


TOGGLER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from reader.store import Library
    library = Library.open(Path(sys.argv[1]))
    ids = sys.argv[3:]
    for n in range(int(sys.argv[2])):
        target = ids[n % len(ids)]
        library.set_read([target], read=not library.get(target).read)
    """
)


def test_two_processes_toggling_at_once_end_as_a_serial_replay_would(populated: Path) -> None:
    everything = [a.id for a in Library.open(populated).articles()]
    first, second = everything[:5], everything[5:10]
    rounds = 101  # odd per id count mixes: each id toggled rounds//5 or +1 times
    procs = [
        subprocess.Popen([sys.executable, "-c", TOGGLER, str(populated), str(rounds), *ids])
        for ids in (first, second)
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    library = Library.open(populated)
    for ids in (first, second):
        for index, article_id in enumerate(ids):
            toggles = len(range(index, rounds, len(ids)))
            assert library.get(article_id).read == (toggles % 2 == 1)
    assert library.check() == []


def test_shards_cover_the_alphabet() -> None:
    assert len(ALPHABET) == 32 and len(set(ALPHABET)) == 32
