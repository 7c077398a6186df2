"""Baselines for the cleaner's figures: trafilatura alone, or the whole page kept.

    python tests/bench/baseline_clean.py --mode MODE FILE...

Prints one JSON object per file, as ``reader clean --json`` does (``path``, ``title``,
``body``), so that ``../shared/tools/score_cleaner.py --cmd`` scores it the same way.
Modes:

- ``trafilatura``, ``trafilatura-precision``, ``trafilatura-recall``: trafilatura's own
  ``bare_extraction`` on the page, default settings but comments left out (a reader
  wants the article), plain text body, trafilatura's own title;
- ``keep-everything``: the whole input as the body (for text dumps).

Files ending in ``.gz`` are decompressed; pages are decoded as UTF-8 with replacement.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import sys
from pathlib import Path

MODES = ("trafilatura", "trafilatura-precision", "trafilatura-recall", "keep-everything")


def read(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return data.decode("utf-8", errors="replace")


def clean(text: str, mode: str) -> tuple[str | None, str]:
    """(title, body) of one page in ``mode``."""
    if mode == "keep-everything":
        return None, text
    from trafilatura import bare_extraction

    doc = bare_extraction(
        text,
        include_comments=False,
        with_metadata=True,
        favor_precision=mode == "trafilatura-precision",
        favor_recall=mode == "trafilatura-recall",
    )
    if doc is None:
        return None, ""
    assert not isinstance(doc, dict)  # a Document, since as_dict was not asked for
    return doc.title, doc.text or ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", choices=MODES, required=True)
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)  # trafilatura logs every page it gives up on
    for path in args.files:
        title, body = clean(read(path), args.mode)
        line = {"path": str(path), "title": title, "body": body}
        sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
