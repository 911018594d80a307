"""Any file name gives working links (issue 19, items 8 and 11): a statement's URL follows the
slug rules whatever its file is called, two files that one case-insensitive disk would take
for one are an error, and every URL of the sitemap, feeds, canonical links and data is
percent-encoded, so the project's own link checker finds nothing broken."""

from __future__ import annotations

import json
import re
import urllib.parse

from archive.cli.linkcheck import check_site
from tests.errors.conftest import BUILD_FAILED, CHECK_FAILED, expected

BASE_URL = "https://statements.example.org/the archive/"
TEXT = "The Minister said that the sanctions on the programme must be enforced by all.\n"
NAMES = [
    "with space",
    "quote'\"<b>",
    "a\nnewline",
    "--help",
    "#",
    "?",
    "%",
    "100%",
    "a#b?c%20d",
    "Upper Case",
    "caf\u00e9",
]
#: A URL as RFC 3986 allows it: unreserved and reserved characters, and %XX escapes.
URL = re.compile(
    r"^https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]*(?:%[0-9A-F]{2}[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]*)*$"
)
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def test_any_file_name_gives_working_percent_encoded_links(make_project, cli) -> None:
    files: dict[str, str | bytes] = {
        f"statements/{name}.md": f"---\ndate: 2017-09-{day:02d}\n---\nStatement {day}.\n\n{TEXT}"
        for day, name in enumerate(NAMES, 1)
    }
    files["statements/original.md"] = (
        "---\ndate: 2017-10-01\nurl: 'https://example.org/a b/caf\u00e9?q=\"<x>\"&p=5%&e=%20'\n"
        "---\n" + TEXT
    )
    files["site.yaml"] = f"title: Archive\nbase_url: {BASE_URL}\n"
    project = make_project(files)
    code, _out, err = cli(project, "build")
    assert code == 0, err
    site = project / "site"
    pages = sorted(p.name for p in (site / "statements").iterdir() if p.is_dir())
    assert len(pages) == len(NAMES) + 1
    assert all(SLUG.match(name) for name in pages), pages
    assert "with-space" in pages and "help" in pages and "upper-case" in pages

    report = check_site(site, BASE_URL.replace(" ", "%20"))
    assert report.problems == []
    assert report.links > 100

    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>(.*?)</loc>", sitemap, re.DOTALL)
    assert len(locations) > len(NAMES)
    for location in locations:
        assert URL.match(location), location
        assert location.startswith("https://statements.example.org/the%20archive/")
    absolute = re.findall(r'href="(https?://[^"]*)"', (site / "feed.xml").read_text("utf-8"))
    assert absolute and all(URL.match(url.replace("&amp;", "&")) for url in absolute)
    records = json.loads((site / "data" / "statements.json").read_bytes())
    records = records if isinstance(records, list) else records["statements"]
    for record in records:
        assert URL.match(record["url"]), record["url"]
    original = next(r["original_url"] for r in records if r.get("original_url"))
    assert original == "https://example.org/a%20b/caf%C3%A9?q=%22%3Cx%3E%22&p=5%25&e=%20"
    assert urllib.parse.unquote(original) == 'https://example.org/a b/caf\u00e9?q="<x>"&p=5%&e= '
    html = (site / "statements" / "original" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/a%20b/caf%C3%A9?q=%22%3Cx%3E%22&amp;p=5%25&amp;e=%20"' in html


def test_two_files_one_case_insensitive_disk_takes_for_one_are_an_error(make_project, cli) -> None:
    project = make_project(
        {"statements/A.md": "Statement A.\n\n" + TEXT, "statements/a.md": "Statement a.\n\n" + TEXT}
    )
    line = (
        "content/statements/a.md: would have the same URL statements/a/ as "
        "content/statements/A.md; rename one file or give it a different slug: in front matter"
    )
    assert cli(project, "build")[::2] == (1, expected([line], BUILD_FAILED))
    assert cli(project, "check")[::2] == (1, expected([line], CHECK_FAILED))
