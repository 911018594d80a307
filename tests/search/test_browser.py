"""The search page in headless Chromium: queries, filters, sorting, the URL, snippets and links,
file://, and hostile text shown as text. Skips (saying why) without Chromium or Playwright."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from archive.build.pipeline import Project, build, load
from archive.search.index import lunr_builder, search_documents

pytestmark = pytest.mark.browser

HOSTILE_TITLE = "Hostile <script>alert(1)</script> title"
HOSTILE_BODY = '"><img src=x onerror=alert(1)> hostile sanctions <script>alert(1)</script>'

STATEMENTS = {
    "statements/2017-12-23-welcome.md": """---
date: 2017-12-23
title: Japan welcomes resolution 2397
speaker: Taro Kono
doc_type: press-release
countries: [Japan, North Korea]
resolutions: [2397]
---
Japan welcomes the sanctions adopted today by the Council.

The abductions issue remains the most important issue for Japan.
""",
    "statements/2019-05-01-rejects.md": """---
date: 2019-05-01
title: North Korea rejects sanctions
speaker: choe-son-hui
doc_type: government-statement
countries: [North Korea]
---
The sanctions are a hostile act, and sanctions will never work.

We reject the resolution entirely.
""",
    "statements/2024-missiles.md": """---
date: "2024"
title: Statement on missile launches
speaker: kim-song
doc_type: council-speech
countries: [North Korea]
resolutions: [2375]
---
Missile launches are the sovereign right of the country.

Talk of sanctions and abductions is a distraction.
""",
    "statements/undated-hostile.md": f"""---
title: "{HOSTILE_TITLE}"
doc_type: other
---
A statement that quotes hostile markup about sanctions, to be shown as text.

Its text reads {HOSTILE_BODY} and nothing else.
""",
    "statements/2018-01-05-review.md": """---
date: 2018-01-05
title: A look back at 2017
doc_type: other
---
The year 2017 in the Council, month by month.
""",
    "statements/2010-03-03-talks.md": """---
date: 2010-03-03
title: Talks on abductions in Tokyo
speaker: Taro Kono
doc_type: press-release
countries: [Japan]
---
Officials met in Tokyo.

The abductions issue was discussed at length in Tokyo, north of the river; Korea was absent.
""",
}


@pytest.fixture(scope="module")
def search_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    """A small project built into site/; returns the site and the linked archive."""
    import shutil

    from tests.conftest import REPO

    project = tmp_path_factory.mktemp("search-project")
    for shared in ("templates", "static"):
        shutil.copytree(REPO / shared, project / shared)
    if not (REPO / "node_modules" / "lunr").exists():
        pytest.skip("node_modules/lunr is missing: run `npm ci`")
    (project / "node_modules").symlink_to(REPO / "node_modules")
    content = project / "content"
    for name in ("people.yaml", "resolutions.yaml", "site.yaml"):
        (content).mkdir(exist_ok=True)
        shutil.copy(REPO / "content" / name, content / name)
    for name, text in STATEMENTS.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    site = project / "site"
    build(Project(project), site)
    return site, load(Project(project))


@pytest.fixture(scope="module")
def base_url(search_site: tuple[Path, Any]) -> Iterator[str]:
    """The site served by http.server from a thread on 127.0.0.1, any free port."""
    site, _ = search_site

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that records console errors, page errors, dialogs and requests."""
    context = browser.new_context()
    page = context.new_page()
    page.errors = []
    page.requests = []
    page.dialogs = []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("request", lambda r: page.requests.append(r.url))

    def on_dialog(dialog: Any) -> None:
        page.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    yield page
    assert page.errors == [], page.errors
    assert page.dialogs == [], page.dialogs
    context.close()


def open_search(page: Any, base: str, query: str = "") -> None:
    page.goto(f"{base}search/index.html{query}")
    page.wait_for_function("document.getElementById('search-app').dataset.paints > 0")


def wait_paint(page: Any, before: int) -> None:
    page.wait_for_function(
        f"Number(document.getElementById('search-app').dataset.paints) > {before}"
    )
    page.wait_for_load_state("networkidle")


def paints(page: Any) -> int:
    return int(page.get_attribute("#search-app", "data-paints") or 0)


def titles(page: Any) -> list[str]:
    return page.locator("#search-results .result-title").all_inner_texts()


def lunr_order(archive: Any, query: str) -> list[str]:
    """Titles in the order lunr.py's own whole index ranks them."""
    documents = list(
        search_documents(archive.statements, archive.directory, archive.curated_resolutions)
    )
    builder = lunr_builder()
    for document in documents:
        builder.add(document)
    index = builder.build()
    return [archive.statements[int(r["ref"])].title for r in index.search(query)]


def test_query_finds_statements_in_lunr_order(page, base_url, search_site):
    _, archive = search_site
    open_search(page, base_url, "?q=sanctions")
    expected = lunr_order(archive, "sanctions")
    assert len(expected) == 4
    assert titles(page) == expected
    status = page.locator("#search-status")
    assert status.get_attribute("aria-live") == "polite"
    assert status.inner_text() == "4 statements match \u201csanctions\u201d."


def test_stemming_phrase_minus_and_field_queries(page, base_url):
    open_search(page, base_url, "?q=sanction")
    assert len(titles(page)) == 4  # "sanction" finds "sanctions"
    open_search(page, base_url, "?q=" + quote('"abductions issue"'))
    assert sorted(titles(page)) == [
        "Japan welcomes resolution 2397",
        "Talks on abductions in Tokyo",
    ]
    open_search(page, base_url, "?q=" + quote("abductions -tokyo"))
    assert "Talks on abductions in Tokyo" not in titles(page)
    assert len(titles(page)) == 2
    open_search(page, base_url, "?q=" + quote("title:sanctions"))
    assert titles(page) == ["North Korea rejects sanctions"]
    open_search(page, base_url, "?q=" + quote('"korea north"'))
    assert titles(page) == []


def test_name_variants_and_resolution_forms_find_the_same_statements(page, base_url):
    def found(query: str) -> list[str]:
        open_search(page, base_url, "?q=" + quote(query))
        return titles(page)

    choe = found("Choe Son Hui")
    assert choe == ["North Korea rejects sanctions"]
    for query in ("Choe Son-hui", "Choe Sonhui", "Choi Sun-hee", "speaker:sonhui"):
        assert found(query) == choe, query
    resolution = found("2397")
    assert resolution == ["Japan welcomes resolution 2397"]
    for query in ("S/RES/2397 (2017)", "S/RES/2397(2017)", "s/res/2397"):
        assert found(query) == resolution, query
    # The year of a citation is not a search for the year, which finds more (2375 is also
    # of 2017).
    assert sorted(found("2017")) == [
        "A look back at 2017",
        "Japan welcomes resolution 2397",
        "Statement on missile launches",
    ]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ("speaker=Choe+Son+Hui", ["North Korea rejects sanctions"]),
        ("country=Japan", ["Japan welcomes resolution 2397"]),
        ("resolution=2375", ["Statement on missile launches"]),
        ("type=Government+statement", ["North Korea rejects sanctions"]),
        ("from=2019&to=2024", ["North Korea rejects sanctions", "Statement on missile launches"]),
    ],
)
def test_each_filter(page, base_url, filters, expected):
    open_search(page, base_url, f"?q=sanctions&sort=oldest&{filters}")
    assert titles(page) == expected
    page.wait_for_function("document.querySelectorAll('#search-facets select').length > 1")


def test_topic_filter(page, base_url, search_site):
    _, archive = search_site
    filed = {s.title for s in archive.statements if "Sanctions" in s.topics}
    open_search(page, base_url, "?q=sanctions")
    unfiltered = set(titles(page))
    assert unfiltered - filed, "the corpus must have a match outside the topic"
    open_search(page, base_url, "?q=sanctions&topic=Sanctions")
    assert set(titles(page)) == unfiltered & filed
    page.wait_for_function("document.querySelectorAll('#facet-topic option').length > 1")
    options = page.locator("#facet-topic option").all_inner_texts()
    assert f"Sanctions ({len(unfiltered & filed)})" in options


FACETS = ("from", "to", "speaker", "country", "resolution", "type", "topic")


def facet_options(page: Any) -> dict[str, list[str]]:
    """Each filter's choices as shown, without its "any" choice."""
    page.wait_for_function(
        f"document.querySelectorAll('#search-facets select').length == {len(FACETS)}"
    )
    return {name: page.locator(f"#facet-{name} option").all_inner_texts()[1:] for name in FACETS}


def test_every_filter_counts_the_results(page, base_url):
    open_search(page, base_url, "?q=sanctions")
    years = ["2017 (1)", "2019 (1)", "2024 (1)"]  # the undated statement has no year to pick
    assert facet_options(page) == {
        "from": years,
        "to": years,
        "speaker": ["Choe Son Hui (1)", "Kim Song (1)", "Taro Kono (1)"],
        "country": ["North Korea (3)", "Japan (1)"],
        "resolution": ["2375 (1)", "2397 (1)"],
        "type": [
            "Government statement (1)",
            "Other (1)",
            "Press release (1)",
            "Speech at a Security Council meeting (1)",
        ],
        "topic": ["Sanctions (2)"],
    }


def test_a_filter_narrows_the_other_counts_and_the_announced_count(page, base_url):
    open_search(page, base_url, "?q=sanctions")
    facet_options(page)
    status = page.locator("#search-status")
    assert status.get_attribute("aria-live") == "polite"
    assert status.inner_text() == "4 statements match \u201csanctions\u201d."
    before = paints(page)
    page.select_option("#facet-type", "Press release")
    wait_paint(page, before)
    assert titles(page) == ["Japan welcomes resolution 2397"]
    assert "type=Press+release" in page.url
    assert status.inner_text() == "1 statement matches \u201csanctions\u201d."
    options = facet_options(page)
    assert options["country"] == ["Japan (1)", "North Korea (1)"]
    assert options["speaker"] == ["Taro Kono (1)"]
    assert options["from"] == ["2017 (1)"]
    assert len(options["type"]) == 4  # a filter's own choices stay, to switch between them


def test_a_large_archive_loads_its_filters_when_asked(page, base_url, search_site, monkeypatch):
    import shutil

    from archive.search import index as search_index
    from tests.search.conftest import write_index

    site, archive = search_site
    large = site / "large"  # served beside the small site, as a site of its own
    if not large.exists():
        shutil.copytree(site, large)
    monkeypatch.setattr(search_index, "FACETS_EAGER_BYTES", 0)
    write_index(list(archive.statements), archive, large)
    open_search(page, base_url + "large/", "?q=sanctions")
    page.wait_for_load_state("networkidle")
    assert not [u for u in page.requests if "facets" in u]
    assert page.locator("#search-facets select").count() == 0
    assert len(titles(page)) == 4
    page.click("#search-facets button")
    options = facet_options(page)
    assert options["country"] == ["North Korea (3)", "Japan (1)"]
    assert page.evaluate("document.activeElement.id") == "facet-from"
    # A filter in the address needs the facets at once.
    open_search(page, base_url + "large/", "?q=sanctions&country=Japan")
    assert facet_options(page)["country"] == ["North Korea (3)", "Japan (1)"]
    assert titles(page) == ["Japan welcomes resolution 2397"]


def test_sort_by_date_keeps_undated(page, base_url):
    open_search(page, base_url, "?q=sanctions&sort=oldest")
    oldest = titles(page)
    assert oldest[0] == HOSTILE_TITLE  # undated: sorts by what is known (nothing), first
    assert oldest[1:] == [
        "Japan welcomes resolution 2397",
        "North Korea rejects sanctions",
        "Statement on missile launches",
    ]
    open_search(page, base_url, "?q=sanctions&sort=newest")
    assert titles(page) == list(reversed(oldest))


def test_url_round_trip_and_back_button(page, base_url):
    open_search(page, base_url)
    before = paints(page)
    page.fill("#search-q", "abductions")
    wait_paint(page, before)
    assert "q=abductions" in page.url
    first = titles(page)
    page.wait_for_timeout(1100)  # a pause starts a new history entry
    before = paints(page)
    page.fill("#search-q", "missile")
    wait_paint(page, before)
    assert "q=missile" in page.url
    before = paints(page)
    page.select_option("#search-sort", "newest")
    wait_paint(page, before)
    assert "sort=newest" in page.url
    page.reload()
    page.wait_for_function("document.getElementById('search-app').dataset.paints > 0")
    assert page.input_value("#search-q") == "missile"
    assert page.input_value("#search-sort") == "newest"
    before = paints(page)
    page.go_back()
    wait_paint(page, before)
    assert "sort=newest" not in page.url
    before = paints(page)
    page.go_back()
    wait_paint(page, before)
    assert page.input_value("#search-q") == "abductions"
    assert titles(page) == first


def test_result_links_to_the_matched_paragraph(page, base_url):
    open_search(page, base_url, "?q=reject")
    link = page.locator("#search-results .result-title a").first
    assert link.get_attribute("href").endswith("index.html#p2")
    mark = page.locator("#search-results .result-snippet mark").first
    assert mark.inner_text() == "reject"
    link.click()
    page.wait_for_load_state()
    assert page.url.endswith("#p2")
    assert "reject" in page.locator("#p2").inner_text()


def test_keyboard_only_search(page, base_url):
    open_search(page, base_url)
    page.focus("#search-q")
    before = paints(page)
    page.keyboard.type("missile")
    page.keyboard.press("Enter")
    wait_paint(page, before)
    assert titles(page) == ["Statement on missile launches"]
    page.keyboard.press("Tab")  # the submit button, then the sort order
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "search-sort"


def test_hostile_text_is_shown_as_text(page, base_url):
    open_search(page, base_url, "?q=hostile")
    results = page.locator("#search-results")
    assert HOSTILE_TITLE in results.inner_text()
    open_search(page, base_url, "?q=reads+title:hostile")
    assert "<img src=x onerror=alert(1)>" in results.inner_text()
    assert results.locator("img, script").count() == 0
    page.wait_for_timeout(200)
    assert page.dialogs == []


def test_works_from_file_url(page, search_site):
    site, _ = search_site
    page.goto((site / "search" / "index.html").as_uri() + "?q=abductions")
    page.wait_for_function("document.getElementById('search-app').dataset.paints > 0")
    assert len(titles(page)) == 3
    href = page.locator("#search-results .result-title a").first.get_attribute("href")
    assert href.startswith("../statements/") and "index.html#p" in href


def test_nothing_loads_before_search_is_used(page, base_url):
    page.goto(base_url + "index.html")
    page.wait_for_load_state("networkidle")
    assert not [u for u in page.requests if "search" in u or "lunr" in u], page.requests
    page.focus("#site-search-q")
    page.wait_for_load_state("networkidle")
    assert not [u for u in page.requests if "search" in u or "lunr" in u], page.requests
    # The header's box is a plain form: Enter opens the search page with the query.
    page.fill("#site-search-q", "missile")
    page.press("#site-search-q", "Enter")
    page.wait_for_function("document.getElementById('search-app').dataset.paints > 0")
    assert "search/index.html?q=missile" in page.url
    assert titles(page) == ["Statement on missile launches"]


def test_without_javascript_the_page_says_so(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "search/index.html?q=sanctions")
    message = page.locator(".search-noscript")
    assert message.is_visible()
    assert "needs JavaScript" in message.inner_text()
    assert not page.locator("#search-app").is_visible()
    message.get_by_role("link", name="date").click()
    page.wait_for_load_state()
    assert page.url.endswith("/timeline/index.html")
    context.close()


def test_noscript_offers_browse_pages(search_site):
    site, _ = search_site
    html = (site / "search" / "index.html").read_text(encoding="utf-8")
    noscript = html.split("<noscript>")[1].split("</noscript>")[0]
    for browse in ("timeline/", "people/", "countries/", "resolutions/", "types/"):
        assert browse in noscript
