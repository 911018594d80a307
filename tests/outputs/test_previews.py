"""Link previews: Open Graph on every page, schema.org JSON-LD on each statement."""

from __future__ import annotations

import re
from pathlib import Path

from outputs_support import BASE, SEED, json_ld, read


def test_every_page_has_open_graph_tags(real_site: Path) -> None:
    for page in real_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        og = dict(re.findall(r'<meta property="og:([a-z_]+)" content="([^"]*)">', html))
        assert og.get("title") and og.get("type") and og.get("site_name"), page
        assert "description" in og, page
        if page.name != "404.html":
            assert og["url"].startswith(BASE), page


def test_statement_json_ld_names_the_reporter_and_mentions_the_speaker(real_site: Path) -> None:
    html = read(real_site, f"statements/{SEED}/index.html")
    document = json_ld(html)
    assert document["@context"] == "https://schema.org"
    assert document["@type"] in {"Article", "NewsArticle"}
    assert document["author"] == [{"@type": "Person", "name": "Daniel Kim"}]
    speaker = document["mentions"][0]
    assert speaker["@type"] == "Person" and speaker["name"] == "Choe Son Hui"
    assert speaker["jobTitle"]
    assert document["datePublished"] == "2024-03-29"
    assert document["url"] == f"{BASE}statements/{SEED}/"
    assert document["isPartOf"]["name"] == "Japan, North Korea and the Security Council"
    assert document["publisher"]["name"] == "Viewus"
