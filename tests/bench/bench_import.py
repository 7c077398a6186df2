"""Import throughput of ``reader import`` as a whole process: text dumps/s and HTML pages/s.

    python tests/bench/bench_import.py [--text N] [--html N] [--runs R]

Copies the scrapinghub corpus (../shared/corpus/scrapinghub: textdump/*.txt, html/*.html.gz)
to a temp folder, repeated to N files with one word added to each long line per copy so none is a duplicate,
then imports it into a fresh temp library R times and prints the median rate of each kind,
by the clock and per CPU second of the import's processes (steady on a busy machine).
The HTML pages are imported as .html.gz, as they come. Targets: >= 500 text dumps/s and
>= 50 HTML pages/s on 2 cores.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS_CANDIDATES = (
    ROOT.parent / "shared" / "corpus" / "scrapinghub",
    Path("/work/shared/corpus/scrapinghub"),
)


def corpus() -> Path:
    """The corpus folder, or exit with a message when it is not beside the checkout."""
    for folder in CORPUS_CANDIDATES:
        if (folder / "textdump").is_dir():
            return folder
    sys.exit("corpus not found (../shared/corpus/scrapinghub); nothing to measure")


def make_text_dumps(source: Path, target: Path, count: int) -> None:
    """``count`` text dumps, each copy's long lines given its copy number.

    Every line of twelve words or more is marked, not only one: a mark on a line the
    cleaner drops would leave the body unchanged, and the copy would count as a duplicate.
    """
    originals = sorted((source / "textdump").glob("*.txt"))
    target.mkdir()
    for n in range(count):
        original = originals[n % len(originals)]
        lines = original.read_text(encoding="utf-8", errors="replace").splitlines()
        longest = max(range(len(lines)), key=lambda i: len(lines[i]))
        for i, line in enumerate(lines):
            if i == longest or len(line.split()) >= 12:
                lines[i] = f"{line} copy{n}"
        (target / f"{n:05d}-{original.name}").write_text("\n".join(lines) + "\n", encoding="utf-8")


def make_html_pages(source: Path, target: Path, count: int) -> None:
    """``count`` gzipped pages, each copy's paragraphs given its copy number.

    Every paragraph is marked: the extractor drops some (teasers, captions), and a page
    whose marks were all dropped would count as a duplicate. The page's own address
    (canonical link, og:url) gets the number as a subdomain, since the same address
    also makes a duplicate.
    """
    originals = sorted((source / "html").glob("*.html.gz"))
    target.mkdir()
    for n in range(count):
        original = originals[n % len(originals)]
        page = gzip.decompress(original.read_bytes())
        page = re.sub(rb"(<p\b[^>]*>)", rb"\1copy%d " % n, page)
        page = re.sub(rb"(<(?:link|meta)\b[^>]*?://)", rb"\1copy%d." % n, page)
        (target / f"{n:05d}-{original.name}").write_bytes(gzip.compress(page, compresslevel=5))


def timed_import(folder: Path, libraries: Path) -> tuple[float, float, str]:
    """Wall and CPU seconds (all its processes) of one ``reader import`` of ``folder`` into
    a fresh library, and its summary.

    The libraries of earlier runs are kept until the end: deleting thousands of files
    makes the file system discard their blocks in the background, which would slow the
    next run down. Writes still pending from earlier runs are flushed before timing.
    """
    library = Path(tempfile.mkdtemp(prefix="bench-lib-", dir=libraries))
    shutil.rmtree(library)
    reader = [sys.executable, "-m", "reader"]
    env = {**os.environ, "READER_LIBRARY": str(library)}
    subprocess.run([*reader, "init", "--empty"], env=env, check=True, capture_output=True)
    os.sync()
    start, used = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run(
        [*reader, "import", "-q", str(folder)], env=env, capture_output=True, text=True
    )
    elapsed, done = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = done.ru_utime + done.ru_stime - used.ru_utime - used.ru_stime
    summary = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else proc.stderr[-200:]
    return elapsed, cpu, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--text", type=int, default=3000, help="text dumps to import")
    parser.add_argument("--html", type=int, default=600, help="HTML pages to import")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    source = corpus()
    work = Path(tempfile.mkdtemp(prefix="bench-import-"))
    try:
        make_text_dumps(source, work / "text", args.text)
        make_html_pages(source, work / "html", args.html)
        (work / "libraries").mkdir()
        print(
            f"cores: {os.cpu_count()}; command: python tests/bench/bench_import.py "
            f"--text {args.text} --html {args.html} --runs {args.runs}"
        )
        for kind, count, target in (("text dumps", args.text, 500), ("HTML pages", args.html, 50)):
            folder = work / ("text" if kind == "text dumps" else "html")
            rates, cpu_rates = [], []
            for run in range(args.runs):
                seconds, cpu, summary = timed_import(folder, work / "libraries")
                rates.append(count / seconds)
                cpu_rates.append(count / cpu)
                print(
                    f"  {kind} run {run + 1}: {seconds:.2f} s, {count / seconds:.0f}/s, "
                    f"CPU {cpu:.2f} s ({summary})"
                )
            print(
                f"{kind}: median {statistics.median(rates):.0f}/s (target >= {target}/s); "
                f"median {statistics.median(cpu_rates):.0f} per CPU second"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
