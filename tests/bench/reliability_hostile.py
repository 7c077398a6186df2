"""Hostile content, long run: the app's terminal output, then every bomb timed several times.

    python tests/bench/reliability_hostile.py [--repeat 3] [--timeout 120] [--only NAME,...]

First the real app runs in a pseudo-terminal on the hostile library (the committed fixtures
imported, plus articles stored with raw payloads), reading every article slowly; prints the
bytes captured, the escape sequences by kind and each one that came from content. Then each
generated bomb goes through ``reader import`` with a 256 MiB address-space cap: prints the
exit status, median and max wall time, the importer's peak RSS and any problem (time past
the 2 s target, a crash, a traceback, files outside the library, a damaged library).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--only", default="", help="comma-separated bomb names")
    parser.add_argument("--skip-terminal", action="store_true")
    args = parser.parse_args()
    only = {name for name in args.only.split(",") if name}
    with tempfile.TemporaryDirectory(prefix="reader-hostile-") as folder:
        work = Path(folder)
        escapes = 0 if args.skip_terminal else terminal_session(work / "app")
        failed = bombs(work / "bombs", args.repeat, args.timeout, only)
    return 1 if escapes or failed else 0


if __name__ == "__main__":
    sys.exit(main())
