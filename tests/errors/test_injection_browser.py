"""Nothing injected, in a real browser: the hostile site (payloads in every field) opened from
file:// in headless Chromium fires no dialog, holds no injected element and shows the text;
the search page too, for queries whose results and highlights fall inside the payloads."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from archive.build.pipeline import Project, build

from .hostile import hostile, make_hostile_project

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
#: Elements and attributes that only the payloads could have put in a page.
INJECTED = "img[src='x'], [onerror], [onload], [onmouseover], svg[onload]"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_hostile_project(tmp_path_factory.mktemp("hostile-browser"), REPO)
    build(Project(project), project / "site")
    return project / "site"


@pytest.fixture
def watched_page(browser: Any) -> Iterator[Any]:
    """A page that records every dialog (alert, confirm, prompt) instead of showing it."""
    context = browser.new_context()
    page = context.new_page()
    page.dialogs = []

    def on_dialog(dialog: Any) -> None:
        page.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    yield page
    context.close()


def assert_nothing_ran(page: Any) -> None:
    page.wait_for_timeout(150)  # let any onerror/onload of an injected element fire
    assert page.dialogs == []
    assert page.locator(INJECTED).count() == 0
    scripts = page.eval_on_selector_all(
        "script:not([src]):not([type='application/ld+json']):not([type='application/json'])",
        "els => els.map(e => e.text)",
    )
    assert not [code for code in scripts if "alert(" in code]


@pytest.mark.parametrize(
    ("page_path", "markers"),
    [
        ("statements/2017-12-23-hostile/index.html", ["TITLE", "SPEAKER", "SOURCE", "BODY"]),
        ("people/evil-person/index.html", ["PEOPLENAME", "ROLETITLE"]),
        ("resolutions/2397/index.html", ["SUBJECT"]),
        ("about/index.html", ["ABOUT"]),
        ("index.html", ["SITETITLE"]),
    ],
)
def test_pages_show_payloads_as_text(
    watched_page: Any, hostile_site: Path, page_path: str, markers: list[str]
) -> None:
    watched_page.goto((hostile_site / page_path).as_uri())
    assert_nothing_ran(watched_page)
    text = watched_page.inner_text("body")
    for marker in markers:
        assert hostile(marker) in text, marker


def test_about_page_script_links_go_nowhere(watched_page: Any, hostile_site: Path) -> None:
    watched_page.goto((hostile_site / "about" / "index.html").as_uri())
    hrefs = watched_page.eval_on_selector_all("main a[href]", "els => els.map(e => e.href)")
    assert hrefs and not [h for h in hrefs if h.lower().startswith(("javascript:", "data:"))]
    watched_page.click("main a:text('click')")
    assert_nothing_ran(watched_page)


@pytest.mark.parametrize("query", ["adopted", "alert", "script onerror", "title:title", "img"])
def test_search_results_and_highlights_run_nothing(
    watched_page: Any, hostile_site: Path, query: str
) -> None:
    url = (hostile_site / "search" / "index.html").as_uri() + "?q=" + query.replace(" ", "+")
    watched_page.goto(url)
    watched_page.wait_for_function("document.getElementById('search-app').dataset.paints > 0")
    assert_nothing_ran(watched_page)
    results = watched_page.locator("#search-results")
    if query == "adopted":  # the hostile statement: its title and snippet hold payloads
        assert "<script>alert(1)</script>" in results.inner_text()
