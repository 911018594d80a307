"""serve's resident rebuild: after a build, serve keeps its archive, each statement's data row
and the search index in memory, and brings an edit of statement files into site/ by making
only the files the edit changes. A whole incremental build must first learn from its caches
on disk what changed, which takes seconds at 10,000 statements; this takes a fraction of one.
A new statement is brought in too when it comes after every other (today's). A deleted
statement, a new one dated before another, a date that moves one past another, a template, a
curated file or static/ are left to the whole build.
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from archive.build.cache import code_version
from archive.build.incremental import stored_analyses
from archive.build.output_tree import site_locked
from archive.build.pipeline import BuildReport, Project, rare_garbage_collection
from archive.build.write import live_targets, safe_target, static_files, write_in_place
from archive.content.read import STATEMENT_SUFFIXES, parse_statement_file, read_bytes
from archive.errors import ArchiveError
from archive.extract import extract_statement
from archive.formats.exports import (
    data_files,
    data_row,
    sitemap_files,
    statement_record,
    statement_row,
)
from archive.formats.feeds import FeedPlan, feed_file, feed_plans
from archive.link import Archive, curator_warnings, link
from archive.model import SiteFile, Statement
from archive.search.index import fragment_file, fragment_pack
from archive.search.live import LiveSearchIndex
from archive.site.render import (
    PagePlan,
    browse_page_plans,
    common_context,
    is_listed,
    page_renderer,
    pages_listing,
    statement_page_plan,
)

#: The fields that only a statement's own files show (its page, data files, feed entries and
#: search entry). An edit that changes nothing else leaves the links between statements
#: (neighbours, related, listings) and every other page as they were.
OWN_FIELDS = ("paragraphs", "notes", "content_hash")


def text_only(before: Statement, after: Statement) -> bool:
    """Whether `after` differs from `before` in its own fields alone."""
    blank = dict.fromkeys(OWN_FIELDS)
    return dataclasses.replace(before, **blank) == dataclasses.replace(after, **blank)


@dataclass
class _Edit:
    #: The statement's number in the archive's order (of a new one: once it is linked).
    number: int
    #: The archive's statement, which the edit's own fields are copied into; None for a new
    #: statement file.
    statement: Statement | None
    #: The statement as its file reads now.
    edited: Statement


class ResidentSite:
    """The last build's site held in memory: see the module's docstring.

    Made after a build from its archive (a second or two at 10,000 statements, mostly the
    search index); `rebuild` then answers each batch of changes, or returns None for a
    change that only the whole build can bring in.
    """

    def __init__(self, project: Project, output: Path, archive: Archive, files: int) -> None:
        self.project = project
        self.output = output
        self.archive = archive
        #: Files of the site, for the report.
        self.files = files
        self._number_of = {s.path: number for number, s in enumerate(archive.statements)}
        self._rows = [data_row(statement_record(archive.site, s)) for s in archive.statements]
        self._render = page_renderer(project.templates_dir, preload=True)
        self._about = project.about_markdown()
        self._browse_paths = {plan.path for plan in browse_page_plans(archive, self._about)}
        # The build puts the warnings of reading content/ before the linked archive's own.
        linked = len(curator_warnings(archive))
        self._content_warnings = archive.warnings[: len(archive.warnings) - linked]
        self._search = LiveSearchIndex.of(
            archive.statements,
            archive.directory,
            archive.curated_resolutions,
            stored_analyses(project.cache_dir, code_version()),
        )

    def rebuild(self, changed: Iterable[Path]) -> BuildReport | None:
        """Bring site/ up to date with edits of statement files; None (and nothing written)
        for any other change. site/ is written only once every file is made.

        If it raises, the resident state may be half updated: the caller must drop it and
        build the whole site."""
        with rare_garbage_collection():
            return self._rebuild(changed, time.perf_counter())

    def _rebuild(self, changed: Iterable[Path], started: float) -> BuildReport | None:
        edits = self._edits(changed)
        if edits is None:
            return None
        edits = [edit for edit in edits if edit.edited != edit.statement]
        rendered = 0
        if edits:
            if all(e.statement and text_only(e.statement, e.edited) for e in edits):
                made: _Made | None = self._text_edits(edits)
            else:
                made = self._relinked(edits)
            if made is None:
                return None
            rendered = made.rendered
            files = [*self._changed(made.files), *made.search_files]
            with site_locked(self.output, self.project.cache_dir):
                targets = live_targets(self.output, [f.path for f in files])
                self.files += sum(not target.exists() for target in targets) - len(made.removed)
                write_in_place(self.output, files)
                for path in made.removed:
                    self._remove(path)
        return BuildReport(
            statements=len(self.archive.statements),
            files=self.files,
            warnings=self.archive.warnings,
            seconds=time.perf_counter() - started,
            rendered=rendered,
        )

    def _edits(self, changed: Iterable[Path]) -> list[_Edit] | None:
        """Each changed statement file as an edit of a statement of the archive or a new
        statement, or None."""
        root = self.project.root.resolve()
        statements_dir = "content/statements/"
        edits: list[_Edit] = []
        for path in set(changed):
            try:
                relative = path.resolve().relative_to(root).as_posix()
            except ValueError:
                return None
            number = self._number_of.get(relative)
            statement_file = relative.startswith(statements_dir)
            if number is None and statement_file and not os.path.lexists(path):
                continue  # it came and went (an editor's temporary file): never read
            if statement_file and path.name.startswith("."):
                continue  # hidden: the build reads none
            if number is None and not (
                statement_file and path.is_file() and path.suffix in STATEMENT_SUFFIXES
            ):
                return None  # a template, a curated file, static/...
            if not path.is_file():
                return None  # deleted
            try:
                document = parse_statement_file(read_bytes(path, relative), relative)
                edited = extract_statement(document, self.archive.directory)
            except ArchiveError:
                return None  # the whole build reports it
            if number is None:
                edits.append(_Edit(-1, None, edited))  # numbered once linked
                continue
            statement = self.archive.statements[number]
            if edited.id != statement.id:
                return None  # a new address: the old page must go, links to it change
            edits.append(_Edit(number, statement, edited))
        return sorted(edits, key=lambda edit: edit.number)

    def _text_edits(self, edits: list[_Edit]) -> _Made:
        """Edits of text alone: nothing but the statements' own files changes. The edited
        fields are copied into the archive's own statement objects, which every list,
        neighbour and related entry of the archive refers to."""
        for edit in edits:
            for name in OWN_FIELDS:
                setattr(edit.statement, name, getattr(edit.edited, name))
        archive = self.archive
        edited = [edit.statement for edit in edits]
        files = self._own_files(archive, [edit.number for edit in edits])
        files += [statement_page_plan(archive, statement) for statement in edited]
        feeds = list(feed_plans(archive))
        files += [
            feed_file(archive.site, plan) for plan in self._feeds(feeds, feeds, edited, edited)[0]
        ]
        search = self._search.update({edit.number: edit.statement for edit in edits})
        made = self._made(archive, files, search.removed)
        made.search_files = search.files
        return made

    def _relinked(self, edits: list[_Edit]) -> _Made | None:
        """Edits of any field but the date's place in time, and new statements later than
        every other: the archive is linked again, and the pages made are those of the edited
        and new statements, of their neighbours and of every statement whose related ones
        change or include them, and the pages that list them (before and after). None if
        the order of the statements there were changes (their numbers would)."""
        before = self.archive
        statements = list(before.statements)
        for edit in edits:
            if edit.statement is not None:
                statements[edit.number] = edit.edited
        added = [edit for edit in edits if edit.statement is None]
        try:
            after = link(
                [*statements, *(edit.edited for edit in added)],
                before.directory,
                before.curated_resolutions,
                before.site,
            )
        except ArchiveError:
            return None  # the whole build reports it
        if any(a is not b for a, b in zip(after.statements, statements, strict=False)):
            return None
        position = {id(s): n for n, s in enumerate(after.statements[len(statements) :])}
        for edit in added:
            edit.number = len(statements) + position[id(edit.edited)]
            self._number_of[edit.edited.path] = edit.number
        after.warnings[:0] = self._content_warnings
        # The search index is brought up to date meanwhile: its array work runs outside the
        # interpreter's lock, beside the linking and rendering here.
        with ThreadPoolExecutor(1) as pool:
            search = pool.submit(self._search.update, {e.number: e.edited for e in edits})
            made = self._relinked_files(edits, before, after)
            changes = search.result()
        made.search_files = changes.files
        made.removed += changes.removed
        return made

    def _relinked_files(self, edits: list[_Edit], before: Archive, after: Archive) -> _Made:
        """The files of `_relinked` but the search index's, the state moved on to `after`."""
        statements = after.statements
        numbers = {edit.number for edit in edits}
        around = {n + step for n in numbers for step in (-1, 1)} & set(range(len(statements)))
        added = len(statements) > len(before.statements)
        shown = (
            after.related.changed_from(before.related)
            | after.related.showing(numbers)
            | before.related.showing(numbers)
        )
        plans = browse_page_plans(after, self._about)
        paths = {plan.path for plan in plans}
        listing = paths - self._browse_paths  # new pages (a person first named)
        for edit in edits:
            listing |= pages_listing(edit.edited)
            if edit.statement is not None:
                listing |= pages_listing(edit.statement)
        pages: list[PagePlan] = [plan for plan in plans if is_listed(plan.path, listing)]
        pages += [
            statement_page_plan(after, statements[n]) for n in sorted(numbers | around | shown)
        ]
        files = self._own_files(after, sorted(numbers))
        files += pages
        old = [edit.statement for edit in edits if edit.statement is not None]
        new = [edit.edited for edit in edits]
        feeds, gone_feeds = self._feeds(list(feed_plans(before)), list(feed_plans(after)), old, new)
        files += [feed_file(after.site, plan) for plan in feeds]
        if added or paths != self._browse_paths:
            files += self._sitemap(after, plans)
        removed = sorted(self._browse_paths - paths) + gone_feeds
        self.archive, self._browse_paths = after, paths
        return self._made(after, files, removed)

    def _own_files(self, archive: Archive, numbers: list[int]) -> list[SiteFile | PagePlan]:
        """The fragment files (search entries) of the statements, and the data files of the
        archive if a statement's row changed."""
        files: list[SiteFile | PagePlan] = []
        rows_before = [self._rows[n] if n < len(self._rows) else None for n in numbers]
        for number in numbers:  # in order: a new statement's row is the next one
            statement = archive.statements[number]
            row = statement_row(archive.site, statement)
            if number == len(self._rows):
                self._rows.append(row)
            else:
                self._rows[number] = row
        packs = sorted({fragment_pack(number) for number in numbers})
        files += [fragment_file(pack, archive.statements) for pack in packs]
        if [self._rows[number] for number in numbers] != rows_before:
            files += data_files(self._rows)
        return files

    def _feeds(
        self,
        before: list[FeedPlan],
        after: list[FeedPlan],
        old: list[Statement],
        new: list[Statement],
    ) -> tuple[list[FeedPlan], list[str]]:
        """The feeds that listed an edited statement or list it now (`before` and `after`
        are the archive's feeds then and now), and the paths of the feeds gone."""
        olds, news = {id(s) for s in old}, {id(s) for s in new}
        listed = {
            plan.path
            for plan in before
            if any(id(statement) in olds for statement in plan.statements)
        }
        changed = [
            plan
            for plan in after
            if plan.path in listed or any(id(statement) in news for statement in plan.statements)
        ]
        gone = {plan.path for plan in before} - {plan.path for plan in after}
        return changed, sorted(gone)

    def _sitemap(self, archive: Archive, browse: list[PagePlan]) -> list[SiteFile]:
        """As the build's output stage lists the pages: page_plans' order but 404, then
        static's."""
        home, *others = [plan.path for plan in browse if plan.path != "404.html"]
        statements = [f"{statement.url_path}index.html" for statement in archive.statements]
        html = [home, *statements, *others]
        html += [f.path for f in static_files(self.project.static_dir) if f.path.endswith(".html")]
        return list(sitemap_files(archive.site, html))

    def _made(
        self, archive: Archive, files: list[SiteFile | PagePlan], removed: list[str]
    ) -> _Made:
        """Pages rendered from their plans, beside the files already made."""
        made: list[SiteFile] = []
        rendered = 0
        for item in files:
            if isinstance(item, PagePlan):
                context = {**common_context(archive, item.path), **item.make_context()}
                made.append(SiteFile(item.path, self._render(item.template, context)))
                rendered += 1
            else:
                made.append(item)
        return _Made(made, removed, rendered)

    def _remove(self, path: str) -> None:
        """A file the site no longer has, and the folders it leaves empty (as a build does)."""
        target = safe_target(self.output, path)
        target.unlink(missing_ok=True)
        for folder in target.parents:
            if folder == self.output:
                break
            try:
                folder.rmdir()
            except OSError:
                break  # not empty

    def _changed(self, files: list[SiteFile]) -> list[SiteFile]:
        """The files whose bytes differ from site/'s: a file rewritten with the same bytes
        would only cost the next build a copy (its new inode no longer matches the build's
        record of it)."""
        changed = []
        for site_file, target in zip(
            files, live_targets(self.output, [f.path for f in files]), strict=True
        ):
            try:
                same = target.read_bytes() == site_file.content
            except OSError:
                same = False
            if not same:
                changed.append(site_file)
        return changed


@dataclass
class _Made:
    files: list[SiteFile]
    removed: list[str]
    rendered: int
    #: The search files whose bytes changed (the index knows them: not compared with site/'s).
    search_files: list[SiteFile] = dataclasses.field(default_factory=list)
