"""Cleaner figures: quality against the gold text and speed of ``reader clean`` as a whole command.

    python tests/bench/bench_clean.py [--runs R] [--input text|html|both]

Runs the corpus scorer (../shared/tools/score_cleaner.py, which drives
``reader clean --json`` in batches of 200 pages) R times per input kind and prints its
quality line once and the median pages/s. Then, R times, it runs ``reader clean --json``
itself over the same pages in batches of 200 and prints the CPU time of those processes
per page: on a machine shared with other work the wall-clock rate varies threefold from
run to run, the CPU time does not. Targets: sh4 F1 >= 0.92 (text dumps) and >= 0.96
(HTML), no page empty, >= 500 text dumps/s and >= 40 HTML pages/s on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
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


#: Pages per ``reader clean`` process, as the scorer sends them.
BATCH = 200


def corpus_files(script: Path, kind: str) -> list[Path]:
    """The pages the scorer cleans: the corpus beside the scorer, text dumps or HTML."""
    corpus = script.parent.parent / "corpus" / "scrapinghub"
    if kind == "text":
        return sorted((corpus / "textdump").glob("*.txt"))
    return sorted((corpus / "html").glob("*.html.gz"))


def cpu_ms_per_page(files: list[Path]) -> float:
    """CPU milliseconds per page of ``reader clean --json`` over ``files`` (all processes)."""
    reader = Path(sys.executable).with_name("reader")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    for start in range(0, len(files), BATCH):
        batch = [str(path) for path in files[start : start + BATCH]]
        subprocess.run([str(reader), "clean", "--json", *batch], capture_output=True, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return 1000 * used / len(files)


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
        files = corpus_files(script, kind)
        costs = [cpu_ms_per_page(files) for _ in range(args.runs)]
        shown = ", ".join(f"{cost:.2f}" for cost in costs)
        print(
            f"{kind}: median {statistics.median(costs):.2f} CPU ms per page of reader clean "
            f"({shown}); {1000 / statistics.median(costs):.0f} pages per CPU second"
        )


if __name__ == "__main__":
    main()
