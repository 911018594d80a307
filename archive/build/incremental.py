"""The output stage of an incremental build: jobs on every core make the site's files (pages,
the data files, feeds, the search index) and write into the output tree only the
files whose key changed; a job whose remembered inputs are unchanged is not even run.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import os
import shutil
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from archive.build import parallel
from archive.build.cache import StatementCache, all_of, digest, load, page_key, store
from archive.build.output_tree import OutputTree, Written
from archive.build.parallel import parallel_map
from archive.build.write import static_files
from archive.formats.exports import (
    DataRow,
    data_files,
    sitemap_files,
    statement_row,
)
from archive.formats.feeds import feed_file, feed_plans
from archive.link import Archive
from archive.model import SiteFile, Statement
from archive.search.index import (
    FRAGMENTS_PER_FILE,
    Analyses,
    build_search_index,
    fragment_file,
    pack_range,
)
from archive.site.render import (
    PageContext,
    PagePlan,
    common_context,
    page_plans,
    page_renderer,
    statement_page_sources,
)

#: Pages per job: enough that a job's overhead is small, few enough that both cores stay busy.
PAGES_PER_JOB = 48
#: Listing pages (home, people, countries, years...) per job: some are large.
LISTINGS_PER_JOB = 4
#: Statements per job of data rows and search result entries: whole fragment files.
STATEMENTS_PER_JOB = 20 * FRAGMENTS_PER_FILE

#: Files remembered for a job's inputs: each (path, key), and what else the job returned.
Memory = tuple[list[tuple[str, str]], Any]


@dataclass(frozen=True)
class OutputInputs:
    """What the output depends on besides the archive, and the digests that stand for it."""

    project_root: Path
    templates_dir: Path
    static_dir: Path
    cache_dir: Path
    about_markdown: str | None
    #: The code (archive/ and the libraries that shape the output).
    code_version: str
    #: Code and templates: every page's key starts with it.
    render_version: str
    #: The curated files' bytes (site.yaml, resolutions.yaml, about.md) and lunr.js.
    curated: str
    #: Statement path -> the key its extraction was cached under (file bytes, code, people).
    statement_keys: dict[str, str]
    #: Saved by a worker while the others render, rather than before the output stage.
    statement_cache: StatementCache | None = None


class Outcome(NamedTuple):
    """What a job did: the files it produced (written now or still current)."""

    files: list[tuple[str, Written]]
    #: Pages among the files, and how many of them were rendered (not still current).
    pages: int = 0
    rendered: int = 0
    #: Memories to keep for the next build, by the digest of the job's inputs.
    remember: tuple[tuple[str, Memory], ...] = ()
    #: Per statement (by its number in the archive): its JSON line and CSV row of data/.
    rows: tuple[tuple[int, DataRow], ...] = ()


def produce(
    tree: OutputTree,
    archive: Archive,
    inputs: OutputInputs,
    progress: Callable[[str, int, int], None],
) -> int:
    """Bring the tree up to date with every file of the site; returns the pages rendered."""
    plans = page_plans(archive, inputs.about_markdown)
    statement_keys = [inputs.statement_keys.get(s.path) for s in archive.statements]
    whole = (
        digest(inputs.render_version, inputs.curated, *statement_keys)
        if all(statement_keys)
        else None
    )
    memories = _load_memories(inputs.cache_dir)
    jobs: list[tuple[Any, ...]] = [("search", whole), ("statement cache",), ("feeds",)]
    jobs += _page_jobs(plans)
    jobs += [
        ("exports", i, i + STATEMENTS_PER_JOB)
        for i in range(0, len(archive.statements), STATEMENTS_PER_JOB)
    ]
    context = {
        "tree": tree,
        "archive": archive,
        "plans": plans,
        "inputs": inputs,
        "statement_keys": statement_keys,
        "memories": memories,
    }
    rendered = 0
    pages_done = 0
    kept: dict[str, Memory] = {}
    rows: list[DataRow] = [("", "")] * len(archive.statements)
    outcomes = parallel_map(
        _run, jobs, context=context, chunk_size=1, size_hint=len(plans), ordered=False
    )
    for outcome in outcomes:
        for path, entry in outcome.files:
            tree.record(path, entry)
        rendered += outcome.rendered
        kept.update(outcome.remember)
        for number, row in outcome.rows:
            rows[number] = row
        if outcome.pages:
            pages_done += outcome.pages
            progress("rendering pages", pages_done, len(plans))
    progress("writing data files and sitemap", 0, 0)
    html = [p.path for p in plans if p.path != "404.html"]
    for site_file in static_files(inputs.static_dir):
        _keep(tree, site_file)
        if site_file.path.endswith(".html"):
            html.append(site_file.path)
    for site_file in data_files(rows):
        _keep(tree, site_file)
    for site_file in sitemap_files(archive.site, html):
        _keep(tree, site_file)
    _save_memories(inputs.cache_dir, kept)
    return rendered


def _page_jobs(plans: list[PagePlan]) -> list[tuple[str, int, int]]:
    """Page jobs, the pages that list statements first and a few at a time: the listing of
    the most quoted speaker or country grows with the archive (seconds each at 100,000
    statements), and such a job left for the end kept one core busy while the other waited."""
    listings: list[tuple[str, int, int]] = []
    statements: list[tuple[str, int, int]] = []
    # Each run of consecutive plans of one kind is cut into jobs of that kind's size.
    for is_listing, run in itertools.groupby(
        range(len(plans)), key=lambda number: plans[number].statement is None
    ):
        first, *rest = run
        end = rest[-1] + 1 if rest else first + 1
        size = LISTINGS_PER_JOB if is_listing else PAGES_PER_JOB
        jobs = listings if is_listing else statements
        jobs += [("pages", start, min(start + size, end)) for start in range(first, end, size)]
    return listings + statements


def _keep(tree: OutputTree, site_file: SiteFile) -> None:
    key = digest(site_file.content)
    if not tree.current(site_file.path, key):
        tree.write(site_file.path, key, site_file.content)


# ---------------------------------------------------------------------------------------------
# The jobs, run in worker processes that inherit the archive and the tree (parallel.shared)


def _run(job: tuple[Any, ...]) -> Outcome:
    kind, *arguments = job
    return _JOBS[kind](*arguments)


def _pages(start: int, stop: int) -> Outcome:
    """Make each page's context and key; render the page only if its key changed."""
    shared = parallel.shared
    tree: OutputTree = shared["tree"]
    archive: Archive = shared["archive"]
    inputs: OutputInputs = shared["inputs"]
    render = _renderer(inputs.templates_dir, inputs.render_version)
    files, rendered = [], 0
    remember: list[tuple[str, Memory]] = []
    for plan in shared["plans"][start:stop]:
        sources = _sources_key(archive, inputs, plan.path, plan.statement)
        recalled = _recall(sources)
        if recalled is not None:
            files += recalled[0]
            remember.append((sources, recalled[1]))  # type: ignore[arg-type]
            continue
        context = {**common_context(archive, plan.path), **plan.make_context()}
        key = page_key(inputs.render_version, plan.path, plan.template, context)
        entry = tree.reuse(plan.path, key)
        if entry is None:
            entry = tree.write_new(plan.path, key, render(plan.template, context))
            rendered += 1
        files.append((plan.path, entry))
        if sources:
            remember.append((sources, ([(plan.path, key)], None)))
    return Outcome(files, len(files), rendered, tuple(remember))


def _sources_key(
    archive: Archive, inputs: OutputInputs, path: str, statement: Statement | None
) -> str | None:
    """A statement page's key by what it is made from (`statement_page_sources`): the key of
    each statement's file and the reasons of each related one. None for other pages, whose
    key is that of their whole context."""
    if statement is None:
        return None
    parts: list[str] = [inputs.render_version, inputs.curated, path]
    for source in statement_page_sources(archive, statement):
        if isinstance(source, tuple):
            source, reasons = source
            parts += [str(len(reasons)), *reasons]
        if source is None:
            parts.append("")
            continue
        own = inputs.statement_keys.get(source.path)
        if own is None:
            return None
        parts.append(own)
    return digest("statement page", *parts)


def _search(whole: str | None) -> Outcome:
    """The search index: a function of every statement, so remembered under all their keys."""
    archive: Archive = parallel.shared["archive"]
    inputs: OutputInputs = parallel.shared["inputs"]
    memory_key = digest("search", whole) if whole else None
    recalled = _recall(memory_key)
    if recalled is not None:
        return Outcome(recalled[0], remember=((memory_key, recalled[1]),))  # type: ignore[arg-type]
    folder = analyses_folder(inputs.cache_dir, inputs.code_version)
    analyses = _load_analyses(folder)
    files = _store(
        build_search_index(
            archive.statements,
            archive.directory,
            archive.curated_resolutions,
            inputs.project_root,
            analyses=analyses,
            with_fragments=False,  # made and remembered by the exports jobs
            store=functools.partial(_save_analyses, folder),
        )
    )
    for older in inputs.cache_dir.glob("search-*"):
        if older != folder:  # of an earlier version of the code
            _remove(older)
    remember = ((memory_key, _memory(files, None)),) if memory_key else ()
    return Outcome(files, remember=remember)


def _save_statement_cache() -> Outcome:
    cache: StatementCache | None = parallel.shared["inputs"].statement_cache
    if cache is not None:
        cache.save()
    return Outcome([])


def _feeds() -> Outcome:
    """Each feed, remembered under the keys of the statements it lists."""
    archive: Archive = parallel.shared["archive"]
    inputs: OutputInputs = parallel.shared["inputs"]
    files: list[tuple[str, Written]] = []
    remember: list[tuple[str, Memory]] = []
    for plan in feed_plans(archive):
        keys = [inputs.statement_keys.get(s.path) for s in [*plan.statements, *plan.changed]]
        memory_key = (
            digest("feed", inputs.render_version, inputs.curated, *plan[:3], *keys)  # type: ignore[arg-type]
            if all(keys)
            else None
        )
        produced, memory = _recalled_or_made(
            memory_key, functools.partial(feed_file, archive.site, plan)
        )
        files += produced
        if memory_key:
            remember.append((memory_key, memory))
    return Outcome(files, remember=tuple(remember))


def _exports(start: int, stop: int) -> Outcome:
    """Each statement's row of the archive's data files, and the fragment files (search
    result entries) of these statements, each remembered under its statements' keys."""
    archive: Archive = parallel.shared["archive"]
    inputs: OutputInputs = parallel.shared["inputs"]
    statement_keys: list[str | None] = parallel.shared["statement_keys"]
    count = len(archive.statements)
    stop = min(stop, count)
    # The row is cheap to make again, and not kept: at 100,000 statements it would be most
    # of the memories' size.
    rows = tuple(
        (n, statement_row(archive.site, archive.statements[n])) for n in range(start, stop)
    )
    files: list[tuple[str, Written]] = []
    remember: list[tuple[str, Memory]] = []
    for pack in range(start // FRAGMENTS_PER_FILE, -(-stop // FRAGMENTS_PER_FILE)):
        # Keyed by the numbers too, which an earlier addition shifts.
        keys = [statement_keys[n] for n in pack_range(pack, count)]
        memory_key = (
            digest("fragments", inputs.render_version, str(pack), *keys)  # type: ignore[arg-type]
            if all(keys)
            else None
        )
        produced, memory = _recalled_or_made(
            memory_key, functools.partial(fragment_file, pack, archive.statements)
        )
        files += produced
        if memory_key:
            remember.append((memory_key, memory))
    return Outcome(files, remember=tuple(remember), rows=rows)


_JOBS: dict[str, Callable[..., Outcome]] = {
    "pages": _pages,
    "search": _search,
    "feeds": _feeds,
    "statement cache": _save_statement_cache,
    "exports": _exports,
}


def _store(site_files: Iterable[SiteFile]) -> list[tuple[str, Written]]:
    """Files keyed by their bytes: each kept if current, else written."""
    tree: OutputTree = parallel.shared["tree"]
    produced = []
    for site_file in site_files:
        key = digest(site_file.content)
        entry = tree.reuse(site_file.path, key)
        if entry is None:
            entry = tree.write_new(site_file.path, key, site_file.content)
        produced.append((site_file.path, entry))
    return produced


def _recalled_or_made(
    memory_key: str | None, make: Callable[[], SiteFile]
) -> tuple[list[tuple[str, Written]], Memory]:
    """One file remembered under `memory_key` if still current, else made and stored."""
    recalled = _recall(memory_key)
    if recalled is not None:
        return recalled
    produced = _store([make()])
    return produced, _memory(produced, None)


def _memory(files: list[tuple[str, Written]], extra: Any) -> Memory:
    return [(path, entry.key) for path, entry in files], extra


def _recall(memory_key: str | None) -> tuple[list[tuple[str, Written]], Memory] | None:
    """The files remembered for these inputs, if every one is still current in the tree."""
    if memory_key is None:
        return None
    memory = parallel.shared["memories"].get(memory_key)
    if memory is None or not _valid_memory(memory):
        return None
    tree: OutputTree = parallel.shared["tree"]
    files = []
    for path, key in memory[0]:
        entry = tree.reuse(path, key)
        if entry is None:
            return None
        files.append((path, entry))
    return files, memory


#: Per process: the renderer of the templates last used, keyed by their directory and version.
_renderers: dict[tuple[Path, str], Callable[[str, PageContext], bytes]] = {}


def _renderer(templates_dir: Path, version: str) -> Callable[[str, PageContext], bytes]:
    which = (templates_dir, version)
    if which not in _renderers:
        _renderers.clear()
        _renderers[which] = page_renderer(templates_dir)
    return _renderers[which]


def analyses_folder(cache_dir: Path, code_version: str) -> Path:
    """Where the search index's analyses of documents are kept: valid for one version of the
    code."""
    return cache_dir / f"search-{code_version[:16]}"


def stored_analyses(cache_dir: Path, code_version: str) -> Analyses:
    """The analyses the last build stored (empty if none): what serve's resident search index
    starts from, so that it does not tokenise every statement again."""
    return _load_analyses(analyses_folder(cache_dir, code_version))


def _load_analyses(folder: Path) -> Analyses:
    """The analyses of the last build, arrays mapped from disk; empty if missing, or if any
    part of them is not what was stored (each array's shape, type and digest are kept
    beside the rest)."""
    stored = load(folder / "analyses.pickle", "search analyses", _valid_analyses, None)
    if stored is None:
        return Analyses()
    analyses, arrays = stored
    for name in Analyses.ARRAYS:
        path = folder / f"{name}.npy"
        try:
            values = np.load(path, mmap_mode="r", allow_pickle=False)
            if _array_digest(values) != arrays[name]:
                raise ValueError("not the array stored")
        except Exception:  # noqa: BLE001 - whatever a damaged array file raises
            print(
                f"warning: {path}: cache file is damaged; discarded, what it held is made again",
                file=sys.stderr,
            )
            _remove(folder)
            return Analyses()
        setattr(analyses, name, values)
    return analyses


def _valid_analyses(value: Any) -> bool:
    return (
        type(value) is tuple
        and len(value) == 2
        and type(value[0]) is Analyses
        and type(value[1]) is dict
        and set(value[1]) == set(Analyses.ARRAYS)
        and all_of(value[1].values(), str)
    )


def _array_digest(values: np.ndarray) -> str:
    """Of an array's type, shape and bytes: a file cut short or changed in place differs."""
    hasher = hashlib.blake2b(f"{values.dtype.str} {values.shape}".encode(), digest_size=20)
    hasher.update(memoryview(np.ascontiguousarray(values)).cast("B"))
    return hasher.hexdigest()


def _save_analyses(folder: Path, analyses: Analyses) -> None:
    """Written beside, then swapped in: a build killed halfway leaves none, never a mix."""
    fresh = folder.with_name(f"{folder.name}.{os.getpid()}.new")
    _remove(fresh)
    fresh.mkdir(parents=True)
    arrays = {name: getattr(analyses, name) for name in Analyses.ARRAYS}
    digests = {}
    for name, values in arrays.items():
        values = np.ascontiguousarray(values)
        np.save(fresh / f"{name}.npy", values)
        digests[name] = _array_digest(values)
        setattr(analyses, name, None)
    analyses.changed = False
    try:
        store(fresh / "analyses.pickle", "search analyses", (analyses, digests))
    finally:
        for name, values in arrays.items():
            setattr(analyses, name, values)
    old = folder.with_name(f"{folder.name}.{os.getpid()}.old")
    if folder.exists():
        os.replace(folder, old)
    os.replace(fresh, folder)
    _remove(old)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _load_memories(cache_dir: Path) -> dict[str, Memory]:
    return load(cache_dir / "memories.pickle", "memories", _valid_memories, {})


def _valid_memories(value: Any) -> bool:
    """Each memory is checked when it is recalled (`_valid_memory`): at 100,000 statements,
    checking all of them here would take a good part of a second."""
    return type(value) is dict


def _valid_memory(memory: Any) -> bool:
    if type(memory) is not tuple or len(memory) != 2 or type(memory[0]) is not list:
        return False
    for pair in memory[0]:
        if type(pair) is not tuple or len(pair) != 2:
            return False
        if type(pair[0]) is not str or type(pair[1]) is not str:
            return False
    return True


def _save_memories(cache_dir: Path, memories: dict[str, Memory]) -> None:
    """Only this build's memories are kept, so the file does not grow with every edit."""
    store(cache_dir / "memories.pickle", "memories", memories)
