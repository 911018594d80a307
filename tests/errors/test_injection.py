"""Nothing injected: script payloads in every field of statements, front matter, people.yaml,
resolutions.yaml, site.yaml and about.md are shown as text on every page type and carried
safely in every other output (JSON, feeds, search files, SVG), never run."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from archive.build.pipeline import Project, build
from archive.content.read import link_is_safe, web_url

from .hostile import PAYLOAD, active_content, hostile, make_hostile_project

REPO = Path(__file__).resolve().parents[2]
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_hostile_project(tmp_path_factory.mktemp("hostile"), REPO)
    output = project / "site"
    build(Project(project), output)
    return output


def files(site: Path, suffix: str) -> list[Path]:
    found = sorted(p for p in site.rglob(f"*{suffix}") if p.is_file())
    assert found, f"no {suffix} files in the hostile site"
    return found


def strings(value: object) -> list[str]:
    """Every string in a JSON value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.items() for part in item for s in strings(part)]
    if isinstance(value, list):
        return [s for item in value for s in strings(item)]
    return []


def visible_text(site: Path, page: str) -> str:
    problems, text = active_content((site / page).read_text(encoding="utf-8"))
    assert problems == [], page
    return text


def test_no_page_runs_anything(hostile_site: Path) -> None:
    for path in files(hostile_site, ".html"):
        problems, _text = active_content(path.read_text(encoding="utf-8"))
        assert problems == [], path.relative_to(hostile_site)


@pytest.mark.parametrize(
    ("page", "markers"),
    [
        (
            "statements/2017-12-23-hostile/index.html",
            [
                "TITLE",
                "SPEAKER",
                "ROLE",
                "SPEAKERCOUNTRY",
                "PERSON",
                "SOURCE",
                "AUTHOR",
                "EVENT",
                "AGREEMENT",
                "COUNTRY",
                "BODY",
                "TAIL",
                "PEOPLENAME",
                "SITETITLE",
            ],
        ),
        ("statements/2018-03-01-curated/index.html", ["PEOPLENAME", "ROLETITLE", "ROLECOUNTRY"]),
        ("people/evil-person/index.html", ["PEOPLENAME", "ALIAS", "ROLETITLE"]),
        ("people/index.html", ["PEOPLENAME", "SPEAKER", "PERSON"]),
        ("resolutions/2397/index.html", ["SUBJECT", "TITLE"]),
        ("index.html", ["SITETITLE", "TITLE"]),
        ("timeline/2017/index.html", ["TITLE", "SPEAKER"]),
        ("about/index.html", ["ABOUTHEAD", "ABOUT"]),
        ("countries/index.html", ["COUNTRY", "SPEAKERCOUNTRY"]),
        ("search/index.html", ["SITETITLE"]),
        ("404.html", ["SITETITLE"]),
    ],
)
def test_the_text_still_shows(hostile_site: Path, page: str, markers: list[str]) -> None:
    text = visible_text(hostile_site, page)
    for marker in markers:
        assert hostile(marker) in text, f"{marker} is not shown as text on {page}"


def test_site_description_is_an_escaped_attribute(hostile_site: Path) -> None:
    html = (hostile_site / "index.html").read_text(encoding="utf-8")
    assert "SITEDESCRIPTION-&lt;script&gt;alert(1)&lt;/script&gt;&#34;&gt;&lt;img" in html or (
        "SITEDESCRIPTION-&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img" in html
    )


def test_the_about_page_drops_raw_html_and_script_links(hostile_site: Path) -> None:
    html = (hostile_site / "about" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "javascript:" not in html.replace("&lt;", "<").split("<main", 1)[-1].split("href=")[0]
    hrefs = re.findall(r'(?:href|src)="([^"]*)"', html)
    assert "https://example.org/" in hrefs
    assert [h for h in hrefs if not link_is_safe(h)] == []


def test_links_built_from_content_are_never_script_links() -> None:
    for url in (
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "jav\tascript:alert(1)",
        "jav&#x09;ascript:alert(1)",
        "&#106;avascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
    ):
        assert not link_is_safe(url), url
        assert web_url(url) is None, url
    assert web_url("https://www.mofa.go.jp/a.html") == "https://www.mofa.go.jp/a.html"
    assert web_url("/relative/path") is None
    assert link_is_safe("../people/x/index.html") and link_is_safe("#top")


def test_json_outputs_carry_the_text_exactly(hostile_site: Path) -> None:
    found = set()
    for path in files(hostile_site, ".json"):
        text = "\n".join(strings(json.loads(path.read_text(encoding="utf-8"))))
        found.update(m for m in ("TITLE", "PEOPLENAME", "SPEAKER") if hostile(m) in text)
    assert found == {"TITLE", "PEOPLENAME", "SPEAKER"}


def test_feeds_are_well_formed_and_their_html_runs_nothing(hostile_site: Path) -> None:
    for path in files(hostile_site, ".xml"):
        root = ElementTree.parse(path).getroot()
        assert not [e for e in root.iter() if e.tag.rsplit("}", 1)[-1] == "script"], path
        for element in root.iter():
            if element.get("type") in ("html", "xhtml") and element.text:
                problems, _text = active_content(element.text)
                assert problems == [], (path, element.tag)
    feed = ElementTree.parse(hostile_site / "feed.xml").getroot()
    titles = [e.text for e in feed.iter(f"{ATOM}title")]
    assert hostile("TITLE") in titles


def test_search_files_are_data_not_code(hostile_site: Path) -> None:
    """Each search file is one `ArchiveSearch.load(kind, key, data)` call of JSON values: the
    payload can only be a string in it."""
    call = re.compile(r"\AArchiveSearch\.load\((.*)\);?\s*\Z", re.DOTALL)
    carried = False
    for path in files(hostile_site / "search" / "index", ".js"):
        match = call.match(path.read_text(encoding="utf-8"))
        assert match, f"{path} is not a single ArchiveSearch.load call"
        arguments = json.loads(f"[{match.group(1)}]")
        carried = carried or hostile("TITLE") in strings(arguments)
    assert carried, "the hostile title is not in the search fragments"


def test_the_chart_runs_nothing(hostile_site: Path) -> None:
    for path in sorted(hostile_site.rglob("*.svg")):
        root = ElementTree.parse(path).getroot()
        for element in root.iter():
            assert element.tag.rsplit("}", 1)[-1] != "script", path
            assert not [a for a in element.attrib if a.startswith("on")], path


def test_csv_cells_hold_the_text_and_never_a_formula(hostile_site: Path) -> None:
    for path in files(hostile_site, ".csv"):
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
        cells = [cell for row in rows for cell in row]
        assert any(hostile("TITLE") in cell for cell in cells), path
        formulas = [c for c in cells if any(f in c for f in ("HYPERLINK", "SUM(", "cmd|"))]
        assert len(formulas) >= 3, path
        assert [c for c in formulas if c[:1] in ("=", "+", "-", "@")] == [], path


def test_payload_is_what_the_tests_think(hostile_site: Path) -> None:
    # Guard against a payload that no longer breaks out of anything.
    for needle in ("<script>", '">', "onerror=", "</script>"):
        assert needle in PAYLOAD
