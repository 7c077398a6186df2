"""The compiled-pattern cache: same patterns from the cache as from ``re``, and no harm
when its file is damaged or cannot be written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# Each case: source, flags (str and bytes patterns, flags, named groups, wide classes).
PROGRAM = r"""
import re, sys
from reader import patterns
CASES = [
    (r"(?P<word>[^\W\d_]+)-(?P<num>\d+)", 0),
    (r"^share (?:this|on)\b", re.I | re.M),
    (rb"<title>\s*(.*?)\s*</title>", re.I | re.S),
    (r"[\u3040-\u30ff\u4e00-\u9fff]+", 0),
]
TEXT = {str: "Share on x-12 y-7\nshare this 日本語テキスト", bytes: b"<TITLE> A page </title>"}
from_cache = sum((source, int(flags)) in patterns._loaded() for source, flags in CASES)
for source, flags in CASES:
    cached = patterns.compile_cached(source, flags)
    plain = re.compile(source, flags)
    assert cached == plain, source
    assert cached.groupindex == plain.groupindex
    text = TEXT[type(source)]
    assert [m.groupdict() for m in cached.finditer(text)] == [
        m.groupdict() for m in plain.finditer(text)
    ]
    assert cached.findall(text) == plain.findall(text)
print(from_cache)
"""


def run_program(cache: Path | str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", PROGRAM],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "READER_PATTERN_CACHE": str(cache)},
    )


def test_a_second_process_takes_the_same_patterns_from_the_cache(tmp_path: Path) -> None:
    cache = tmp_path / "patterns.marshal"
    first = run_program(cache)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "0"
    assert cache.stat().st_size > 0
    second = run_program(cache)
    assert second.returncode == 0, second.stderr
    assert second.stdout.strip() == "4"  # every pattern came from the file


def test_a_damaged_cache_file_is_ignored_and_rewritten(tmp_path: Path) -> None:
    cache = tmp_path / "patterns.marshal"
    assert run_program(cache).returncode == 0
    good = cache.read_bytes()
    cache.write_bytes(good[:4] + good[4:-40] + b"\x00" * 40)  # the checksum no longer fits
    damaged = run_program(cache)
    assert damaged.returncode == 0, damaged.stderr
    assert damaged.stdout.strip() == "0" and damaged.stderr == ""
    assert run_program(cache).stdout.strip() == "4"


def test_an_unwritable_cache_costs_nothing_but_speed(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    proc = run_program(blocker / "patterns.marshal")
    assert proc.returncode == 0 and proc.stderr == ""
    assert proc.stdout.strip() == "0"


def test_an_empty_setting_turns_the_cache_off() -> None:
    proc = run_program("")
    assert proc.returncode == 0 and proc.stderr == ""
    assert run_program("").stdout.strip() == "0"
    assert not (Path(os.environ["XDG_CACHE_HOME"]) / "reader").exists()
