"""A statement page's downloads (BibTeX, RIS, CSL-JSON, the statement's data), made by
static/cite.js from the page's own data: clicked in Chromium over http and from file://,
each download's text is what the build formatted (tests/page_data.py reads the same page)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from archive.formats.cite import CITATION_FILES
from tests.page_data import downloads

SEED = "2024-03-29-north-korea-shuts-door-on-japan"
PAGE = f"statements/{SEED}/"
NAMES = [*CITATION_FILES, "statement.json"]


def clicked_downloads(page: Any, url: str) -> dict[str, tuple[str, str]]:
    """Each download control's file name and text, by its data-name."""
    page.goto(url)
    found = {}
    for name in NAMES:
        link = page.locator(f'a.cite-download[data-name="{name}"]')
        with page.expect_download() as info:
            link.click()
        download = info.value
        found[name] = (
            download.suggested_filename,
            Path(download.path()).read_bytes().decode("utf-8"),
        )
    return found


@pytest.mark.parametrize("how", ["http", "file"])
def test_each_download_is_what_the_build_formatted(
    how: str, real_site: Path, site_url: str, new_page: Any
) -> None:
    url = site_url + PAGE if how == "http" else (real_site / PAGE / "index.html").as_uri()
    page = new_page(accept_downloads=True)
    got = clicked_downloads(page, url)
    expected = downloads(real_site, PAGE)
    assert got["cite.bib"] == (f"{SEED}-cite.bib", expected["cite.bib"])
    assert got["cite.ris"] == (f"{SEED}-cite.ris", expected["cite.ris"])
    assert got["cite.bib"][1].startswith(f"@misc{{{SEED},\n") and "\r\n" in got["cite.ris"][1]
    assert got["cite.json"][0] == f"{SEED}-cite.json"
    assert json.loads(got["cite.json"][1]) == json.loads(expected["cite.json"])
    assert got["statement.json"][0] == f"{SEED}.json"
    document = json.loads(got["statement.json"][1])
    assert document == json.loads(expected["statement.json"])
    assert document["id"] == SEED and len(document["paragraphs"]) == document["paragraph_count"]
    assert page.console_errors == [] and page.foreign_requests == []


FIRST = (
    "A Statement on the Talks\n\n"
    "The Minister said today that the talks  were constructive.  Both sides agreed to meet "
    "again in March,\nand to exchange proposals beforehand.\n\n"
    "A second paragraph that the source kept as it was, word for word, across versions.\n"
)
SECOND = FIRST.replace("in March", "in April") + "\nA paragraph the source added later on.\n"


def test_the_data_download_gives_each_version_text_back_exactly(
    make_project: Any, new_page: Any, tmp_path: Path
) -> None:
    """A version's text is embedded as pieces referring to the page's paragraphs (its
    spaces as the source had them); the download puts the exact text back."""
    import hashlib

    from archive.cli.main import main

    project = make_project()
    for number, text in enumerate((FIRST, SECOND), start=1):
        records = tmp_path / f"{number}.jsonl"
        record = {"text": text, "url": "https://example.org/talks", "date": "2024-01-02"}
        record["retrieved"] = f"2024-01-0{number + 2}T08:00:00Z"
        records.write_text(json.dumps(record) + "\n", encoding="utf-8")
        assert main(["--project", str(project), "import", str(records)]) == 0
    assert main(["--project", str(project), "build"]) == 0
    site = project / "site"
    (folder,) = (site / "statements").iterdir()
    html = (folder / "index.html").read_text(encoding="utf-8")
    # The latest text is not in the page twice; the older one, changed since, is written out.
    assert '"pieces":["A Statement on the Talks' in html
    assert "constructive.  Both sides agreed to meet again in April" not in html
    page = new_page(accept_downloads=True)
    got = clicked_downloads(page, (folder / "index.html").as_uri())
    document = json.loads(got["statement.json"][1])
    texts = [v["text"] for v in document["versions"]]
    assert texts[-1].startswith("A Statement on the Talks") and len(texts) == 2
    assert "talks  were constructive.  Both" in texts[-1] and "in April,\nand" in texts[-1]
    for version in document["versions"]:
        assert version["sha256"] == hashlib.sha256(version["text"].encode()).hexdigest()
    assert document == json.loads(downloads(site, f"statements/{folder.name}/")["statement.json"])
    assert page.console_errors == []
