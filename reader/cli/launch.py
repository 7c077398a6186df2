"""Start the app on a library: one app per library, refused with the holder's PID otherwise.

``READER_EXIT_AFTER_FIRST_ROWS=1`` makes the app print the wall-clock time of its first
painted list of titles (and its peak memory) and quit: the start-up benchmark uses it.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
from concurrent.futures import Future

from reader.cli.common import open_library, warn
from reader.config import load_config
from reader.paths import config_file
from reader.store import Article, Library

BENCH_ENV = "READER_EXIT_AFTER_FIRST_ROWS"
HISTORY_NAME = "search_history"


def launch_app(args: argparse.Namespace) -> int:
    """Open the library, take the app lock, run the app until the user quits."""
    library = open_library(args)
    lock = library.app_lock()
    lock.acquire()
    try:
        # The newest rows come from a small cache and make the first screen; the whole list
        # is read after it. Without the cache, it is read while Textual is imported.
        first_page = library.newest()
        preload: Future[tuple[list[Article], list[Article]]] | None = None
        if first_page is None:
            preload = Future()
            threading.Thread(target=_preload, args=(library, preload), daemon=True).start()
        path = config_file()
        config, warnings = load_config(path)
        for warning in warnings:
            warn(warning)
        from reader.ui.app import ReaderApp

        bench = bool(os.environ.get(BENCH_ENV))
        app = ReaderApp(
            library,
            config=config,
            config_path=path,
            history_path=path.with_name(HISTORY_NAME),
            on_first_rows=_report_and_exit if bench else None,
            preload=preload,
            first_page=first_page,
            notices=warnings,
        )
        app.run(headless=bench)
    finally:
        lock.release()
    return 0


def _preload(library: Library, future: Future[tuple[list[Article], list[Article]]]) -> None:
    """Read every article's row, the live and the deleted, for the first screen and the
    Deleted view (errors surface in the app)."""
    try:
        future.set_result(library.articles_and_deleted())
    except BaseException as error:  # handed to the app, which reports it
        future.set_exception(error)


def _report_and_exit(app: object) -> None:
    """Benchmark hook: print when titles first appeared and the peak memory, then quit."""
    import resource
    import time

    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"first_rows_at={time.time():.6f} peak_rss_mb={peak_kb / 1024:.1f}", file=sys.stderr)
    from reader.ui.app import ReaderApp

    if isinstance(app, ReaderApp):
        app.exit()
