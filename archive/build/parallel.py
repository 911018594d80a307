"""Spread independent pieces of work (extracting statements, rendering pages) over the
machine's cores with forked worker processes; small jobs stay in this process. Workers die
with the process that started them, however it ends (SIGKILL included).
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import itertools
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

#: What the worker processes share with the parent, set before they fork: passing it by
#: inheritance costs nothing, where pickling the archive to each worker would cost seconds.
shared: dict[str, Any] = {}


#: Fewer items than this are done in this process: forking costs tens of milliseconds.
IN_PROCESS_BELOW = 256


def worker_count() -> int:
    """ARCHIVE_WORKERS, or one per core this process may use."""
    configured = os.environ.get("ARCHIVE_WORKERS")
    if configured:
        return max(1, int(configured))
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


#: prctl(2)'s option that sends this process a signal when its parent dies (Linux).
_PR_SET_PDEATHSIG = 1
#: How often a worker looks whether its parent is still there, where prctl is not available.
_WATCH_SECONDS = 0.5


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of `workers` forked processes that end when this one does.

    A worker that outlived a killed build kept pipes and inherited descriptors open (the
    output tree's lock among them: the next build waited for it forever)."""
    return ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context(
            "fork" if "fork" in multiprocessing.get_all_start_methods() else None
        ),
        initializer=die_with_parent,
        initargs=(os.getpid(),),
    )


def die_with_parent(parent: int) -> None:
    """In a worker: be killed by the kernel when the parent dies (Linux), and, everywhere,
    watch the parent's pid from a thread and exit when the worker has been orphaned."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # it died before the line above could take effect
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_WATCH_SECONDS)
    os._exit(1)  # orphaned: nothing it makes can be used any more


def _run_chunk(function: Callable[[Any], Any], chunk: list[Any]) -> list[Any]:
    return [function(item) for item in chunk]


def parallel_map(
    function: Callable[[Item], Result],
    items: Iterable[Item],
    *,
    context: dict[str, Any],
    chunk_size: int = 32,
    in_process_below: int | None = None,
    size_hint: int | None = None,
    ordered: bool = True,
) -> Iterator[Result]:
    """`map(function, items)`, in order, over worker processes when there is enough work.

    `function` must be a module-level function; it finds `context` in `parallel.shared`.
    Items are consumed lazily with a bounded number of chunks in flight, so a long stream
    of large items (page contexts) is never all in memory at once. With `ordered=False`
    results come as they are done, so one long item does not hold up the others.
    """
    shared.clear()
    shared.update(context)
    try:
        if in_process_below is None:
            in_process_below = IN_PROCESS_BELOW
        workers = worker_count()
        can_fork = sys.platform != "win32" and "fork" in multiprocessing.get_all_start_methods()
        if workers < 2 or not can_fork or (size_hint is not None and size_hint < in_process_below):
            yield from map(function, items)
            return
        if size_hint is None:
            # Forking costs tens of milliseconds: not worth it for the few pages of a rebuild.
            items = iter(items)
            first = list(itertools.islice(items, in_process_below))
            if len(first) < in_process_below:
                yield from map(function, first)
                return
            items = itertools.chain(first, items)
        # Objects alive now are never freed by the workers: freezing them keeps the workers'
        # garbage collector from touching (and so copying) every page of the parent's memory.
        gc.freeze()
        if not ordered:
            # This process works as one of the workers: every forked worker that reads the whole
            # archive copies most of its memory (reading an object writes its reference count),
            # so one worker fewer is one copy fewer: over a gigabyte at 100,000 statements.
            with worker_pool(workers - 1) as pool:
                yield from _unordered(pool, function, items, chunk_size, 2 * workers)
            return
        with worker_pool(workers) as pool:
            pending: deque[Future[list[Result]]] = deque()
            chunk: list[Item] = []
            for item in items:
                chunk.append(item)
                if len(chunk) == chunk_size:
                    pending.append(pool.submit(_run_chunk, function, chunk))
                    chunk = []
                    while len(pending) > 4 * workers:
                        yield from pending.popleft().result()
            if chunk:
                pending.append(pool.submit(_run_chunk, function, chunk))
            while pending:
                yield from pending.popleft().result()
    finally:
        # The context (the archive, above all) must not outlive the work: serve lets go of
        # the last archive before it builds the next, and a reference here kept it alive.
        shared.clear()


def _unordered(
    pool: ProcessPoolExecutor,
    function: Callable[[Any], Any],
    items: Iterable[Any],
    chunk_size: int,
    in_flight: int,
) -> Iterator[Any]:
    """Chunks submitted as room frees up, results yielded as each chunk is done; while the
    pool has enough queued, this process does the next chunk itself."""
    pending: set[Future[list[Any]]] = set()
    items = iter(items)
    chunks = iter(lambda: list(itertools.islice(items, chunk_size)), [])
    for chunk in chunks:
        if len(pending) < in_flight:
            pending.add(pool.submit(_run_chunk, function, chunk))
            continue
        yield from _run_chunk(function, chunk)
        done, pending = wait(pending, timeout=0, return_when=FIRST_COMPLETED)
        for future in done:
            yield from future.result()
    while pending:
        done, pending = wait(pending, return_when=FIRST_COMPLETED)
        for future in done:
            yield from future.result()
