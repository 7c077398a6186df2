"""Cleaner figures on both development corpora, with trafilatura alone beside reader's own.

    python tests/bench/bench_clean.py [--runs R] [--input text|html|both]
                                      [--corpus scrapinghub|trafilatura-eval|both]
                                      [--no-baselines]

For each corpus and input kind it runs the corpus scorer (../shared/tools/score_cleaner.py,
which drives ``reader clean --json`` in batches of 200 pages) R times and prints its quality
line once, the median pages/s by the clock, and then, R times, the CPU time per page of
``reader clean --json`` itself over the same pages: on a machine shared with other work the
clock rate varies threefold from run to run, the CPU time does not.

Beside reader's figures it prints, once each, the baselines scored the same way
(``tests/bench/baseline_clean.py``): trafilatura alone in its default, precision and recall
settings for HTML pages, and the whole page kept for text dumps. Every rule reader adds on
top of trafilatura is kept only where it helps on one corpus and costs the other nothing;
these lines are where that is checked.

Targets: scrapinghub sh4 F1 >= 0.975 (HTML) and >= 0.95 (text dumps); trafilatura-eval
snippet F1 >= 0.92 (HTML, never below trafilatura alone) and >= 0.87 (text dumps), titles
right >= 85% (HTML) and >= 75% (text dumps); no page empty; >= 500 text dumps/s and >= 50
HTML pages/s through ``reader import`` on 2 cores (``tests/bench/bench_import.py``).
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCORER_CANDIDATES = (
    ROOT.parent / "shared" / "tools" / "score_cleaner.py",
    Path("/work/shared/tools/score_cleaner.py"),
)
CORPORA = ("scrapinghub", "trafilatura-eval")
#: (corpus, input) -> the quality targets, printed beside the figures.
TARGETS = {
    ("scrapinghub", "html"): "sh4_F1 >= 0.975, empty=0",
    ("scrapinghub", "text"): "sh4_F1 >= 0.95, empty=0",
    ("trafilatura-eval", "html"): "snip_F1 >= 0.92, title_acc >= 0.85, empty=0",
    ("trafilatura-eval", "text"): "snip_F1 >= 0.87, title_acc >= 0.75, empty=0",
}
BASELINES = {
    "html": ("trafilatura", "trafilatura-precision", "trafilatura-recall"),
    "text": ("keep-everything",),
}
#: Pages per ``reader clean`` process, as the scorer sends them.
BATCH = 200
_RATE = re.compile(r"([\d.]+) pages/s")


def scorer() -> Path:
    """The corpus scorer, or exit with a message when it is not beside the checkout."""
    for path in SCORER_CANDIDATES:
        if path.exists():
            return path
    sys.exit("scorer not found (../shared/tools/score_cleaner.py); nothing to measure")


def score_once(script: Path, corpus: str, kind: str, cmd: str | None = None) -> tuple[str, float]:
    """The scorer's summary line and pages/s for one run over a corpus."""
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    command = [sys.executable, str(script), "--input", kind, "--worst", "0"]
    command += ["--corpus", str(script.parent.parent / "corpus" / corpus)]
    if cmd:
        command += ["--cmd", cmd]
    proc = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env, check=True)
    rate = _RATE.search(proc.stdout)
    assert rate, proc.stdout[-500:]
    return proc.stdout.strip().splitlines()[-1], float(rate.group(1))


def corpus_files(script: Path, corpus: str, kind: str, into: Path) -> list[Path]:
    """The pages the scorer cleans, written out as it writes them (decompressed)."""
    folder = script.parent.parent / "corpus" / corpus / ("html" if kind == "html" else "textdump")
    files = []
    for source in sorted(folder.iterdir()):
        name = source.name.removesuffix(".gz")
        if kind == "html":
            name = name.removesuffix(".html") + ".html"
        target = into / name
        data = source.read_bytes()
        target.write_bytes(gzip.decompress(data) if source.suffix == ".gz" else data)
        files.append(target)
    return files


def cpu_ms_per_page(files: list[Path]) -> float:
    """CPU milliseconds per page of ``reader clean --json`` over ``files`` (all processes)."""
    reader = Path(sys.executable).with_name("reader")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    for start in range(0, len(files), BATCH):
        batch = [str(path) for path in files[start : start + BATCH]]
        subprocess.run([str(reader), "clean", "--json", *batch], capture_output=True, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return 1000 * used / len(files)


def measure(script: Path, corpus: str, kind: str, runs: int, baselines: bool) -> None:
    """Print reader's figures for one corpus and input kind, then the baselines'."""
    label = f"{corpus} {kind}"
    rates = []
    summary = ""
    for _ in range(runs):
        summary, rate = score_once(script, corpus, kind)
        rates.append(rate)
    print(f"{label}: reader      {summary}  (target {TARGETS[(corpus, kind)]})", flush=True)
    if baselines:
        baseline = f"{shlex.quote(sys.executable)} {ROOT / 'tests' / 'bench' / 'baseline_clean.py'}"
        for mode in BASELINES[kind]:
            line, _ = score_once(script, corpus, kind, f"{baseline} --mode {mode}")
            print(f"{label}: {mode:<11} {line}", flush=True)
    shown = ", ".join(f"{rate:.0f}" for rate in rates)
    print(f"{label}: median {statistics.median(rates):.0f} pages/s over {runs} runs ({shown})")
    with tempfile.TemporaryDirectory() as tmp:
        files = corpus_files(script, corpus, kind, Path(tmp))
        costs = [cpu_ms_per_page(files) for _ in range(runs)]
    shown = ", ".join(f"{cost:.2f}" for cost in costs)
    print(
        f"{label}: median {statistics.median(costs):.2f} CPU ms per page of reader clean "
        f"({shown}); {1000 / statistics.median(costs):.0f} pages per CPU second",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--input", choices=("text", "html", "both"), default="both")
    parser.add_argument("--corpus", choices=(*CORPORA, "both"), default="both")
    parser.add_argument("--no-baselines", action="store_true", help="reader's figures only")
    args = parser.parse_args()
    script = scorer()
    kinds = ("text", "html") if args.input == "both" else (args.input,)
    corpora = CORPORA if args.corpus == "both" else (args.corpus,)
    print(
        f"cores: {os.cpu_count()}; load: {os.getloadavg()[0]:.1f}; command: {shlex.join(sys.argv)}"
    )
    for corpus in corpora:
        for kind in kinds:
            measure(script, corpus, kind, args.runs, not args.no_baselines)


if __name__ == "__main__":
    main()
