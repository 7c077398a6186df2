"""A really full disk: a library on a small tmpfs, filled to the last byte, then used.

    python tests/bench/reliability_full_disk.py [--rounds 5]      # as root (it mounts)

Each round mounts a fresh 4 MB tmpfs, makes a library on it with a built search index,
adds articles the index has not taken in yet, fills the file system, and runs what a user
would: ``reader search`` (must answer from the old index with one line about the disk),
``check``, ``reindex``, ``mark``, ``import`` (one line each, never a traceback, the index
still answering). Then it frees the space and checks that the library is whole and that
the index catches up. The fault injection of single system calls is reliability_faults.py.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))


def reader(*argv: str) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).with_name("reader")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "reader"]
    return subprocess.run([*command, *argv], capture_output=True, text=True, timeout=300)


def page(folder: Path, n: int, words: int = 300) -> Path:
    path = folder / f"page{n}.md"
    body = " ".join(f"harbour{n}w{k}" for k in range(words))
    path.write_text(f"# Full disk page {n}\n\nThe lighthouse keeper writes. {body}\n")
    return path


def fill(mount: Path) -> Path:
    """Write a filler file until the file system refuses another byte."""
    filler = mount / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        for size in (1 << 16, 1 << 12, 1 << 8, 1):
            while True:
                try:
                    os.write(fd, b"\0" * size)
                except OSError:
                    break
    finally:
        os.close(fd)
    return filler


def one_round(mount: Path, pages: Path, outcomes: Counter[str], failures: list[str]) -> None:
    library = mount / "lib"
    first = [str(page(pages, n)) for n in range(30)]
    assert reader("--library", str(library), "import", "-q", *first).returncode == 0
    done = reader("--library", str(library), "search", "--json", "lighthouse", "--limit", "100")
    old = done.stdout.count("\n")
    assert done.returncode == 0 and old == 30, done.stderr
    later = [str(page(pages, n)) for n in range(30, 45)]
    assert reader("--library", str(library), "import", "-q", *later).returncode == 0
    filler = fill(mount)
    checks = {
        "search": (["search", "--json", "lighthouse", "--limit", "100"], {0}),
        "check": (["check"], {0, 1}),
        "reindex": (["reindex"], {1}),
        "mark": (["mark", "--unread", "0"], {1}),
        "import": (["import", "-q", str(page(pages, 99))], {1}),
        "search again": (["search", "--json", "lighthouse", "--limit", "100"], {0}),
    }
    for name, (argv, statuses) in checks.items():
        done = reader("--library", str(library), *argv)
        lines = done.stderr.strip().splitlines()
        if "Traceback" in done.stderr or done.returncode not in statuses or len(lines) > 2:
            failures.append(f"{name}: status {done.returncode}, stderr {done.stderr[-300:]!r}")
            continue
        if name.startswith("search") and done.stdout.count("\n") < old:
            failures.append(
                f"{name}: the old index no longer answers ({done.stdout.count(chr(10))})"
            )
            continue
        outcomes[f"{name} on a full disk: status {done.returncode}, {len(lines)} line(s)"] += 1
    filler.unlink()
    done = reader("--library", str(library), "check")
    if done.returncode != 0:
        failures.append(f"check after freeing space: {done.stdout} {done.stderr}")
    done = reader("--library", str(library), "search", "--json", "lighthouse", "--limit", "100")
    if done.returncode != 0 or done.stdout.count("\n") != 45:
        failures.append(f"search after freeing space: {done.stdout.count(chr(10))} hits")
    else:
        outcomes["after freeing space: check passes, the index holds all 45"] += 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    mount = Path(tempfile.mkdtemp(prefix="reader-full-"))
    pages = Path(tempfile.mkdtemp(prefix="reader-full-pages-"))
    outcomes: Counter[str] = Counter()
    failures: list[str] = []
    try:
        for _ in range(args.rounds):
            done = subprocess.run(
                ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)],
                capture_output=True,
                text=True,
            )
            if done.returncode != 0:
                print(f"cannot mount a tmpfs here ({done.stderr.strip()}): run as root")
                return 2
            try:
                one_round(mount, pages, outcomes, failures)
            except AssertionError as error:
                failures.append(f"setting up: {error}")
            finally:
                subprocess.run(["umount", str(mount)], check=False)
    finally:
        with contextlib.suppress(OSError):
            os.rmdir(mount)
        shutil.rmtree(pages, ignore_errors=True)
    print(f"rounds: {args.rounds} (4 MB tmpfs, filled to the last byte)")
    for outcome, count in sorted(outcomes.items()):
        print(f"  {count:3}  {outcome}")
    print(f"failures (traceback, wrong status, more than one line, index lost): {len(failures)}")
    for failure in failures[:10]:
        print("FAIL", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
