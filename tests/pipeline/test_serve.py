"""`serve`: only site/, on loopback, with the site's 404 page."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
from pathlib import Path

from archive.cli.serve import make_server


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_serves_site_and_nothing_outside_it(real_site: Path, tmp_path: Path) -> None:
    (real_site.parent / "secret.txt").write_text("outside")
    server = make_server(real_site, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        assert host == "127.0.0.1"
        base = f"http://127.0.0.1:{port}/"
        status, body = fetch(base)
        assert status == 200 and b"Latest statements" in body
        status, body = fetch(base + "no/such/page")
        assert status == 404 and b"Page not found" in body
        for attempt in ("../secret.txt", "%2e%2e/secret.txt", "static/../../secret.txt"):
            status, body = fetch(base + attempt)
            assert b"outside" not in body, attempt
    finally:
        server.shutdown()
        server.server_close()


def test_serve_rebuilds_when_content_changes(make_project) -> None:
    """The real `serve` command: prints its address, serves, and rebuilds on a saved edit."""
    import re
    import subprocess
    import sys
    import time

    from tests.conftest import REPO

    project = make_project({"statements/a.md": "---\ndate: 2017-01-01\ntitle: First\n---\nText.\n"})
    process = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "--project", str(project), "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        address = None
        deadline = time.monotonic() + 30
        while address is None and time.monotonic() < deadline:
            line = process.stdout.readline()
            match = re.search(r"at (http://127\.0\.0\.1:\d+/)", line)
            address = match.group(1) if match else None
        assert address, "serve did not print its address"
        page = address + "statements/a/index.html"
        assert b"First" in fetch(page)[1]
        time.sleep(0.5)  # let the watcher start before the edit
        (project / "content/statements/a.md").write_text(
            "---\ndate: 2017-01-01\ntitle: Second\n---\nText.\n"
        )
        deadline = time.monotonic() + 15
        while b"Second" not in fetch(page)[1]:
            assert time.monotonic() < deadline, "serve did not rebuild after the edit"
            time.sleep(0.2)
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_serve_brings_in_edits_from_memory_and_builds_a_new_statement_whole(
    make_project,
) -> None:
    """The real `serve` command: once it says quick rebuilds are ready, an edit of a
    statement's text is rebuilt from memory (one page rendered), so is a changed title (its
    neighbour's page too) and a new statement later than the others; a new statement dated
    before another is built whole, after which quick rebuilds are ready again."""
    import queue
    import re
    import subprocess
    import sys
    import time

    from tests.conftest import REPO

    text = "---\ndate: 2017-01-01\ntitle: First\n---\nThe first text.\n"
    project = make_project(
        {"statements/a.md": text, "statements/b.md": text.replace("01-01", "02-02")}
    )
    process = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "--project", str(project), "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(
        target=lambda: [lines.put(line) for line in process.stdout], daemon=True
    ).start()

    def next_line_with(pattern: str, seconds: float = 30) -> re.Match[str]:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                match = re.search(pattern, lines.get(timeout=0.2))
            except queue.Empty:
                continue
            if match:
                return match
        raise AssertionError(f"serve printed no line matching {pattern!r}")

    source = project / "content/statements/a.md"
    try:
        address = next_line_with(r"at (http://127\.0\.0\.1:\d+/)").group(1)
        next_line_with(r"quick rebuilds ready after [0-9.]+ s")
        source.write_text(text.replace("first text", "new text"))
        next_line_with(r"built 2 statements, .* \(0 warnings; 1 pages rendered")
        assert b"The new text." in fetch(address + "statements/a/")[1]
        source.write_text(text.replace("First", "Second"))
        rendered = next_line_with(r"built 2 statements, .* \(0 warnings; (\d+) pages rendered")
        assert int(rendered.group(1)) > 1, "the neighbour's page and the listings show the title"
        assert b"Second" in fetch(address + "statements/b/")[1], "b's link to its neighbour"
        later = text.replace("2017-01-01", "2018-03-03").replace("First", "Later")
        (project / "content/statements/d.md").write_text(later)
        next_line_with(r"built 3 statements, .* \(0 warnings; \d+ pages rendered")
        assert b"Later" in fetch(address + "statements/d/")[1]
        (project / "content/statements/c.md").write_text(text.replace("First", "Third"))
        next_line_with(r"built 4 statements")
        assert b"Third" in fetch(address + "statements/c/")[1]
        next_line_with(r"quick rebuilds ready after")
    finally:
        process.terminate()
        process.wait(timeout=10)
