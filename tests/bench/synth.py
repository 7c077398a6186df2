"""Synthetic libraries for benchmarks: N articles of realistic size, built once and reused.

    python tests/bench/synth.py DIR N        # build (or reuse) a library of N articles

Bodies are ~800 words drawn from a fixed vocabulary with a Zipf-like spread, so word
frequencies (and so search costs) look like real text. Everything is seeded: the same N
gives the same library.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from reader.store import Library, NewArticle  # noqa: E402
from reader.textstats import count_words  # noqa: E402

SOURCES = [
    f"Source {name}"
    for name in (
        "Atlas",
        "Beacon",
        "Courier",
        "Dispatch",
        "Echo",
        "Frontier",
        "Gazette",
        "Herald",
        "Inquirer",
        "Journal",
        "Ledger",
        "Monitor",
    )
]
_SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ne",
    "ru",
    "sa",
    "ti",
    "vo",
    "zen",
    "qua",
    "bri",
    "dor",
    "fel",
    "gor",
    "hin",
    "jas",
    "kel",
    "lum",
    "mor",
    "nix",
    "pal",
    "rin",
    "sol",
    "tor",
    "ul",
    "vin",
    "wex",
]


def vocabulary(size: int = 20000, seed: int = 7) -> list[str]:
    """Made-up words, common short ones first, plus a few real ones that queries use."""
    rng = random.Random(seed)
    words = [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "on",
        "with",
        "as",
        "was",
        "minister",
        "election",
        "climate",
        "market",
        "council",
        "energy",
        "river",
        "school",
        "hospital",
        "budget",
        "railway",
        "harbour",
        "festival",
        "museum",
        "police",
        "court",
    ]
    seen = set(words)
    while len(words) < size:
        word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.choice((2, 2, 3, 3, 4))))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def make_articles(n: int, start: int = 0, seed: int = 11) -> list[NewArticle]:
    """Articles ``start``..``start+n-1``: deterministic titles, dates, sources and bodies."""
    vocab = vocabulary()
    weights = [1.0 / (rank + 1) for rank in range(len(vocab))]
    cumulative = []
    total = 0.0
    for weight in weights:
        total += weight
        cumulative.append(total)
    articles = []
    for i in range(start, start + n):
        rng = random.Random(seed * 1_000_003 + i)
        paragraphs = []
        for _ in range(rng.randint(6, 12)):
            count = rng.randint(50, 110)
            words = rng.choices(vocab, cum_weights=cumulative, k=count)
            paragraphs.append(" ".join(words).capitalize() + ".")
        body = "\n\n".join(paragraphs)
        title_words = rng.choices(vocab[13:3000], k=rng.randint(4, 9))
        title = " ".join(title_words).capitalize() + f" {i}"
        day = date(2026, 11, 1) - timedelta(days=i % 3650)
        articles.append(
            NewArticle(
                title=title,
                body=body,
                raw=body,
                raw_format="text",
                source=SOURCES[i % len(SOURCES)],
                url=f"https://news{i % 12}.example.com/{day.isoformat()}/story-{i}",
                date=day.isoformat(),
                author=f"Writer {i % 97}",
                language="en",
                origin=f"synthetic:{i}",
                words=count_words(body),
            )
        )
    return articles


def build_library(root: Path, n: int, batch: int = 2000) -> Library:
    """A library of exactly ``n`` synthetic articles at ``root`` (reused if already built)."""
    library = Library.open(root)
    have = len(library.articles())
    for start in range(have, n, batch):
        library.add(make_articles(min(batch, n - start), start=start))
    return library


def main() -> int:
    """Build a library from the command line and say how long it took."""
    root, n = Path(sys.argv[1]), int(sys.argv[2])
    began = time.perf_counter()
    library = build_library(root, n)
    print(f"{root}: {len(library.articles())} articles in {time.perf_counter() - began:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
