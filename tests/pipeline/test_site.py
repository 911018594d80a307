"""Whole builds: the real content/ and small projects, through the command line too."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from archive.build.pipeline import Project, build
from archive.cli.linkcheck import check_site
from archive.cli.main import main

STATEMENTS = {
    "2017-09-12-kono-statement-resolution-2375",
    "2017-12-23-japan-welcomes-resolution-2397",
    "2018-09-17-bessho-security-council-non-proliferation-dprk",
    "2019-01-29-north-korea-opposes-japan-permanent-seat",
    "2024-03-29-north-korea-shuts-door-on-japan",
}


def page(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_real_site_has_every_page_type(real_site: Path) -> None:
    for path in [
        "index.html",
        "404.html",
        "search/index.html",
        "about/index.html",
        "timeline/index.html",
        "timeline/2017/index.html",
        "people/index.html",
        "people/kim-song/index.html",
        "people/choe-son-hui/index.html",
        "countries/index.html",
        "resolutions/index.html",
        "resolutions/2375/index.html",
        "resolutions/2397/index.html",
        "types/index.html",
        "topics/index.html",
        "topics/sanctions/index.html",
        "static/style.css",
    ]:
        assert (real_site / path).is_file(), path
    built = {p.name for p in (real_site / "statements").iterdir()}
    assert built == STATEMENTS


def test_real_site_links_and_anchors_all_resolve(real_site: Path) -> None:
    report = check_site(real_site)
    assert report.pages >= 20 and report.links > 300
    assert report.problems == []


def test_statement_page_shows_its_metadata(real_site: Path) -> None:
    html = page(real_site, "statements/2024-03-29-north-korea-shuts-door-on-japan/index.html")
    assert '<time datetime="2024-03-29">29 March 2024</time>' in html
    assert "supplied by the curator" in html
    assert 'href="../../people/choe-son-hui/index.html">Choe Son Hui</a>' in html
    assert 'id="p1"' in html and 'href="#p1"' in html
    assert "Cite this statement" in html and "Viewus" in html
    assert '<link rel="canonical" href="https://statements.example.org/statements/' in html


def test_resolution_page_quotes_the_citing_sentence(real_site: Path) -> None:
    html = page(real_site, "resolutions/2397/index.html")
    assert "S/RES/2397 (2017)" in html
    assert 'href="https://undocs.org/S/RES/2397(2017)"' in html
    assert "2017-12-23-japan-welcomes-resolution-2397/index.html#p" in html
    assert "22 December 2017" in html


def test_home_page_counts_and_latest(real_site: Path) -> None:
    html = page(real_site, "index.html")
    assert "5 statements</a>" in html
    assert "from 12 September 2017 to 29 March 2024" in html
    latest = re.findall(r'class="statement-title" href="statements/([^/]+)/', html)
    assert latest[0] == "2024-03-29-north-korea-shuts-door-on-japan"


def test_no_page_requests_another_host_or_uses_absolute_paths(real_site: Path) -> None:
    for path in real_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        # The 404 page alone is served at any address, so it links from the site's base path.
        if path.name != "404.html":
            assert not re.search(r'(?:src|href)="/', html), path
        assert not re.search(
            r'<(?:script|link|img)[^>]+(?:src|href)="https?://(?!statements\.example)', html
        )


def test_hostile_text_is_escaped_everywhere(make_project) -> None:
    payload = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'
    project = make_project(
        {
            "statements/evil.md": f"---\ntitle: '{payload}'\ndate: 2020-01-01\n"
            f"speaker: '{payload}'\nsource: '{payload}'\n---\n"
            f"{payload}\n\nResolution 2397 {payload}\n"
        }
    )
    output = project / "site"
    build(Project(project), output)
    for path in output.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html, path
    html = page(output, "statements/evil/index.html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_two_builds_are_byte_identical(make_project, repo: Path) -> None:
    project = make_project()
    for source in (repo / "content" / "statements").iterdir():
        (project / "content" / "statements" / source.name).write_bytes(source.read_bytes())
    first, second = project / "one", project / "two"
    build(Project(project), first)
    build(Project(project), second)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for relative in files:
        assert (first / relative).read_bytes() == (second / relative).read_bytes(), relative


def test_failed_build_leaves_previous_site(make_project, capsys) -> None:
    project = make_project({"statements/a.md": "---\ndate: 2017-01-01\n---\nText.\n"})
    assert main(["--project", str(project), "build"]) == 0
    before = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    (project / "content" / "statements" / "b.md").write_text("---\ndate: 2017-13-01\n---\nx\n")
    assert main(["--project", str(project), "build"]) == 1
    err = capsys.readouterr().err
    assert 'content/statements/b.md:2: date "2017-13-01" is not a date' in err
    assert "Traceback" not in err
    after = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert after == before
    assert not [p for p in project.iterdir() if p.name.startswith(".site-")]


def test_check_validates_without_writing(make_project, capsys) -> None:
    project = make_project({"statements/a.md": "Text of a statement.\n"})
    assert main(["--project", str(project), "check"]) == 0
    assert "no date found" in capsys.readouterr().out
    assert not (project / "site").exists()


def test_refuses_to_write_over_content_or_project(make_project, capsys) -> None:
    project = make_project({"statements/a.md": "Text.\n"})
    for output in (project, project / "content", project.parent):
        assert main(["--project", str(project), "build", "-o", str(output)]) == 1
        assert "refusing to write the site" in capsys.readouterr().err
    assert (project / "content" / "statements" / "a.md").exists()


def test_help_lists_the_subcommands(repo: Path) -> None:
    result = subprocess.run(
        [sys.executable, "build.py", "--help"], cwd=repo, capture_output=True, text=True
    )
    assert result.returncode == 0
    for command in ("build", "serve", "check"):
        assert re.search(rf"^\s+{command}\s", result.stdout, re.MULTILINE), command


def test_topics_are_browsable_and_linked_from_statements(real_site: Path) -> None:
    html = page(
        real_site, "statements/2019-01-29-north-korea-opposes-japan-permanent-seat/index.html"
    )
    assert '<a href="../../topics/security-council-reform/index.html">' in html
    topic = page(real_site, "topics/security-council-reform/index.html")
    assert "north-korea-opposes-japan-permanent-seat" in topic
    assert "Security Council reform" in page(real_site, "topics/index.html")


def test_curated_topics_win_and_take_the_vocabulary_spelling(make_project) -> None:
    from archive.build.pipeline import Project, build

    project = make_project(
        {
            "statements/a.md": "---\ndate: 2017-09-12\ntopics: [sanctions, Energy supply]\n---\n"
            "Japan welcomes the resolution. Missiles, missiles and missiles.\n",
            "statements/b.md": "---\ndate: 2017-09-13\n---\nThe sanctions and the sanctions.\n",
        }
    )
    build(Project(project), project / "site")
    a = page(project / "site", "statements/a/index.html")
    assert "topics/sanctions/index.html" in a and "topics/energy-supply/index.html" in a
    assert "topics/missiles/" not in a
    listing = page(project / "site", "topics/sanctions/index.html")
    assert "statements/a/" in listing and "statements/b/" in listing
    assert "Same topic: Sanctions" in a
