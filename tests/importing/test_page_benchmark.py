"""A small run of benchmarks/import_pages.py: real corpus texts in realistic page chrome come
out whole, without chrome, with their metadata (skipped where the corpus is not at hand)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import import_pages  # noqa: E402


@pytest.mark.skipif(not import_pages.CORPUS.exists(), reason="the real corpus is not here")
def test_most_saved_pages_give_their_statement_and_nothing_else() -> None:
    pages = import_pages.make_pages(20, seed=3)
    right = [record["id"] for record, raw, _ in pages if not import_pages.score(record, raw)]
    assert len(right) >= 19, [import_pages.score(r, raw) for r, raw, _ in pages]
    assert {charset for _, _, charset in pages} >= {"utf-8", "windows-1252", "iso-8859-1"}
