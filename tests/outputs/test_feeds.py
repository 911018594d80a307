"""Atom feeds (RFC 4287), parsed with xml.etree: the site's newest statements and one per
person, country and resolution, each announced by the page it belongs to."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

from outputs_support import BASE, read, statement

from archive.build.pipeline import Project, build
from archive.formats.feeds import FEED_SIZE, atom_feed, newest
from archive.model import SiteSettings, StatementDate

A = "{http://www.w3.org/2005/Atom}"


def check_atom(path: Path) -> ET.Element:
    """The feed at `path`, after checking the elements RFC 4287 requires."""
    feed = ET.parse(path).getroot()
    assert feed.tag == f"{A}feed"
    for required in ("id", "title", "updated"):
        assert feed.find(f"{A}{required}").text, required
    assert feed.find(f"{A}author/{A}name").text
    self_link = feed.find(f"{A}link[@rel='self']").get("href")
    assert self_link == BASE + path.name or self_link.endswith("/feed.xml")
    assert self_link.startswith(BASE)
    for entry in feed.findall(f"{A}entry"):
        assert entry.find(f"{A}id").text.startswith(BASE)
        assert entry.find(f"{A}title").text
        assert entry.find(f"{A}updated").text.endswith("T00:00:00Z")
        assert entry.find(f"{A}link[@rel='alternate']").get("href").startswith(BASE)
    return feed


def test_site_feed_lists_the_newest_first(real_site: Path) -> None:
    feed = check_atom(real_site / "feed.xml")
    entries = feed.findall(f"{A}entry")
    assert len(entries) == 5
    updated = [e.find(f"{A}updated").text for e in entries]
    assert updated == sorted(updated, reverse=True)
    assert feed.find(f"{A}updated").text == updated[0] == "2024-03-29T00:00:00Z"
    first = entries[0]
    assert (
        first.find(f"{A}id").text == f"{BASE}statements/2024-03-29-north-korea-shuts-door-on-japan/"
    )
    # A news report's author is its reporter, not the minister it quotes.
    assert first.find(f"{A}author/{A}name").text == "Daniel Kim"


def test_every_person_country_resolution_and_topic_has_a_feed_its_page_announces(
    real_site: Path,
) -> None:
    for section in ("people", "countries", "resolutions", "topics"):
        pages = [p for p in (real_site / section).iterdir() if p.is_dir()]
        assert pages, section
        for page in pages:
            check_atom(page / "feed.xml")
            html = read(page, "index.html")
            assert '<link rel="alternate" type="application/atom+xml"' in html
            assert 'href="feed.xml"' in html
    assert 'type="application/atom+xml"' in read(real_site, "index.html")


def test_feed_entries_are_capped_and_newest() -> None:
    many = [
        statement(f"s{i:03d}", StatementDate(2000 + i // 12, i % 12 + 1, 1, "day"))
        for i in range(FEED_SIZE + 20)
    ]
    chosen = newest(many)
    assert len(chosen) == FEED_SIZE and chosen[0].id == "s069"
    site = SiteSettings(title="T", base_url=BASE)
    feed = ET.fromstring(atom_feed(site, "feed.xml", "", "T", chosen))
    assert len(feed.findall(f"{A}entry")) == FEED_SIZE


def test_without_base_url_there_are_no_feeds_and_no_links_to_them(
    make_project: Callable[..., Path], tmp_path: Path
) -> None:
    project = make_project(
        {"statements/2019-01-01-a.md": "---\ndate: 2019-01-01\nspeaker: kim-song\n---\nText.\n"}
    )
    (project / "content" / "site.yaml").write_text("title: No base\n", encoding="utf-8")
    build(Project(project), tmp_path / "out")
    assert not list((tmp_path / "out").rglob("feed.xml"))
    assert not (tmp_path / "out" / "sitemap.xml").exists()
    assert "Sitemap:" not in read(tmp_path / "out", "robots.txt")
    assert "application/atom+xml" not in read(tmp_path / "out", "people/kim-song/index.html")
