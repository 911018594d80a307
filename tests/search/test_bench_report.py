"""The search benchmark's report: it rewrites only its own section of BENCHMARKS.md and says
which of the issue's targets each run met."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

import pytest

from tests.search.conftest import REPO


@pytest.fixture(scope="module")
def search_bench() -> ModuleType:
    path = REPO / "benchmarks" / "search_bench.py"
    spec = importlib.util.spec_from_file_location("search_bench", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks itself up there
    spec.loader.exec_module(module)
    return module


def row(n: int, kB: float, cold_ms: float) -> dict:
    measured = {
        "cold_ms": cold_ms,
        "warm_ms": 10.0,
        "kB": kB,
        "total_kB": kB + 40,
        "files": 12,
        "status": f"{n} statements match \u201ckorea\u201d.",
    }
    return {
        "n": n,
        "mode": "search-only",
        "stage_index_s": 1.0,
        "stage_index_cpu_s": 1.0,
        "stage_peak_mb": 100.0,
        "index_files": 10,
        "index_mb": 1.0,
        "index_gzip_mb": 0.5,
        "facets_kB": 40.0,
        "facets_when": "after results",
        "words": ["korea"],
        "ours_korea": measured,
    }


def test_only_the_search_section_is_rewritten(search_bench):
    build_part = "<!-- build-bench:start -->\n## Build\n\n| N | s |\n<!-- build-bench:end -->"
    document = search_bench.NEW_BENCHMARKS.replace(
        "<!-- build-bench:start -->\n<!-- build-bench:end -->", build_part
    )
    first = search_bench.write_section(document, "## Search\n\nfirst")
    second = search_bench.write_section(first + "\nA note after.\n", "## Search\n\nsecond")
    assert build_part in second and second.endswith("\nA note after.\n")
    assert "first" not in second and second.count(search_bench.START_MARK) == 1
    assert second.replace("second", "") == first.replace("first", "") + "\nA note after.\n"


def test_markers_are_added_to_a_file_without_them(search_bench):
    written = search_bench.write_section("# Benchmarks\n\nBy hand.\n", "## Search")
    assert written == (
        "# Benchmarks\n\nBy hand.\n\n<!-- search-bench:start -->\n## Search\n"
        "<!-- search-bench:end -->\n"
    )


def test_targets_are_reported_met_or_missed(search_bench):
    report = search_bench.table([row(10_000, 130.0, 120.0), row(100_000, 200.0, 400.0)])
    assert "10,000 statements, kB gzip to first results at most 120: **missed** (highest 130" in (
        report
    )
    assert "10,000 statements, cold ms at most 300: met (highest 120" in report
    assert "100,000 statements, kB gzip to first results at most 250: met" in report
    assert "| 100,000 | search-only | not run |" in report
