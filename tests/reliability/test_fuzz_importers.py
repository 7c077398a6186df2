"""Fuzzing every importer and the cleaner: at least 500 generated inputs per format.

No input may raise, take over 5 s, or grow memory past 256 MB; refused inputs leave the
library byte-identical. Runs are derandomized so CI is reproducible; the long run with
10,000 inputs per format is ``tests/bench/reliability_fuzz.py``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from fuzz_check import MEMORY_CAP_MB, TIME_CAP, Fuzzer, InputTimeout, peak_rss_mb, time_cap
from fuzz_inputs import CLEANER_TEXT, FORMATS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from library_state import file_hashes

from reader.clean.dispatch import clean_document
from reader.store import Library

#: Inputs per format in the suite: enough to reach every strategy, few enough to keep the
#: suite quick on two cores; ``tests/bench/reliability_fuzz.py`` runs 10,000 per format.
CI_EXAMPLES = 200


def fuzz_settings(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )


def fuzz_format(name: str, work: Path, examples: int) -> Fuzzer:
    fuzzer = Fuzzer(work)

    @fuzz_settings(examples)
    @given(FORMATS[name])
    def one(named: tuple[str, bytes]) -> None:
        fuzzer.run(name, *named)

    one()
    return fuzzer


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_importer_survives_fuzzed_input(tmp_path: Path, name: str) -> None:
    fuzzer = fuzz_format(name, tmp_path, CI_EXAMPLES)
    stats = fuzzer.stats[name]
    assert stats.inputs >= CI_EXAMPLES
    assert fuzzer.all_problems() == []
    assert stats.max_input_mb < MEMORY_CAP_MB


@pytest.mark.parametrize("fmt", sorted(CLEANER_TEXT))
def test_the_cleaner_survives_fuzzed_text(fmt: str) -> None:
    seen = {"inputs": 0}
    baseline = peak_rss_mb()

    @fuzz_settings(CI_EXAMPLES)
    @given(CLEANER_TEXT[fmt], st.one_of(st.none(), st.text(max_size=30)))
    def one(text: str, url: str | None) -> None:
        seen["inputs"] += 1
        try:
            with time_cap(TIME_CAP):
                cleaned = clean_document(text, fmt, url=url)
        except InputTimeout:
            pytest.fail(f"cleaning took over {TIME_CAP} s: {text[:200]!r}")
        assert isinstance(cleaned.body, str)

    one()
    assert seen["inputs"] >= CI_EXAMPLES
    assert peak_rss_mb() - baseline < MEMORY_CAP_MB


REFUSED = {
    "empty.txt": b"   \n",
    "binary.md": b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
    "broken.zip": b"PK\x03\x04" + b"\x00" * 40,
    "bomb.rss": b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><rss><channel><item>&a;</item></channel></rss>',
    "unknown.json": b'{"what": "not an export"}',
    "cut.gz": b"\x1f\x8b\x08\x00" + b"\x01" * 10,
    "no-feeds.opml": b'<?xml version="1.0"?><opml><body><outline text="x"/></body></opml>',
    "escape\x1b[31m.txt": b"\x00\x00\x00\x00\x00\x00\x00\x00",
}


def test_refused_files_through_reader_import_leave_the_library_byte_identical(
    tmp_path: Path,
) -> None:
    root = tmp_path / "lib"
    library = Library.open(root)
    from crash_driver import crash_article

    library.add([crash_article(0, n) for n in range(5)])
    before = file_hashes(root)
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    paths = []
    for name, data in REFUSED.items():
        path = inputs / name
        path.write_bytes(data)
        paths.append(str(path))
    reader = Path(sys.executable).with_name("reader")
    done = subprocess.run(
        [str(reader), "--library", str(root), "import", *paths],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stdout.strip() == f"imported 0, duplicates 0, failed {len(REFUSED)}"
    lines = done.stderr.strip().splitlines()
    assert len(lines) == len(REFUSED), done.stderr
    assert "Traceback" not in done.stderr and "\x1b" not in done.stderr
    assert file_hashes(root) == before
