"""Take the README's screenshots from the real build: a statement page and search results, in
headless Chromium (Debian's /usr/bin/chromium), 1200 px wide, into docs/screenshots/.

Run: .venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from archive.build.pipeline import Project, build  # noqa: E402
from archive.cli.serve import make_server  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

OUT = REPO / "docs" / "screenshots"
WIDTH, HEIGHT = 1200, 900
#: (file, site path, what to wait for before the picture): pages a reader meets first.
SHOTS = [
    (
        "statement.png",
        "statements/2018-09-17-bessho-security-council-non-proliferation-dprk/index.html",
        ".statement-body",
    ),
    ("search.png", "search/index.html?q=sanctions", "#search-results li"),
]


def take(site: Path, out: Path) -> list[Path]:
    """Serve `site` on 127.0.0.1 and photograph each page of SHOTS into `out`."""
    from playwright.sync_api import sync_playwright

    server = make_server(site, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    out.mkdir(parents=True, exist_ok=True)
    written = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
            for name, path, ready in SHOTS:
                page.goto(base + path)
                page.wait_for_selector(ready)
                page.evaluate("document.fonts.ready")
                target = out / name
                page.screenshot(path=str(target))
                written.append(target)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return written


def optimise(png: Path) -> None:
    """Shrink a PNG losslessly with optipng when installed (Debian: apt-get install optipng)."""
    if shutil.which("optipng"):
        subprocess.run(["optipng", "-quiet", "-o2", "-strip", "all", str(png)], check=True)


def main() -> None:
    with tempfile.TemporaryDirectory() as temporary:
        site = Path(temporary) / "site"
        build(Project(REPO), site)
        for png in take(site, OUT):
            optimise(png)
            print(f"{png.relative_to(REPO)}: {png.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
