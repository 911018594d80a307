"""Fixtures for the search tests: a small varied corpus, its built index, and node."""

from __future__ import annotations

import dataclasses
import random
import shutil
from pathlib import Path

import pytest

from archive.build.pipeline import Project, load
from archive.model import PersonRef, Statement, StatementDate
from archive.search.index import build_search_index

REPO = Path(__file__).resolve().parents[2]
NODE = shutil.which("node")
LUNR_JS = REPO / "node_modules" / "lunr" / "lunr.js"


def require_node() -> str:
    """node and the pinned lunr.js, or a skip that says how to get them."""
    if NODE is None:
        pytest.skip("node is not installed: the lunr.js comparison tests need Node 20")
    if not LUNR_JS.exists():
        pytest.skip("node_modules/lunr is missing: run `npm ci` to install the pinned lunr.js")
    return NODE


def small_corpus(count: int = 160, seed: int = 7) -> tuple[list[Statement], object]:
    """The real statements plus `count` made from their words, in date order, and the archive.

    Titles, speakers and bodies vary in length so that BM25's length normalisation matters.
    """
    archive = load(Project(REPO))
    real = list(archive.statements)
    rnd = random.Random(seed)
    words = " ".join(p for s in real for p in s.paragraphs).split()
    speakers = [
        PersonRef("Choe Son Hui", person_id="choe-son-hui"),
        PersonRef("Kim Song", person_id="kim-song"),
        PersonRef("Taro Kono"),
        PersonRef("Ri Yong-ho", person_id="ri-yong-ho"),
    ]
    made = []
    for n in range(count):
        precision = rnd.choice(["day", "day", "month", "year", "unknown"])
        year = rnd.randint(2006, 2024)
        date = {
            "day": StatementDate(year, rnd.randint(1, 12), rnd.randint(1, 28), "day"),
            "month": StatementDate(year, rnd.randint(1, 12), None, "month"),
            "year": StatementDate(year, None, None, "year"),
            "unknown": StatementDate(),
        }[precision]
        paragraphs = [
            " ".join(rnd.choices(words, k=rnd.randint(5, 120))) for _ in range(rnd.randint(1, 6))
        ]
        made.append(
            dataclasses.replace(
                rnd.choice(real),
                id=f"made-{n:03d}",
                title=" ".join(rnd.choices(words, k=rnd.randint(2, 12))),
                date=date,
                speakers=rnd.sample(speakers, k=rnd.randint(0, 2)),
                resolutions=rnd.sample([1718, 2375, 2397], k=rnd.randint(0, 2)),
                paragraphs=paragraphs,
            )
        )
    statements = sorted(real + made, key=lambda s: (s.date.sort_key, s.id))
    return statements, archive


def write_index(statements: list[Statement], archive: object, site: Path) -> Path:
    """Build the search files of `statements` into `site`; returns the index folder."""
    for site_file in build_search_index(
        statements, archive.directory, archive.curated_resolutions, REPO
    ):
        target = site / site_file.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(site_file.content)
    return site / "search" / "index"


@pytest.fixture(scope="session")
def corpus() -> tuple[list[Statement], object]:
    return small_corpus()
