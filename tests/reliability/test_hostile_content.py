"""Hostile content: escape sequences, markup, bad links and bombs, against the real app.

Three kinds of check. The app runs in a pseudo-terminal on a library of hostile articles
(imported from ``tests/fixtures/hostile`` and also stored raw, as an older version or a
synced library might hold them) while keys open, scroll and search them; every byte it
writes is parsed, and no escape sequence, C1 control or BEL may come from content. With
Pilot, markup in titles stays text and no link opens unless it is http(s) (or mailto) and
the user confirmed it. Bombs (entity expansion, external entities, zip and gzip bombs,
``../`` member names, a 50 MB single line) go through ``reader import`` with the address
space capped at 256 MiB: a one-line failure or an import, within the CI time bound,
nothing written outside the library, and a library that still passes ``check()``.

The long version, printing the measured times, is ``tests/bench/reliability_hostile.py``.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import resource
import select
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time
import webbrowser
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
HOSTILE = HERE.parent / "fixtures" / "hostile"
if str(HOSTILE) not in sys.path:
    sys.path.insert(0, str(HOSTILE))

import make_bombs  # type: ignore[import-not-found,unused-ignore]  # noqa: E402

from reader.store import Library, NewArticle  # noqa: E402

READER = [sys.executable, "-m", "reader"]
MEMORY_CAP = 256 * 1024 * 1024
#: Strings planted in the hostile fixtures' escape sequences: none may reach an escape sequence.
MARKERS = ("ZXZpbA==", "pwned", "attacker.test", "544e", "payload", "title via", "gone")


@dataclass
class Sequence_:
    """One escape sequence from the output: its kind and its bytes."""

    kind: str
    data: bytes


def parse_escapes(stream: bytes) -> tuple[list[Sequence_], bytes]:
    """Every escape sequence in ``stream``, and the text between them."""
    found: list[Sequence_] = []
    text = bytearray()
    i, n = 0, len(stream)
    after_escape = False
    while i < n:
        byte = stream[i]
        if byte == 0x07 and after_escape:  # the app's own bell, sent between sequences
            found.append(Sequence_("BEL", b"\x07"))
            i += 1
            continue
        if byte != 0x1B:
            text.append(byte)
            after_escape = False
            i += 1
            continue
        after_escape = True
        lead = stream[i + 1 : i + 2]
        if lead == b"[":
            match = re.compile(rb"\x1b\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]").match(stream, i)
            end = match.end() if match else n
            found.append(Sequence_("CSI", stream[i:end]))
        elif lead in (b"]", b"P", b"X", b"^", b"_"):
            end = _string_end(stream, i + 2)
            kind = {b"]": "OSC", b"P": "DCS", b"X": "SOS", b"^": "PM", b"_": "APC"}[lead]
            found.append(Sequence_(kind, stream[i:end]))
        else:
            end = min(n, i + 2)
            found.append(Sequence_("ESC", stream[i:end]))
        i = end
    return found, bytes(text)


def _string_end(stream: bytes, start: int) -> int:
    bel = stream.find(b"\x07", start)
    st = stream.find(b"\x1b\\", start)
    ends = [e + 1 for e in (bel,) if e >= 0] + [e + 2 for e in (st,) if e >= 0]
    return min(ends) if ends else len(stream)


def escape_problems(stream: bytes, *, app_title: str = "") -> list[str]:
    """Each sequence or byte in the output that article content could have put there."""
    sequences, text = parse_escapes(stream)
    problems: list[str] = []
    for seq in sequences:
        payload = seq.data.decode("utf-8", "replace")
        if seq.kind in ("DCS", "SOS", "PM", "APC"):
            problems.append(f"{seq.kind} string {payload!r}")
        elif seq.kind == "OSC":
            number = payload[2:].split(";", 1)[0]
            if number == "52":
                problems.append(f"OSC 52 clipboard write {payload!r}")
            elif (
                number in ("0", "1", "2")
                and payload.split(";", 1)[-1].rstrip("\x07\x1b\\") != app_title
            ):
                problems.append(f"window title set {payload!r}")
            elif number == "22":  # pointer shape: Textual's own
                pass
            elif number == "8" and len(payload) > 8:
                problems.append(f"OSC 8 hyperlink {payload!r}")
        if seq.kind != "CSI" and any(marker in payload for marker in MARKERS):
            problems.append(f"content marker inside {seq.kind} {payload!r}")
        if seq.kind == "CSI" and any(marker in payload for marker in MARKERS):
            problems.append(f"content marker inside CSI {payload!r}")
    decoded = text.decode("utf-8", "replace")
    for c1 in sorted({ch for ch in decoded if 0x80 <= ord(ch) <= 0x9F}):
        problems.append(f"C1 control U+{ord(c1):04X} in the output")
    if b"\x07" in text:
        problems.append(f"{text.count(7)} BEL bytes outside escape sequences")
    return problems


@dataclass
class TerminalRun:
    """What the app wrote to its terminal, and how it ended."""

    output: bytes
    status: int | None
    alive_at_end: bool


def run_in_terminal(
    args: Sequence[str],
    keys: Sequence[tuple[bytes, float]],
    *,
    env: dict[str, str],
    size: tuple[int, int] = (40, 120),
    start_wait: float = 4.0,
    quit_wait: float = 30.0,
) -> TerminalRun:
    """Run ``args`` in a pty of ``size`` (rows, cols), send ``(bytes, pause)`` keys, then ``q``."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: become the app
        os.execvpe(args[0], list(args), {**env, "TERM": "xterm-256color"})
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", size[0], size[1], 0, 0))
    os.kill(pid, signal.SIGWINCH)
    output = bytearray()

    def drain(seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            ready, _, _ = select.select([fd], [], [], min(left, 0.05))
            if ready:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    return
                if not chunk:
                    return
                output.extend(chunk)

    drain(start_wait)
    for data, pause in keys:
        try:
            os.write(fd, data)
        except OSError:
            break
        drain(pause)
    # A busy app may read a key's ESC together with the q after it (alt+q, not q), so
    # q is sent again every few seconds until the app ends or ``quit_wait`` runs out.
    done, status = 0, 0
    deadline = time.monotonic() + quit_wait
    while done == 0 and time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            os.write(fd, b"q")
        for _ in range(30):
            drain(0.1)
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
    drain(0.2)
    alive = done == 0
    if alive:
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    os.close(fd)
    return TerminalRun(bytes(output), None if alive else status, alive)


@dataclass
class ImportRun:
    """One ``reader import`` run under the memory cap."""

    name: str
    status: int | None
    seconds: float
    stdout: str
    stderr: str
    peak_mb: float = 0.0
    problems: list[str] = field(default_factory=list)


def _wait_capped(
    process: subprocess.Popen[bytes], began: float, timeout: float
) -> tuple[int | None, int]:
    """Exit status (None when killed at ``timeout``) and peak RSS in KiB of ``process``."""
    while True:
        pid, wait_status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            process.returncode = os.waitstatus_to_exitcode(wait_status)
            return process.returncode, usage.ru_maxrss
        if time.perf_counter() - began > timeout:
            os.killpg(process.pid, signal.SIGKILL)
            os.wait4(process.pid, 0)
            process.returncode = -9
            return None, 0
        time.sleep(0.01)


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def import_capped(
    path: Path, library: Path, cwd: Path, env: dict[str, str], timeout: float
) -> ImportRun:
    """Import ``path`` in a child limited to 256 MiB; a run past ``timeout`` is killed."""
    # Unnamed files: the run's own output must not count as something created.
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        began = time.perf_counter()
        process = subprocess.Popen(
            [*READER, "import", "-q", "--library", str(library), str(path)],
            cwd=cwd,
            env=env,
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            preexec_fn=_cap_memory,
            start_new_session=True,
        )
        status, peak_kb = _wait_capped(process, began, timeout)
        seconds = time.perf_counter() - began
        texts = []
        for stream in (out, err):
            stream.seek(0)
            texts.append(stream.read().decode("utf-8", "replace"))
    run = ImportRun(path.name, status, seconds, texts[0], texts[1], peak_mb=peak_kb / 1024)
    if status is None:
        run.problems.append(f"still running after {timeout:.0f} s (killed)")
    elif status not in (0, 1):
        run.problems.append(f"exit status {status}")
    if "Traceback" in run.stderr:
        run.problems.append("traceback on stderr")
    for line in run.stderr.splitlines():
        if line.startswith("reader: ") and line.endswith(": created a new library"):
            continue  # the import made the library it was pointed at, and says so
        if line.startswith("reader: skipped ") and f"({path}" in line:
            continue  # members left out on purpose (a symbolic link), named
        if line.strip() and not line.startswith(str(path)):
            run.problems.append(f"stderr line not naming the file: {line[:120]!r}")
    return run


def listing(folder: Path, skip: Sequence[Path] = ()) -> set[str]:
    """Every path under ``folder`` (not under ``skip``), relative: to see what a run created."""
    skipped = [s.resolve() for s in skip]
    seen = set()
    for path in folder.rglob("*"):
        resolved = path.resolve()
        if any(resolved == s or s in resolved.parents for s in skipped):
            continue
        seen.add(str(path.relative_to(folder)))
    return seen


# ----- the hostile library ---------------------------------------------------------------

ESC, BEL, ST = "\x1b", "\x07", "\x1b\\"
RAW_PAYLOAD = (
    f"{ESC}]52;c;ZXZpbA=={BEL}{ESC}]0;pwned{BEL}{ESC}]2;pwned{ESC}\\"
    f"{ESC}]8;;https://attacker.test/x{ST}link{ESC}]8;;{ST}{ESC}P+q544e{ST}"
    f"\u009b2J\u009d0;gone\u009c{BEL}{ESC}_payload{ST}\u202eevil"
)
#: What the app writes when it runs a pty test: our own quit, nothing else.
CI_TIMEOUT = 10.0


def raw_articles() -> list[NewArticle]:
    """Articles stored with the payloads untouched: an older version or a sync could hold them."""
    made = []
    for n, where in enumerate(("title", "body", "meta")):
        payload = RAW_PAYLOAD if where == "title" else ""
        body = (
            f"Paragraph one {RAW_PAYLOAD} ends.\n\n[@click=app.quit]x[/] and [/]."
            if where == "body"
            else "Plain body."
        )
        made.append(
            NewArticle(
                title=f"Raw {where} {payload}[@click=app.quit]Read[/]",
                body=body,
                raw=body,
                raw_format="markdown",
                source=f"Raw Wire {RAW_PAYLOAD}" if where == "meta" else "Raw Wire",
                author=f"Mallory {RAW_PAYLOAD}" if where == "meta" else None,
                url=f"https://hostile.example.org/raw/{n}",
                date="2026-11-20",
                words=8,
            )
        )
    return made


def hostile_library(root: Path) -> Library:
    """The committed hostile fixtures, imported as ``reader import`` would, plus raw ones."""
    from reader.ingest.run import import_files

    library = Library.open(root)
    paths = sorted(str(p) for p in HOSTILE.iterdir() if p.suffix in (".md", ".txt", ".html"))
    import_files(library, paths, workers=1)
    library.add(raw_articles())
    return library


def app_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("READER_", "XDG_"))}
    env.update(
        HOME=str(home),
        READER_CONFIG=str(home / "config.toml"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "xdg-config"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_CACHE_HOME=str(home / "cache"),
        PYTHONPATH=str(HERE.parents[1]),
    )
    return env


def terminal_keys(articles: int, pause: float) -> list[tuple[bytes, float]]:
    """Open the first article, then scroll, toggle removed text and go on through them all."""
    keys: list[tuple[bytes, float]] = [(b"\r", 0.6)]
    for _ in range(articles):
        keys += [(b" ", pause), (b"x", pause), (b"G", pause), (b"n", pause)]
    keys += [
        (b"?", 0.6),
        (b"\x1b", 0.6),
        (b"h", 0.4),
        (b"/", 0.4),
        (b"pwned Raw", 0.4),
        (b"\r", 0.8),
        (b"\r", 0.6),
        (b"x", 0.3),
        (b"\x1b", 0.4),
        (b"\x1b", 0.4),
    ]
    return keys


def test_no_escape_sequence_from_content_reaches_the_terminal(tmp_path: Path) -> None:
    library = hostile_library(tmp_path / "lib")
    count = len(library.articles())
    run = run_in_terminal(
        [*READER, "--library", str(tmp_path / "lib")],
        terminal_keys(count, 0.08),
        env=app_env(tmp_path),
    )
    assert not run.alive_at_end, "the app did not end on q"
    assert len(run.output) > 10_000, "the app drew nothing"
    _, text = parse_escapes(run.output)
    # The session really showed the articles (or the test proves nothing).
    shown = text.decode("utf-8", "replace")
    assert "Raw body" in shown and "Paragraph one" in shown
    assert escape_problems(run.output) == []
    assert Library.open(tmp_path / "lib").check() == []


def test_the_escape_parser_finds_every_payload() -> None:
    stream = f"ok{RAW_PAYLOAD}".encode()
    problems = " ".join(escape_problems(stream))
    for expected in ("OSC 52", "window title", "OSC 8", "DCS", "APC", "U+009B", "U+009D", "BEL"):
        assert expected in problems


# ----- markup and links, with Pilot --------------------------------------------------------


def build_app(library: Library, tmp_path: Path) -> Any:
    from reader.config import Config
    from reader.ui.app import ReaderApp

    return ReaderApp(
        library,
        config=Config(),
        config_path=tmp_path / "config.toml",
        history_path=tmp_path / "search_history",
    )


async def settle(pilot: Any) -> Any:
    from reader.ui.screens.main import MainScreen

    app = pilot.app
    for _ in range(200):
        await pilot.pause()
        screen = app.screen_stack[1] if len(app.screen_stack) > 1 else None
        if isinstance(screen, MainScreen) and screen.catalog is not None:
            break
        await pilot.pause(0.02)
    await app.workers.wait_for_complete()
    await pilot.pause()
    return app.screen_stack[1]


def screen_text(app: Any) -> str:
    import html

    svg = app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


MARKUP_TITLE = "[@click=app.quit]Read[/]"


def test_markup_in_a_title_is_shown_literally_and_clicking_it_does_nothing(tmp_path: Path) -> None:
    import asyncio

    library = Library.open(tmp_path / "lib")
    library.add(
        [
            NewArticle(
                title=MARKUP_TITLE,
                body="Price [/] list [bold red]open.",
                raw="x",
                raw_format="markdown",
                url="https://hostile.example.org/m",
                date="2030-01-01",
                words=4,
            )
        ]
    )

    async def scenario() -> None:
        app = build_app(library, tmp_path)
        async with app.run_test(size=(120, 40)) as pilot:
            main = await settle(pilot)
            while main.article_list.current and main.article_list.current.title != MARKUP_TITLE:
                await pilot.press("j")
            assert main.article_list.current is not None
            row = main.article_list.cursor - int(main.article_list.scroll_y)
            await pilot.press("enter")
            await pilot.pause(0.2)
            text = screen_text(app)
            assert MARKUP_TITLE in text
            assert "Price [/] list [bold red]open." in text
            # Click along the list row and the pane's title line.
            for x in range(0, 40, 2):
                await pilot.click(main.article_list, offset=(x, row * main.article_list.row_height))
                await pilot.click(main.pane, offset=(x, 0))
                await pilot.click(main.pane, offset=(x, 1))
            await pilot.pause(0.2)
            assert app.is_running and app.return_code is None

    asyncio.run(scenario())


LINKS_BODY = (
    "[js](javascript:alert(1)) [file](file:///etc/passwd) [ssh](ssh://host) "
    "[relative](../../x) [absolute](/etc/shadow) [data](data:text/html;base64,PHNjcmlwdD4=) "
    "[png](data:image/png;base64,iVBORw0KGgo=) [mail](mailto:editor@example.org) "
    "[web](https://news.example.org/ok)\n\nMore text."
)
UNSAFE_HREFS = [
    "javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    "file:///etc/passwd",
    "ssh://host",
    "../../x",
    "/etc/shadow",
    "~/.ssh/id_rsa",
    "data:text/html;base64,PHNjcmlwdD4=",
    "data:image/png;base64,iVBORw0KGgo=",
    "vbscript:msgbox(1)",
    "https:/no-host",
    "https://news.example.org/\x1b]52;c;ZXZpbA==\x07",
    "https://a b.example/",
    "//attacker.test/x",
]


def clickable_links(pane: Any) -> list[tuple[int, int, str]]:
    """(document line, column, href) of every link the pane drew."""
    found = []
    for index, strip in enumerate(pane.document.lines):
        x = 0
        for segment in strip:
            meta = segment.style.meta if segment.style else {}
            action = meta.get("@click", "")
            if action.startswith("link("):
                found.append((index, x, action))
            x += segment.cell_length
    return found


def test_only_confirmed_web_links_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import asyncio

    from reader.ui.app import ReaderApp
    from reader.ui.screens.confirm import Confirm

    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(f"webbrowser:{url}"))
    monkeypatch.setattr(ReaderApp, "open_url", lambda self, url, **k: opened.append(url))
    library = Library.open(tmp_path / "lib")
    library.add(
        [
            NewArticle(
                title="Links",
                body=LINKS_BODY,
                raw=LINKS_BODY,
                raw_format="markdown",
                url="https://hostile.example.org/links",
                date="2030-01-01",
                words=9,
            )
        ]
    )

    async def scenario() -> None:
        app = build_app(library, tmp_path)
        async with app.run_test(size=(120, 40)) as pilot:
            main = await settle(pilot)
            while main.article_list.current and main.article_list.current.title != "Links":
                await pilot.press("j")
            await pilot.press("enter")
            await pilot.pause(0.2)
            pane = main.pane
            links = clickable_links(pane)
            clicked_web = False
            for index, x, action in links:
                pane.scroll_to(y=index, animate=False, immediate=True)
                await pilot.pause()
                left = pane.content_region.x - pane.region.x
                top = pane.content_region.y - pane.region.y
                await pilot.click(pane, offset=(left + x, top + index - int(pane.scroll_y)))
                await pilot.pause(0.1)
                if isinstance(app.screen, Confirm):
                    assert "news.example.org" in action or "mailto:" in action, action
                    assert opened == []  # asked first
                    await pilot.press("n")
                    await pilot.pause()
                    clicked_web = clicked_web or "news.example.org" in action
            assert clicked_web, f"no web link was clickable: {links}"
            assert opened == []
            # Activate links with every unsafe target, as a click on one would.
            for href in UNSAFE_HREFS:
                pane.action_link(href)
                await pilot.pause(0.05)
                assert not isinstance(app.screen, Confirm), href
            assert opened == []
            # A web link opens once confirmed, and only then.
            pane.action_link("https://news.example.org/ok")
            await pilot.pause(0.1)
            assert isinstance(app.screen, Confirm)
            await pilot.press("y")
            await pilot.pause(0.1)
            assert opened == ["https://news.example.org/ok"]

    asyncio.run(scenario())


# ----- bombs through reader import ----------------------------------------------------------

BOMBS = [
    "laughs.xml",
    "laughs.rss",
    "laughs.atom",
    "laughs.opml",
    "laughs_padded.rss",
    "laughs_utf16.rss",
    "quadratic.rss",
    "xxe.xml",
    "xxe.rss",
    "xxe.atom",
    "xxe.opml",
    "zip_bomb.zip",
    "zip_lying.zip",
    "zip_slip.zip",
    "bomb.html.gz",
    "page_under_cap.html.gz",
    "single_line.txt",
    "single_line.html",
    "single_line_under_cap.txt",
]
SECRET = "SECRET-7731-NEVER-IMPORTED"
#: Ordinary (if large) articles the importer claims to accept.
ACCEPTABLE_INPUTS = {"page_under_cap.html.gz", "single_line_under_cap.txt", "zip_slip.zip"}


@pytest.fixture(scope="module")
def bombs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bombs")
    secret = folder / "secret.txt"
    secret.write_text(SECRET + "\n")
    paths: dict[str, Path] = make_bombs.build(folder / "inputs", secret)
    return paths


def import_bomb(name: str, path: Path, work: Path, timeout: float) -> ImportRun:
    """Import one bomb from an empty working folder; check nothing appears outside the library."""
    cwd, home, library = work / "cwd", work / "home", work / "library"
    for folder in (cwd, home):
        folder.mkdir(parents=True, exist_ok=True)
    watched = [work, path.parent]
    own = [library]
    before = {str(w): listing(w, skip=own) for w in watched}
    run = import_capped(path, library, cwd, app_env(home), timeout)
    for w in watched:
        created = listing(w, skip=own) - before[str(w)]
        if created:
            run.problems.append(f"created outside the library: {sorted(created)[:5]}")
    for escaped in ("evil.txt", "abs_evil.txt", "win_evil.txt", "up.md", "link_evil.txt"):
        for folder in (work.parent, work.parent.parent, Path("/"), cwd.parent):
            if (folder / escaped).exists():
                run.problems.append(f"{folder / escaped} written")
    if library.exists():
        problems = Library.open(library).check()
        run.problems.extend(f"check: {p}" for p in problems)
        stored = b"".join(p.read_bytes() for p in library.rglob("*.json"))
        if SECRET.encode() in stored:
            run.problems.append("the external entity's file reached the library")
    return run


@pytest.mark.parametrize("name", BOMBS)
def test_a_bomb_is_refused_or_imported_within_limits(
    name: str, bombs: dict[str, Path], tmp_path: Path
) -> None:
    run = import_bomb(name, bombs[name], tmp_path, CI_TIMEOUT)
    print(f"{name}: status {run.status}, {run.seconds:.2f} s, peak {run.peak_mb:.0f} MB")
    assert run.problems == []
    if name in ACCEPTABLE_INPUTS:  # within the input limit: it must be imported, not refused
        assert run.status == 0, run.stderr
