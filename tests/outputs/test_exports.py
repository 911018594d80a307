"""The archive's data to take away: JSON and CSV with one documented record per statement,
each statement's JSON next to its page, sitemap.xml and robots.txt."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from outputs_support import BASE, SEED, downloads, read

from archive.formats import exports
from archive.formats.exports import FIELDS, STATEMENT_ONLY_FIELDS, csv_cell, sitemap_files
from archive.model import SiteSettings

REPO = Path(__file__).resolve().parents[2]
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_json_and_csv_have_one_row_per_statement_and_agree(real_site: Path) -> None:
    records = json.loads(read(real_site, "data/statements.json"))
    statements = sorted(p.name for p in (real_site / "statements").iterdir())
    assert sorted(r["id"] for r in records) == statements
    assert all(list(r) == list(FIELDS) for r in records)
    text = (real_site / "data" / "statements.csv").read_bytes().decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == len(records)
    assert list(rows[0]) == list(FIELDS)
    for record, row in zip(records, rows, strict=True):
        assert row == {name: csv_cell(record[name]) for name in FIELDS}
    seed = next(r for r in records if r["id"] == SEED)
    assert seed["speakers"] == ["Choe Son Hui"] and seed["date"] == "2024-03-29"
    assert seed["url"] == f"{BASE}statements/{SEED}/"


def test_statement_json_holds_the_record_and_clean_paragraphs(real_site: Path) -> None:
    document = json.loads(downloads(real_site, f"statements/{SEED}/")["statement.json"])
    assert list(document) == [*FIELDS, *STATEMENT_ONLY_FIELDS]
    html = read(real_site, f"statements/{SEED}/index.html")
    assert (
        len(document["paragraphs"])
        == document["paragraph_count"]
        == html.count('class="para-link"')
    )


def test_csv_joins_lists_and_defuses_formulas() -> None:
    assert csv_cell(["Japan", "North Korea"]) == "Japan; North Korea"
    assert csv_cell(None) == "" and csv_cell(True) == "true" and csv_cell(2397) == "2397"
    assert csv_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"


def test_readme_documents_every_field_and_no_other() -> None:
    """Datasette's habit: a field nobody documented fails the build's tests."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Data\n", 1)[1].split("\n## ", 1)[0]
    documented = re.findall(r"^\| `([a-z_]+)` \|", section, re.M)
    assert documented == [*FIELDS, *STATEMENT_ONLY_FIELDS]


def test_sitemap_lists_every_page_and_robots_points_at_it(real_site: Path) -> None:
    root = ET.parse(real_site / "sitemap.xml").getroot()
    listed = {loc.text for loc in root.iter(f"{SM}loc")}
    pages = set()
    for page in real_site.rglob("*.html"):
        path = page.relative_to(real_site).as_posix()
        if path != "404.html":
            pages.add(BASE + path.removesuffix("index.html"))
    assert listed == pages
    assert f"Sitemap: {BASE}sitemap.xml" in read(real_site, "robots.txt")


def test_a_big_site_gets_a_sitemap_index(monkeypatch) -> None:
    monkeypatch.setattr(exports, "SITEMAP_LIMIT", 2)
    site = SiteSettings(base_url=BASE)
    files = {
        f.path: f.content for f in sitemap_files(site, ["index.html", "a/index.html", "b/x.html"])
    }
    assert set(files) == {
        "sitemaps/sitemap-1.xml",
        "sitemaps/sitemap-2.xml",
        "sitemap.xml",
        "robots.txt",
    }
    index = ET.fromstring(files["sitemap.xml"])
    assert [loc.text for loc in index.iter(f"{SM}loc")] == [
        f"{BASE}sitemaps/sitemap-1.xml",
        f"{BASE}sitemaps/sitemap-2.xml",
    ]
