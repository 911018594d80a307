"""Citations of a real seed statement: the formatted text, BibTeX, RIS, CSL-JSON and the
citation_* meta tags that Zotero reads."""

from __future__ import annotations

import json
import re
from pathlib import Path

from outputs_support import BASE, SEED, downloads, read, statement

from archive.formats.cite import bibtex_escape, citation_text
from archive.model import StatementDate

URL = f"{BASE}statements/{SEED}/"


def test_statement_page_has_citation_text_and_downloads(real_site: Path) -> None:
    html = read(real_site, f"statements/{SEED}/index.html")
    text = re.search(r'<p class="citation-text"[^>]*>(.*?)</p>', html, re.S).group(1)
    # A news report: its author is the reporter, not the Foreign Minister it quotes.
    assert text.startswith("Daniel Kim. “") and "Viewus, 29 March 2024." in text
    assert "Choe Son Hui" not in text
    assert "Japan, North Korea and the Security Council" in text and text.endswith(URL)
    # The downloads are made in the browser from the page's data, not files beside it.
    for name in ("cite.bib", "cite.ris", "cite.json", "statement.json"):
        assert f'data-name="{name}"' in html
        assert not (real_site / "statements" / SEED / name).exists()
    assert set(downloads(real_site, f"statements/{SEED}/")) == {
        "cite.bib",
        "cite.ris",
        "cite.json",
        "statement.json",
    }
    assert 'data-cite-head="' in html and f'data-cite-url="{URL}"' in html


def test_citation_names_a_paragraph() -> None:
    s = statement("x", date=StatementDate(2017, 12, 23, "day"), speaker="Taro Kono")
    text = citation_text(s, "The Archive", "https://a.example/statements/x/", paragraph=4)
    assert text == (
        "Taro Kono. “A title.” Ministry, 23 December 2017, para. 4. The Archive. "
        "https://a.example/statements/x/#p4"
    )


def test_bibtex_of_a_seed(real_site: Path) -> None:
    bib = downloads(real_site, f"statements/{SEED}/")["cite.bib"]
    assert bib.startswith(f"@misc{{{SEED},\n")
    assert "  author = {{Daniel Kim}},\n" in bib  # one whole name, not split
    assert "  year = {2024},\n" in bib and "  month = {mar},\n" in bib
    assert "  date = {2024-03-29},\n" in bib and "  howpublished = {Viewus},\n" in bib
    assert f"  url = {{{URL}}}" in bib
    assert bib.count("{") == bib.count("}")


def test_bibtex_escapes_what_would_break_the_entry() -> None:
    assert bibtex_escape("50% of {x} & y_z #1 $") == r"50\% of \{x\} \& y\_z \#1 \$"


def test_ris_of_a_seed(real_site: Path) -> None:
    ris = downloads(real_site, f"statements/{SEED}/")["cite.ris"]
    lines = ris.split("\r\n")
    assert lines[0].startswith("TY  - ") and lines[-2] == "ER  - " and lines[-1] == ""
    tags = dict(line.split("  - ", 1) for line in lines[:-1])
    assert "AU  - Daniel Kim\r\n" in ris and tags["T2"] == "Viewus" and tags["TY"] == "NEWS"
    assert tags["PY"] == "2024" and tags["DA"] == "2024/03/29/"
    assert tags["UR"] == URL and tags["DB"] == "Japan, North Korea and the Security Council"
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line) for line in lines[:-1])


def test_csl_json_of_a_seed(real_site: Path) -> None:
    items = json.loads(downloads(real_site, f"statements/{SEED}/")["cite.json"])
    assert len(items) == 1
    item = items[0]
    assert item["id"] == SEED and item["type"] in {"article-newspaper", "document", "speech"}
    assert item["issued"] == {"date-parts": [[2024, 3, 29]]}
    assert item["URL"] == URL and item["container-title"] == "Viewus"
    assert item["author"] == [{"literal": "Daniel Kim"}]
    assert item["title"]


def test_highwire_meta_tags_for_zotero(real_site: Path) -> None:
    html = read(real_site, f"statements/{SEED}/index.html")
    tags = dict(re.findall(r'<meta name="(citation_[a-z_]+)" content="([^"]*)">', html))
    assert tags["citation_title"]
    assert tags["citation_author"] == "Daniel Kim"
    assert tags["citation_publication_date"] == "2024/03/29" == tags["citation_date"]
    assert tags["citation_public_url"] == URL
    assert tags["citation_journal_title"] == "Viewus"
