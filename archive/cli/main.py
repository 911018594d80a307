"""The command line: `build` (default), `serve`, `check`. The only module that turns errors
into messages and exit codes; every other module raises `ArchiveError`s.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from archive.build.pipeline import BuildReport, Project, build, load
from archive.build.progress import ProgressLine
from archive.cli.extract import add_commands as add_extract_commands
from archive.cli.extract import check_json, check_table
from archive.errors import ArchiveError, ContentErrors
from archive.search.index import lunr_script
from archive.site.render import check_templates

EXIT_OK, EXIT_CONTENT_ERROR, EXIT_USAGE = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the process exit code."""
    parser = make_parser()
    arguments = parser.parse_args(_default_command(argv if argv is not None else sys.argv[1:]))
    try:
        return arguments.run(arguments)
    except ArchiveError as error:
        report_errors(error, getattr(arguments, "command", None) or "build")
        return EXIT_CONTENT_ERROR
    except KeyboardInterrupt:
        print("interrupted; site/ was left as it was", file=sys.stderr)
        return 130


def report_errors(error: ArchiveError, command: str) -> None:
    """Each problem on its own line as `path:line: message`, then what it means for site/."""
    problems = error.errors if isinstance(error, ContentErrors) else [error]
    for problem in problems:
        print(str(problem) if problem.path else f"error: {problem}", file=sys.stderr)
    count = f"{len(problems)} error{'s' if len(problems) != 1 else ''}"
    if command in ("build", "serve"):
        print(f"build failed with {count}; site/ was left as it was", file=sys.stderr)
    else:
        print(f"{command} found {count}", file=sys.stderr)


def _default_command(argv: list[str]) -> list[str]:
    """`build` is the default subcommand: `python build.py` and `python build.py -o x` build."""
    commands = {"build", "serve", "check", "extract", "import"}
    position = 0
    while position < len(argv) and argv[position].startswith("--project"):
        position += 1 if "=" in argv[position] else 2
    rest = argv[position:]
    if (rest and rest[0] in commands) or any(a in ("-h", "--help") for a in rest[:1]):
        return argv
    return [*argv[:position], "build", *rest]


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="build.py",
        description="Build the statement archive: content/ -> site/ (static HTML + search).",
    )
    parser.add_argument(
        "--project",
        type=Path,
        default=Path(__file__).resolve().parents[2],
        help="project directory holding content/, templates/, static/ (default: this one)",
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", dest="command")

    build_parser = commands.add_parser("build", help="build site/ from content/ (the default)")
    build_parser.add_argument("-o", "--output", type=Path, help="output directory (site/)")
    build_parser.add_argument(
        "--clean",
        action="store_true",
        help="render everything, without the cache in .cache/build/ (the result is the same)",
    )
    build_parser.set_defaults(run=run_build)

    serve_parser = commands.add_parser(
        "serve", help="build, serve on 127.0.0.1 and rebuild when content/templates/static change"
    )
    serve_parser.add_argument("-o", "--output", type=Path, help="output directory (site/)")
    serve_parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve_parser.add_argument(
        "--bind", default="127.0.0.1", help="address to listen on (default 127.0.0.1)"
    )
    serve_parser.add_argument(
        "--no-watch", action="store_true", help="serve without rebuilding on changes"
    )
    serve_parser.set_defaults(run=run_serve)

    check_parser = commands.add_parser(
        "check", help="validate content and report problems without writing site/"
    )
    check_parser.add_argument(
        "--wide", action="store_true", help="print the worklist's values whole"
    )
    check_parser.add_argument(
        "--json", action="store_true", help="print the worklist and warnings as JSON"
    )
    check_parser.set_defaults(run=run_check)
    for extra in EXTRA_COMMANDS:
        extra(commands)
    return parser


#: Functions that add further subcommands (extract, import) to the parser.
EXTRA_COMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [add_extract_commands]


def print_report(report: BuildReport, output: Path) -> None:
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(
        f"built {report.statements} statements, {report.files} files into {output} "
        f"in {report.seconds:.2f} s ({len(report.warnings)} warnings; "
        f"{report.rendered} pages rendered, the rest unchanged)",
        flush=True,  # serve's output may be a pipe that a script reads line by line
    )


def print_ready(seconds: float) -> None:
    print(
        f"quick rebuilds ready after {seconds:.2f} s: an edited statement, or a new one "
        "dated after the others, is brought in from memory; other changes rebuild the site",
        flush=True,
    )


def run_build(arguments: argparse.Namespace) -> int:
    project = Project(arguments.project.resolve())
    output = arguments.output or project.default_output
    progress = ProgressLine()
    try:
        report = build(project, output, incremental=not arguments.clean, progress=progress)
    finally:
        progress.end()
    print_report(report, output)
    return EXIT_OK


def run_serve(arguments: argparse.Namespace) -> int:
    from archive.cli.serve import serve

    project = Project(arguments.project.resolve())
    output = (arguments.output or project.default_output).resolve()
    report = build(project, output)
    print_report(report, output)
    serve(
        project,
        output,
        host=arguments.bind,
        port=arguments.port,
        watch=not arguments.no_watch,
        on_rebuild=lambda report: print_report(report, output),
        first_build=report,
        on_ready=print_ready,
    )
    return EXIT_OK


def run_check(arguments: argparse.Namespace) -> int:
    project = Project(arguments.project.resolve())
    lunr_script(project.root)
    archive = load(project)
    check_templates(archive, project.templates_dir, about_markdown=project.about_markdown())
    if arguments.json:
        print(check_json(archive.statements, archive.warnings))
        return EXIT_OK
    for warning in archive.warnings:
        print(f"warning: {warning}")
    print(check_table(archive.statements, wide=arguments.wide))
    print(
        f"checked {len(archive.statements)} statements: no errors, {len(archive.warnings)} warnings"
    )
    return EXIT_OK
