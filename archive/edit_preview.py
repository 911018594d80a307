"""serve's first answer to a saved edit: the edited statements' own pages, rendered against the
last build's archive and put into site/ at once, seconds before the whole rebuild (listings,
feeds, data files, search index) is swapped in. Only for an edit of the text alone, so that
each page is byte for byte the one the rebuild then writes.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from archive.errors import ArchiveError
from archive.extract import extract_statement
from archive.link import Archive
from archive.model import SiteFile, Statement
from archive.read import parse_statement_file, read_bytes
from archive.render import PageContext, common_context, statement_page, statement_page_plan
from archive.write import safe_target

#: The fields that only a statement's own files show (its page, data files and search
#: entry). An edit that changes nothing else leaves the links between statements (neighbours,
#: related, listings) and every other page as they were.
OWN_FIELDS = ("paragraphs", "notes", "content_hash")


def text_only(before: Statement, after: Statement) -> bool:
    """Whether `after` differs from `before` in its own fields alone."""
    blank = dict.fromkeys(OWN_FIELDS)
    return dataclasses.replace(before, **blank) == dataclasses.replace(after, **blank)


def edited_pages(
    archive: Archive,
    project_root: Path,
    changed: Iterable[Path],
    render: Callable[[str, PageContext], bytes],
) -> list[SiteFile] | None:
    """The page of each edited statement file, or None when the change is anything else (a
    new, deleted or unreadable file, a template, a curated file, a changed date or speaker):
    then only the whole rebuild can say what the site becomes."""
    edited: list[tuple[Statement, Statement]] = []
    for path in changed:
        try:
            relative = path.resolve().relative_to(project_root.resolve()).as_posix()
        except ValueError:
            return None
        # A scan, not an index of every path: an edit changes a file or two, and building the
        # index took a tenth of a second at 100,000 statements.
        before = next((s for s in archive.statements if s.path == relative), None)
        if before is None or not path.is_file():
            return None
        try:
            document = parse_statement_file(read_bytes(path, relative), relative)
            after = extract_statement(document, archive.directory)
        except ArchiveError:
            return None  # the rebuild reports it
        if not text_only(before, after):
            return None
        edited.append((before, after))
    if not edited:
        return None
    pages = []
    for before, after in edited:
        plan = statement_page_plan(archive, before)
        # The context the rebuild makes for this page: the last build's neighbours and related
        # statements (unchanged, as the edit changed nothing they depend on) around the new text.
        context = {**common_context(archive, plan.path), **statement_page(archive, after)}
        pages.append(SiteFile(plan.path, render(plan.template, context)))
    return pages


def write_pages(output: Path, pages: list[SiteFile]) -> None:
    """Each page replaced in site/ through a new file, so that a reader never gets half a page
    and a hard link from the build's spare tree keeps the old bytes."""
    for page in pages:
        target = safe_target(output, page.path)
        temporary = target.with_name(f".{target.name}.edited")
        temporary.write_bytes(page.content)
        os.replace(temporary, target)
