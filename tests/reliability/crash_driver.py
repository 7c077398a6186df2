"""The process that gets killed: random marks, bookmarks, positions, deletions,
restores, removals for good, tag changes and imports in a loop.

    python tests/reliability/crash_driver.py LIBRARY SEED ACK_FILE

Before each operation it appends ``B <operation>`` to the acknowledgement file, and after
the operation returns ``A <result>``; each line is a single ``write`` to an O_APPEND file,
so a kill -9 never leaves half a line that looks whole. The parent replays the lines:
every ``A`` is a write the user was told had happened and must survive; a ``B`` without
its ``A`` was in flight and may or may not have happened.
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from reader.store import Library, NewArticle  # noqa: E402


def crash_article(seed: int, number: int) -> NewArticle:
    """A new article with a URL and body no other trial or run uses."""
    words = " ".join(f"w{seed}x{number}x{k}" for k in range(12))
    return NewArticle(
        title=f"Crash {seed}/{number}",
        body=f"Imported during crash trial {seed}. {words}",
        raw=words,
        raw_format="text",
        url=f"https://crash.example/{seed}/{number}",
        words=16,
    )


class Acknowledger:
    """Appends whole lines to the acknowledgement file, one system call each."""

    def __init__(self, path: Path) -> None:
        self.fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)

    def line(self, text: str) -> None:
        os.write(self.fd, (text + "\n").encode("utf-8"))


def run(root: Path, seed: int, ack_path: Path, max_ops: int = 100_000) -> None:
    """Open the library and change it at random until killed (or ``max_ops`` are done)."""
    rng = random.Random(seed)
    ack = Acknowledger(ack_path)
    library = Library.open(root)
    ids = [article.id for article in library.articles()]
    ack.line("R")
    made = 0
    for _ in range(max_ops):
        roll = rng.random()
        if roll < 0.56 or 0.66 <= roll < 0.73:
            flag = "read" if roll < 0.28 else "bookmarked" if roll < 0.56 else "deleted"
            chosen = rng.sample(ids, k=min(len(ids), rng.choice((1, 1, 2, 3))))
            value = rng.random() < 0.5
            ack.line(f"B {flag} {int(value)} {','.join(chosen)}")
            if flag == "read":
                library.set_read(chosen, value)
            elif flag == "bookmarked":
                library.set_bookmarked(chosen, value)
            elif value:
                library.delete(chosen)
            else:
                library.restore(chosen)
            ack.line("A")
        elif 0.73 <= roll < 0.80:
            chosen = rng.sample(ids, k=min(len(ids), rng.choice((1, 2, 3))))
            name, adding = rng.choice("abc"), rng.random() < 0.6
            ack.line(f"B tag {name} {'+' if adding else '-'} {','.join(chosen)}")
            library.tag(chosen, add=[name] if adding else [], remove=[] if adding else [name])
            ack.line("A")
        elif roll < 0.66:
            target = rng.choice(ids)
            line = rng.randint(0, 500)
            ack.line(f"B position {line} {target}")
            library.set_position(target, {"line": line} if line else None)
            ack.line("A")
        elif 0.80 <= roll < 0.84 and len(ids) > 20:
            chosen = rng.sample(ids, k=rng.choice((1, 2)))
            urls = [str(library.get(article_id).url) for article_id in chosen]
            ack.line(f"B purge {','.join(chosen)} {' '.join(urls)}")
            library.purge(chosen)
            ids = [article_id for article_id in ids if article_id not in chosen]
            ack.line("A")
        else:
            batch = [crash_article(seed, made + k) for k in range(rng.randint(1, 8))]
            made += len(batch)
            ack.line("B add " + " ".join(str(item.url) for item in batch))
            outcomes = library.add(batch)
            ids.extend(outcome.id for outcome in outcomes)
            ack.line("A " + " ".join(outcome.id for outcome in outcomes))
    ack.line("DONE")


if __name__ == "__main__":
    run(Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]))
