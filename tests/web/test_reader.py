"""What a reader sees, in headless Chromium at a phone's width (390 px) and a desktop's (1280
px), on the real archive: citations that name the right author, whole titles, a 404 page that
works at any depth and under a sub-path, search that ranks and helps, a chart usable on a
phone, the people list, and the smaller page defects of issue 18."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.browser

WIDTHS = [390, 1280]
VIEWUS = "statements/2024-03-29-north-korea-shuts-door-on-japan/"
UPI = "statements/2019-01-29-north-korea-opposes-japan-permanent-seat/"
BESSHO = "statements/2018-09-17-bessho-security-council-non-proliferation-dprk/"
WELCOME_2397 = "statements/2017-12-23-japan-welcomes-resolution-2397/"
KONO_2375 = "statements/2017-09-12-kono-statement-resolution-2375/"


@pytest.fixture(params=WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def at(request: pytest.FixtureRequest, new_page: Any) -> Any:
    """A fresh page at one of the two widths."""
    page = new_page(viewport={"width": request.param, "height": 900})
    page.width = request.param
    return page


def search(page: Any, site_url: str, query: str) -> None:
    page.goto(f"{site_url}search/index.html{query}")
    page.wait_for_function("document.getElementById('search-app').dataset.paints > 0")
    page.wait_for_load_state("networkidle")


def result_urls(page: Any) -> list[str]:
    hrefs = page.eval_on_selector_all(
        "#search-results .result-title a", "els => els.map(a => a.getAttribute('href'))"
    )
    return [re.sub(r"index\.html.*$", "", h).removeprefix("../") for h in hrefs]


def no_horizontal_scroll(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.width, f"the page scrolls sideways: {width} px at {page.width} px"


# ---------------------------------------------------------------------------------------------
# Citations and titles


def test_a_news_report_is_cited_by_its_reporter(site_url: str, at: Any) -> None:
    at.goto(site_url + VIEWUS + "index.html")
    citation = at.inner_text(".citation-text")
    assert citation.startswith("Daniel Kim. “North Korea Shuts Door on Japan")
    assert "Choe Son Hui" not in citation
    # The unsigned UPI report: no quoted diplomat as author, and its publication month.
    at.goto(site_url + UPI + "index.html")
    citation = at.inner_text(".citation-text")
    assert citation.startswith("“") and "UPI, February 2019." in citation
    assert "Kim Song" not in citation and "29 January" not in citation
    no_horizontal_scroll(at)


def test_a_title_the_archive_made_is_whole_and_says_so(site_url: str, at: Any) -> None:
    at.goto(site_url + UPI + "index.html")
    title = at.inner_text("h1")
    assert not title.endswith(("…", "...")) and title.endswith("last week")
    assert "made by the archive" in at.inner_text(".statement-header")
    assert "…" not in at.inner_text(".citation-text")


# ---------------------------------------------------------------------------------------------
# The 404 page


def _failed_requests(page: Any) -> list[str]:
    failed: list[str] = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on(
        "response",
        lambda r: (
            failed.append(f"{r.status} {r.url}")
            if r.status >= 400 and r.request.resource_type != "document"
            else None
        ),
    )
    return failed


def _check_not_found(page: Any, address: str, home: str) -> None:
    failed = _failed_requests(page)
    response = page.goto(address)
    assert response.status == 404
    page.wait_for_load_state("networkidle")
    assert page.inner_text("h1") == "Page not found"
    assert failed == [], failed
    # Styled: the stylesheet loaded (the header has its own background, not transparent).
    header = page.evaluate("getComputedStyle(document.querySelector('.site-header')).display")
    margin = page.evaluate("getComputedStyle(document.querySelector('.wrap')).maxWidth")
    assert header == "block" and margin != "none" or page.width <= 390
    links = page.eval_on_selector_all("main a", "els => els.map(a => a.href)")
    assert links[0] == home + "index.html"
    page.click("main a >> nth=0")
    page.wait_for_load_state()
    assert page.url == home + "index.html" and page.inner_text("h1") != "Page not found"


@pytest.mark.parametrize("depth", ["nothing-here", "statements/typo/", "a/b/c/d/e.html"])
def test_404_works_at_any_depth(site_url: str, at: Any, depth: str) -> None:
    _check_not_found(at, site_url + depth, site_url)


@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real archive published under /archive/ (base_url with that path), served from a
    folder above it by a server that answers a missing address with archive/404.html."""
    from archive.build.pipeline import Project, build

    project = tmp_path_factory.mktemp("subpath") / "project"
    for shared in ("templates", "static", "content"):
        shutil.copytree(REPO / shared, project / shared)
    (project / "node_modules").symlink_to(REPO / "node_modules")
    site_yaml = project / "content" / "site.yaml"
    site_yaml.write_text(
        re.sub(
            r"(?m)^base_url:.*$",
            "base_url: https://example.org/archive/",
            site_yaml.read_text("utf-8"),
        ),
        "utf-8",
    )
    served = project.parent / "served"
    build(Project(project), served / "archive")

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def send_error(self, code: int, message: str | None = None, explain: str | None = None):
            if code != 404:
                return super().send_error(code, message, explain)
            body = (served / "archive" / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(served))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/archive/"
    finally:
        server.shutdown()
        server.server_close()


def test_404_works_under_the_sites_sub_path(sub_path_site: str, at: Any) -> None:
    _check_not_found(at, sub_path_site + "statements/typo/", sub_path_site)


# ---------------------------------------------------------------------------------------------
# Search


def test_a_resolution_number_ranks_the_statements_citing_it_first(site_url: str, at: Any) -> None:
    search(at, site_url, "?q=resolution+2397")
    urls = result_urls(at)
    assert urls[0] == WELCOME_2397, urls
    assert urls.index(KONO_2375) > urls.index(WELCOME_2397)
    assert at.locator("#search-results mark", has_text="2397").count() >= 1


def test_a_symbol_snippet_shows_the_number_highlighted(site_url: str, at: Any) -> None:
    search(at, site_url, "?q=S%2FRES%2F2397")
    assert WELCOME_2397 in result_urls(at)
    snippets = at.locator("#search-results .result-snippet").all_inner_texts()
    assert snippets and not any(s.startswith("Thank you") for s in snippets)
    for item in at.locator("#search-results .result").all():
        assert item.locator(".result-snippet mark").count() >= 1


def test_british_spelling_finds_the_american(site_url: str, at: Any) -> None:
    search(at, site_url, "?q=denuclearisation")
    assert len(result_urls(at)) == 3
    marks = at.locator("#search-results .result-snippet mark").all_inner_texts()
    assert marks and all(m.lower().startswith("denucleari") for m in marks)


def test_a_misspelling_is_offered_the_index_spelling(site_url: str, at: Any) -> None:
    search(at, site_url, "?q=sanctoins")
    assert at.inner_text("#search-status") == "No statements match “sanctoins”."
    suggestion = at.locator("#search-results .suggestion")
    assert suggestion.inner_text() == "sanction"
    before = int(at.get_attribute("#search-app", "data-paints"))
    suggestion.click()
    at.wait_for_function(f"Number(document.getElementById('search-app').dataset.paints) > {before}")
    assert len(result_urls(at)) >= 4 and "q=sanction" in at.url


def test_no_results_with_filters_offers_to_remove_them(site_url: str, at: Any) -> None:
    search(at, site_url, "?q=Stockholm&type=News+report")
    assert result_urls(at) == []
    help_text = at.inner_text("#search-results .no-results")
    assert "2 statements match “Stockholm” without the filters" in help_text
    at.click("#search-results button.clear-filters")
    at.wait_for_function("document.querySelectorAll('#search-results .result').length === 2")
    assert "type=" not in at.url


def test_clear_all_filters(site_url: str, at: Any) -> None:
    search(at, site_url, "?q=sanctions&type=Press+release&from=2017")
    if at.is_visible("#search-filters > summary"):  # a phone: the filters are folded
        assert "2 active" in at.inner_text("#search-filters > summary")
        at.click("#search-filters > summary")
    at.wait_for_selector("#search-facets button.clear-filters")
    assert at.inner_text("#search-facets button.clear-filters") == "Clear all filters"
    at.click("#search-facets button.clear-filters")
    at.wait_for_function("!location.search.includes('type=')")
    # The filters are drawn again, all at "Any", and the control is gone with them.
    at.wait_for_function(
        """() => !document.querySelector('#search-facets button.clear-filters') &&
                 [...document.querySelectorAll('#search-facets select')].every(s => !s.value)"""
    )
    assert "from=" not in at.url and "q=sanctions" in at.url
    assert len(result_urls(at)) == 4


def test_an_exclusion_that_removes_everything_says_so(site_url: str, at: Any) -> None:
    search(at, site_url, "?q=-japan+sanctions")
    at.wait_for_function(
        "document.querySelector('#search-results .no-results p').textContent.length > 0"
    )
    text = at.inner_text("#search-results .no-results")
    assert "4 statements match “sanctions”" in text and "“japan”" in text
    assert "excludes" in text


def test_the_search_page_has_one_search_box(site_url: str, at: Any) -> None:
    search(at, site_url, "")
    assert at.locator("input[type=search]:visible").count() == 1


# ---------------------------------------------------------------------------------------------
# The chart


def test_the_chart_is_legible_and_tappable(site_url: str, at: Any) -> None:
    for path in ("index.html", "timeline/index.html"):
        at.goto(site_url + path)
        found = at.evaluate(
            """() => {
              const svg = document.querySelector('.chart svg');
              const box = svg.getBoundingClientRect();
              const scale = box.width / svg.viewBox.baseVal.width;
              const ticks = [...svg.querySelectorAll('.chart-tick')].map(t => ({
                size: parseFloat(getComputedStyle(t).fontSize) * scale,
                height: t.getBoundingClientRect().height}));
              const marks = [...svg.querySelectorAll('a rect')].map(r => r.getBoundingClientRect());
              const baseline = svg.querySelector('.chart-axis').getBoundingClientRect().top;
              return {ticks, marks: marks.map(m => [m.width, m.height]),
                      band: Math.min(...marks.map(m => m.top)) - box.top,
                      plot: baseline - box.top};
            }"""
        )
        assert found["ticks"] and all(t["size"] >= 12 for t in found["ticks"]), found["ticks"]
        assert all(w >= 24 and h >= 24 for w, h in found["marks"]), found["marks"]
        # No tall empty band: the tallest stack reaches the top of the plot.
        assert found["band"] <= 10, found
        no_horizontal_scroll(at)


# ---------------------------------------------------------------------------------------------
# People and pages


def test_people_are_sorted_by_family_name_with_dated_roles_and_counts(
    site_url: str, at: Any
) -> None:
    at.goto(site_url + "people/index.html")
    rows = at.eval_on_selector_all(
        ".people-table tbody tr",
        """rows => rows.map(r => [r.querySelector('a').textContent,
                                 (r.querySelector('.role') || {}).textContent || '',
                                 ...[...r.querySelectorAll('td')].map(c => c.textContent)])""",
    )
    no_horizontal_scroll(at)
    names = [r[0] for r in rows]
    assert names.index("Koro Bessho") < names.index("Choe Son Hui") < names.index("Kim Song")
    assert names.index("Taro Kono") < names.index("Ri Ryong Nam") < names.index("Donald Trump")
    assert names[-1] == "Donald Trump"  # by T, not by D
    kono = next(r for r in rows if r[0] == "Taro Kono")
    assert kono[1] == "Foreign Minister, Japan (2017–2019)" and kono[2:] == ["1", "0"]
    assert all(re.fullmatch(r"\d+", r[2]) and re.fullmatch(r"\d+", r[3]) for r in rows)
    at.goto(site_url + "people/taro-kono/index.html")
    assert "as Foreign Minister" in at.inner_text("main")
    # Nobody mentions him: no empty "Statements mentioning" section.
    assert "Statements mentioning" not in at.inner_text("main")
    assert "None in the archive" not in at.inner_text("main")


def test_about_has_one_heading(site_url: str, at: Any) -> None:
    at.goto(site_url + "about/index.html")
    headings = at.locator("main h1, main h2").all_inner_texts()
    assert headings.count("About this archive") == 1


def test_salutations_are_not_numbered_paragraphs(site_url: str, at: Any) -> None:
    at.goto(site_url + BESSHO + "index.html")
    paragraphs = [
        re.sub(r"^\s*\d+\s*", "", p) for p in at.locator(".statement-body p").all_inner_texts()
    ]
    assert paragraphs[0].startswith("I would like to begin")
    assert not [p for p in paragraphs if "Mme. President" in p and len(p) < 40]


def test_speaker_line_and_unknown_original_address(site_url: str, at: Any) -> None:
    at.goto(site_url + BESSHO + "index.html")
    facts = at.inner_text(".facts")
    assert "Permanent Representative of Japan to the United Nations" in facts
    assert "(Japan)" not in facts
    assert "Address not known" in facts
    no_horizontal_scroll(at)


def test_feed_summary_is_not_a_salutation(real_site: Path) -> None:
    feed = (real_site / "feed.xml").read_text("utf-8")
    entry = feed.split(f"{BESSHO}</id>", 1)[1].split("</entry>", 1)[0]
    summary = re.search(r"<summary[^>]*>(.*?)</summary>", entry, re.S).group(1)
    assert summary.startswith("I would like to begin")
