"""The site of a few thousand real statements stays usable: no HTML page over 200 kB (a
statement page may pass it by its own text only), every long listing paginated with its
counts, the undated grouped by source and never in a year, and every internal link resolving.

The real corpus lies beside the repository (its parent's shared/corpus, README there); the test
is skipped, saying so, where it is absent. ARCHIVE_REAL_PAGES_N sets how many statements are
imported (every n-th of the corpus, so that each source is there)."""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from archive.build.pipeline import Project, build
from archive.cli.linkcheck import check_site
from archive.site import paging

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent.parent
LIMIT = 200_000
STATEMENTS = int(os.environ.get("ARCHIVE_REAL_PAGES_N", "2000"))


def real_corpus() -> Path | None:
    """The real corpus in the shared/corpus folder of the repository's parent (or of a folder
    above it: a worktree lies one level deeper than the main checkout)."""
    for folder in REPO.parents:
        corpus = folder / "shared" / "corpus" / "real-dev.jsonl.gz"
        if corpus.is_file():
            return corpus
    return None


@pytest.fixture(scope="module")
def real_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    corpus = real_corpus()
    if corpus is None:
        pytest.skip(
            "the real corpus (shared/corpus/real-dev.jsonl.gz beside the repository) is absent"
        )
    root = tmp_path_factory.mktemp("real-pages") / "project"
    (root / "content" / "statements").mkdir(parents=True)
    for name in ("templates", "static"):
        (root / name).symlink_to(REPO / name)
    if (REPO / "node_modules").exists():
        (root / "node_modules").symlink_to(REPO / "node_modules")
    for name in ("site.yaml", "about.md"):
        (root / "content" / name).write_bytes((REPO / "content" / name).read_bytes())
    with gzip.open(corpus, "rt", encoding="utf-8") as lines:
        records = lines.readlines()
    count = min(STATEMENTS, len(records))
    subset = root.parent / "subset.jsonl"
    subset.write_text(
        "".join(records[i * len(records) // count] for i in range(count)), encoding="utf-8"
    )
    subprocess.run(
        [sys.executable, str(REPO / "build.py"), "--project", str(root), "import", str(subset)],
        check=True,
        capture_output=True,
    )
    report = build(Project(root))
    return root / "site", report.archive


def own_text_bytes(page: Path, statements: dict[str, object]) -> int:
    statement = statements.get(page.parent.name)
    return sum(len(p.encode("utf-8")) for p in statement.paragraphs) if statement else 0


def test_no_html_page_over_200_kb_but_by_a_statements_own_text(real_build) -> None:
    site, archive = real_build
    statements = {s.id: s for s in archive.statements}
    heavy = []
    for page in site.rglob("*.html"):
        size = page.stat().st_size
        if size <= LIMIT:
            continue
        relative = page.relative_to(site).as_posix()
        if relative.startswith("statements/") and size - own_text_bytes(page, statements) <= LIMIT:
            continue
        heavy.append((relative, size))
    assert heavy == []


def listed_statements(page: Path) -> list[str]:
    """The ids of the statements a listing page links to."""
    return re.findall(
        r'class="statement-title" href="(?:\.\./)+statements/([^/]+)/', page.read_text("utf-8")
    )


def test_long_listings_are_paginated_with_counts_at_stable_addresses(real_build) -> None:
    site, archive = real_build
    assert len(archive.people) > paging.PAGE_SIZE, "the corpus names enough people"
    people = (site / "people" / "index.html").read_text("utf-8")
    assert 'aria-label="Family names by initial"' in people and "Most quoted" in people
    assert len(re.findall(r'<th scope="row">', people)) == paging.PAGE_SIZE
    # Every entity past a page is split by year; each year page lists only its year.
    split = [e for e in archive.countries.values() if len(e.statements) > paging.PAGE_SIZE]
    assert split, "some country has more than a page of statements"
    for entry in split:
        own = site / "countries" / entry.slug / "index.html"
        assert 'aria-label="Years"' in own.read_text("utf-8")
        for year_page in (site / "countries" / entry.slug).glob("*/index.html"):
            year = year_page.parent.name
            ids = listed_statements(year_page)
            assert 0 < len(ids) <= paging.PAGE_SIZE, year_page
            wanted = None if year == paging.UNDATED else int(year)
            assert all(archive.by_id(i).date.year == wanted for i in ids), year_page
    # A listing past a page: its pages at x/page/n/, linked at top and bottom, counted.
    paged = sorted(site.glob("**/page/2/index.html"))
    assert paged, "some listing has a second page"
    for page in paged:
        text = page.read_text("utf-8")
        assert text.count('<nav class="pager"') == 2, page
        assert re.search(r'<p class="listing-count">\d+–\d+ of \d+ ', text), page
        assert (page.parent.parent.parent / "index.html").is_file()


def test_a_statement_of_unknown_date_is_never_in_a_year(real_build) -> None:
    site, archive = real_build
    for year_page in (site / "timeline").glob("[0-9]*/**/index.html"):
        year = int(year_page.relative_to(site / "timeline").parts[0])
        for statement_id in listed_statements(year_page):
            assert archive.by_id(statement_id).date.year == year, (year_page, statement_id)
    undated = [s for s in archive.statements if not s.date.known]
    if undated:
        index = (site / "timeline" / "undated" / "index.html").read_text("utf-8")
        assert not listed_statements(site / "timeline" / "undated" / "index.html")
        for slug, group in archive.undated.items():
            assert f'href="{slug}/index.html"' in index
            listed = [
                i
                for page in (site / "timeline" / "undated" / slug).glob("**/index.html")
                for i in listed_statements(page)
            ]
            assert sorted(listed) == sorted(s.id for s in group.statements)


def test_every_internal_link_resolves(real_build) -> None:
    site, _ = real_build
    report = check_site(site)
    assert report.pages == len(list(site.rglob("*.html")))
    assert report.problems == []
