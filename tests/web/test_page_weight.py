"""Page weight: a statement page with its CSS and scripts under 30 KB gzipped, no
render-blocking script, and nothing fetched from another host."""

from __future__ import annotations

import gzip
import posixpath
from html.parser import HTMLParser
from pathlib import Path

from webcheck import SAMPLE_STATEMENT, page_types

BUDGET = 30 * 1024  # bytes transferred, gzip


class _Resources(HTMLParser):
    """The stylesheets and scripts a page loads, with whether each script waits for parsing."""

    def __init__(self) -> None:
        super().__init__()
        self.stylesheets: list[str] = []
        self.scripts: list[tuple[str | None, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "link" and "stylesheet" in (attributes.get("rel") or "").split():
            self.stylesheets.append(attributes.get("href") or "")
        if tag == "script":
            waits = (
                "defer" in attributes
                or "async" in attributes
                or attributes.get("type") in ("module", "application/json", "application/ld+json")
            )
            self.scripts.append((attributes.get("src"), waits))


def resources(site: Path, page: str) -> _Resources:
    parser = _Resources()
    parser.feed((site / page).read_text(encoding="utf-8"))
    return parser


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9))


def test_statement_page_with_css_and_scripts_is_under_30_kb_gzipped(real_site: Path) -> None:
    page = SAMPLE_STATEMENT + "index.html"
    found = resources(real_site, page)
    files = [page] + [
        posixpath.normpath(posixpath.join(posixpath.dirname(page), url))
        for url in found.stylesheets + [src for src, _ in found.scripts if src]
    ]
    sizes = {name: gzip_size(real_site / name) for name in files}
    assert any(name.endswith(".css") for name in sizes), "the page's stylesheet was measured"
    total = sum(sizes.values())
    print(f"\nstatement page weight (gzip): {total} bytes: {sizes}")
    assert total < BUDGET, sizes


def test_no_render_blocking_script_on_any_page_type(real_site: Path) -> None:
    for page in page_types(real_site):
        # An inline script costs no request; an external one without defer holds up rendering.
        found = resources(real_site, page)
        blocking = [src for src, waits in found.scripts if src and not waits]
        assert blocking == [], f"{page}: scripts without defer: {blocking}"
