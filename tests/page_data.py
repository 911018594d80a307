"""What a statement page offers to download (its citations and data), read from the page as
static/cite.js reads it: tests of any part look at a statement's data this way."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path
from typing import Any

from archive.formats.exports import joined_pieces


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def embedded(html: str, element_id: str) -> Any:
    """The JSON a page embeds in <script type="application/json" id=element_id>, parsed."""
    pattern = rf'<script type="application/json" id="{element_id}">(.*?)</script>'
    match = re.search(pattern, html, re.S)
    assert match, f"no {element_id} block"
    return json.loads(match.group(1))


def page_paragraphs(html: str) -> list[str]:
    """A statement page's paragraphs as text, each without its number link."""
    found = re.findall(r'<p id="p\d+"><a class="para-link"[^>]*>\d+</a> (.*?)</p>', html, re.S)
    return [unescape(re.sub(r"<[^>]+>", "", text)) for text in found]


def downloads(site: Path, page_dir: str) -> dict[str, str]:
    """The downloads of a statement page ("statements/x/"), by file name, made from what the
    page embeds as static/cite.js makes them (tests/web/test_cite_downloads.py clicks them)."""
    html = read(site, page_dir + "index.html")
    assert 'src="../../static/cite.js"' in html
    cite, data = embedded(html, "citation-data"), embedded(html, "statement-data")
    paragraphs = page_paragraphs(html)
    document = {k: v for k, v in data.items() if k not in ("notes", "versions")}
    document |= {
        "paragraphs": paragraphs,
        "notes": data["notes"],
        "versions": [
            {
                **{k: v for k, v in version.items() if k != "pieces"},
                "text": joined_pieces(version["pieces"], paragraphs)
                if "pieces" in version
                else version["text"],
            }
            for version in data["versions"]
        ],
    }
    return {
        **cite["files"],
        "cite.json": json.dumps(cite["csl"], ensure_ascii=False),
        "statement.json": json.dumps(document, ensure_ascii=False),
    }


def statement_document(site: Path, statement_id: str) -> dict[str, Any]:
    """The statement's data download (what statements/<id>/statement.json held), parsed."""
    return json.loads(downloads(site, f"statements/{statement_id}/")["statement.json"])
