"""site.js in headless Chromium: copying a paragraph's link copies a citation naming the
paragraph, and a link to #pN shows that citation on the page."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from outputs_support import BASE, SEED

pytestmark = pytest.mark.browser

URL = f"{BASE}statements/{SEED}/"


@pytest.fixture
def served(real_site: Path) -> Iterator[str]:
    """The real site over loopback: the clipboard needs a secure context like 127.0.0.1."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(real_site))
    handler.log_message = lambda *args: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


def test_paragraph_link_copies_a_paragraph_citation(browser: Any, served: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{served}statements/{SEED}/index.html")
    page.click('a.para-link[href="#p2"]')
    page.wait_for_selector(".copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("Daniel Kim. “")  # the reporter, not the minister quoted
    assert ", para. 2. Japan, North Korea and the Security Council. " in copied
    assert copied.endswith(f"{URL}#p2")
    assert "para. 2" in page.inner_text(".copied")
    shown = page.inner_text(".citation-text")  # following the link shows the same citation
    assert shown == copied
    assert page.inner_text("#cite-heading") == "Cite paragraph 2"
    page.evaluate("location.hash = ''")
    assert "para." not in page.inner_text(".citation-text")
    assert page.inner_text("#cite-heading") == "Cite this statement"
    context.close()
