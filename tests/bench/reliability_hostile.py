"""Hostile content, long run: the app's terminal output, then every bomb timed several times.

    python tests/bench/reliability_hostile.py [--repeat 3] [--timeout 120] [--only NAME,...]

First the real app runs in a pseudo-terminal on the hostile library (the committed fixtures
imported, plus articles stored with raw payloads), reading every article slowly; prints the
bytes captured, the escape sequences by kind and each one that came from content. Then each
generated bomb goes through ``reader import`` with a 256 MiB address-space cap: prints the
exit status, median and max wall time, the importer's peak RSS and any problem (time past
the 2 s target, a crash, a traceback, files outside the library, a damaged library).
Last, the path cases: a folder holding symbolic links that lead out of it (to a secret
file, to a folder, to a device), a loop and a link inside; a zip with a link member; an
export whose dates are paths; an export folder with a link planted under a file name.
Prints, over ``--repeat`` rounds, how many secrets reached the library, how many files
were written outside the places named, and how many links went unnamed.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
for extra in (ROOT, ROOT / "tests" / "reliability", ROOT / "tests" / "fixtures" / "hostile"):
    sys.path.insert(0, str(extra))

import make_bombs  # type: ignore[import-not-found,unused-ignore]  # noqa: E402
from test_hostile_content import (  # noqa: E402
    ACCEPTABLE_INPUTS,
    BOMBS,
    READER,
    SECRET,
    app_env,
    escape_problems,
    hostile_library,
    import_bomb,
    parse_escapes,
    run_in_terminal,
    terminal_keys,
)

TARGET_SECONDS = 2.0


def terminal_session(work: Path) -> int:
    """Run the app on the hostile library; print what reached the terminal."""
    library = hostile_library(work / "lib")
    count = len(library.articles())
    run = run_in_terminal(
        [*READER, "--library", str(work / "lib")], terminal_keys(count, 0.3), env=app_env(work)
    )
    sequences, _ = parse_escapes(run.output)
    kinds = Counter(seq.kind for seq in sequences)
    problems = escape_problems(run.output)
    crashed = b"Traceback" in run.output
    print(f"terminal: {count} articles, {len(run.output):,} bytes written, sequences {dict(kinds)}")
    print(f"terminal: escapes from content: {len(problems)}; app crashed: {crashed}")
    for problem in problems[:20]:
        print(f"  {problem}")
    return len(problems)


def bombs(work: Path, repeat: int, timeout: float, only: set[str]) -> int:
    """Import each bomb ``repeat`` times; print its figures; return the inputs that failed."""
    work.mkdir(parents=True, exist_ok=True)
    secret = work / "secret.txt"
    secret.write_text(SECRET + "\n")
    paths = make_bombs.build(work / "inputs", secret)
    failed = 0
    worst = 0.0
    print(f"{'input':28} {'status':>6} {'median s':>9} {'max s':>7} {'peak MB':>8}  verdict")
    for name in BOMBS:
        if only and name not in only:
            continue
        runs = []
        for attempt in range(repeat):
            with tempfile.TemporaryDirectory(dir=work) as folder:
                runs.append(import_bomb(name, paths[name], Path(folder), timeout))
            print(f"  {name} run {attempt + 1}: {runs[-1].seconds:.2f} s", file=sys.stderr)
        times = [run.seconds for run in runs]
        problems = sorted({p for run in runs for p in run.problems})
        if name in ACCEPTABLE_INPUTS and any(run.status != 0 for run in runs):
            problems.append("refused, though within the input limits")
        if max(times) > TARGET_SECONDS:
            problems.append(f"over {TARGET_SECONDS:.0f} s")
        failed += bool(problems)
        worst = max(worst, max(times))
        statuses = ",".join(sorted({str(run.status) for run in runs}))
        peak = max(run.peak_mb for run in runs)
        first = (runs[-1].stderr.strip().splitlines() or [""])[0][:90]
        verdict = "; ".join(problems) or "ok"
        print(
            f"{name:28} {statuses:>6} {statistics.median(times):9.2f} {max(times):7.2f} "
            f"{peak:8.0f}  {verdict}"
        )
        if first:
            print(f"{'':28} {first}")
    print(f"bombs: slowest {worst:.2f} s; inputs failing a limit: {failed}")
    return failed


def _files(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file() or p.is_symlink()}


def _reader(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*READER, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def path_round(work: Path) -> dict[str, int]:
    """One round of every path case; counts of what went wrong (all 0 when all is well)."""
    env = app_env(work / "home")
    found = {"secrets stored": 0, "written outside": 0, "links not named": 0, "bad exits": 0}
    secret = work / "secret.txt"
    secret.write_text(SECRET + " words of a file outside every folder named.\n")
    outside = work / "outside"
    outside.mkdir()
    (outside / "far.txt").write_text(SECRET + " a file in a folder outside.\n")
    folder = work / "saved"
    folder.mkdir()
    (folder / "note.txt").write_text("A saved note about the harbour and its ferries in winter.\n")
    links = {
        "passwd.txt": secret,
        "far": outside,
        "zero.txt": Path("/dev/zero"),
        "loop.txt": folder / "loop.txt",
        "alias.txt": folder / "note.txt",
    }
    for name, target in links.items():
        (folder / name).symlink_to(target)
    archive = work / "saved.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("note.md", "# Zipped note\n\nA note kept in an archive, with words.\n")
        member = zipfile.ZipInfo("passwd.txt")
        member.external_attr = 0o120777 << 16
        zipped.writestr(member, str(secret))
    library = work / "lib"
    before = _files(work)
    proc = _reader(env, "--library", str(library), "import", "-v", str(folder), str(archive))
    found["bad exits"] += proc.returncode != 0
    found["links not named"] += sum(str(folder / name) not in proc.stderr for name in links)
    found["links not named"] += f"{archive}:passwd.txt" not in proc.stderr
    stored = b"".join(p.read_bytes() for p in library.rglob("*") if p.is_file())
    found["secrets stored"] += SECRET.encode() in stored
    home = work / "home"  # the compiled-pattern cache lives there
    created = {
        p for p in _files(work) - before if library not in p.parents and home not in p.parents
    }
    found["written outside"] += len(created)
    for path in sorted(created)[:3]:
        print(f"  written outside the library: {path}", file=sys.stderr)

    export = work / "dates.json"
    records = [
        {
            "title": "Up",
            "body": "A body whose date climbs out of the folder.",
            "date": "../../../x",
        },
        {
            "title": "Abs",
            "body": "A body whose date is an absolute path here.",
            "date": str(work / "planted"),
        },
    ]
    export.write_text(json.dumps({"reader_export": 1, "articles": records}))
    dated = work / "dated-lib"
    out = work / "a" / "b" / "c" / "out"
    out.mkdir(parents=True)
    victim = work / "victim.txt"
    victim.write_text("untouched\n")
    (out / "planted.md").symlink_to(victim)
    before = _files(work)
    for args in (
        ("--library", str(dated), "import", "-q", str(export)),
        ("--library", str(dated), "export", "--format", "markdown", str(out)),
        ("--library", str(library), "export", "--format", "markdown", str(out)),
    ):
        found["bad exits"] += _reader(env, *args).returncode != 0
    created = {
        p
        for p in _files(work) - before
        if not {dated, library, home} & set(p.parents) and p.parent != out
    }
    found["written outside"] += len(created) + (victim.read_text() != "untouched\n")
    for path in sorted(created)[:3]:
        print(f"  written outside the export folder: {path}", file=sys.stderr)
    return found


def paths(work: Path, repeat: int) -> int:
    """The path cases ``repeat`` times; prints the totals; returns how many went wrong."""
    totals: dict[str, int] = {}
    times = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(dir=work) as folder:
            began = time.perf_counter()
            for key, value in path_round(Path(folder)).items():
                totals[key] = totals.get(key, 0) + value
            times.append(time.perf_counter() - began)
    counts = ", ".join(f"{key} {value}" for key, value in totals.items())
    print(
        f"paths: {repeat} rounds of 5 folder links, 1 zip link, 2 path dates, 1 planted link "
        f"(median {statistics.median(times):.1f} s a round): {counts}"
    )
    return sum(totals.values())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--only", default="", help="comma-separated bomb names")
    parser.add_argument("--skip-terminal", action="store_true")
    parser.add_argument("--skip-bombs", action="store_true")
    args = parser.parse_args()
    only = {name for name in args.only.split(",") if name}
    with tempfile.TemporaryDirectory(prefix="reader-hostile-") as folder:
        work = Path(folder)
        escapes = 0 if args.skip_terminal else terminal_session(work / "app")
        failed = 0 if args.skip_bombs else bombs(work / "bombs", args.repeat, args.timeout, only)
        wrong = paths(work, args.repeat)
    return 1 if escapes or failed or wrong else 0


if __name__ == "__main__":
    sys.exit(main())
