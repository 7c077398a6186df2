"""kill -9 during an update leaves a library that opens, passes reader check, and updates.

The update runs as a real process over several feeds (worker processes and all) while
the server serves pages slowly enough for the kill to land in the middle.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from feed_builder import Item, page, prose, rss
from feed_server import Route, TestServer

FEEDS = 6


def serve_feeds(web: TestServer) -> list[str]:
    urls = []
    for number in range(FEEDS):
        items = [
            Item(
                f"Feed {number} story {n}",
                web.url(f"/f{number}/s{n}"),
                f"f{number}-{n}",
                content=f"<p>{prose(f'feed {number} story {n}')}</p>" if n % 2 else None,
                description="A teaser." if not n % 2 else None,
            )
            for n in range(10)
        ]
        web.routes[f"/f{number}"] = Route(rss(f"Feed {number}", items), content_type="text/xml")
        for n in range(10):
            web.routes[f"/f{number}/s{n}"] = Route(
                page(f"Story {n}", f"feed {number} page {n}"), drip_body=0.00005
            )
        urls.append(web.url(f"/f{number}"))
    return urls


def reader(library: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader.cli.main", "--library", str(library), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_kill_during_update_leaves_a_good_library(web: TestServer, tmp_path: Path) -> None:
    library = tmp_path / "library"
    urls = serve_feeds(web)
    assert reader(library, "feeds", "add", "--no-update", *urls).returncode == 0
    for delay in (0.7, 1.4):
        process = subprocess.Popen(
            [sys.executable, "-m", "reader.cli.main", "--library", str(library), "update"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        time.sleep(delay)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        check = reader(library, "check")
        assert check.returncode == 0, check.stderr
    finished = reader(library, "update")
    assert finished.returncode == 0, finished.stderr
    listed = [json.loads(line) for line in reader(library, "list", "--json").stdout.splitlines()]
    assert len(listed) == FEEDS * 10
    assert reader(library, "check").returncode == 0
