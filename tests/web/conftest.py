"""Fixtures for the web-standards checks: the real site served on loopback and headless
Chromium with a watch on console errors and requests to other hosts."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(scope="session")
def site_url(real_site: Path) -> Iterator[str]:
    """The real build served by the archive's own server on 127.0.0.1 (any free port)."""
    from archive.cli.serve import make_server

    server = make_server(real_site, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def new_page(browser: Any) -> Iterator[Any]:
    """A factory of fresh pages (own context) that collects console errors and refuses any
    request to a host other than 127.0.0.1."""
    contexts = []

    def make(**context_options: Any) -> Any:
        context = browser.new_context(**context_options)
        contexts.append(context)
        page = context.new_page()
        page.console_errors = []
        page.foreign_requests = []
        page.on(
            "console",
            lambda message: (
                page.console_errors.append(message.text) if message.type == "error" else None
            ),
        )
        page.on("pageerror", lambda error: page.console_errors.append(str(error)))

        def route(route: Any) -> None:
            url = route.request.url
            if url.startswith(("http://127.0.0.1", "data:", "blob:", "file:")):
                route.continue_()
            else:
                page.foreign_requests.append(url)
                route.abort()

        page.route("**/*", route)
        return page

    yield make
    for context in contexts:
        context.close()
