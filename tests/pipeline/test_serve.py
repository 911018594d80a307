"""`serve`: only site/, on loopback, with the site's 404 page."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
from pathlib import Path

from archive.serve import make_server


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
