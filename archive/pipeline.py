"""The build, read top to bottom: read content, extract each statement, link the collection,
then render pages, add static files and the search index, and write site/ in one swap.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from pathlib import Path

from archive.errors import ArchiveError, ContentErrors
from archive.exports import export_files, with_sitemap
from archive.extract import extract_statement
from archive.feeds import feed_files
from archive.link import Archive, link
from archive.read import decode, read_bytes, read_content
from archive.render import render_pages
from archive.search_index import build_search_index, lunr_script
from archive.write import check_output_dir, static_files, write_site


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


def load(project: Project) -> Archive:
    """Read, extract and link all content: everything but the output. `check` stops here."""
    content = read_content(project.content_dir, project.root)
    statements = []
    errors: list[ArchiveError] = []
    for document in content.documents:
        try:
            statements.append(extract_statement(document, content.people))
        except ContentErrors as error:
            errors.extend(error.errors)
        except ArchiveError as error:
            errors.append(error)
    if errors:
        raise ContentErrors(errors)
    archive = link(statements, content.people, content.resolutions, content.site)
    archive.warnings[:0] = content.warnings
    return archive


def build(project: Project, output: Path | None = None) -> BuildReport:
    """Build the whole site into `output` (site/ by default), replacing it only on success."""
    started = time.perf_counter()
    output = check_output_dir(output or project.default_output, project.root, project.content_dir)
    lunr_script(project.root)  # a missing `npm ci` should fail now, not after rendering
    archive = load(project)
    files = itertools.chain(
        render_pages(archive, project.templates_dir, about_markdown=project.about_markdown()),
        static_files(project.static_dir),
        build_search_index(
            archive.statements, archive.directory, archive.curated_resolutions, project.root
        ),
        feed_files(archive),
        export_files(archive),
    )
    files = with_sitemap(files, archive.site)
    written = write_site(files, output)
    return BuildReport(
        statements=len(archive.statements),
        files=written,
        warnings=archive.warnings,
        seconds=time.perf_counter() - started,
    )
