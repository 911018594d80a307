"""Browsing the built site from disk (file://) in real Chromium: every link relative."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser


def test_browse_from_disk_home_to_statement_to_person_and_back(page, real_site: Path) -> None:
    page.goto((real_site / "index.html").as_uri())
    assert page.title().startswith("Japan, North Korea and the Security Council")
    page.locator('main a[href*="2024-03-29-north-korea-shuts-door-on-japan"]').first.click()
    assert page.url.endswith("statements/2024-03-29-north-korea-shuts-door-on-japan/index.html")
    assert page.locator("#p1").is_visible()
    page.get_by_role("link", name="Choe Son Hui").first.click()
    assert page.url.endswith("people/choe-son-hui/index.html")
    assert page.get_by_role("heading", level=1).inner_text() == "Choe Son Hui"
    page.get_by_role("link", name="Resolutions").first.click()
    page.get_by_role("link", name="S/RES/2397 (2017)").click()
    assert page.url.endswith("resolutions/2397/index.html")
    page.get_by_role("link", name="in context").first.click()
    assert "#p" in page.url
    page.go_back()
    assert page.url.endswith("resolutions/2397/index.html")
    assert page.console_errors == []


def test_paragraph_anchor_is_targeted(page, real_site: Path) -> None:
    statement = real_site / "statements/2017-09-12-kono-statement-resolution-2375/index.html"
    page.goto(statement.as_uri() + "#p3")
    assert page.evaluate("document.querySelector(':target').id") == "p3"
    page.get_by_role("link", name="Link to paragraph 2").click()
    assert page.url.endswith("#p2")
