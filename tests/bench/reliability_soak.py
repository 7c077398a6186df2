"""Soak, long run: random keys in the app on a 10k library for minutes, with kill -9.

    python tests/bench/reliability_soak.py [--minutes 5] [--articles 10000]
        [--kill-after 10,40] [--cache /tmp/reader-soak-10k] [--seed 1]

The library is built once into ``--cache`` (about a minute for 10k) and copied for each
run of this script. The driver is ``tests/reliability/test_soak.py``: a child presses keys
until the parent kills it after a random time in ``--kill-after`` seconds, again and again.
Prints each run (keys, RSS growth, problems) and then keys/s, kills, acknowledged writes,
failed checks (damage, lost acknowledged writes, app crashes) and the worst RSS growth from
warm-up to the end of a run.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
for extra in (ROOT, ROOT / "tests" / "reliability", HERE):
    sys.path.insert(0, str(extra))

from synth import build_library  # noqa: E402
from test_soak import soak  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--kill-after", default="10,40", help="min,max seconds before a kill")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/reader-soak-10k"))
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    low, high = (float(part) for part in args.kill_after.split(","))
    began = time.perf_counter()
    build_library(args.cache, args.articles)
    print(f"library: {args.articles:,} articles ready in {time.perf_counter() - began:.1f} s")
    with tempfile.TemporaryDirectory(prefix="reader-soak-") as folder:
        root = Path(folder) / "lib"
        shutil.copytree(args.cache, root)
        figures = soak(root, args.minutes * 60, args.seed, (low, high), log=True)
    print(figures.line())
    for problem in figures.failed_checks[:30]:
        print(f"  {problem}")
    worst = max(figures.growth, default=0.0)
    return 1 if figures.failed_checks or worst > 10.0 else 0


if __name__ == "__main__":
    sys.exit(main())
