"""Fault injection, long run: ENOSPC and EIO, once and persistently, at every step and call.

    python tests/bench/reliability_faults.py

For each kind of write (mark, bookmark across shards, position, import, re-import,
delete, tag, purge), fails every step the store reports and every system call it makes (open for
writing, write, fsync, replace, link, unlink, mkdir, ftruncate) with both errors, once and
persistently, and checks after each: the operation raised, the library holds the old or
the new state (never a mix), opens without damage, and the same process can write again.
The CI version (tests/reliability/test_fault_injection.py) tries 1 of the 4 per step, in turn.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
for extra in (ROOT, ROOT / "tests" / "reliability"):
    sys.path.insert(0, str(extra))

from test_fault_injection import (  # noqa: E402
    OPERATION_NAMES,
    build_template,
    run_step_sweep,
    run_syscall_sweep,
)


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="reader-faults-"))
    template = build_template(work / "template")
    failures = 0
    total = 0
    began = time.perf_counter()
    monkeypatch = pytest.MonkeyPatch()
    for name in OPERATION_NAMES:
        for kind in ("step", "syscall"):
            scratch = work / f"{name}-{kind}"
            scratch.mkdir()
            try:
                if kind == "step":
                    trials = run_step_sweep(template, scratch, name, per_step=4)
                else:
                    trials = run_syscall_sweep(template, scratch, name, monkeypatch, per_step=4)
                print(
                    f"{name:18} {kind:8} {trials:4} injected failures: all or nothing, reopened clean"
                )
                total += trials
            except AssertionError as error:
                failures += 1
                print(f"{name:18} {kind:8} FAILED: {str(error).splitlines()[0]}")
            finally:
                monkeypatch.undo()
                shutil.rmtree(scratch, ignore_errors=True)
    print(
        f"total: {total} injected failures (ENOSPC and EIO, once and persistent), "
        f"{failures} sweeps failed, {time.perf_counter() - began:.0f} s"
    )
    shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
