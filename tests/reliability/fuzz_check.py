"""What every fuzzed input must satisfy, and the figures a fuzz run collects.

An input is written to a file and read by ``prepare_file`` exactly as ``reader import``
reads it. It must finish within 5 s (inputs shaped to make patterns go back over their
work, within one second of CPU time), never raise, and yield only articles (safe one-line
titles, bodies free of terminal escapes) or one-line failures. A failure that only
reports a caught programming error ("could not be read (TypeError: ...)") is counted and
listed apart: the guard kept the batch going as promised, but the reader has a bug to
fix (the input deserved a real reason, or to be imported). When an input
is refused, importing it must leave the library byte for byte as it was.
"""

from __future__ import annotations

import re
import resource
import time
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from cpu_budget import OverBudget, cpu_budget, wall_budget
from library_state import file_hashes

from reader.ingest.prepare import Failure, Skipped, prepare_file
from reader.ingest.run import import_files
from reader.sanitize import strip_controls
from reader.store import Library, NewArticle

TIME_CAP = 5.0
#: Formats held to a cap in CPU seconds per input as well: the page-time bound.
CPU_CAPS = {"prolog": 1.0}
MEMORY_CAP_MB = 256
_CAUGHT_BUG = re.compile(r"could not be read \((?!as a feed)\w*(?:Error|Exception)\b")


#: A cap reached: the input took longer than it may.
InputTimeout = OverBudget


def time_cap(seconds: float) -> AbstractContextManager[None]:
    """At most ``seconds`` by the clock for the body, or InputTimeout."""
    return wall_budget(seconds)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb() -> float:
    """Resident memory now; what one input adds is measured from here."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


@dataclass
class FuzzStats:
    """Figures for one format."""

    inputs: int = 0
    articles: int = 0
    refused: int = 0
    problems: list[str] = field(default_factory=list)
    caught_bugs: list[str] = field(default_factory=list)
    max_seconds: float = 0.0
    #: The process's peak above its start: includes what Hypothesis keeps of every input
    #: it generated (hundreds of MB over 10,000 inputs), so it is not a figure of ours.
    max_rss_growth_mb: float = 0.0
    #: The most one input raised the peak above the memory in use before it.
    max_input_mb: float = 0.0

    def line(self, name: str) -> str:
        return (
            f"{name:12} inputs {self.inputs:6}  articles {self.articles:6}  refused {self.refused:6}  "
            f"problems {len(self.problems):3}  caught errors {len(self.caught_bugs):4}  max time {self.max_seconds * 1000:7.1f} ms  "
            f"max memory per input {self.max_input_mb:6.1f} MB  process growth {self.max_rss_growth_mb:6.1f} MB"
        )


def problems_in(items: list[NewArticle | Failure | Skipped]) -> list[str]:
    """Why these results break the promise (empty when they keep it)."""
    found: list[str] = []
    for item in items:
        if isinstance(item, Failure | Skipped):
            text = str(item)
            if "\n" in text or strip_controls(text) != text:
                found.append(f"failure message not one safe line: {text!r}")
        elif isinstance(item, NewArticle):
            for name in ("title", "source", "author", "url", "language"):
                value = getattr(item, name)
                if value is not None and (
                    not isinstance(value, str) or "\n" in value or strip_controls(value) != value
                ):
                    found.append(f"unsafe {name}: {value!r}")
            if not isinstance(item.body, str) or strip_controls(item.body) != item.body:
                found.append(f"body keeps control characters: {item.body[:80]!r}")
            if not isinstance(item.words, int) or item.words < 0:
                found.append(f"bad word count {item.words!r}")
        else:
            found.append(f"unexpected item {type(item).__name__}")
    return found


class Fuzzer:
    """Feeds inputs through the importer and keeps the figures."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self.refusing = Library.open(work / "refusing")
        self.refusing_hashes = file_hashes(self.refusing.root)
        self.baseline_rss = peak_rss_mb()
        self.stats: dict[str, FuzzStats] = {}

    def run(self, format_name: str, file_name: str, data: bytes) -> None:
        stats = self.stats.setdefault(format_name, FuzzStats())
        stats.inputs += 1
        path = self.work / file_name.replace("/", "_")
        path.write_bytes(data)
        label = f"{format_name} input {file_name} {data[:120]!r}"
        started = time.perf_counter()
        in_use = current_rss_mb()
        cpu_cap = CPU_CAPS.get(format_name)
        bounded: AbstractContextManager[None] = cpu_budget(cpu_cap) if cpu_cap else nullcontext()
        try:
            with time_cap(TIME_CAP), bounded:
                items = prepare_file(str(path))
        except OverBudget as error:
            stats.problems.append(f"{label}: {error}")
            return
        except Exception as error:
            stats.problems.append(f"{label}: uncaught {type(error).__name__}: {error}")
            return
        finally:
            stats.max_seconds = max(stats.max_seconds, time.perf_counter() - started)
            stats.max_rss_growth_mb = max(
                stats.max_rss_growth_mb, peak_rss_mb() - self.baseline_rss
            )
            stats.max_input_mb = max(stats.max_input_mb, peak_rss_mb() - in_use)
        stats.problems.extend(f"{label}: {p}" for p in problems_in(items))
        stats.caught_bugs.extend(
            str(item)[:300]
            for item in items
            if isinstance(item, Failure) and _CAUGHT_BUG.search(item.reason)
        )
        if any(isinstance(item, NewArticle) for item in items):
            stats.articles += sum(isinstance(item, NewArticle) for item in items)
            return
        stats.refused += 1
        report = import_files(self.refusing, [str(path)], workers=1)
        if (
            report.added
            or report.duplicates
            or file_hashes(self.refusing.root) != self.refusing_hashes
        ):
            stats.problems.append(f"{label}: a refused input changed the library")

    def all_problems(self) -> list[str]:
        return [p for stats in self.stats.values() for p in stats.problems]
