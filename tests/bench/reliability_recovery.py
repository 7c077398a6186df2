"""Recovery, long run: damage a shard right after a write, thousands of times, and reopen.

    python tests/bench/reliability_recovery.py --trials 2000

Each trial copies a 24-article library, makes one last write to a metadata or state
shard, damages that shard (random byte flips, a random cut, trailing garbage, 0 bytes,
or valid JSON of the wrong shape: no table, a document that is text, a key that is no
number, a field of the wrong type, a table emptied; its previous copy kept or deleted),
then opens the library and uses all of it.
Counts how the damage ended: noticed and restored (at most the last write lost), noticed
with no good copy (set aside, with a message), or not detectable by JSON (a changed
letter or digit, confined to that shard's articles). Any exception or a silently emptied
library is a failure.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
for extra in (ROOT, ROOT / "tests" / "reliability"):
    sys.path.insert(0, str(extra))

from library_state import snapshot  # noqa: E402
from test_recovery import (  # noqa: E402
    ARTICLES,
    DAMAGES,
    NOTICED,
    build_template,
    damage_after_a_write,
    use_everything,
)

from reader.store import Library, StoreError  # noqa: E402


def lost_metadata(
    work: Path,
    template: Path,
    rng: random.Random,
    trials: int,
    outcomes: Counter[str],
    failures: list[str],
) -> None:
    """Metadata gone while the article files stay: meta/ removed, its files deleted, or
    every shard emptied (previous copies gone too). Every article must come back."""
    for trial in range(trials):
        how = rng.choice(["meta/ removed", "meta/*.json deleted", "every shard emptied"])
        root = work / "lost"
        try:
            shutil.copytree(template, root)
            before = snapshot(Library.open(root))
            meta = root / "meta"
            if how == "meta/ removed":
                shutil.rmtree(meta)
            else:
                for path in meta.iterdir():
                    if path.name.endswith(".prev") or how == "meta/*.json deleted":
                        path.unlink()
                    else:
                        path.write_bytes(b'{"articles": {}}')
            library = Library.open(root)
            state = snapshot(library)
            if state != before:
                raise AssertionError(f"{len(before) - len(state)} articles not rebuilt")
            if not any("rebuilt" in w for w in library.warnings):
                raise AssertionError("rebuilt without a message")
            outcomes[f"lost metadata ({how}): every article rebuilt, with a message"] += 1
            use_everything(Library.open(root))
        except Exception as error:
            failures.append(f"lost metadata {trial} ({how}): {type(error).__name__}: {error}")
        finally:
            shutil.rmtree(root, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trials", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="reader-recovery-"))
    template = build_template(work / "template")
    rng = random.Random(args.seed)
    outcomes: Counter[str] = Counter()
    failures: list[str] = []
    began = time.perf_counter()
    for trial in range(args.trials):
        kind = rng.choice(["meta", "state"])
        how = rng.choice(["flip", "flip", "truncate", "garbage", "zero", "shape", "shape"])
        keep_prev = rng.random() < 0.7
        root = work / "lib"
        label = f"trial {trial}: {kind} {how} {'prev' if keep_prev else 'no-prev'}"
        try:
            before_last, after_last, shard = damage_after_a_write(
                template, root, kind, how, keep_prev, rng
            )
            library = Library.open(root)
            try:
                state = snapshot(library)
            except StoreError as error:
                # A flipped ID inside a document: JSON cannot tell, but the article's
                # errors are one line and ``reader check`` names it.
                if how == "flip" and Library.open(root).check():
                    outcomes[
                        "undetectable flip in an ID: one-line errors, reader check names it"
                    ] += 1
                    continue
                raise AssertionError(f"unreported damage: {error}") from None
            noticed = [w for w in library.warnings if any(n in w for n in NOTICED)]
            if len(state) < ARTICLES:
                raise AssertionError(f"articles lost: {len(state)} left")
            if noticed and state == after_last:
                outcomes["noticed, nothing lost"] += 1
            elif noticed and state == before_last:
                outcomes["noticed, last write lost"] += 1
            elif noticed and kind == "state" and not keep_prev:
                outcomes["noticed, no good copy: that shard's flags reset, with a message"] += 1
            elif noticed:
                raise AssertionError("noticed but neither the last nor the previous state")
            elif state == after_last:
                outcomes["undetectable flip with no visible effect"] += 1
            else:
                changed = {
                    k for k in set(state) | set(after_last) if state.get(k) != after_last.get(k)
                }
                if not all(k[0] == shard.stem for k in changed):
                    raise AssertionError(f"change spread beyond the damaged shard: {changed}")
                outcomes["undetectable flip, confined to one shard's articles"] += 1
            use_everything(Library.open(root))
        except Exception as error:  # count it and go on
            failures.append(f"{label}: {type(error).__name__}: {error}")
        finally:
            shutil.rmtree(root, ignore_errors=True)
    lost_metadata(work, template, rng, max(args.trials // 20, 10), outcomes, failures)
    print(
        f"trials: {args.trials} in {time.perf_counter() - began:.0f} s "
        f"(damages: {', '.join(sorted(DAMAGES))}; previous copy kept in ~70%)"
    )
    for outcome, count in outcomes.most_common():
        print(f"  {count:5}  {outcome}")
    print(f"failures (exception, lost articles, wrong state): {len(failures)}")
    for failure in failures[:10]:
        print("FAIL", failure)
    shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
