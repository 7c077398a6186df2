"""Cleaner figures: quality against the gold text and speed of ``reader clean`` as a whole command.

    python tests/bench/bench_clean.py [--runs R] [--input text|html|both]

Runs the corpus scorer (../shared/tools/score_cleaner.py, which drives
``reader clean --json`` in batches of 200 pages) R times per input kind and prints its
quality line once and the median pages/s. Targets: sh4 F1 >= 0.92 (text dumps) and
>= 0.96 (HTML), no page empty, >= 500 text dumps/s and >= 40 HTML pages/s on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCORER_CANDIDATES = (
    ROOT.parent / "shared" / "tools" / "score_cleaner.py",
    Path("/work/shared/tools/score_cleaner.py"),
)
TARGETS = {"text": (0.92, 500), "html": (0.96, 40)}
_RATE = re.compile(r"([\d.]+) pages/s")


def scorer() -> Path:
    """The corpus scorer, or exit with a message when it is not beside the checkout."""
    for path in SCORER_CANDIDATES:
        if path.exists():
            return path
    sys.exit("scorer not found (../shared/tools/score_cleaner.py); nothing to measure")


def score_once(script: Path, kind: str) -> tuple[str, float]:
    """The scorer's summary line and pages/s for one run over the corpus."""
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    proc = subprocess.run(
        [sys.executable, str(script), "--input", kind],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=True,
    )
    rate = _RATE.search(proc.stdout)
    assert rate, proc.stdout[-500:]
    return proc.stdout.strip().splitlines()[-1], float(rate.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--input", choices=("text", "html", "both"), default="both")
    args = parser.parse_args()
    script = scorer()
    kinds = ("text", "html") if args.input == "both" else (args.input,)
    print(f"cores: {os.cpu_count()}; command: python tests/bench/bench_clean.py --runs {args.runs}")
    for kind in kinds:
        quality_floor, speed_floor = TARGETS[kind]
        rates = []
        summary = ""
        for _ in range(args.runs):
            summary, rate = score_once(script, kind)
            rates.append(rate)
        print(f"{kind}: {summary}  (target sh4_F1 >= {quality_floor}, empty=0)")
        shown = ", ".join(f"{rate:.0f}" for rate in rates)
        print(
            f"{kind}: median {statistics.median(rates):.0f} pages/s over {args.runs} runs "
            f"({shown})  target >= {speed_floor}/s"
        )


if __name__ == "__main__":
    main()
