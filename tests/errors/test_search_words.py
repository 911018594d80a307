"""Search finds every word, even those that name a property of every JavaScript object
(issue 19, item 10): `__proto__` set the prototype of its term shard, an object literal, and
was never found. Checked with the search page's engine in node, and in headless Chromium."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from archive.build.pipeline import Project, build
from tests.conftest import REPO

#: Each word, and the title of the one statement that holds it.
WORDS = {
    "__proto__": "Alpha",
    "constructor": "Bravo",
    "toString": "Charlie",
    "hasOwnProperty": "Delta",
    "valueOf": "Echo",
    "prototype": "Foxtrot",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (REPO / "node_modules" / "lunr").exists():
        pytest.skip("node_modules/lunr is missing: run `npm ci`")
    project = tmp_path_factory.mktemp("words")
    for shared in ("templates", "static"):
        shutil.copytree(REPO / shared, project / shared)
    (project / "node_modules").symlink_to(REPO / "node_modules")
    statements = project / "content" / "statements"
    statements.mkdir(parents=True)
    for name in ("people.yaml", "resolutions.yaml", "site.yaml"):
        shutil.copy(REPO / "content" / name, project / "content" / name)
    for number, (word, title) in enumerate(WORDS.items()):
        (statements / f"{title.lower()}.md").write_text(
            f"---\ndate: 2017-01-{number + 1:02d}\ntitle: {title}\n---\n"
            f"The word {word} appears in this statement.\n",
            encoding="utf-8",
        )
    (statements / "plain.md").write_text(
        "---\ndate: 2018-01-01\ntitle: Golf\n---\nNo such word is here.\n", encoding="utf-8"
    )
    output = project / "site"
    build(Project(project), output)
    return output


ENGINE = """
const fs = require("fs"), path = require("path"), vm = require("vm");
const [repo, indexDir, queries] = process.argv.slice(1);
global.lunr = require(path.join(repo, "node_modules", "lunr", "lunr.js"));
vm.runInThisContext(fs.readFileSync(path.join(repo, "static", "search", "search.js"), "utf8"));
ArchiveSearch.loadScript = (url) => { vm.runInThisContext(fs.readFileSync(url, "utf8")); };
(async () => {
  const engine = await ArchiveSearch.createEngine(indexDir + "/");
  const found = [];
  for (const q of JSON.parse(queries)) {
    found.push([q, (await engine.search(q)).results.map((r) => Number(r.ref))]);
  }
  process.stdout.write(JSON.stringify(found));
})().catch((error) => { console.error(error); process.exit(1); });
"""


def test_the_engine_finds_words_named_like_object_properties(site: Path) -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    queries = list(WORDS)
    run = subprocess.run(
        [node, "-e", ENGINE, str(REPO), str(site / "search" / "index"), json.dumps(queries)],
        capture_output=True,
        text=True,
        check=True,
    )
    found = dict(json.loads(run.stdout))
    # Statements are numbered in date order: the words' statements are 0, 1, 2...
    assert found == {word: [number] for number, word in enumerate(WORDS)}


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.browser
@pytest.mark.parametrize("word", list(WORDS))
def test_the_search_page_finds_words_named_like_object_properties(
    browser: Any, base_url: str, word: str
) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(f"{base_url}search/index.html?q={quote(word)}")
        page.wait_for_function("document.getElementById('search-app').dataset.paints > 0")
        page.wait_for_load_state("networkidle")
        titles = page.locator("#search-results .result-title").all_inner_texts()
        assert titles == [WORDS[word]] and errors == []
    finally:
        page.close()
