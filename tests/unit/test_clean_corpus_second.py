"""Regression floors for both cleaners on a fixed subset of the second development corpus.

The trafilatura-eval pages (multilingual news, blogs and small sites) live beside the
repository in ``../shared/corpus/trafilatura-eval`` and are never copied into it; the tests
skip when it is absent. The metric is ``tools/score_cleaner.py``'s for this corpus: a
"with" passage found in the body (as a run of ``\\w+`` tokens, case kept) is a true
positive, one missing a false negative, a "without" passage found a false positive; F1
over all passages of the subset. Titles are compared with whitespace and case folded.
Floors sit a little below what the cleaners reached when they were set, and the HTML
floor above what trafilatura alone reaches on the same pages, so a regression fails and
noise does not.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Callable

import pytest
from project_paths import SHARED

from reader.clean.html import clean_html
from reader.clean.model import Cleaned
from reader.clean.textdump import clean_text_dump

pytestmark = pytest.mark.corpus

CORPUS = SHARED / "corpus" / "trafilatura-eval"
#: Every tenth page in sorted order: a fixed subset of 99 pages.
SUBSET_STEP = 10
#: (snippet F1 floor, titles-right floor) per input, and what the cleaner reached when set.
FLOORS = {
    "html": (0.905, 0.85),  # reached 0.918 and 0.89; trafilatura alone 0.895 on these pages
    "text": (0.81, 0.57),  # reached 0.832 and 0.62
}

_WORD = re.compile(r"\w+")


def _run(text: str) -> str:
    return f" {' '.join(_WORD.findall(text))} "


def _found(snippet: str, body_run: str) -> bool:
    run = " ".join(_WORD.findall(snippet))
    return bool(run) and f" {run} " in body_run


def _fold(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def _load(kind: str, page_id: str) -> str:
    folder, suffix = ("html", ".html.gz") if kind == "html" else ("textdump", ".txt.gz")
    data = gzip.decompress((CORPUS / folder / f"{page_id}{suffix}").read_bytes())
    return data.decode("utf-8", errors="replace")


CLEANERS: dict[str, Callable[[str], Cleaned]] = {"html": clean_html, "text": clean_text_dump}


@pytest.fixture(scope="module", params=sorted(CLEANERS))
def scored(request: pytest.FixtureRequest) -> tuple[str, dict[str, float]]:
    kind: str = request.param
    truth = CORPUS / "ground-truth.json"
    if not truth.exists():
        pytest.skip(f"corpus not found at {CORPUS}")
    gold = json.loads(truth.read_text(encoding="utf-8"))
    tp = fp = fn = titled = titles_right = empty = 0
    for page_id in sorted(gold)[::SUBSET_STEP]:
        entry = gold[page_id]
        cleaned = CLEANERS[kind](_load(kind, page_id))
        run = _run(cleaned.body)
        empty += run == "  "
        found = sum(_found(snippet, run) for snippet in entry["with"])
        tp, fn = tp + found, fn + len(entry["with"]) - found
        fp += sum(_found(snippet, run) for snippet in entry["without"])
        if entry.get("title"):
            titled += 1
            titles_right += _fold(cleaned.title) == _fold(entry["title"])
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    f1 = 2 * precision * recall / (precision + recall)
    return kind, {"f1": f1, "titles": titles_right / titled, "empty": empty}


def test_snippet_f1_floor(scored: tuple[str, dict[str, float]]) -> None:
    kind, figures = scored
    assert figures["f1"] >= FLOORS[kind][0], f"{kind}: snippet F1 {figures['f1']:.3f}"


def test_titles_right_floor(scored: tuple[str, dict[str, float]]) -> None:
    kind, figures = scored
    assert figures["titles"] >= FLOORS[kind][1], f"{kind}: titles right {figures['titles']:.2f}"


def test_no_page_empty(scored: tuple[str, dict[str, float]]) -> None:
    kind, figures = scored
    assert figures["empty"] == 0, f"{kind}: {figures['empty']} empty bodies"
