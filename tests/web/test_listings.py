"""Paginated listings and the search page's filters in Chromium: on a phone (390 px) the
results come first and the filters fold behind one control that counts the active ones; on a
wide screen (1280 px) the filters stay open beside the results. Every page type of a site
whose listings are all paginated passes axe-core (WCAG 2.1 AA and landmark-unique), and the
search page's landmarks are unique."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_accessibility import WCAG_21_AA
from webcheck import (
    AXE_JS,
    REPO,
    SEARCH_RESULTS,
    VNU_JAR,
    java_available,
    page_types,
    require,
)

from archive.build.pipeline import Project, build
from archive.site import paging

pytestmark = pytest.mark.browser

#: Filter menus shown, the control's box, whether the list is open, and where things are.
FILTERS = """() => {
  const box = document.getElementById('search-filters');
  const summary = box.querySelector('summary');
  const selects = [...document.querySelectorAll('#search-facets select')];
  const shown = selects.filter(s => s.checkVisibility());
  const first = document.querySelector('#search-results li');
  return {
    open: box.open,
    summaryShown: getComputedStyle(summary).display !== 'none',
    summaryText: summary.textContent.replace(/\\s+/g, ' ').trim(),
    summaryBottom: summary.getBoundingClientRect().bottom,
    selects: selects.length,
    shownSelects: shown.length,
    firstResultTop: first ? first.getBoundingClientRect().top : null,
    firstResultLeft: first ? first.getBoundingClientRect().left : null,
    facetsRight: shown.length ? shown[0].getBoundingClientRect().right : null,
  };
}"""


def axe(page: Any, rules: list[str] | None = None) -> list[str]:
    page.add_script_tag(path=str(AXE_JS))
    options = (
        {"runOnly": {"type": "rule", "values": rules}}
        if rules
        else {"runOnly": {"type": "tag", "values": WCAG_21_AA}}
    )
    result = page.evaluate("options => axe.run(document, options)", options)
    return [f"{v['id']}: {n['target']}" for v in result["violations"] for n in v["nodes"]]


def test_on_a_phone_results_come_first_and_the_filters_fold_behind_one_control(
    site_url: str, new_page: Any
) -> None:
    page = new_page(viewport={"width": 390, "height": 844})
    page.goto(site_url + SEARCH_RESULTS[0] + "&type=speech-at-a-security-council-meeting")
    page.wait_for_selector("#search-facets select", state="attached")
    found = page.evaluate(FILTERS)
    assert not found["open"] and found["summaryShown"], found
    assert found["selects"] >= 5 and found["shownSelects"] == 0, found
    assert found["summaryText"] == "Filters (1 active)", found
    assert found["firstResultTop"] is not None and found["firstResultTop"] < 844, found
    assert found["summaryBottom"] <= found["firstResultTop"], "one line, then the results"
    page.click("#search-filters summary")
    opened = page.evaluate(FILTERS)
    assert opened["open"] and opened["shownSelects"] == opened["selects"], opened
    # Removing the filter: the count follows the menus.
    page.select_option("#search-facets select[name=type]", "")
    page.wait_for_function(
        "document.getElementById('search-filter-count').textContent === 'none active'"
    )
    assert page.console_errors == []


def test_on_a_wide_screen_the_filters_stay_open_beside_the_results(
    site_url: str, new_page: Any
) -> None:
    page = new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + SEARCH_RESULTS[0])
    page.wait_for_selector(SEARCH_RESULTS[1])
    page.wait_for_selector("#search-facets select")
    found = page.evaluate(FILTERS)
    assert found["open"] and not found["summaryShown"], found
    assert found["shownSelects"] == found["selects"] >= 5, found
    assert found["facetsRight"] <= found["firstResultLeft"], "filters beside the results"


def test_the_search_pages_landmarks_are_unique(site_url: str, new_page: Any) -> None:
    require(AXE_JS.is_file(), "node_modules/axe-core (npm ci)")
    for width in (390, 1280):
        page = new_page(viewport={"width": width, "height": 900})
        page.goto(site_url + SEARCH_RESULTS[0])
        page.wait_for_selector(SEARCH_RESULTS[1])
        assert axe(page, ["landmark-unique", "landmark-no-duplicate-main", "region"]) == []


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """A generated archive of 60 statements built with pages of three entries, so that every
    kind of listing is paginated and split by year; served on loopback."""
    from archive.cli.serve import make_server

    spec = importlib.util.spec_from_file_location("corpus", REPO / "benchmarks" / "corpus.py")
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    root = tmp_path_factory.mktemp("paged") / "project"
    corpus.generate(60, root, seed=5)
    shutil.copy(REPO / "content" / "about.md", root / "content" / "about.md")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(paging, "PAGE_SIZE", 3)
        patch.setattr(paging, "RECENT", 2)
        build(Project(root))
    site = root / "site"
    server = make_server(site, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield site, f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def paged_page_types(site: Path) -> list[str]:
    """One page of each paginated kind: an index by initial, a year of an entity, a second
    page of a listing, the undated by source."""
    kinds = [
        "people/index.html",
        "people/a/index.html",
        "timeline/undated/index.html",
        *[
            p.relative_to(site).as_posix()
            for p in sorted(site.glob("timeline/*/page/2/index.html"))[:1]
        ],
        *[
            p.relative_to(site).as_posix()
            for p in sorted(site.glob("countries/*/*/page/2/index.html"))[:1]
        ],
        *[
            p.relative_to(site).as_posix()
            for p in sorted(site.glob("people/*/[0-9]*/index.html"))[:1]
        ],
        *[
            p.relative_to(site).as_posix()
            for p in sorted(site.glob("types/*/[0-9]*/index.html"))[:1]
        ],
        *[
            p.relative_to(site).as_posix()
            for p in sorted(site.glob("resolutions/*/[0-9]*/index.html"))[:1]
        ],
    ]
    return [k for k in kinds if (site / k).is_file()]


def test_paginated_pages_pass_axe_with_unique_landmarks(paged_site, new_page: Any) -> None:
    require(AXE_JS.is_file(), "node_modules/axe-core (npm ci)")
    site, url = paged_site
    paths = [*page_types(site), *paged_page_types(site)]
    assert len(paged_page_types(site)) >= 6, paged_page_types(site)
    page = new_page()
    problems = {}
    for path in paths:
        page.goto(url + path)
        found = axe(page) + axe(page, ["landmark-unique"])
        if found:
            problems[path] = found
    assert problems == {}
    assert page.console_errors == []


def test_paginated_pages_are_valid_html(paged_site) -> None:
    require(java_available(), "java (Debian: default-jre-headless)")
    require(VNU_JAR.is_file(), "node_modules/vnu-jar (npm ci)")
    site, _ = paged_site
    pages = [str(site / path) for path in paged_page_types(site)]
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *pages],
        capture_output=True,
        text=True,
        timeout=600,
    )
    report = json.loads(result.stderr or result.stdout)  # vnu writes its report to stderr
    assert [m["message"] for m in report["messages"] if m.get("type") != "info"] == []
