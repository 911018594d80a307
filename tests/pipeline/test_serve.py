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
