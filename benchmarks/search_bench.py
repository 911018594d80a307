"""Benchmark the search at several archive sizes against Pagefind on the same built site.

    python benchmarks/search_bench.py [N ...] [--work DIR] [--queries COMMON RARE]

For each N: generate a corpus (benchmarks/corpus.py), build the site (wall time and peak
memory of the whole build), time the search stage alone, run Pagefind over the same HTML, then
in headless Chromium against a local server measure, for a common and a rare word, the bytes a
reader transfers (each file counted gzip-compressed, as a server would send it) and the time
from the last keystroke to results painted, cold (fresh browser context) and warm (the same
query again in that page, index files already loaded). Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import math
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path
from statistics import median
from typing import Any
from urllib.parse import unquote, urlparse

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import corpus  # noqa: E402

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGEFIND = REPO / "node_modules" / ".bin" / "pagefind"


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def build_site(project: Path) -> dict[str, float]:
    """The full build in a child process: wall and CPU seconds, peak memory (MB).

    CPU time is reported beside wall time because a shared machine's load inflates wall time.
    """
    cpu = cpu_children()
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, str(REPO / "build.py"), "--project", str(project), "build"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"build_s": wall, "build_cpu_s": cpu_children() - cpu, "build_peak_mb": peak}


def search_stage(project: Path) -> dict[str, float]:
    """The search_index stage alone, on the loaded archive (files counted, not written)."""
    from archive.pipeline import Project, load
    from archive.search_index import build_search_index

    archive = load(Project(project))
    started = time.perf_counter()
    cpu = time.process_time() + cpu_children()
    count = size = 0
    for site_file in build_search_index(
        archive.statements, archive.directory, archive.curated_resolutions, project
    ):
        count += 1
        size += len(site_file.content)
    return {
        "index_s": time.perf_counter() - started,
        "index_cpu_s": time.process_time() + cpu_children() - cpu,
        "index_files": count,
        "index_mb": size / 1e6,
    }


def run_pagefind(site: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [str(PAGEFIND), "--site", str(site), "--output-subdir", "pagefind"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def transferred(site: Path, urls: list[str], part: str) -> int:
    """gzip bytes of the requested files under `part` of the site."""
    total = 0
    for url in set(urls):
        path = unquote(urlparse(url).path).lstrip("/")
        if part in path and (site / path).is_file():
            total += gzip_size(site / path)
    return total


def measure_ours(browser: Any, base: str, site: Path, word: str) -> dict[str, float]:
    """Cold and warm keystroke-to-paint, and gzip bytes of everything search loaded."""
    context = browser.new_context()
    page = context.new_page()
    urls: list[str] = []
    page.on("request", lambda r: urls.append(r.url))
    page.goto(base + "search/index.html")
    page.wait_for_function("document.getElementById('search-app').dataset.paints > 0")
    page.evaluate("window.__searchNoCache = true")

    def query(text: str) -> float:
        before = page.evaluate("window.__searchPaints")
        return page.evaluate(
            """([text, before]) => new Promise((resolve) => {
                const input = document.getElementById('search-q');
                input.focus();
                input.value = text;
                const start = performance.now();
                input.dispatchEvent(new Event('input', {bubbles: true}));
                const check = () => {
                  if (window.__searchPaints > before) resolve(window.__searchPaintedAt - start);
                  else requestAnimationFrame(check);
                };
                check();
            })""",
            [text, before],
        )

    cold = query(word)
    page.wait_for_load_state("networkidle")
    count = page.inner_text("#search-status")
    results_urls = [u for u in urls if "/facets.js" not in u]
    search_bytes = transferred(site, results_urls, "search/index/") + transferred(
        site, results_urls, "static/search/"
    )
    facet_bytes = transferred(site, urls, "search/index/facets.js")
    warm = []
    for _ in range(3):
        query("")
        warm.append(query(word))
    context.close()
    return {
        "cold_ms": cold,
        "warm_ms": median(warm),
        "kB": search_bytes / 1000,
        "facets_kB": facet_bytes / 1000,
        "status": count,
    }


def measure_pagefind(browser: Any, base: str, site: Path, word: str) -> dict[str, float]:
    """Pagefind's JS API: search, then the data of the first 10 results; bytes and time."""
    context = browser.new_context()
    page = context.new_page()
    urls: list[str] = []
    page.on("request", lambda r: urls.append(r.url))
    page.goto(base + "index.html")
    script = """async (word) => {
        const start = performance.now();
        window.pf = window.pf || await import('./pagefind/pagefind.js');
        const search = await window.pf.search(word);
        const data = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
        return [performance.now() - start, search.results.length, data.length];
    }"""
    cold, found, _ = page.evaluate(script, word)
    page.wait_for_load_state("networkidle")
    size = transferred(site, urls, "pagefind/")
    warm = median(page.evaluate(script, word)[0] for _ in range(3))
    context.close()
    return {"cold_ms": cold, "warm_ms": warm, "kB": size / 1000, "found": found}


def _zeta() -> float:
    s = corpus.ZIPF_EXPONENT
    return sum(r**-s for r in range(1, 200_000)) + 200_000 ** (1 - s) / (s - 1)


def rare_word(n: int) -> str:
    """A word of the corpus expected in about 5 statements' text at this N (Zipf rank)."""
    tokens = n * (corpus.WORDS_PER_STATEMENT + 12)
    rank = int((tokens / (_zeta() * 5)) ** (1 / corpus.ZIPF_EXPONENT))
    return corpus.Vocabulary().word(rank)


def medium_word() -> str:
    """A word expected in about 30 % of statements: the heaviest kind of posting list, as
    a word in nearly all of them has an idf so small that lunr rounds its weights to 0."""
    per_statement = -math.log(1 - 0.3)  # occurrences for a 30 % chance of at least one
    probability = per_statement / corpus.WORDS_PER_STATEMENT
    rank = int((1 / (probability * _zeta())) ** (1 / corpus.ZIPF_EXPONENT))
    return corpus.Vocabulary().word(rank)


def bench(n: int, work: Path, words: list[str], browser: Any) -> dict[str, Any]:
    project = work / f"n{n}"
    if not (project / "content" / "statements").exists():
        corpus.generate(n, project)
    row: dict[str, Any] = {"n": n}
    row.update(build_site(project))
    site = project / "site"
    row["index_files"], size = folder_size(site / "search" / "index")
    row["index_mb"] = size / 1e6
    row.update({f"stage_{k}": v for k, v in search_stage(project).items()})
    row["pagefind_s"] = run_pagefind(site)
    row["pagefind_files"], size = folder_size(site / "pagefind")
    row["pagefind_mb"] = size / 1e6
    server, base = serve(site)
    named = {"RARE": rare_word(n), "MEDIUM": medium_word()}
    words = [named.get(w, w) for w in words]
    row["words"] = words
    try:
        for word in words:
            row[f"ours_{word}"] = measure_ours(browser, base, site, word)
            row[f"pagefind_{word}"] = measure_pagefind(browser, base, site, word)
    finally:
        server.shutdown()
        server.server_close()
    return row


def corpus_statements(project: Path) -> list[Any]:
    """The corpus's statements made straight from their front matter and paragraphs, in date
    order: the search stage's input without the read/extract stages (for --search-only)."""
    import yaml

    from archive.model import PersonRef, Statement, StatementDate

    statements = []
    for path in sorted((project / "content" / "statements").rglob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        meta = yaml.safe_load(front)
        date = StatementDate.from_iso(str(meta["date"]), "front-matter") if "date" in meta else None
        statements.append(
            Statement(
                id=path.stem,
                path=str(path),
                title=meta["title"],
                title_generated=False,
                date=date or StatementDate(),
                speakers=[PersonRef(meta["speaker"])],
                persons=[],
                countries=list(meta.get("countries", [])),
                resolutions=list(meta.get("resolutions", [])),
                resolution_mentions=[],
                agreements=[],
                doc_type=meta["doc_type"],
                source=None,
                author=None,
                url=None,
                language="en",
                paragraphs=[p for p in body.split("\n\n") if p.strip()],
            )
        )
    statements.sort(key=lambda s: (s.date.sort_key, s.id))
    return statements


def search_only(n: int, work: Path, words: list[str], browser: Any, page_from: Path) -> dict:
    """Only the search stage at N (its time, CPU and memory) and the browser measurements on a
    site holding just the search page and its files: for sizes whose whole build is too slow
    for the machine at hand. No Pagefind (it needs every page's HTML)."""
    from archive.model import PeopleDirectory
    from archive.search_index import build_search_index

    project = work / f"n{n}"
    if not (project / "content" / "statements").exists():
        corpus.generate(n, project)
    statements = corpus_statements(project)
    site = work / f"search-only-{n}"
    row: dict[str, Any] = {"n": n, "search_only": True}
    started, cpu = time.perf_counter(), time.process_time() + cpu_children()
    count = size = 0
    for site_file in build_search_index(statements, PeopleDirectory(), {}, REPO):
        target = site / site_file.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(site_file.content)
        count += 1
        size += len(site_file.content)
    row["stage_index_s"] = time.perf_counter() - started
    row["stage_index_cpu_s"] = time.process_time() + cpu_children() - cpu
    row["stage_peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    row["index_files"], row["index_mb"] = count, size / 1e6
    for name in ("search.js", "search.css"):
        (site / "static" / "search" / name).write_bytes(
            (REPO / "static/search" / name).read_bytes()
        )
    (site / "search" / "index.html").write_bytes((page_from / "search/index.html").read_bytes())
    server, base = serve(site)
    named = {"RARE": rare_word(n), "MEDIUM": medium_word()}
    row["words"] = [named.get(w, w) for w in words]
    try:
        for word in row["words"]:
            row[f"ours_{word}"] = measure_ours(browser, base, site, word)
    finally:
        server.shutdown()
        server.server_close()
    return row


def table(rows: list[dict[str, Any]], words: list[str]) -> str:
    lines = [
        "| N | whole build: wall s / CPU s / peak MB | search stage: wall s / CPU s "
        "| index files / MB | Pagefind s | Pagefind files / MB |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        if r.get("search_only"):
            lines.append(
                f"| {r['n']:,} | not run (search stage alone: peak {r['stage_peak_mb']:.0f} MB) "
                f"| {r['stage_index_s']:.1f} / {r['stage_index_cpu_s']:.1f} "
                f"| {r['index_files']:,} / {r['index_mb']:.1f} | not run | not run |"
            )
            continue
        lines.append(
            f"| {r['n']:,} | {r['build_s']:.1f} / {r.get('build_cpu_s', 0):.1f} "
            f"/ {r['build_peak_mb']:.0f} "
            f"| {r['stage_index_s']:.1f} / {r.get('stage_index_cpu_s', 0):.1f} "
            f"| {r['index_files']:,} / {r['index_mb']:.1f} "
            f"| {r['pagefind_s']:.1f} | {r['pagefind_files']:,} / {r['pagefind_mb']:.1f} |"
        )
    lines += [
        "",
        "| N | query | ours: kB gzip to first results (+ facets) | ours: cold / warm ms "
        "| Pagefind: kB gzip | Pagefind: cold / warm ms |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        for word in r["words"]:
            ours = r[f"ours_{word}"]
            theirs = r.get(f"pagefind_{word}", {"kB": 0, "cold_ms": 0, "warm_ms": 0, "found": "-"})
            lines.append(
                f"| {r['n']:,} | {word} ({ours['status'].split(' match')[0]}; "
                f"Pagefind: {theirs['found']} pages) | {ours['kB']:.1f} "
                f"(+{ours['facets_kB']:.1f}) | {ours['cold_ms']:.0f} / {ours['warm_ms']:.0f} "
                f"| {theirs['kB']:.1f} | {theirs['cold_ms']:.0f} / {theirs['warm_ms']:.0f} |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    parser.add_argument("--work", type=Path, default=REPO / "benchmarks" / "out")
    parser.add_argument(
        "--queries",
        nargs="+",
        default=["korea", "MEDIUM", "RARE"],
        help="words to query (MEDIUM: a word in about 30 %% of statements, RARE: in about 5)",
    )
    parser.add_argument("--json", type=Path, help="also write the raw measurements here")
    parser.add_argument(
        "--search-only",
        type=Path,
        metavar="BUILT_SITE",
        help="skip the whole build and Pagefind: run the search stage alone, with the search "
        "page copied from BUILT_SITE (a site built by this code at any N)",
    )
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        for n in args.sizes:
            if args.search_only:
                rows.append(search_only(n, args.work, args.queries, browser, args.search_only))
            else:
                rows.append(bench(n, args.work, args.queries, browser))
            print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
        browser.close()
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    print(table(rows, args.queries))


if __name__ == "__main__":
    main()
