"""Import the real corpus as JSON Lines (`build.py import real-dev.jsonl.gz`, the `truth`
fields read as the scraper's metadata) into a fresh project, time it, import it again
(nothing may be added), then parse every statement as the build does and count those dated
exactly as, and at the precision, their source gave.

    python benchmarks/import_corpus.py [--keep DIR] [--no-parse]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from real_corpus import corpus_or_default  # noqa: E402

from archive.build.pipeline import Project, load  # noqa: E402

CORPUS = corpus_or_default()


def run_import(project: Path) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--project", str(project), "import", str(CORPUS)],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    summary = [line for line in done.stdout.splitlines() if line.startswith("read ")]
    if done.returncode or not summary:
        raise SystemExit(f"import failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return seconds, summary[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", type=Path, help="make the project here and keep it")
    parser.add_argument("--no-parse", action="store_true", help="time the imports only")
    arguments = parser.parse_args()
    project = arguments.keep or Path(tempfile.mkdtemp(prefix="import-corpus-"))
    (project / "content" / "statements").mkdir(parents=True, exist_ok=True)
    for name in ("people.yaml", "resolutions.yaml", "site.yaml"):
        shutil.copy(ROOT / "content" / name, project / "content" / name)
    try:
        first, summary = run_import(project)
        print(f"first import: {first:.1f} s: {summary}")
        second, summary = run_import(project)
        print(f"second import: {second:.1f} s: {summary}")
        if arguments.no_parse:
            return
        with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
            records = [json.loads(line) for line in lines]
        truth = {
            hashlib.sha256(r["text"].encode("utf-8")).hexdigest(): r["truth"].get("date")
            for r in records
        }
        started = time.perf_counter()
        archive = load(Project(project))
        print(
            f"parsed {len(archive.statements)} statements in {time.perf_counter() - started:.1f} s"
        )
        right, undated_right, wrong = 0, 0, []
        for statement in archive.statements:
            given = truth.get(statement.versions[0].sha256) if statement.versions else "?"
            if given is None:
                undated_right += 1  # the source gave no date: the parser's (or none) stands
            elif statement.date.iso == given and statement.date.source == "source-page":
                right += 1
            else:
                wrong.append((statement.path, given, statement.date.iso))
        dated = len(archive.statements) - undated_right
        print(
            f"{right}/{dated} statements whose source gave a date are dated with it, at its "
            f"precision, from the source's page; {undated_right} had no date from the source"
        )
        for path, given, found in wrong[:10]:
            print(f"  {path}: source {given}, statement {found}")
    finally:
        if not arguments.keep:
            shutil.rmtree(project, ignore_errors=True)


if __name__ == "__main__":
    main()
