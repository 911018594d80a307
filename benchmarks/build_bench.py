"""The build benchmark: for each N, generate a corpus (benchmarks/corpus.py), build it in a
subprocess, rebuild after an edit, an added statement and a renamed person, build the same
corpus with MkDocs, and print a table. `--report BENCHMARKS.md` writes the table from every
stored result (benchmarks/out/results/), so the sizes may be run separately, into that file
between the markers <!-- build-bench:start --> and <!-- build-bench:end --> only.

    python benchmarks/build_bench.py 1000 10000 --mkdocs-max 10000 --report BENCHMARKS.md

Machines are shared and noisy: compare the figures of one run as ratios.
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import json
import os
import platform
import queue
import re
import resource
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402 - the sibling module, importable when run as a script

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "benchmarks" / "out"
RESULTS = OUT / "results"
MKDOCS_VENV = OUT / "mkdocs-venv"
#: Earlier outputs are moved here and deleted only after the measurements. This machine's
#: ext4 has no journal, and without one ext4 passes over every inode freed in the last one
#: to five minutes on each file it creates: a build just after deleting 100,000 files took
#: twice as long (55 s instead of 25 s at N = 10,000, nearly all of it in the kernel).
TRASH = OUT / "trash"


def discard(path: Path) -> None:
    """Out of the way now (a rename), deleted by `empty_trash` after the measurements."""
    if path.exists() or path.is_symlink():
        TRASH.mkdir(parents=True, exist_ok=True)
        os.replace(path, TRASH / f"{path.name}-{time.monotonic_ns()}")


def empty_trash() -> None:
    shutil.rmtree(TRASH, ignore_errors=True)


@dataclass
class Run:
    """One measured process: wall and CPU seconds (children included), peak memory."""

    wall: float
    cpu: float
    #: Highest sum of the proportional set sizes (PSS) of the process and all its children,
    #: sampled every 250 ms or less often (see `measure`): what the build costs the machine,
    #: with shared pages counted once.
    peak_mb: float
    #: The largest single process's maximum resident set size, from the kernel.
    max_rss_mb: float
    returncode: int
    output: str = ""


@dataclass
class Result:
    statements: int
    full: Run
    pages: int = 0
    files: int = 0
    output_mb: float = 0.0
    rebuilds: dict[str, float] = field(default_factory=dict)
    mkdocs: Run | None = None
    mkdocs_note: str = ""
    when: str = ""
    machine: str = ""
    command: str = ""


def _descendants(pid: int) -> list[int]:
    pids, queue = [], [pid]
    while queue:
        current = queue.pop()
        pids.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    queue.extend(int(c) for c in children.read().split())
        except OSError:
            continue
    return pids


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def measure(command: list[str], cwd: Path | None = None, env: dict | None = None) -> Run:
    """Run `command`, sampling the memory of its process tree until it ends."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    peak = 0
    done = threading.Event()

    def sample() -> None:
        # Reading a process's PSS makes the kernel walk its page tables, holding its memory
        # map lock: read every 50 ms, it slowed the build it measured (by 7 % at 10,000
        # statements). So every 250 ms, and less often while a reading is slow.
        nonlocal peak
        while not done.is_set():
            began = time.perf_counter()
            peak = max(peak, sum(_pss_kb(p) for p in _descendants(process.pid)))
            done.wait(max(0.25, 20 * (time.perf_counter() - began)))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = process.communicate()
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(
        wall=wall,
        cpu=cpu,
        peak_mb=peak / 1024,
        max_rss_mb=after.ru_maxrss / 1024,
        returncode=process.returncode,
        output=output.decode("utf-8", "replace")[-3000:],
    )


def prepare_project(statements: int) -> Path:
    """benchmarks/out/bench-N/ with a fresh corpus and links to the real templates/static."""
    project = OUT / f"bench-{statements}"
    project.mkdir(parents=True, exist_ok=True)
    marker = project / "corpus.stamp"
    stamp = f"{statements} {corpus.__file__} {Path(corpus.__file__).stat().st_mtime_ns}"
    if not marker.exists() or marker.read_text() != stamp:
        started = time.perf_counter()
        corpus.generate(statements, project)
        marker.write_text(stamp)
        print(f"  corpus of {statements} written in {time.perf_counter() - started:.1f} s")
    for name in ("templates", "static"):
        link = project / name
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(REPO / name)
    return project


#: The code every build of one run uses: a copy taken when the run starts, so that work
#: landing in the repository meanwhile cannot make a rebuild's cache stale halfway.
CODE = OUT / "code"


def snapshot_code() -> None:
    shutil.rmtree(CODE, ignore_errors=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(REPO / "archive", CODE / "archive", ignore=ignore)
    shutil.copy2(REPO / "build.py", CODE / "build.py")
    # Compiled now, so that the first build measured does not pay Python's one-time
    # compilation of every module (a second of CPU at N = 1,000).
    compileall.compile_dir(CODE, quiet=1)


def build_command(project: Path) -> list[str]:
    build_py = CODE / "build.py" if (CODE / "build.py").exists() else REPO / "build.py"
    return [sys.executable, str(build_py), "--project", str(project), "build"]


def site_figures(site: Path) -> tuple[int, int, float]:
    pages = files = size = 0
    for directory, _, names in os.walk(site):
        for name in names:
            files += 1
            pages += name.endswith(".html")
            size += os.stat(os.path.join(directory, name)).st_size
    return pages, files, size / 1e6


def checked(run: Run, what: str) -> Run:
    if run.returncode != 0:
        raise SystemExit(f"{what} failed ({run.returncode}):\n{run.output}")
    return run


def rebuilds(project: Path) -> dict[str, float]:
    """Wall time of a rebuild after each kind of change; the corpus is restored after."""
    times: dict[str, float] = {}
    statements = sorted((project / "content" / "statements").rglob("*.md"))
    edited = statements[len(statements) // 2]
    original = edited.read_bytes()
    people_file = project / "content" / "people.yaml"
    people = people_file.read_bytes()
    added = project / "content" / "statements" / "2020-02-02-an-added-statement.md"
    try:
        edited.write_bytes(original.rstrip(b"\n") + b" An edited closing sentence.\n")
        times["edit"] = checked(measure(build_command(project)), "rebuild after edit").wall
        added.write_text(
            "---\nsource: KCNA\n---\nAn added statement\n\nFebruary 2, 2020\n"
            "The delegation rejects resolution 2397 once again in the strongest terms.\n",
            encoding="utf-8",
        )
        times["add"] = checked(measure(build_command(project)), "rebuild after add").wall
        # Rename the most quoted curated person: every statement of theirs changes.
        people_file.write_bytes(people.replace(b"name: Kim Song\n", b"name: Kim Song Jr\n", 1))
        times["people"] = checked(measure(build_command(project)), "rebuild after people").wall
        times["nothing"] = checked(measure(build_command(project)), "rebuild, no change").wall
    finally:
        edited.write_bytes(original)
        people_file.write_bytes(people)
        added.unlink(missing_ok=True)
    return times


def serve_edit(project: Path) -> dict[str, float]:
    """In a running `serve`: seconds it takes to make its quick rebuilds ready after its
    first build (`serve_ready`), its memory then (`serve_mb`), and seconds from saving an edit
    of one statement's text to its new page in site/ (`serve_page`) and to the end of the
    rebuild (`serve_all`), and from saving a new title, or a new statement dated after the
    others, to the end of its rebuild (`serve_title`, `serve_add`)."""
    statements = sorted((project / "content" / "statements").rglob("*.md"))
    edited = statements[len(statements) // 3]
    page = project / "site" / "statements" / edited.stem / "index.html"
    original = edited.read_bytes()
    added = edited.with_name("added-while-serving.md")
    command = [*build_command(project)[:-1], "serve", "--port", "0"]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    lines: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(line) for line in process.stdout])
    reader.daemon = True
    reader.start()

    def wait_for(text: str, seconds: float = 900) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            with contextlib.suppress(queue.Empty):
                line = lines.get(timeout=1)
                if text in line:
                    return line
            if process.poll() is not None:
                raise SystemExit(f"serve stopped ({process.returncode}) before {text!r}")
        raise SystemExit(f"serve printed no {text!r} in {seconds} s")

    times: dict[str, float] = {}
    try:
        wait_for("serving ")
        ready = wait_for("quick rebuilds ready after ")
        times["serve_ready"] = float(ready.split("after ")[1].split(" s")[0])
        times["serve_mb"] = _pss_kb(process.pid) / 1024
        sentence = b"A sentence edited while serving."
        edited.write_bytes(original.rstrip(b"\n") + b" " + sentence + b"\n")
        saved = time.perf_counter()
        while sentence not in page.read_bytes():
            if time.perf_counter() - saved > 900:
                raise SystemExit("serve never showed the edited page")
            time.sleep(0.005)
        times["serve_page"] = time.perf_counter() - saved
        wait_for("built ")
        times["serve_all"] = time.perf_counter() - saved
        edited.write_bytes(original)
        wait_for("built ")
        # A field other pages show: the archive is linked again, and the pages that show
        # the statement (neighbours, related, listings) are made too.
        retitled = re.sub(rb"(?m)^title:.*$", b"title: 'A title edited while serving'", original)
        edited.write_bytes(retitled)
        saved = time.perf_counter()
        wait_for("built ")
        times["serve_title"] = time.perf_counter() - saved
        edited.write_bytes(original)
        wait_for("built ")
        # Today's statement: dated after every other, so that no other statement moves.
        today = time.strftime("%Y-%m-%d", time.gmtime()).encode()
        front = b"---\ndate: " + today + b"\ntitle: 'Added while serving'\n---\n"
        added.write_bytes(front + original.split(b"---\n", 2)[-1])
        saved = time.perf_counter()
        wait_for("built ")
        times["serve_add"] = time.perf_counter() - saved
        added.unlink()
        wait_for("built ")
    finally:
        edited.write_bytes(original)
        added.unlink(missing_ok=True)
        process.terminate()
        process.wait(timeout=60)
    return times


def mkdocs_python() -> Path | None:
    """A Python with mkdocs 1.6.1 and lunr 0.8.0: the machine's, or a throwaway venv."""
    try:
        found = subprocess.run(
            [sys.executable, "-c", "import mkdocs, lunr; print(mkdocs.__version__)"],
            capture_output=True,
            text=True,
        )
        if found.returncode == 0 and found.stdout.strip() == "1.6.1":
            return Path(sys.executable)
    except OSError:
        pass
    python = MKDOCS_VENV / "bin" / "python"
    if not python.exists():
        print("  installing mkdocs 1.6.1 into benchmarks/out/mkdocs-venv")
        subprocess.run([sys.executable, "-m", "venv", str(MKDOCS_VENV)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "mkdocs==1.6.1", "lunr==0.8.0"],
            check=False,
        )
    ok = subprocess.run([str(python), "-c", "import mkdocs, lunr"], capture_output=True)
    return python if ok.returncode == 0 else None


def mkdocs_build(project: Path, python: Path) -> Run:
    """The same statements as a MkDocs site with its search index prebuilt by lunr.py."""
    root = OUT / f"mkdocs-{project.name}"
    discard(root)
    docs = root / "docs"
    shutil.copytree(project / "content" / "statements", docs / "statements")
    (docs / "index.md").write_text("# Statements\n", encoding="utf-8")
    # Only the home page in nav: an automatic nav of every statement on every page would
    # make MkDocs quadratic, which is not the comparison we want.
    (root / "mkdocs.yml").write_text(
        "site_name: Statements\nnav:\n  - Home: index.md\n"
        "plugins:\n  - search:\n      prebuild_index: python\n",
        encoding="utf-8",
    )
    return measure([str(python), "-m", "mkdocs", "build", "-q"], cwd=root)


def bench(statements: int, mkdocs_max: int, command: str = "") -> Result:
    print(f"N = {statements}", flush=True)
    project = prepare_project(statements)
    for leftover in (project / "site", project / ".cache"):
        discard(leftover)
    full = checked(measure(build_command(project)), "full build")
    print(
        f"  full build {full.wall:.1f} s, CPU {full.cpu:.1f} s, {full.peak_mb:.0f} MB", flush=True
    )
    pages, files, size = site_figures(project / "site")
    result = Result(statements, full, pages, files, size)
    result.rebuilds = rebuilds(project)
    result.rebuilds.update(serve_edit(project))
    print(f"  rebuilds {result.rebuilds}", flush=True)
    if statements <= mkdocs_max:
        python = mkdocs_python()
        if python is None:
            result.mkdocs_note = "MkDocs 1.6.1 could not be installed"
        else:
            result.mkdocs = mkdocs_build(project, python)
            if result.mkdocs.returncode != 0:
                result.mkdocs_note = "MkDocs failed: " + result.mkdocs.output[-300:]
                result.mkdocs = None
            else:
                print(f"  MkDocs {result.mkdocs.wall:.1f} s", flush=True)
    else:
        result.mkdocs_note = (
            f"MkDocs not run above N = {mkdocs_max:,} (`--mkdocs-max`): its build time grows "
            "about linearly in N (see the rows above), so it would take many minutes here"
        )
    result.when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    result.machine = f"{os.cpu_count()} cores, Python {platform.python_version()}"
    result.command = command
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{statements}.json").write_text(json.dumps(asdict(result), indent=1))
    return result


def load_results() -> list[dict]:
    results = [json.loads(p.read_text()) for p in RESULTS.glob("*.json")]
    return sorted(results, key=lambda r: r["statements"])


def table(results: list[dict]) -> str:
    head = (
        "| N | full build s | CPU s | peak MB (all processes) | pages | files | output MB "
        "| rebuild: edit s | add s | person renamed s | no change s "
        "| serve: ready s | serve MB | serve, edit: page s | serve, edit: all s "
        "| serve, new title s | serve, statement added s "
        "| MkDocs s | MkDocs peak MB | MkDocs / ours |\n"
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
    )
    rows = []
    for r in results:
        full, mk, re_ = r["full"], r["mkdocs"], r["rebuilds"]
        mk_cells = (
            [f"{mk['wall']:.1f}", f"{mk['peak_mb']:,.0f}", f"{mk['wall'] / full['wall']:.1f}×"]
            if mk
            else ["–", "–", "–"]
        )
        rows.append(
            "| "
            + " | ".join(
                [
                    f"{r['statements']:,}",
                    f"{full['wall']:.1f}",
                    f"{full['cpu']:.1f}",
                    f"{full['peak_mb']:,.0f}",
                    f"{r['pages']:,}",
                    f"{r['files']:,}",
                    f"{r['output_mb']:,.0f}",
                    *(f"{re_.get(k, float('nan')):.2f}" for k in ("edit", "add", "people")),
                    f"{re_.get('nothing', float('nan')):.2f}",
                    f"{re_['serve_ready']:.1f}" if "serve_ready" in re_ else "–",
                    f"{re_['serve_mb']:,.0f}" if "serve_mb" in re_ else "–",
                    *(
                        f"{re_[k]:.2f}" if k in re_ else "–"
                        for k in ("serve_page", "serve_all", "serve_title", "serve_add")
                    ),
                    *mk_cells,
                ]
            )
            + " |"
        )
    return head + "\n".join(rows) + "\n"


START = "<!-- build-bench:start -->"
END = "<!-- build-bench:end -->"
#: A new BENCHMARKS.md: this script's section and the search benchmark's, each between markers.
NEW_FILE = (
    "# Benchmarks\n\n"
    "## Build\n\n" + START + "\n" + END + "\n\n"
    "## Search\n\n<!-- search-bench:start -->\n<!-- search-bench:end -->\n"
)


#: The scale issue's targets on this machine: (N, what, the result's value, the limit).
TARGETS = [
    (10_000, "full build, s", lambda r: r["full"]["wall"], 15),
    (10_000, "full build, peak MB", lambda r: r["full"]["peak_mb"], 1024),
    (
        10_000,
        "rebuild after editing one statement's text, in `serve` (save to rebuilt), s",
        lambda r: r["rebuilds"].get("serve_all"),
        1,
    ),
    (
        10_000,
        "rebuild after a new title, in `serve` (save to rebuilt), s",
        lambda r: r["rebuilds"].get("serve_title"),
        1,
    ),
    (
        10_000,
        "rebuild after editing one statement from a new `build.py` process (Python start-up "
        "and loading the caches on disk included), s",
        lambda r: r["rebuilds"].get("edit"),
        1,
    ),
    (100_000, "full build, s", lambda r: r["full"]["wall"], 180),
    (100_000, "full build, peak MB", lambda r: r["full"]["peak_mb"], 4096),
]


def verdicts(results: list[dict]) -> str:
    """Each target met or missed, from the stored results, and how build time grows."""
    by_size = {r["statements"]: r for r in results}
    lines = []
    for size, what, value_of, limit in TARGETS:
        if size not in by_size or value_of(by_size[size]) is None:
            continue
        value = value_of(by_size[size])
        verdict = "met" if value <= limit else "missed"
        lines.append(f"- {size:,} statements, {what} at most {limit:,}: {verdict} ({value:,.1f})")
    if 10_000 in by_size and 100_000 in by_size:
        growth = by_size[100_000]["full"]["wall"] / by_size[10_000]["full"]["wall"]
        lines.append(
            f"- full build time from 10,000 to 100,000 statements: x{growth:.1f} (linear: x10)"
        )
    return "Targets of the scale issue:\n\n" + "\n".join(lines) + "\n" if lines else ""


def section(command: str) -> str:
    """The build benchmark's part of BENCHMARKS.md: how it was made, the table, the notes."""
    results = load_results()
    notes = "".join(
        f"- N = {r['statements']:,}: {r['mkdocs_note']}\n" for r in results if r["mkdocs_note"]
    )
    runs = "".join(
        f"- N = {r['statements']:,}: measured {r['when']} on {r['machine']}"
        + (f" by `{r['command']}`" if r.get("command") else "")
        + "\n"
        for r in results
    )
    return (
        "Written by `benchmarks/build_bench.py` (do not edit by hand between the markers); "
        f"produced with\n\n```sh\n{command}\n```\n\n"
        "Each N is a generated corpus (`benchmarks/corpus.py`): statements of about 600 words "
        "as a scraper saves them, with front matter for some fields, varied dates, speakers, "
        "countries and resolutions, and a vocabulary that grows with N (Zipf-distributed words "
        "from a Heaps'-law vocabulary, plus rare generated names and places). "
        "The full build starts with no site/ and no .cache/; each rebuild is a new "
        "`python build.py` process after one change (edit one statement, add one, rename the "
        "most quoted person in people.yaml, nothing), so it includes Python's start-up. "
        "The *serve* columns are of `python build.py serve`: seconds after its first build "
        "until its quick rebuilds are ready (the archive, data rows and search index held in "
        "memory), its memory then (proportional set size), and, after saving an edit of one "
        "statement's text, seconds from the save to its new page in site/ and to the end of "
        "the rebuild, and after saving a new title, or adding a statement dated after every "
        "other, to the end of its rebuild. "
        "Peak memory is the highest sum of proportional set sizes of the build and its worker "
        "processes, sampled every 250 ms (less often while a sample is slow to read). "
        "MkDocs 1.6.1 builds the same statement files "
        "with its search plugin's `prebuild_index: python` (lunr.py 0.8.0), in the same run; "
        "the last column is its build time over ours. The machine is shared: wall times "
        "vary with what else runs, CPU times less.\n\n"
        + table(results)
        + "\n"
        + verdicts(results)
        + "\n"
        + runs
        + notes
    )


def report(path: Path, command: str) -> None:
    """Replace the build section of `path` (between its markers), leaving the rest alone."""
    text = path.read_text(encoding="utf-8") if path.exists() else NEW_FILE
    if START not in text or END not in text or text.index(START) > text.index(END):
        text = text.rstrip("\n") + "\n\n## Build\n\n" + START + "\n" + END + "\n"
    before, rest = text.split(START, 1)
    _, after = rest.split(END, 1)
    path.write_text(before + START + "\n" + section(command) + END + after, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "sizes", type=int, nargs="*", help="values of N (default 1000, none with --report)"
    )
    parser.add_argument(
        "--mkdocs-max", type=int, default=10_000, help="largest N to build with MkDocs"
    )
    parser.add_argument(
        "--report",
        type=Path,
        nargs="?",
        const=REPO / "BENCHMARKS.md",
        help="write the table of all stored results into this file's build section "
        "(default BENCHMARKS.md at the repository's root)",
    )
    arguments = parser.parse_args(argv)
    command = "python benchmarks/build_bench.py " + " ".join(
        str(a) for a in (argv if argv is not None else sys.argv[1:])
    )
    sizes = arguments.sizes or ([] if arguments.report else [1000])
    if TRASH.exists():
        print("  deleting the last run's outputs (and waiting out ext4's five minutes)")
        empty_trash()
        time.sleep(300)
    if sizes:
        snapshot_code()
    try:
        for statements in sizes:
            bench(statements, arguments.mkdocs_max, command)
    finally:
        empty_trash()
    print(table(load_results()))
    if arguments.report:
        command = "python benchmarks/build_bench.py " + " ".join(
            argv if argv is not None else sys.argv[1:]
        )
        report(arguments.report, command)
        print(f"wrote {arguments.report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
