"""The typographic design in Chromium: a book-like measure and numbered paragraphs in the margin
on wide screens, no horizontal scroll at 360 px, and a print view with the statement, its
citation and its URL but no navigation or search."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from webcheck import SAMPLE_STATEMENT, SEARCH_RESULTS, page_types

pytestmark = pytest.mark.browser

#: Characters per line of the longest paragraph, and how its numbers sit.
TYPOGRAPHY = """() => {
  const paragraphs = [...document.querySelectorAll('.statement-body p[id^="p"]')];
  const p = paragraphs.reduce((a, b) => (b.textContent.length > a.textContent.length ? b : a));
  const link = p.querySelector('a.para-link');
  const text = [...p.childNodes].filter(n => n.nodeType === Node.TEXT_NODE).pop();
  const range = document.createRange();
  range.selectNodeContents(text);
  const lines = [...range.getClientRects()];
  const full = Math.max(...lines.map(r => r.width));
  const style = getComputedStyle(p);
  return {
    count: paragraphs.length,
    ids: paragraphs.every((q, i) => q.id === 'p' + (i + 1)),
    links: paragraphs.every((q, i) => {
      const a = q.querySelector('a.para-link');
      const n = String(i + 1);
      return a && a.getAttribute('href') === '#p' + n && a.textContent.trim() === n;
    }),
    lines: lines.length,
    perLine: text.textContent.trim().length / (lines.reduce((s, r) => s + r.width, 0) / full),
    lineHeight: parseFloat(style.lineHeight) / parseFloat(style.fontSize),
    numberRight: link.getBoundingClientRect().right,
    numberLeft: link.getBoundingClientRect().left,
    textLeft: lines[0].left,
    numberVisible: link.getBoundingClientRect().width > 0,
  };
}"""


def test_statement_measure_line_height_and_paragraph_numbers_in_the_margin(
    site_url: str, new_page: Any
) -> None:
    page = new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + SAMPLE_STATEMENT + "index.html")
    found = page.evaluate(TYPOGRAPHY)
    print(f"\nstatement typography at 1280 px: {found}")
    assert found["count"] >= 5 and found["ids"] and found["links"]
    assert found["lines"] >= 3, "the longest paragraph should run over several lines"
    assert 60 <= found["perLine"] <= 80, f"{found['perLine']:.0f} characters a line"
    assert 1.4 <= found["lineHeight"] <= 1.8
    assert found["numberVisible"] and found["numberLeft"] >= 0
    assert found["numberRight"] <= found["textLeft"], "the number hangs in the left margin"


def test_paragraph_numbers_stay_visible_on_a_phone(site_url: str, new_page: Any) -> None:
    page = new_page(viewport={"width": 360, "height": 800})
    page.goto(site_url + SAMPLE_STATEMENT + "index.html")
    found = page.evaluate(TYPOGRAPHY)
    assert found["numberVisible"] and found["numberLeft"] >= 0


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_horizontal_scroll_at_360_px_on_any_page_type(
    real_site: Path, site_url: str, new_page: Any, scheme: str
) -> None:
    page = new_page(viewport={"width": 360, "height": 800}, color_scheme=scheme)
    too_wide = {}
    for path in [*page_types(real_site), SEARCH_RESULTS[0]]:
        page.goto(site_url + path)
        if path == SEARCH_RESULTS[0]:
            page.wait_for_selector(SEARCH_RESULTS[1])
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            too_wide[path] = width
    assert too_wide == {}


def test_print_shows_statement_citation_and_url_without_navigation(
    site_url: str, new_page: Any
) -> None:
    page = new_page()
    page.goto(site_url + SAMPLE_STATEMENT + "index.html")
    page.emulate_media(media="print")
    shown = page.evaluate(
        """() => Object.fromEntries(Object.entries({
          header: '.site-header', nav: '.site-nav', search: '.site-search',
          footer: '.site-footer', prevNext: '.prev-next', title: 'h1', body: '.statement-body',
          citation: '.citation-text', url: '.print-url',
        }).map(([name, selector]) => {
          const el = document.querySelector(selector);
          return [name, !!el && el.getClientRects().length > 0];
        }))"""
    )
    assert shown == {
        "header": False,
        "nav": False,
        "search": False,
        "footer": False,
        "prevNext": False,
        "title": True,
        "body": True,
        "citation": True,
        "url": True,
    }
    url = page.inner_text(".print-url")
    canonical = page.get_attribute('link[rel="canonical"]', "href")
    assert url == canonical and canonical.endswith(SAMPLE_STATEMENT)
    assert canonical in page.inner_text(".citation-text")
    # The print view is what a PDF of the page shows.
    assert page.pdf()[:4] == b"%PDF"
