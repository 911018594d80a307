"""Check a built site for broken internal links and anchors, and for requests to other hosts.

Used by the tests on every build and available to curators; parses each HTML page once. Given
the site's base_url, it also checks the absolute links that canonical tags, feeds and sitemaps
make into the site.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

_LINK_ATTRIBUTES = {("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")}
#: Elements whose URL the browser fetches by itself when the page loads (as opposed to links a
#: reader follows): these may never point at another host.
_FETCHED = {("link", "href"), ("script", "src"), ("img", "src")}


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str, str]] = []  # (tag, attribute, url)
        self.ids: set[str] = set()
        self.canonical: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id":
                self.ids.add(value)
            if (tag, name) in _LINK_ATTRIBUTES:
                if tag == "link" and ("rel", "canonical") in attrs:
                    self.canonical.append(value)  # absolute on purpose: checked by base_url
                    continue
                self.links.append((tag, name, value))


@dataclass
class LinkReport:
    pages: int = 0
    links: int = 0
    problems: list[str] = field(default_factory=list)


def check_site(site: Path, base_url: str = "") -> LinkReport:
    """Every internal link and #anchor in site/ must resolve; no page may fetch another host.

    With `base_url`, absolute URLs under it (canonical links, and every link in the XML files:
    feeds, sitemap) must resolve to a file of the site too.
    """
    pages: dict[str, _PageParser] = {}
    for path in sorted(site.rglob("*.html")):
        parser = _PageParser()
        parser.feed(path.read_text(encoding="utf-8"))
        pages[path.relative_to(site).as_posix()] = parser
    report = LinkReport(pages=len(pages))
    base_path = urlsplit(base_url).path or "/"
    for page, parser in pages.items():
        for tag, attribute, url in parser.links:
            report.links += 1
            if page == "404.html" and url.startswith(base_path):
                # Served at any missing address, the 404 page links from the site's base path.
                url = url[len(base_path) :]
            problem = _check_link(site, pages, page, tag, attribute, url)
            if problem:
                report.problems.append(f"{page}: {problem}")
        if base_url:
            for url in parser.canonical:
                report.links += 1
                problem = _check_absolute(site, pages, base_url, url)
                if problem:
                    report.problems.append(f"{page}: canonical {problem}")
    if base_url:
        for path in sorted(site.rglob("*.xml")):
            for url in _XML_LINK.findall(path.read_text(encoding="utf-8")):
                report.links += 1
                problem = _check_absolute(site, pages, base_url, _unescape_xml(url))
                if problem:
                    report.problems.append(f"{path.relative_to(site).as_posix()}: {problem}")
    return report


#: Links in feeds and sitemaps: href attributes (Atom) and <loc> elements (sitemap).
_XML_LINK = re.compile(r'\bhref="([^"]*)"|<loc>\s*([^<\s]*)\s*</loc>')


def _unescape_xml(match: tuple[str, str] | str) -> str:
    url = "".join(match) if isinstance(match, tuple) else match
    return url.replace("&amp;", "&")


def _check_absolute(
    site: Path, pages: dict[str, _PageParser], base_url: str, url: str
) -> str | None:
    """An absolute URL into the site (served over http, so directory URLs are fine)."""
    if not url.startswith(base_url):
        return None  # another site's page, such as the official text of a resolution
    parts = urlsplit(url[len(base_url) :])
    target = unquote(parts.path)
    if target == "" or target.endswith("/"):
        target += "index.html"
    if not (site / target).is_file():
        return f'broken link "{url}"'
    if parts.fragment and target.endswith(".html"):
        anchors = pages.get(target)
        if anchors is not None and unquote(parts.fragment) not in anchors.ids:
            return f'broken anchor "{url}"'
    return None


def _check_link(
    site: Path, pages: dict[str, _PageParser], page: str, tag: str, attribute: str, url: str
) -> str | None:
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        if (tag, attribute) in _FETCHED:
            return f"fetches {url} from another host"
        return None  # an outbound link a reader may follow
    if url.startswith("/"):
        return f'absolute path "{url}" breaks under a sub-path and from file://'
    target = (
        page
        if not parts.path
        else posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
    )
    if target.startswith("../"):
        return f'"{url}" leaves the site'
    if parts.path.endswith("/") or (site / target).is_dir():
        return f'"{url}" links to a directory, which does not open from file://'
    if not (site / target).is_file():
        return f'broken link "{url}"'
    if parts.fragment and target.endswith(".html"):
        anchors = pages.get(target)
        if anchors is not None and unquote(parts.fragment) not in anchors.ids:
            return f'broken anchor "{url}"'
    return None
