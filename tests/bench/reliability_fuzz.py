"""Fuzzing, long run: 10,000 generated inputs per importer format (and for the cleaner).

    python tests/bench/reliability_fuzz.py --examples 10000 [--formats html,feed] [--jobs 2]

Each format runs in its own process (``--jobs`` at once) with Hypothesis generating the
inputs; every input goes through ``prepare_file`` as ``reader import`` reads it, capped at
5 s (and at one second of CPU time for the ``prolog`` inputs, runs of comments, doctypes
and processing instructions), and refused ones are imported to check the library stays byte-identical. Prints per
format: inputs, articles made, inputs refused, problems (uncaught exceptions, time-outs,
unsafe text, a changed library), errors the readers caught from their own bugs, the
slowest input and the peak RSS growth of the process above its start.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
for extra in (ROOT, ROOT / "tests", ROOT / "tests" / "reliability"):
    sys.path.insert(0, str(extra))

from fuzz_inputs import FORMATS  # noqa: E402
from test_fuzz_importers import fuzz_format  # noqa: E402


def run_format(name: str, examples: int) -> tuple[str, list[str], list[str], float]:
    logging.disable(logging.CRITICAL)  # trafilatura logs every page it cannot parse
    warnings.simplefilter("ignore")
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="reader-fuzz-") as work:
        fuzzer = fuzz_format(name, Path(work), examples)
    stats = fuzzer.stats[name]
    return stats.line(name), stats.problems, stats.caught_bugs, time.perf_counter() - began


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=int, default=10_000)
    parser.add_argument("--formats", default=",".join(sorted(FORMATS)))
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    names = args.formats.split(",")
    problems = 0
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        futures = [pool.submit(run_format, name, args.examples) for name in names]
        for future in futures:
            line, found, caught, seconds = future.result()
            print(f"{line}  ({seconds:.0f} s)", flush=True)
            problems += len(found)
            for problem in found[:5]:
                print("    PROBLEM", problem[:400])
            distinct = sorted({c.split(": ", 1)[-1].split("(", 1)[-1][:90] for c in caught})
            for reason in distinct[:6]:
                print("    caught:", reason)
    print(f"total problems: {problems}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
