"""A statement page's downloads (BibTeX, RIS, CSL-JSON, the statement's data), made by
static/cite.js from the page's own data: clicked in Chromium over http and from file://,
each download's text is what the build formatted (tests/page_data.py reads the same page)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from archive.cite import CITATION_FILES
from tests.page_data import downloads

SEED = "2024-03-29-north-korea-shuts-door-on-japan"
PAGE = f"statements/{SEED}/"
NAMES = [*CITATION_FILES, "statement.json"]


def clicked_downloads(page: Any, url: str) -> dict[str, tuple[str, str]]:
    """Each download control's file name and text, by its data-name."""
    page.goto(url)
    found = {}
    for name in NAMES:
        link = page.locator(f'a.cite-download[data-name="{name}"]')
        with page.expect_download() as info:
            link.click()
        download = info.value
        found[name] = (
            download.suggested_filename,
            Path(download.path()).read_bytes().decode("utf-8"),
        )
    return found


@pytest.mark.parametrize("how", ["http", "file"])
def test_each_download_is_what_the_build_formatted(
    how: str, real_site: Path, site_url: str, new_page: Any
) -> None:
    url = site_url + PAGE if how == "http" else (real_site / PAGE / "index.html").as_uri()
    page = new_page(accept_downloads=True)
    got = clicked_downloads(page, url)
    expected = downloads(real_site, PAGE)
    assert got["cite.bib"] == (f"{SEED}-cite.bib", expected["cite.bib"])
    assert got["cite.ris"] == (f"{SEED}-cite.ris", expected["cite.ris"])
    assert got["cite.bib"][1].startswith(f"@misc{{{SEED},\n") and "\r\n" in got["cite.ris"][1]
    assert got["cite.json"][0] == f"{SEED}-cite.json"
    assert json.loads(got["cite.json"][1]) == json.loads(expected["cite.json"])
    assert got["statement.json"][0] == f"{SEED}.json"
    document = json.loads(got["statement.json"][1])
    assert document == json.loads(expected["statement.json"])
    assert document["id"] == SEED and len(document["paragraphs"]) == document["paragraph_count"]
    assert page.console_errors == [] and page.foreign_requests == []
