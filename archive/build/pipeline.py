"""The build, read top to bottom: read content, extract each statement, link the collection,
then render pages, add static files and the search index, and write site/ in one swap.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from archive.build import parallel
from archive.build.cache import StatementCache, code_version, digest, tree_digest
from archive.build.incremental import OutputInputs, produce
from archive.build.output_tree import OutputTree, updating
from archive.build.parallel import parallel_map
from archive.build.write import check_output_dir, static_files, write_site
from archive.content.read import decode, parse_statement_file, read_bytes, read_content
from archive.errors import ArchiveError, ContentErrors
from archive.extract import extract_statement
from archive.formats.exports import export_files, with_sitemap
from archive.formats.feeds import feed_files
from archive.link import Archive, link
from archive.model import PeopleDirectory, Statement
from archive.search.index import build_search_index, lunr_script
from archive.site.render import render_pages


@dataclass(frozen=True)
class Project:
    """Where a project's parts are: content/, templates/, static/ beside each other."""

    root: Path

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def static_dir(self) -> Path:
        return self.root / "static"

    @property
    def default_output(self) -> Path:
        return self.root / "site"

    @property
    def cache_dir(self) -> Path:
        return self.root / ".cache" / "build"

    def about_markdown(self) -> str | None:
        about = self.content_dir / "about.md"
        if not about.exists():
            return None
        return decode(read_bytes(about, "content/about.md"), "content/about.md")


@dataclass
class BuildReport:
    """What a build did, for the summary line."""

    statements: int = 0
    files: int = 0
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    #: Pages rendered by this build; the others were still current in the cache.
    rendered: int = 0
    #: The linked archive the site was made from (serve keeps it for its quick rebuilds).
    archive: Archive | None = field(default=None, repr=False)


#: Told how far a stage is: progress(stage, done, total); total is 0 when unknown.
Progress = Callable[[str, int, int], None]


def _no_progress(stage: str, done: int, total: int) -> None:
    pass


def load(
    project: Project, cache: StatementCache | None = None, progress: Progress = _no_progress
) -> Archive:
    """Read, extract and link all content: everything but the output. `check` stops here."""
    content = read_content(project.content_dir, project.root, statements=False)
    try:
        statements = extract_statements(content.statement_files, content.people, cache, progress)
    except ContentErrors as error:
        raise ContentErrors(_in_file_order([*content.errors, *error.errors])) from None
    if content.errors:
        raise ContentErrors(content.errors)
    progress("linking", 0, 0)
    archive = link(statements, content.people, content.resolutions, content.site)
    archive.warnings[:0] = content.warnings
    return archive


def _in_file_order(errors: list[ArchiveError]) -> list[ArchiveError]:
    """Curated files' problems first, then each statement file's, in the order of the files
    (as a reader of the files one by one would find them)."""
    statements_dir = "content/statements/"
    return sorted(
        errors,
        key=lambda e: (
            bool(e.path and e.path.startswith(statements_dir)),
            tuple(e.path.split("/")) if e.path and e.path.startswith(statements_dir) else (),
        ),
    )


def extract_statements(
    files: list[tuple[str, Path]],
    people: PeopleDirectory,
    cache: StatementCache | None = None,
    progress: Progress = _no_progress,
) -> list[Statement]:
    """Each statement file read, parsed and extracted, in order: from the cache when it holds
    the file, else on every core. Raises ContentErrors listing every problem found."""
    statements: list[Statement | None] = [None] * len(files)
    errors: list[ArchiveError] = []
    #: (position, cache key) of each file sent to extraction, in the order sent.
    sent: list[tuple[int, str]] = []

    def to_extract() -> Iterator[tuple[str, bytes]]:
        # A generator, so that the workers extract the first files while the rest are read.
        for index, (relative, path) in enumerate(files):
            if index % 1000 == 0:
                progress("reading statements", index, len(files))
            # A file unchanged since the last build (same stat) is taken from the cache unread.
            key = cache.known_key(relative, path) if cache else None
            statements[index] = cache.get(key) if cache and key else None
            if statements[index] is not None:
                continue
            try:
                raw = read_bytes(path, relative)
            except ArchiveError as error:
                errors.append(error)
                continue
            key = cache.key(relative, raw) if cache else ""
            statements[index] = cache.get(key) if cache else None
            if statements[index] is None:
                sent.append((index, key))
                yield relative, raw

    outcomes = parallel_map(_extract_one, to_extract(), context={"people": people})
    for done, outcome in enumerate(outcomes):
        index, key = sent[done]
        if isinstance(outcome, Statement):
            statements[index] = outcome
            if cache:
                cache.put(key, outcome)
        else:
            errors.extend(outcome)
        if done % 200 == 0:
            progress("extracting statements", done, 0)
    progress("extracting statements", len(sent), len(sent))
    if errors:
        raise ContentErrors(errors)
    return [s for s in statements if s is not None]


def _extract_one(item: tuple[str, bytes]) -> Statement | list[ArchiveError]:
    """Runs in a worker: one file's Statement, or its errors (returned, not raised, so that
    every file's problems are reported together)."""
    relative, raw = item
    try:
        document = parse_statement_file(raw, relative)
        return extract_statement(document, parallel.shared["people"])
    except ContentErrors as error:
        return list(error.errors)
    except ArchiveError as error:
        return [error]


def build(
    project: Project,
    output: Path | None = None,
    *,
    incremental: bool = True,
    progress: Progress = _no_progress,
) -> BuildReport:
    """Build the whole site into `output` (site/ by default), replacing it only on success.

    Incremental by default: statements and pages still current in .cache/build/ are reused,
    and the result is byte for byte what a clean build writes (tests/scale proves it).
    """
    started = time.perf_counter()
    with _rare_garbage_collection():
        return _build(project, output, incremental, progress, started)


@contextlib.contextmanager
def _rare_garbage_collection() -> Iterator[None]:
    with rare_garbage_collection():
        try:
            yield
        finally:
            gc.unfreeze()  # parallel_map freezes what exists when it forks


@contextlib.contextmanager
def rare_garbage_collection() -> Iterator[None]:
    """A build allocates millions of objects that live to its end: with the default
    thresholds the cyclic collector rescans them all again and again, a third of a rebuild."""
    thresholds = gc.get_threshold()
    gc.set_threshold(200_000, 50, 1_000)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def _build(
    project: Project, output: Path | None, incremental: bool, progress: Progress, started: float
) -> BuildReport:
    output = check_output_dir(output or project.default_output, project.root, project.content_dir)
    lunr_script(project.root)  # a missing `npm ci` should fail now, not after rendering
    cache_dir = project.cache_dir
    if incremental and not OutputTree.possible(output, cache_dir):
        incremental = False  # the swap needs the cache and site/ on one filesystem
    version = code_version()
    people_file = project.content_dir / "people.yaml"
    cache = None
    if incremental:
        try:
            people_yaml = people_file.read_bytes() if people_file.exists() else b""
        except OSError:
            people_yaml = b""  # read_content reports it, with the path, before the cache is used
        cache = StatementCache(cache_dir, version, people_yaml)
    archive = load(project, cache, progress)  # the output stage saves the cache
    about = project.about_markdown()
    if not incremental:
        # The plain way, one file after another: what the tests compare incremental builds with.
        files = itertools.chain(
            render_pages(archive, project.templates_dir, about_markdown=about),
            static_files(project.static_dir),
            build_search_index(
                archive.statements, archive.directory, archive.curated_resolutions, project.root
            ),
            feed_files(archive),
            export_files(archive),
        )
        written = rendered = write_site(with_sitemap(files, archive.site), output)
    else:
        inputs = OutputInputs(
            project_root=project.root,
            templates_dir=project.templates_dir,
            static_dir=project.static_dir,
            cache_dir=cache_dir,
            about_markdown=about,
            code_version=version,
            render_version=digest(version, tree_digest(project.templates_dir)),
            curated=digest(
                *(_bytes_of(project.content_dir / name) for name in _CURATED),
                lunr_script(project.root),
            ),
            statement_keys=cache.key_of if cache else {},
            statement_cache=cache,
        )
        with updating(output, cache_dir) as tree:
            rendered = produce(tree, archive, inputs, progress)
        written = len(tree.produced)
    return BuildReport(
        statements=len(archive.statements),
        files=written,
        warnings=archive.warnings,
        seconds=time.perf_counter() - started,
        rendered=rendered,
        archive=archive,
    )


_CURATED = ("resolutions.yaml", "site.yaml", "about.md")


def _bytes_of(path: Path) -> bytes:
    return path.read_bytes() if path.is_file() else b""
