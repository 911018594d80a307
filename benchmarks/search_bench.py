"""Benchmark the search at several archive sizes against Pagefind on the same built site.

    python benchmarks/search_bench.py [N ...] [--full-up-to N] [--write [BENCHMARKS.md]]

For each N: generate a corpus (benchmarks/corpus.py), build the site (wall time and peak
memory of the whole build), time the search stage alone, run Pagefind over the same HTML, then
in headless Chromium against a local server measure, for a common and a rare word, the bytes a
reader transfers (each file counted gzip-compressed, as a server would send it) and the time
from the last keystroke to results painted, cold (fresh browser context, median of several)
and warm (the same query again in that page, index files already loaded). Sizes above
--full-up-to skip the whole build and Pagefind and run the search stage alone (see
`search_only`). Prints a Markdown table; --write also puts it into BENCHMARKS.md between
the search-bench markers, leaving the rest of that file as it is.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import math
import os
import resource
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from statistics import median
from typing import Any
from urllib.parse import unquote, urlparse

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import corpus  # noqa: E402

from tests.conftest import CHROMIUM_ARGS  # noqa: E402

PAGEFIND = REPO / "node_modules" / ".bin" / "pagefind"


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        # Keep-alive, as any real static host has: HTTP/1.0 would open a connection per file.
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:
            pass

    class Server(http.server.ThreadingHTTPServer):
        def handle_error(self, request: Any, client_address: Any) -> None:
            # A closed browser context resets its kept-alive connections: not an error.
            if not isinstance(sys.exc_info()[1], ConnectionError):
                super().handle_error(request, client_address)

    handler = functools.partial(Quiet, directory=str(site))
    server = Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@dataclass
class Run:
    """A child process's wall and CPU seconds and peak memory (its own and its children's)."""

    wall_s: float
    cpu_s: float
    peak_mb: float
    returncode: int
    stderr: str


def run_measured(command: list[str], timeout_s: float | None = None, **popen: Any) -> Run:
    """Run `command`, killed after `timeout_s`; os.wait4 gives this child's own peak memory,
    where RUSAGE_CHILDREN would give the largest of every child so far (Pagefind's too)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **popen)
    timer = threading.Timer(timeout_s, process.kill) if timeout_s else None
    if timer:
        timer.start()
    stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if timer:
        timer.cancel()
    return Run(
        wall_s=time.perf_counter() - started,
        cpu_s=usage.ru_utime + usage.ru_stime,
        peak_mb=usage.ru_maxrss / 1024,
        returncode=process.returncode,
        stderr=stderr,
    )


def build_site(project: Path) -> dict[str, float]:
    """The full build in a child process: wall and CPU seconds, peak memory (MB).

    CPU time is reported beside wall time because a shared machine's load inflates wall time.
    """
    run = run_measured(
        [sys.executable, str(REPO / "build.py"), "--project", str(project), "build", "--clean"]
    )
    if run.returncode != 0:
        sys.exit(f"the build of {project} failed:\n{run.stderr[-2000:]}")
    return {"build_s": run.wall_s, "build_cpu_s": run.cpu_s, "build_peak_mb": run.peak_mb}


def search_stage(project: Path) -> dict[str, float]:
    """The search_index stage alone, on the loaded archive (files counted, not written)."""
    from archive.build.pipeline import Project, load
    from archive.search.index import build_search_index

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


#: Pagefind's address-space limit: at 10,000 statements it peaks at 2.3 GB, and growing with
#: N it could otherwise take a shared machine's memory; over the limit it fails, and says so.
PAGEFIND_MEMORY_GB = 12
PAGEFIND_TIMEOUT_S = 1800


def run_pagefind(site: Path) -> dict[str, Any]:
    """Pagefind over the built site: wall and CPU seconds and peak memory, or why it failed."""
    limit = PAGEFIND_MEMORY_GB << 30

    def cap_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    run = run_measured(
        [str(PAGEFIND), "--site", str(site), "--output-subdir", "pagefind"],
        timeout_s=PAGEFIND_TIMEOUT_S,
        preexec_fn=cap_memory,
    )
    if run.returncode != 0:
        if run.wall_s >= PAGEFIND_TIMEOUT_S:
            return {"pagefind_failed": f"not done in {PAGEFIND_TIMEOUT_S // 60} min"}
        last = (run.stderr.strip().splitlines() or [""])[-1][:80]
        return {"pagefind_failed": f"failed (memory capped at {PAGEFIND_MEMORY_GB} GB): {last}"}
    files, size = folder_size(site / "pagefind")
    return {
        "pagefind_s": run.wall_s,
        "pagefind_cpu_s": run.cpu_s,
        "pagefind_peak_mb": run.peak_mb,
        "pagefind_files": files,
        "pagefind_mb": size / 1e6,
    }


def transferred(site: Path, urls: list[str], part: str) -> int:
    """gzip bytes of the requested files under `part` of the site."""
    total = 0
    for url in set(urls):
        path = unquote(urlparse(url).path).lstrip("/")
        if part in path and (site / path).is_file():
            total += gzip_size(site / path)
    return total


#: Cold figures are the median of this many fresh browser contexts (a shared machine's load
#: makes single runs vary by 3 times).
COLD_RUNS = 5

#: Types `text` into the search box and resolves, once the results are painted, to the ms
#: since the keystroke: the page counts its paints, and a task queued from the animation frame
#: that first sees the new count runs after that frame, with the results, has been painted.
TYPE_AND_WAIT = """([text, before]) => new Promise((resolve) => {
    const input = document.getElementById('search-q');
    input.focus();
    input.value = text;
    const start = performance.now();
    input.dispatchEvent(new Event('input', {bubbles: true}));
    const check = () => {
      if (window.__searchPaints > before) setTimeout(() => resolve(performance.now() - start));
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
})"""


def measure_ours(browser: Any, base: str, site: Path, word: str) -> dict[str, Any]:
    """Cold and warm keystroke-to-paint, and gzip bytes of everything search loaded.

    Cold: a fresh context (empty cache) opens the search page, then the word is typed: the
    manifest, shards and result fragments load after the keystroke. Warm: the same query
    again in that page, scored afresh (the page's last-query cache is turned off).
    """
    colds, warms = [], []
    for run in range(COLD_RUNS):
        context = browser.new_context()
        page = context.new_page()
        urls: list[str] = []
        page.on("request", lambda r, urls=urls: urls.append(r.url))
        page.goto(base + "search/index.html")
        page.wait_for_function("document.getElementById('search-app').dataset.paints > 0")
        page.evaluate("window.__searchNoCache = true")

        def query(text: str, page: Any = page) -> float:
            before = page.evaluate("window.__searchPaints")
            return page.evaluate(TYPE_AND_WAIT, [text, before])

        colds.append(query(word))
        if run == 0:
            first_urls = [u for u in urls if "/facets.js" not in u]
            page.wait_for_load_state("networkidle")
            status = page.inner_text("#search-status")
            all_urls = list(urls)
            for _ in range(3):
                query("")
                warms.append(query(word))
        context.close()
    searched = ("search/index/", "static/search/")
    first = sum(transferred(site, first_urls, part) for part in searched)
    everything = sum(transferred(site, all_urls, part) for part in searched)
    return {
        "cold_ms": median(colds),
        "cold_range_ms": [min(colds), max(colds)],
        "warm_ms": median(warms),
        "kB": first / 1000,
        "total_kB": everything / 1000,
        "files": len({u for u in first_urls if any(p in u for p in searched)}),
        "status": status,
    }


def measure_pagefind(browser: Any, base: str, site: Path, word: str) -> dict[str, Any]:
    """Pagefind's JS API: search, then the data of the first 10 results; bytes and time.

    Cold includes loading Pagefind's scripts and WebAssembly, which only start at the query.
    """
    script = """async (word) => {
        const start = performance.now();
        window.pf = window.pf || await import('./pagefind/pagefind.js');
        const search = await window.pf.search(word);
        const data = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
        return [performance.now() - start, search.results.length, data.length];
    }"""
    colds, warms = [], []
    for run in range(COLD_RUNS):
        context = browser.new_context()
        page = context.new_page()
        urls: list[str] = []
        page.on("request", lambda r, urls=urls: urls.append(r.url))
        page.goto(base + "index.html")
        cold, found, _ = page.evaluate(script, word)
        colds.append(cold)
        if run == 0:
            page.wait_for_load_state("networkidle")
            size = transferred(site, urls, "pagefind/")
            warms = [page.evaluate(script, word)[0] for _ in range(3)]
        context.close()
    return {"cold_ms": median(colds), "warm_ms": median(warms), "kB": size / 1000, "found": found}


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


def facets_note(site: Path) -> dict[str, Any]:
    """facets.js's gzip size and when the page loads it (see FACETS_EAGER_BYTES)."""
    manifest = (site / "search/index/manifest.js").read_text(encoding="utf-8")
    on_demand = '"facetsOnDemand":true' in manifest
    return {
        "facets_kB": gzip_size(site / "search/index/facets.js") / 1000,
        "facets_when": "when asked" if on_demand else "after results",
    }


def bench(n: int, work: Path, words: list[str], browser: Any) -> dict[str, Any]:
    """Everything at N: the whole build, the search stage alone, Pagefind, the browser."""
    project = work / f"n{n}"
    if not (project / "content" / "statements").exists():
        corpus.generate(n, project)
    row: dict[str, Any] = {"n": n, "mode": "full"}
    row.update(build_site(project))
    site = project / "site"
    row["index_files"], size = folder_size(site / "search" / "index")
    row["index_mb"] = size / 1e6
    row["index_gzip_mb"] = sum(gzip_size(f) for f in (site / "search/index").rglob("*.js")) / 1e6
    row.update({f"stage_{k}": v for k, v in search_stage(project).items()})
    row.update(facets_note(site))
    row.update(run_pagefind(site))
    server, base = serve(site)
    named = {"RARE": rare_word(n), "MEDIUM": medium_word()}
    row["words"] = [named.get(w, w) for w in words]
    try:
        for word in row["words"]:
            row[f"ours_{word}"] = measure_ours(browser, base, site, word)
            if "pagefind_failed" not in row:
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
    for the machine at hand. No Pagefind (it needs every page's HTML). The stage's peak memory
    is this process's, so it is only meaningful when N is the largest size of the run."""
    from archive.model import PeopleDirectory
    from archive.search.index import build_search_index

    project = work / f"n{n}"
    if not (project / "content" / "statements").exists():
        corpus.generate(n, project)
    statements = corpus_statements(project)
    site = work / f"search-only-{n}"
    row: dict[str, Any] = {"n": n, "mode": "search-only"}
    started, cpu = time.perf_counter(), time.process_time() + cpu_children()
    count = size = 0
    for site_file in build_search_index(statements, PeopleDirectory(), {}, REPO):
        target = site / site_file.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(site_file.content)
        if site_file.path.startswith("search/index/"):
            count += 1
            size += len(site_file.content)
    row["stage_index_s"] = time.perf_counter() - started
    row["stage_index_cpu_s"] = time.process_time() + cpu_children() - cpu
    row["stage_peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    gzipped = sum(gzip_size(f) for f in (site / "search/index").rglob("*.js"))
    row["index_files"], row["index_mb"], row["index_gzip_mb"] = count, size / 1e6, gzipped / 1e6
    row.update(facets_note(site))
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


#: What the issue asks of the search (issue 4), checked against each run's figures.
TARGETS = {10_000: {"kB": 120, "cold_ms": 300, "warm_ms": 50}, 100_000: {"kB": 250}}
START_MARK = "<!-- search-bench:start -->"
END_MARK = "<!-- search-bench:end -->"
NEW_BENCHMARKS = """# Benchmarks

Figures measured by the scripts in `benchmarks/`. Each script rewrites only its own section,
between its markers.

<!-- build-bench:start -->
<!-- build-bench:end -->

<!-- search-bench:start -->
<!-- search-bench:end -->
"""


def _cells(*values: str) -> str:
    return "| " + " | ".join(values) + " |"


def _stage_cell(r: dict[str, Any]) -> str:
    cell = f"{r['stage_index_s']:.1f} / {r['stage_index_cpu_s']:.1f}"
    return cell + (f" / {r['stage_peak_mb']:,.0f}" if "stage_peak_mb" in r else " / –")


def index_table(rows: list[dict[str, Any]]) -> list[str]:
    lines = [
        _cells(
            "N",
            "mode",
            "whole build: wall s / CPU s / peak MB",
            "search stage: wall s / CPU s / peak MB",
            "search index: files / MB / MB gzip",
            "facets.js: kB gzip, loaded",
            "Pagefind: wall s / CPU s / peak MB",
            "Pagefind index: files / MB",
        ),
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        build = (
            f"{r['build_s']:.1f} / {r['build_cpu_s']:.1f} / {r['build_peak_mb']:,.0f}"
            if r["mode"] == "full"
            else "not run"
        )
        if "pagefind_s" in r:
            pagefind = f"{r['pagefind_s']:.1f} / {r['pagefind_cpu_s']:.1f}"
            pagefind += f" / {r['pagefind_peak_mb']:,.0f}"
            pagefind_index = f"{r['pagefind_files']:,} / {r['pagefind_mb']:.1f}"
        else:
            pagefind, pagefind_index = r.get("pagefind_failed", "not run"), "–"
        lines.append(
            _cells(
                f"{r['n']:,}",
                r["mode"],
                build,
                _stage_cell(r),
                f"{r['index_files']:,} / {r['index_mb']:.1f} / {r['index_gzip_mb']:.1f}",
                f"{r['facets_kB']:.0f}, {r['facets_when']}",
                pagefind,
                pagefind_index,
            )
        )
    return lines


def query_table(rows: list[dict[str, Any]]) -> list[str]:
    lines = [
        _cells(
            "N",
            "query: matches (Pagefind: pages)",
            "ours: kB gzip to first results (files)",
            "ours: kB gzip, all the first query loads",
            "ours: cold / warm ms",
            "Pagefind: kB gzip",
            "Pagefind: cold / warm ms",
        ),
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        for word in r["words"]:
            ours = r[f"ours_{word}"]
            matches = ours["status"].split(" match")[0].split(" statement")[0]
            theirs = r.get(f"pagefind_{word}")
            lines.append(
                _cells(
                    f"{r['n']:,}",
                    f"{word}: {matches} ({theirs['found'] if theirs else '–'})",
                    f"{ours['kB']:.1f} ({ours['files']})",
                    f"{ours['total_kB']:.1f}",
                    f"{ours['cold_ms']:.0f} / {ours['warm_ms']:.0f}",
                    f"{theirs['kB']:.1f}" if theirs else "–",
                    f"{theirs['cold_ms']:.0f} / {theirs['warm_ms']:.0f}" if theirs else "–",
                )
            )
    return lines


def target_lines(rows: list[dict[str, Any]]) -> list[str]:
    """Each of the issue's targets at the sizes this run measured: met or missed, and by what."""
    lines = []
    names = {"kB": "kB gzip to first results", "cold_ms": "cold ms", "warm_ms": "warm ms"}
    for r in rows:
        for measure, limit in TARGETS.get(r["n"], {}).items():
            worst_word = max(r["words"], key=lambda w: r[f"ours_{w}"][measure])
            worst = r[f"ours_{worst_word}"][measure]
            verdict = "met" if worst <= limit else "**missed**"
            lines.append(
                f"- {r['n']:,} statements, {names[measure]} at most {limit}: {verdict} "
                f"(highest {worst:.0f}, for {worst_word})"
            )
    return lines


def table(rows: list[dict[str, Any]], machine: str = "", command: str = "") -> str:
    """The benchmark's section of BENCHMARKS.md: both tables, the targets, how to read them."""
    modes = sorted({r["mode"] for r in rows})
    lines = ["## Search", ""]
    if command:
        lines += [f"Written by `{command}`{machine}.", ""]
    lines += index_table(rows) + [""] + query_table(rows) + [""]
    lines += ["Targets of the search issue:", "", *target_lines(rows), ""]
    lines += [
        "How to read it:",
        "",
        "- *full* rows come from the whole build of a generated corpus "
        "(`benchmarks/corpus.py`), Pagefind run over that built site, and the browser "
        "against it; the search stage was then timed alone on the loaded archive.",
    ]
    if "search-only" in modes:
        lines.append(
            "- *search-only* rows skip the whole build and Pagefind: the statements are "
            "made straight from the corpus's front matter, the search stage alone writes "
            "the index, and the browser measures a site holding only the search page and "
            "its files (the same files the whole build would write). Their peak memory is "
            "the benchmark process's."
        )
    lines += [
        "- Queries: a word in every statement (*korea*), one in about 30 % of them, and one "
        "in about 5. Matches: statements found by ours, pages found by Pagefind, which "
        "indexes every page of the site (people, years, resolutions pages too).",
        "- kB gzip: every file the search requested, each counted gzip-compressed (level "
        "6), as a server would send it: for ours, lunr.js, search.js, search.css, the "
        "manifest, the term shards and the fragments of the first 10 results; "
        "*all the first query loads* adds what loads after the results are painted: "
        "facets.js for the filters' counts, unless it is large enough to load only when "
        "the reader asks for the filters (*facets.js* column). "
        "For Pagefind: its scripts, WebAssembly, metadata, index chunks and the fragments "
        "of the first 10 results (its JS API, no UI).",
        f"- ms: from the last keystroke to the results painted, in headless Chromium "
        f"against a local Python server; cold is a fresh browser context with an empty cache "
        f"(median of {COLD_RUNS}), warm the same query again in that page. Pagefind's figure "
        "is its JS API's search plus the data of 10 results, and cold includes loading its "
        "scripts; ours has lunr.js and search.js loaded with the search page.",
        "- Wall times vary with the shared machine's load; CPU seconds less so.",
    ]
    return "\n".join(lines)


def write_section(document: str, section: str) -> str:
    """`document` with the text between the search-bench markers replaced by `section`;
    markers are appended if missing. Everything else is kept as it is."""
    if START_MARK not in document or END_MARK not in document:
        document = document.rstrip("\n") + f"\n\n{START_MARK}\n{END_MARK}\n"
    before, rest = document.split(START_MARK, 1)
    _, after = rest.split(END_MARK, 1)
    return f"{before}{START_MARK}\n{section}\n{END_MARK}{after}"


def machine_note() -> str:
    load = os.getloadavg()[0]
    return f" on {os.cpu_count()} cores (load average {load:.1f} at the start)"


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
    parser.add_argument(
        "--full-up-to",
        type=int,
        metavar="N",
        help="run sizes above N search-only: the search stage alone, no whole build and no "
        "Pagefind, with the search page of this run's last whole build",
    )
    parser.add_argument(
        "--search-only",
        type=Path,
        metavar="BUILT_SITE",
        help="run every size search-only, with the search page copied from BUILT_SITE "
        "(a site built by this code at any N)",
    )
    parser.add_argument(
        "--write",
        type=Path,
        nargs="?",
        const=REPO / "BENCHMARKS.md",
        metavar="FILE",
        help="also write the table into FILE (default BENCHMARKS.md) between the "
        "search-bench markers",
    )
    parser.add_argument("--json", type=Path, help="also write the raw measurements here")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    command = "python benchmarks/search_bench.py " + " ".join(sys.argv[1:])
    machine = machine_note()
    rows = []
    page_from = args.search_only
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        machine += f", Chromium {browser.version}, {pagefind_version()}"
        for n in args.sizes:
            full = not args.search_only and (args.full_up_to is None or n <= args.full_up_to)
            if full:
                rows.append(bench(n, args.work, args.queries, browser))
                page_from = args.work / f"n{n}" / "site"
            elif page_from is None:
                sys.exit(f"{n:,} is search-only: a smaller size must be built first")
            else:
                rows.append(search_only(n, args.work, args.queries, browser, page_from))
            print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
        browser.close()
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    section = table(rows, machine, command)
    print(section)
    if args.write:
        document = args.write.read_text(encoding="utf-8") if args.write.exists() else ""
        args.write.write_text(write_section(document or NEW_BENCHMARKS, section), encoding="utf-8")


def pagefind_version() -> str:
    if not PAGEFIND.exists():
        return "no Pagefind (run `npm ci`)"
    found = subprocess.run([str(PAGEFIND), "--version"], capture_output=True, text=True)
    return found.stdout.strip().replace("pagefind", "Pagefind")


if __name__ == "__main__":
    main()
