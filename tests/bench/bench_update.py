"""``reader update`` on 200 feeds x 50 entries served on loopback, and newsboat beside it.

    python tests/bench/bench_update.py [--feeds 200] [--entries 50] [--runs 3] [--no-newsboat]

Generates the feeds (half of them teaser-only, each teaser linking to a page of ~800
words of generated prose), serves them from a local server on 127.0.0.1 (ETag and 304
like a real server), and prints:

1. the first update with full text on (every teaser's page downloaded and cleaned):
   wall time and peak memory of reader and its worker processes (RSS summed, and PSS,
   which counts shared pages once);
2. a second update with nothing new (every feed answers 304);
3. an update where 10 feeds have 5 new entries each;
4. with full text off, on 200 feeds of 50 full-content entries (~300 words each):
   ``reader update`` and ``newsboat -x reload`` (8 reload threads) on the same feeds, a
   fresh store and again unchanged, medians of ``--runs`` alternating runs.

Targets (2 cores): first update <= 120 s and <= 300 MB; all-304 <= 3 s; 10x5 new <= 5 s;
faster than newsboat. newsboat comes from Debian: ``apt-get install newsboat``.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "feeds"))

from feed_server import Route, TestServer  # noqa: E402

WORDS = [
    "harbour",
    "council",
    "ferry",
    "timetable",
    "residents",
    "question",
    "cost",
    "river",
    "bridge",
    "market",
    "school",
    "teacher",
    "library",
    "garden",
    "winter",
    "summer",
    "station",
    "railway",
    "evening",
    "morning",
    "weather",
    "storm",
    "fishermen",
    "boat",
    "quay",
    "lighthouse",
    "island",
    "village",
    "town",
    "mayor",
    "budget",
    "report",
    "plan",
    "street",
    "museum",
    "concert",
    "festival",
    "orchard",
    "farmers",
    "bakery",
    "hospital",
    "nurse",
    "doctor",
    "road",
    "traffic",
]


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    return " ".join(words).capitalize() + "."


def paragraphs(rng: random.Random, words: int) -> list[str]:
    out, count = [], 0
    while count < words:
        text = " ".join(sentence(rng) for _ in range(5))
        out.append(text)
        count += len(text.split())
    return out


class Corpus:
    """The generated feeds and pages, and the server routes for them.

    Feed ``n`` and its pages are served by ``webs[n % len(webs)]``: several sites, as
    real subscriptions are, so the limit of 2 connections per host applies as it would.
    """

    def __init__(
        self, webs: list[TestServer], feeds: int, entries: int, teasers: bool, seed: int
    ) -> None:
        self.webs = webs
        self.rng = random.Random(seed)
        self.entries: dict[int, list[str]] = {}
        self.versions: dict[int, int] = {}
        self.feeds = feeds
        self.teasers = teasers
        self.tag = f"s{seed}"
        for number in range(feeds):
            self.entries[number] = [self.item(number, n) for n in range(entries)]
            self.versions[number] = 1
            self.publish(number)

    def web(self, number: int) -> TestServer:
        return self.webs[number % len(self.webs)]

    def teaser_feed(self, number: int) -> bool:
        return self.teasers and number % 2 == 0

    def item(self, number: int, n: int) -> str:
        link = self.web(number).url(f"/{self.tag}/p/{number}/{n}")
        title = f"{sentence(self.rng)[:60]} {number}-{n}"
        if self.teaser_feed(number):
            body = f"<p>{sentence(self.rng)} {sentence(self.rng)}</p><p><a href='{link}'>Continue reading</a></p>"
            self.web(number).routes[f"/{self.tag}/p/{number}/{n}"] = Route(self.page(title))
        else:
            body = "".join(f"<p>{p}</p>" for p in paragraphs(self.rng, 300))
        return (
            f"<item><title>{title}</title><link>{link}</link><guid>{self.tag}-{number}-{n}</guid>"
            f"<pubDate>Tue, 10 Jun 2025 04:{n % 60:02d}:00 GMT</pubDate>"
            f"<description><![CDATA[{body}]]></description></item>"
        )

    def page(self, title: str) -> bytes:
        body = "".join(f"<p>{p}</p>" for p in paragraphs(self.rng, 800))
        return (
            f"<html><head><title>{title} | Site</title></head><body><nav><a href='/'>Home</a>"
            f"<a href='/news'>News</a></nav><article><h1>{title}</h1>{body}</article>"
            "<footer>Sign up for our newsletter</footer></body></html>"
        ).encode()

    def publish(self, number: int) -> None:
        xml = (
            "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
            f"<title>Feed {number}</title><link>{self.web(number).base}/</link>"
            + "".join(self.entries[number])
            + "</channel></rss>"
        ).encode()
        self.web(number).routes[f"/{self.tag}/feed/{number}"] = Route(
            xml, content_type="application/rss+xml", etag=f'"{number}-{self.versions[number]}"'
        )

    def add_entries(self, number: int, count: int) -> None:
        start = len(self.entries[number])
        fresh = [self.item(number, start + n) for n in range(count)]
        self.entries[number] = fresh + self.entries[number][: 50 - count]
        self.versions[number] += 1
        self.publish(number)

    def urls(self) -> list[str]:
        return [self.web(n).url(f"/{self.tag}/feed/{n}") for n in range(self.feeds)]

    def opml(self, path: Path) -> Path:
        outlines = "".join(f'<outline text="f" xmlUrl="{url}"/>' for url in self.urls())
        path.write_text(f'<?xml version="1.0"?><opml version="2.0"><body>{outlines}</body></opml>')
        return path


def _tree(pid: int) -> list[int]:
    found, frontier = [pid], [pid]
    while frontier:
        parent = frontier.pop()
        try:
            children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
        except OSError:
            continue
        for child in map(int, children):
            found.append(child)
            frontier.append(child)
    return found


def _memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) in bytes of a process, 0 when gone."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0, 0
    values = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[0] in ("Rss:", "Pss:"):
            values[parts[0]] = int(parts[1]) * 1024
    return values.get("Rss:", 0), values.get("Pss:", 0)


def cpu_of_children() -> float:
    """CPU seconds (user and system) of the finished children and all they waited for."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], env: dict[str, str]) -> tuple[float, int, int, str]:
    """Run ``command``: (seconds, peak summed RSS, peak summed PSS, stdout)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    peak_rss = peak_pss = 0
    while process.poll() is None:
        rss = pss = 0
        for pid in _tree(process.pid):
            r, p = _memory(pid)
            rss, pss = rss + r, pss + p
        peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
        time.sleep(0.05)
    out, err = process.communicate()
    took = time.perf_counter() - start
    if process.returncode not in (0, 1):
        sys.exit(f"{command[:3]} failed ({process.returncode}): {err[-2000:]}")
    return took, peak_rss, peak_pss, (out + err).strip()


def reader_command(library: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "reader.cli.main", "--library", str(library), *args]


def mb(value: int) -> str:
    return f"{value / 1048576:.0f} MB"


def bench_full_text(
    webs: list[TestServer], folder: Path, feeds: int, entries: int, env: dict[str, str]
) -> None:
    corpus = Corpus(webs, feeds, entries, teasers=True, seed=1)
    library = folder / "full-text"
    subprocess.run(
        reader_command(library, "feeds", "add", "--no-update", str(corpus.opml(folder / "a.opml"))),
        env=env,
        check=True,
        capture_output=True,
    )
    took, rss, pss, out = timed(reader_command(library, "update", "--quiet"), env)
    status = subprocess.run(
        reader_command(library, "list", "--json"), env=env, capture_output=True, text=True
    )
    count = len(status.stdout.splitlines())
    pages = feeds // 2 * entries
    print(
        f"first update, full text auto ({feeds} feeds x {entries}, {pages} pages): {took:.1f} s, "
        f"{count} articles, peak RSS (all processes) {mb(rss)}, PSS {mb(pss)}"
    )
    took, _, _, out = timed(reader_command(library, "update"), env)
    print(f"second update, nothing new (all 304): {took:.2f} s  [{out.splitlines()[-1]}]")
    for number in range(1, 20, 2)[:10]:  # full-content feeds: the new entries need no page
        corpus.add_entries(number, 5)
    took, _, _, out = timed(reader_command(library, "update"), env)
    print(f"update with 10 feeds x 5 new entries: {took:.2f} s  [{out.splitlines()[-1]}]")
    for number in range(0, 20, 2)[:10]:  # teaser feeds: 50 pages to download and clean
        corpus.add_entries(number, 5)
    took, _, _, out = timed(reader_command(library, "update"), env)
    print(
        f"update with 10 teaser feeds x 5 new entries (50 pages): {took:.2f} s  [{out.splitlines()[-1]}]"
    )


def bench_side_by_side(
    webs: list[TestServer],
    folder: Path,
    feeds: int,
    entries: int,
    runs: int,
    env: dict[str, str],
    newsboat: bool,
) -> None:
    corpus = Corpus(webs, feeds, entries, teasers=False, seed=2)
    urls_file = folder / "urls"
    urls_file.write_text("\n".join(corpus.urls()) + "\n")
    config = folder / "newsboat.conf"
    config.write_text("reload-threads 8\nsuppress-first-reload yes\n")
    opml = corpus.opml(folder / "b.opml")
    results: dict[str, list[tuple[float, float]]] = {
        "reader": [],
        "reader again": [],
        "newsboat": [],
        "newsboat again": [],
    }

    def wall_and_cpu(command: list[str]) -> tuple[float, float]:
        cpu = cpu_of_children()
        wall = timed(command, env)[0]
        return wall, cpu_of_children() - cpu

    for run in range(runs):
        library = folder / f"side-{run}"
        subprocess.run(
            reader_command(
                library, "feeds", "add", "--no-update", "--full-text", "never", str(opml)
            ),
            env=env,
            check=True,
            capture_output=True,
        )
        results["reader"].append(wall_and_cpu(reader_command(library, "update", "--quiet")))
        results["reader again"].append(wall_and_cpu(reader_command(library, "update", "--quiet")))
        if newsboat:
            cache = folder / f"newsboat-{run}.db"
            command = [
                "newsboat",
                "-u",
                str(urls_file),
                "-c",
                str(cache),
                "-C",
                str(config),
                "-x",
                "reload",
            ]
            results["newsboat"].append(wall_and_cpu(command))
            results["newsboat again"].append(wall_and_cpu(command))
        shutil.rmtree(library)
    items = feeds * entries
    for name, values in results.items():
        if values:
            walls = [wall for wall, _ in values]
            median = statistics.median(walls)
            cpu = statistics.median(cpu for _, cpu in values)
            rate = f", {items / median:,.0f} items/s" if "again" not in name else ""
            print(
                f"full text off, {name}: median {median:.2f} s (min {min(walls):.2f}, "
                f"max {max(walls):.2f}), CPU {cpu:.2f} s{rate}"
            )
    print(f"load after: {os.getloadavg()[0]:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--entries", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sites", type=int, default=8, help="loopback addresses serving the feeds")
    parser.add_argument("--no-newsboat", action="store_true")
    parser.add_argument("--skip-full-text", action="store_true")
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env["PYTHONPATH"] = str(HERE.parents[1])
    newsboat = not args.no_newsboat and shutil.which("newsboat") is not None
    if not args.no_newsboat and not newsboat:
        print("newsboat not found (apt-get install newsboat): measuring reader alone")
    print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    webs = [TestServer(f"127.0.0.{n + 1}") for n in range(args.sites)]
    try:
        with tempfile.TemporaryDirectory() as temp:
            folder = Path(temp)
            if not args.skip_full_text:
                bench_full_text(webs, folder, args.feeds, args.entries, env)
            bench_side_by_side(webs, folder, args.feeds, args.entries, args.runs, env, newsboat)
    finally:
        for web in webs:
            web.close()


if __name__ == "__main__":
    main()
