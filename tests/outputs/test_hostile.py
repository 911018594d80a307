"""Hostile text in a title, a speaker's name and a body stays text in every new output: HTML
meta tags and citation, JSON-LD, Atom, CSV, JSON, BibTeX and RIS."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from outputs_support import ATTRIBUTE, HOSTILE, SCRIPT, downloads, json_ld, read

STATEMENT = "statements/2020-05-01-hostile/"


def test_html_pages_never_carry_the_markup(hostile_site: Path) -> None:
    for page in hostile_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert SCRIPT not in html and "<img" not in html, page
        # Our own scripts only: files under static/, and the data blocks of statement pages
        # (JSON-LD, the citation and the statement's data), which never run.
        for tag in re.findall(r"<script[^>]*>", html):
            assert (
                'type="application/ld+json"' in tag
                or re.fullmatch(r'<script type="application/json" id="[a-z]+-data">', tag)
                or re.search(r'src="[./]*static/', tag)
            )


def test_json_ld_cannot_close_its_script_and_keeps_the_text(hostile_site: Path) -> None:
    html = read(hostile_site, STATEMENT + "index.html")
    block = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block and ">" not in block
    document = json_ld(html)
    people = [p["name"] for p in (*document["author"], *document.get("mentions", []))]
    assert document["name"] == HOSTILE and HOSTILE in people


def test_meta_tags_and_citation_escape_attributes(hostile_site: Path) -> None:
    html = read(hostile_site, STATEMENT + "index.html")
    assert '<meta name="citation_title" content="&lt;script&gt;' in html
    assert re.search(r'data-cite-head="[^"<>]*&lt;script&gt;', html)
    assert ATTRIBUTE not in html


def test_feeds_csv_and_json_round_trip_the_text(hostile_site: Path) -> None:
    feed = ET.parse(hostile_site / "feed.xml").getroot()
    titles = [t.text for t in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert HOSTILE in titles
    assert SCRIPT not in read(hostile_site, "feed.xml")
    rows = list(csv.DictReader(io.StringIO(read(hostile_site, "data/statements.csv"), newline="")))
    hostile = next(r for r in rows if r["id"] == "2020-05-01-hostile")
    assert hostile["title"] == HOSTILE and hostile["speakers"] == HOSTILE
    document = json.loads(downloads(hostile_site, STATEMENT)["statement.json"])
    assert document["title"] == HOSTILE and HOSTILE in document["paragraphs"][0]


def test_citation_files_keep_the_text_inert(hostile_site: Path) -> None:
    bib = downloads(hostile_site, STATEMENT)["cite.bib"]
    assert bib.count("{") - bib.count(r"\{") == bib.count("}") - bib.count(r"\}")
    ris = downloads(hostile_site, STATEMENT)["cite.ris"]
    assert all(line[:2].isupper() for line in ris.split("\r\n") if line)
    assert json.loads(downloads(hostile_site, STATEMENT)["cite.json"])[0]["title"] == HOSTILE
