"""Shared fixtures: the real project, small projects made inside a test (make_project), and
headless Chromium (Debian's /usr/bin/chromium driven by Playwright) for browser tests.

Without the browser or Playwright browser tests skip and say why; in CI (CI=true) they fail
instead, because CI installs both."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """A project in tmp_path with the real templates/static and the given content files.

    `files` maps paths under content/ to text (or bytes). Without people/resolutions/site
    files, the curated data of the real project is used.
    """

    def make(files: dict[str, str | bytes] | None = None, real_curated: bool = True) -> Path:
        project = tmp_path / "project"
        shutil.copytree(REPO / "templates", project / "templates")
        shutil.copytree(REPO / "static", project / "static")
        if (REPO / "node_modules").exists():
            (project / "node_modules").symlink_to(REPO / "node_modules")
        content = project / "content"
        (content / "statements").mkdir(parents=True)
        if real_curated:
            for name in ("people.yaml", "resolutions.yaml", "site.yaml"):
                shutil.copy(REPO / "content" / name, content / name)
        for name, text in (files or {}).items():
            path = content / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                path.write_bytes(text)
            else:
                path.write_text(text, encoding="utf-8")
        return project

    return make


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content/ built once into a temporary site/."""
    from archive.build.pipeline import Project, build

    output = tmp_path_factory.mktemp("real") / "site"
    build(Project(REPO), output)
    return output


CHROMIUM = "/usr/bin/chromium"
#: How every browser here is started (the tests', the web checks', the screenshots' and the
#: search benchmark's): headless, and making no request of its own to any other host.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _missing() -> str | None:
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        return f"{CHROMIUM} is missing (apt-get install -y chromium, or run ./dev test)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is missing (pip install -e '.[test]', or run ./dev test)"
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    missing = _missing()
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests cannot run in CI: {missing}")
        pytest.skip(f"browser tests skipped: {missing}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
