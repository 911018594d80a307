"""Pages in headless Chromium for browser tests; the browser itself is tests/conftest.py's
session fixture, shared by every browser test because Playwright's sync API allows one at a
time."""

from __future__ import annotations

import pytest


@pytest.fixture
def page(browser):  # noqa: ANN001, ANN201 - Playwright types are optional at import time
    context = browser.new_context()
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    opened.console_errors = errors
    yield opened
    context.close()
