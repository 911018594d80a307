"""The `extract` and `import` subcommands and the `check` worklist: thin wrappers that read
files, run the extract stage and print or write what report.py makes of it (import's work is
archive/importing's).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from archive.cli.report import (
    check_rows,
    extraction_json,
    format_check_table,
    format_worklist,
    worklist,
    worklist_json,
)
from archive.content.read import decode, parse_people, parse_statement_file, read_bytes
from archive.errors import ArchiveError, ContentErrors
from archive.extract.merge import extract_statement
from archive.importing.command import add_import_command
from archive.model import PeopleDirectory, Statement


def project_people(project: Path) -> PeopleDirectory:
    """content/people.yaml of a project, or nobody when it has none."""
    path = project / "content" / "people.yaml"
    if not path.exists():
        return PeopleDirectory()
    shown = "content/people.yaml"
    return PeopleDirectory.of(parse_people(decode(read_bytes(path, shown), shown), shown))


def extract_file(path: Path, people: PeopleDirectory, shown: str | None = None) -> Statement:
    """One text file (inside content/ or not, with or without front matter) as a Statement."""
    shown = shown or str(path)
    document = parse_statement_file(read_bytes(path, shown), shown)
    return extract_statement(document, people)


def _extract_all(paths: list[Path], people: PeopleDirectory) -> list[tuple[str, Statement]]:
    statements = []
    errors: list[ArchiveError] = []
    for path in paths:
        try:
            statements.append((str(path), extract_file(path, people)))
        except ContentErrors as error:
            errors.extend(error.errors)
        except ArchiveError as error:
            errors.append(error)
    if errors:
        raise ContentErrors(errors)
    return statements


def run_extract(arguments: argparse.Namespace) -> int:
    people = project_people(arguments.project.resolve())
    extracted = _extract_all(arguments.paths, people)
    if arguments.json:
        records = [extraction_json(path, statement) for path, statement in extracted]
        print(json.dumps(records, ensure_ascii=False, indent=2))
        return 0
    rows = check_rows([statement for _, statement in extracted])
    print(format_check_table(rows))
    return 0


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Add `extract` and `import` to the command line's subcommands."""
    extract = commands.add_parser(
        "extract", help="print what the parser finds in text files (any file, in content/ or not)"
    )
    extract.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    extract.add_argument("--json", action="store_true", help="one JSON object per file, as a list")
    extract.set_defaults(run=run_extract)

    add_import_command(commands)


def check_table(statements: list[Statement], wide: bool = False) -> str:
    """`check`'s curator's worklist: what the parser left unknown or doubtful, most
    consequential first, and a summary line; `wide` prints values whole."""
    return format_worklist(worklist(statements), len(statements), wide=wide)


def check_json(statements: list[Statement], warnings: list[str]) -> str:
    """`check --json`: the worklist, its summary and the build's warnings as one document."""
    return json.dumps(worklist_json(statements, warnings), ensure_ascii=False, indent=2)
