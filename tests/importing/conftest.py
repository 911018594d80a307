"""Helpers for the import tests: run `build.py import` on a project and read what it wrote."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.cli.main import main


def run_import(project: Path, *paths: Path) -> int:
    return main(["--project", str(project), "import", *map(str, paths)])


def statement_files(project: Path) -> dict[str, str]:
    folder = project / "content" / "statements"
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())}


#: A real KCNA story of the corpus (it gives no year: only the scraper knows the date).
KCNA = (
    "Floral Baskets to Statues of Great Leaders from Abroad\n\n"
    "Pyongyang, January 2 (KCNA) -- Koreans' organizations and compatriots in China sent "
    "floral baskets to the statues of President Kim Il Sung and Chairman Kim Jong Il on "
    "Mansu Hill here on the occasion of the New Year.\n"
    "Laid at the statues of the great leaders on Jan. 1 were floral baskets in the names of "
    "the Association of Korean Nationals in Dandong City of China and its branches.\n"
    "Meanwhile, a floral basket in the name of Li Ruohong, managing director of the Beijing "
    "International Peace and Culture Foundation of China was placed at the statues on the "
    "same day. -0-\n"
)
KCNA_URL = "http://www.kcna.kp/en/article/q/floral.kcmsf"


@pytest.fixture
def project(make_project) -> Path:
    return make_project()
