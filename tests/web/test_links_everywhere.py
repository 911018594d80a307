"""No broken link or anchor anywhere in the built site: every HTML page, and the absolute links
that canonical tags, feeds and the sitemap make into it."""

from __future__ import annotations

from pathlib import Path

from webcheck import REPO

from archive.cli.linkcheck import check_site
from archive.content.read import parse_site_settings


def test_whole_real_site_has_no_broken_link_or_anchor(real_site: Path) -> None:
    settings = parse_site_settings(
        (REPO / "content" / "site.yaml").read_text(encoding="utf-8"), "content/site.yaml"
    )
    assert settings.base_url, "the real site has a base_url, so absolute links are checked too"
    report = check_site(real_site, settings.base_url)
    html_pages = len(list(real_site.rglob("*.html")))
    assert report.pages == html_pages  # search/, 404 and every page others add are all read
    assert report.problems == []


def test_absolute_links_in_feeds_sitemaps_and_canonicals_are_checked(tmp_path: Path) -> None:
    base = "https://example.org/archive/"
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        f'<link rel="canonical" href="{base}a/"><p id="p1">x</p>'
        f'<link rel="canonical" href="{base}gone/">',
        encoding="utf-8",
    )
    (tmp_path / "feed.xml").write_text(
        f'<feed><link href="{base}a/"/><link href="{base}a/#p1"/><link href="{base}a/#p9"/>'
        f'<link href="https://other.org/x"/></feed>',
        encoding="utf-8",
    )
    (tmp_path / "sitemap.xml").write_text(
        f"<urlset><url><loc>{base}</loc></url><url><loc>{base}a/</loc></url></urlset>",
        encoding="utf-8",
    )
    report = check_site(tmp_path, base)
    assert report.problems == [
        f'a/index.html: canonical broken link "{base}gone/"',
        f'feed.xml: broken anchor "{base}a/#p9"',
        f'sitemap.xml: broken link "{base}"',
    ]
    assert check_site(tmp_path).problems == []  # without base_url, absolute links are not ours
