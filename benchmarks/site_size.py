"""The site's size benchmark (issue 15, "few files, small site"): for each N, generate a corpus
(benchmarks/corpus.py), or import the real statements (a JSON Lines file) into a scratch
project, build it, and measure the files, the site's MB, the search index's MB, the largest
HTML page and the statements' text; then run Pagefind on the same built site, in the same run,
for comparison. `--report BENCHMARKS.md` writes the table between the markers
<!-- site-size:start --> and <!-- site-size:end --> only.

    python benchmarks/site_size.py 1000 10000 --real ../shared/corpus/real-dev.jsonl.gz \
        --pagefind --report BENCHMARKS.md
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from html import unescape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402 - the sibling module, importable when run as a script

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "benchmarks" / "out"
RESULTS = OUT / "site-size.json"
PAGEFIND = REPO / "node_modules" / ".bin" / "pagefind"
START, END = "<!-- site-size:start -->", "<!-- site-size:end -->"
#: Targets of issue 15.
MAX_FILES_AT_10000 = 20_000
MAX_SITE_PER_TEXT = 3.0
MAX_INDEX_PER_TEXT = 1.0
MAX_PAGE_KB = 200
_PARAGRAPH = re.compile(r'<p id="p\d+"><a class="para-link"[^>]*>\d+</a> (.*?)</p>', re.S)
_TAG = re.compile(r"<[^>]+>")


@dataclass
class Figures:
    """One built site's measurements; sizes in MB (10^6 bytes) and kB (10^3)."""

    corpus: str
    statements: int
    build_s: float
    files: int
    site_mb: float
    search_mb: float
    text_mb: float
    largest_page: str
    largest_page_kb: float
    #: The largest statement page whose text (paragraphs) is under MAX_PAGE_KB.
    largest_short_statement_kb: float
    pagefind_s: float | None = None
    pagefind_files: int | None = None
    pagefind_mb: float | None = None
    pagefind_note: str = ""


def measure_site(site: Path, name: str, build_s: float) -> Figures:
    """Walk the built site: files, bytes, search index bytes, pages, the statements' text."""
    files = 0
    size = search = text = 0
    largest, largest_bytes, short_largest, statements = "", 0, 0, 0
    for directory, _, names in os.walk(site):
        for file_name in names:
            path = Path(directory) / file_name
            bytes_ = path.stat().st_size
            files += 1
            size += bytes_
            relative = path.relative_to(site).as_posix()
            if relative.startswith("search/"):
                search += bytes_
            if not file_name.endswith(".html"):
                continue
            if bytes_ > largest_bytes:
                largest, largest_bytes = relative, bytes_
            if relative.startswith("statements/"):
                statements += 1
                html = path.read_text(encoding="utf-8")
                own = sum(len(unescape(_TAG.sub("", p)).encode()) for p in _PARAGRAPH.findall(html))
                text += own
                if own < MAX_PAGE_KB * 1000:
                    short_largest = max(short_largest, bytes_)
    return Figures(
        name,
        statements,
        round(build_s, 1),
        files,
        round(size / 1e6, 1),
        round(search / 1e6, 1),
        round(text / 1e6, 1),
        largest,
        round(largest_bytes / 1e3, 1),
        round(short_largest / 1e3, 1),
    )


def build(project: Path) -> float:
    started = time.monotonic()
    subprocess.run(
        [sys.executable, str(REPO / "build.py"), "--project", str(project), "build"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.monotonic() - started


def real_project(jsonl: Path, where: Path) -> Path:
    """A scratch project of the real statements: the repository's curated files, then
    `build.py import` of the JSON Lines file."""
    if where.exists():
        shutil.rmtree(where)
    (where / "content" / "statements").mkdir(parents=True)
    for name in ("site.yaml", "about.md", "people.yaml", "resolutions.yaml"):
        shutil.copy(REPO / "content" / name, where / "content" / name)
    for shared in ("templates", "static", "node_modules"):
        (where / shared).symlink_to(REPO / shared)
    subprocess.run(
        [sys.executable, str(REPO / "build.py"), "--project", str(where), "import", str(jsonl)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return where


def with_pagefind(figures: Figures, site: Path, scratch: Path) -> None:
    """Pagefind's index of the same site (written outside it): time, files and MB."""
    if not PAGEFIND.exists():
        figures.pagefind_note = "pagefind not installed (npm ci)"
        return
    output = scratch / "pagefind"
    shutil.rmtree(output, ignore_errors=True)
    started = time.monotonic()
    done = subprocess.run(
        [str(PAGEFIND), "--site", str(site), "--output-path", str(output)],
        capture_output=True,
        text=True,
    )
    figures.pagefind_s = round(time.monotonic() - started, 1)
    if done.returncode != 0:
        figures.pagefind_note = "pagefind failed: " + (done.stderr or done.stdout)[-200:]
        return
    found = [p for p in output.rglob("*") if p.is_file()]
    figures.pagefind_files = len(found)
    figures.pagefind_mb = round(sum(p.stat().st_size for p in found) / 1e6, 1)
    shutil.rmtree(output, ignore_errors=True)


def _mark(ok: bool) -> str:
    return "met" if ok else "**missed**"


def report(results: list[dict]) -> str:
    lines = [
        START,
        "## Site size and files (issue 15)",
        "",
        "Written by `benchmarks/site_size.py` (do not edit by hand between the markers):",
        "",
        "```sh",
        "python benchmarks/site_size.py 1000 10000 \\",
        "    --real ../shared/corpus/real-dev.jsonl.gz --pagefind --report BENCHMARKS.md",
        "```",
        "",
        "Text: the statements' paragraphs as their pages hold them (UTF-8). Search index: "
        "`site/search/`. Pagefind: `npx pagefind --site site/` on the same built site, its "
        "index written beside it (it indexes every HTML page, listings too). Targets: at "
        f"10,000 statements at most {MAX_FILES_AT_10000:,} files; on real statements the "
        f"site at most {MAX_SITE_PER_TEXT:g}x the text and the search index at most the text; "
        f"no HTML page over {MAX_PAGE_KB} kB but a statement page whose own text is longer.",
        "",
        "| corpus | statements | build s | files | files/statement | site MB | search MB | "
        "text MB | site/text | search/text | largest page kB | Pagefind s | Pagefind files | "
        "Pagefind MB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    notes = []
    for r in results:
        per = r["files"] / max(r["statements"], 1)
        site_ratio = r["site_mb"] / r["text_mb"] if r["text_mb"] else 0
        index_ratio = r["search_mb"] / r["text_mb"] if r["text_mb"] else 0
        files_cell = f"{r['files']:,}"
        if r["statements"] == 10_000:
            files_cell += f" ({_mark(r['files'] <= MAX_FILES_AT_10000)})"
        real = r["corpus"].startswith("real")
        site_cell = f"{site_ratio:.1f}" + (
            f" ({_mark(site_ratio <= MAX_SITE_PER_TEXT)})" if real else ""
        )
        index_cell = f"{index_ratio:.2f}" + (
            f" ({_mark(index_ratio <= MAX_INDEX_PER_TEXT)})" if real else ""
        )
        page_cell = f"{r['largest_page_kb']:.0f} ({r['largest_page']})"
        lines.append(
            f"| {r['corpus']} | {r['statements']:,} | {r['build_s']} | {files_cell} | {per:.2f} "
            f"| {r['site_mb']} | {r['search_mb']} | {r['text_mb']} | {site_cell} | {index_cell} "
            f"| {page_cell} | {r['pagefind_s'] if r['pagefind_s'] is not None else '-'} "
            f"| {r['pagefind_files'] if r['pagefind_files'] is not None else '-'} "
            f"| {r['pagefind_mb'] if r['pagefind_mb'] is not None else '-'} |"
        )
        if r["pagefind_note"]:
            notes.append(f"- {r['corpus']}: {r['pagefind_note']}")
    lines += [
        "",
        "Before issue 15's packing (main at cfbaa83, six files a statement: page, "
        "statement.json, cite.bib/.ris/.json, one search fragment): 61,482 files at 10,000 "
        "generated statements (the issue's count); on real-dev.jsonl.gz (3,501) 31,702 files, "
        "346 MB, search index 79 MB, measured with `build.py --project /tmp/x build` after "
        "`build.py --project /tmp/x import ../shared/corpus/real-dev.jsonl.gz`.",
        *notes,
        END,
    ]
    return "\n".join(lines)


def write_report(path: Path, text: str) -> None:
    current = path.read_text(encoding="utf-8") if path.exists() else ""
    if START in current and END in current:
        before, rest = current.split(START, 1)
        after = rest.split(END, 1)[1]
        path.write_text(before + text + after, encoding="utf-8")
    else:
        path.write_text(current.rstrip("\n") + "\n\n" + text + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", type=int, nargs="*", help="numbers of generated statements")
    parser.add_argument("--real", type=Path, help="JSON Lines of real statements to import")
    parser.add_argument("--pagefind", action="store_true", help="run Pagefind on each site")
    parser.add_argument("--report", type=Path, help="write the table into this Markdown file")
    arguments = parser.parse_args()
    stored = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    runs: list[tuple[str, Path]] = []
    for size in arguments.sizes:
        runs.append((f"generated {size}", corpus.generate(size, OUT / f"size-{size}")))
    if arguments.real:
        runs.append(
            (f"real ({arguments.real.name})", real_project(arguments.real, OUT / "size-real"))
        )
    for name, project in runs:
        shutil.rmtree(project / "site", ignore_errors=True)
        shutil.rmtree(project / ".cache", ignore_errors=True)
        figures = measure_site(project / "site", name, build(project))
        if arguments.pagefind:
            with_pagefind(figures, project / "site", project)
        print(json.dumps(asdict(figures)))
        stored[name] = asdict(figures)
    OUT.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(stored, indent=1))
    if arguments.report:
        ordered = sorted(
            stored.values(), key=lambda r: (r["corpus"].startswith("real"), r["statements"])
        )
        write_report(arguments.report, report(ordered))


if __name__ == "__main__":
    main()
