"""What the web-standards tests share: where the checkers are, how to launch Chromium, which
pages stand for each page type, and how a missing checker is reported (skip here, fail in CI)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM as CONFTEST_CHROMIUM

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path(CONFTEST_CHROMIUM)
NODE_MODULES = REPO / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = NODE_MODULES / ".bin" / "lighthouse"
#: The statement the per-statement checks (Lighthouse, page weight, screenshots) look at: the
#: longest of the seeds, so that typography and weight are measured on a real long text.
SAMPLE_STATEMENT = "statements/2018-09-17-bessho-security-council-non-proliferation-dprk/"
#: The search page showing results (its script fills them in), checked beside the empty page.
SEARCH_RESULTS = ("search/index.html?q=sanctions", "#search-results li")


def require(available: bool, what: str) -> None:
    """Skip, saying what is missing, when a checker is not installed; in CI (CI=true) a missing
    checker is a broken setup and fails instead, so that a green CI always means checked."""
    if available:
        return
    message = f"{what} is missing (./dev test installs it)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"in CI: {message}")
    pytest.skip(message)


def page_types(site: Path) -> list[str]:
    """One page of each kind in `site`, as site paths: the home and 404 pages, every section's
    index and the first page inside each section. Derived from the build, so that a page type
    someone adds later is checked without touching the tests."""
    pages = ["index.html", "404.html"]
    for section in sorted(p for p in site.iterdir() if p.is_dir()):
        if (section / "index.html").is_file():
            pages.append(f"{section.name}/index.html")
        children = sorted(c for c in section.iterdir() if (c / "index.html").is_file())
        if children:
            pages.append(f"{section.name}/{children[0].name}/index.html")
    return [p for p in pages if (site / p).is_file()]


def java_available() -> bool:
    return shutil.which("java") is not None
