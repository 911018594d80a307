"""Lighthouse (mobile settings, its default) on a statement page and the search page of the real
build served on 127.0.0.1: 100 for accessibility, best practices and SEO, at least 95 for
performance. The scores are written to benchmarks/out/lighthouse.json and printed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from webcheck import CHROMIUM, LIGHTHOUSE, REPO, SAMPLE_STATEMENT, require

from tests.conftest import CHROMIUM_ARGS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGES = {"statement": SAMPLE_STATEMENT + "index.html", "search": "search/index.html"}
REQUIRED = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
REPORT = REPO / "benchmarks" / "out" / "lighthouse.json"


def lighthouse(url: str, output: Path) -> dict:
    """Run Lighthouse on `url` and return its JSON report."""
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={output}",
            f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
        ],
        env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
        check=True,
        timeout=180,
    )
    return json.loads(output.read_text(encoding="utf-8"))


def failing_audits(report: dict) -> list[str]:
    """The audits that cost points, so that a failure says what to fix."""
    failing = []
    for category in report["categories"].values():
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                failing.append(
                    f"{category['id']}: {audit['id']} {audit['score']} "
                    f"{audit.get('displayValue', '')}".strip()
                )
    return failing


def test_lighthouse_scores_on_statement_and_search_pages(site_url: str, tmp_path: Path) -> None:
    require(CHROMIUM.exists(), str(CHROMIUM))
    require(LIGHTHOUSE.exists() and shutil.which("node") is not None, "node_modules lighthouse")
    figures = {}
    problems = []
    for name, path in PAGES.items():
        report = lighthouse(site_url + path, tmp_path / f"{name}.json")
        scores = {k: round(v["score"] * 100) for k, v in report["categories"].items()}
        figures[name] = {"path": path, "lighthouse": report["lighthouseVersion"], **scores}
        if any(scores[category] < minimum for category, minimum in REQUIRED.items()):
            problems.append({name: scores, "audits": failing_audits(report)})
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print("\nLighthouse (mobile):", json.dumps(figures, indent=2))
    assert problems == []
