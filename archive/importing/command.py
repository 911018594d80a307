"""`build.py import PATH...`: read every input, decide for each statement whether it is new,
already there, or a new version of one, write each whole, and say what happened.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from archive.build.progress import ProgressLine
from archive.cli.report import import_front_matter
from archive.content.read import SourceDocument
from archive.errors import ArchiveError, ContentErrors
from archive.extract.merge import extract_statement
from archive.importing.formats import input_files, read_input
from archive.importing.records import Problem, Record, now
from archive.importing.store import (
    Index,
    Stored,
    decide,
    new_file,
    new_version_file,
    read_index,
    replace_whole,
    write_new,
)
from archive.model import PeopleDirectory, Statement, slugify

#: Up to this many statements written, each is named on its own line.
LISTED = 20


@dataclass
class Outcome:
    """What an import did, for its summary."""

    read: int = 0
    written: list[tuple[str, str, str]] = field(default_factory=list)  # (what, origin, path)
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unknown: dict[str, int] = field(default_factory=dict)
    stopped: str | None = None

    def count(self, what: str) -> int:
        return sum(1 for kind, _, _ in self.written if kind == what)


def add_import_command(commands: argparse._SubParsersAction) -> None:
    importer = commands.add_parser(
        "import",
        help="add statements to content/statements/ from text files, saved web pages, "
        "JSON Lines or CSV (folders recursively); new texts at a known address become versions",
    )
    importer.add_argument(
        "paths",
        nargs="+",
        type=Path,
        metavar="PATH",
        help="a text file, saved web page, JSON Lines or CSV file (gzip too), or a folder of them",
    )
    importer.add_argument(
        "--verbose", action="store_true", help="name every statement written, however many"
    )
    importer.set_defaults(run=run_import)


def run_import(arguments: argparse.Namespace) -> int:
    from archive.cli.extract import project_people

    project = arguments.project.resolve()
    progress = ProgressLine()
    try:
        outcome = import_paths(arguments.paths, project, project_people(project), progress=progress)
    finally:
        progress.end()
    print_outcome(outcome, project, verbose=arguments.verbose)
    return 1 if outcome.problems or outcome.stopped else 0


def import_paths(
    paths: list[Path],
    project: Path,
    people: PeopleDirectory,
    progress: ProgressLine | None = None,
    retrieved: str | None = None,
) -> Outcome:
    """Import every statement of `paths` into project/content/statements/."""
    outcome = Outcome()
    records: list[Record] = []
    for item in input_files(paths):
        if isinstance(item, Problem):
            outcome.problems.append(item)
            continue
        for found in read_input(item, outcome.unknown):
            if isinstance(found, Problem):
                outcome.problems.append(found)
            else:
                records.append(found)
                outcome.notes.extend(f"{found.origin}: {note}" for note in found.notes)
            if progress:
                progress("reading", len(records), 0)
    outcome.read = len(records)
    folder = project / "content" / "statements"
    index = read_index(folder)
    when = retrieved or now()
    for number, record in enumerate(records, start=1):
        if progress:
            progress(_stage(progress, number, len(records)), number, len(records))
        try:
            _import_one(record, index, people, project, when, outcome)
        except OSError as error:
            outcome.stopped = f"{record.origin}: could not be written: {error.strerror or error}"
            break
    return outcome


def _stage(progress: ProgressLine, done: int, total: int) -> str:
    """ "importing" with a bar on a terminal; plain "importing" lines in a log."""
    if not progress.terminal or not total:
        return "importing"
    filled = 24 * done // total
    return f"importing [{'#' * filled}{'.' * (24 - filled)}]"


def _import_one(
    record: Record,
    index: Index,
    people: PeopleDirectory,
    project: Path,
    retrieved: str,
    outcome: Outcome,
) -> None:
    what, stored = decide(index, record)
    retrieved = record.retrieved or retrieved
    if what == "unchanged":
        outcome.unchanged += 1
        return
    if what == "version" and stored is not None:
        current = stored.path.read_text(encoding="utf-8")
        content = new_version_file(current, str(stored.path), record, retrieved)
        if content is None:
            outcome.problems.append(
                Problem(
                    record.origin,
                    f"is a new text of {_shown(stored.path, project)} (same address), whose "
                    "front matter has no import block to add a version to; "
                    "add the new text by hand",
                )
            )
            return
        replace_whole(stored.path, content)
        normalised, sha256 = record.hashes
        stored.texts.add(normalised)
        stored.retrieved.add(sha256)
        index.by_text.setdefault(normalised, stored)
        outcome.written.append(("version", record.origin, _shown(stored.path, project)))
        return
    try:
        stem, comments = _name_and_comments(record, people)
    except ContentErrors as error:
        outcome.problems.extend(Problem(record.origin, e.message) for e in error.errors)
        return
    except ArchiveError as error:
        outcome.problems.append(Problem(record.origin, str(error.message)))
        return
    path = write_new(index.folder, stem, new_file(record, retrieved, comments), index.names)
    index.add(Stored(path, record.metadata.get("url"), {record.hashes[0]}, {record.hashes[1]}))
    outcome.written.append(("new", record.origin, _shown(path, project)))


def _name_and_comments(record: Record, people: PeopleDirectory) -> tuple[str, list[str]]:
    """The file's name without .md: `<date>-<slug>` by the source's date and title, else the
    parser's (which runs only for a plain text, or a record the source did not date: it is
    most of an import's time); and, for a plain text, the parser's findings as comments."""
    date, title = record.metadata.get("date"), record.metadata.get("title")
    comments: list[str] = []
    if record.kind == "text" or not date:
        statement = extract_statement(SourceDocument(path=record.origin, text=record.text), people)
        date = date or statement.date.iso
        if not title and not statement.title_generated:
            title = statement.title
        if record.kind == "text":
            comments = _parser_comments(statement)
    slug = slugify(title or _first_words(record.text), max_words=8)
    return (f"{date}-{slug}" if date else slug), comments


def _parser_comments(statement: Statement) -> list[str]:
    """The parser's findings, each a commented front matter line to confirm (the lines of
    the plain-text import's block, without its own instructions)."""
    block = import_front_matter(statement)
    lines = [line for line in block.splitlines() if line.startswith("# ")][2:]
    return ["# Found in the text: to confirm a value, remove its '# '.", *lines]


def _first_words(text: str) -> str:
    return " ".join(text.split()[:8])


def _shown(path: Path, project: Path) -> str:
    try:
        return str(path.relative_to(project))
    except ValueError:
        return str(path)


def print_outcome(
    outcome: Outcome, project: Path, verbose: bool = False, out: TextIO | None = None
) -> None:
    """Each statement written (up to LISTED of them), the summary, then what was skipped."""
    out = out or sys.stdout
    if verbose or len(outcome.written) <= LISTED:
        for what, origin, path in outcome.written:
            verb = "imported" if what == "new" else "new version of"
            print(
                f"{verb} {origin} -> {path}" if what == "new" else f"{origin}: {verb} {path}",
                file=out,
            )
    for note in outcome.notes:
        print(f"warning: {note}", file=sys.stderr)
    if outcome.unknown:
        columns = ", ".join(
            f"{name} ({count:,})" for name, count in Counter(outcome.unknown).most_common()
        )
        print(f"unknown columns, not imported (the records keep them): {columns}", file=out)
    new, versions = outcome.count("new"), outcome.count("version")
    print(
        f"read {outcome.read:,} statements: {new:,} new, {versions:,} new versions, "
        f"{outcome.unchanged:,} unchanged, {len(outcome.problems):,} skipped",
        file=out,
    )
    for problem in outcome.problems:
        print(str(problem), file=sys.stderr)
    if outcome.stopped:
        print(outcome.stopped, file=sys.stderr)
    if outcome.problems or outcome.stopped:
        state = (
            f"only whole statements were written ({new:,} new, {versions:,} new versions)"
            if outcome.written
            else "content/ was left as it was"
        )
        stop = "import stopped" if outcome.stopped else f"import skipped {len(outcome.problems)}"
        print(f"{stop}; {state}", file=sys.stderr)
