"""The incremental write stage: keep the previous site as a spare tree in the cache, bring it
up to date by writing only the files whose key changed, then swap it in for site/ (the old
site becomes the next spare). A failed or killed build never touches site/.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pickle
import shutil
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple

from archive.cache import digest
from archive.errors import ConfigError
from archive.write import _exchange, checked_relative


class Written(NamedTuple):
    """A file of an output tree as the build wrote it: its key, and its stat to notice any
    later change by someone else (a changed file is rewritten, never trusted)."""

    key: str
    size: int
    mtime_ns: int
    inode: int


def written(key: str, target: Path | str) -> Written:
    status = os.stat(target)
    return Written(key, status.st_size, status.st_mtime_ns, status.st_ino)


def write_file(target: Path | str, content: bytes) -> None:
    """Write `content` to `target` in a tree that is not live, replacing whatever is there.

    An existing file is replaced through a new inode, so a hard link someone made to the old
    site never sees the change.
    """
    try:
        # Most files are new, in a directory that exists: one system call to create, and the
        # directory is made only when that fails (a mkdir per file cost a second at 10,000
        # statements).
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except (FileNotFoundError, NotADirectoryError):
        _make_directory(Path(target).parent)
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileExistsError:
        _replace(Path(target), content)
        return
    with open(descriptor, "wb") as created:
        created.write(content)


def _replace(target: Path, content: bytes) -> None:
    if target.is_dir() and not target.is_symlink():
        shutil.rmtree(target)
        target.write_bytes(content)
        return
    temporary = target.with_name(f".{target.name}.new")
    temporary.write_bytes(content)
    os.replace(temporary, target)


def _make_directory(directory: Path) -> None:
    try:
        directory.mkdir(parents=True, exist_ok=True)
        return
    except (FileExistsError, NotADirectoryError):
        pass  # a file of the previous layout stands where a directory is needed now
    for parent in reversed([directory, *directory.parents]):
        if os.path.lexists(parent) and (parent.is_symlink() or not parent.is_dir()):
            # Another worker writing into the same new directory may have replaced it first
            # (then mkdir below finds the directory; anything else still fails there).
            with contextlib.suppress(OSError):
                parent.unlink()
    directory.mkdir(parents=True, exist_ok=True)


class OutputTree:
    """site/ and its spare: `current()` says whether a file may be kept, `write()` or
    `record()` note what the build produced, `commit()` removes everything else and swaps."""

    def __init__(self, output: Path, cache_dir: Path) -> None:
        self.output = output
        self.home = cache_dir / "output" / digest(str(output))[:16]
        self.spare = self.home / "spare"
        self.produced: dict[str, Written] = {}
        self.previous: dict[str, Written] = {}
        self.live: dict[str, Written] = {}
        self._existing: set[str] = set()
        self._lock: int | None = None
        #: Where each written file is also hard-linked when nothing could be reused: the next
        #: build's spare, made by the workers as they write rather than after the swap.
        self._next_spare: Path | None = None

    @staticmethod
    def possible(output: Path, cache_dir: Path) -> bool:
        """The swap renames, so the cache and site/ must be on one filesystem."""
        cache_dir.mkdir(parents=True, exist_ok=True)
        output.parent.mkdir(parents=True, exist_ok=True)
        return os.stat(output.parent).st_dev == os.stat(cache_dir).st_dev

    def open(self) -> OutputTree:
        """Lock the tree (one build at a time), and read what the spare holds."""
        self._lock = _locked(self.home)
        retired = self.home / "retired"
        if retired.exists():  # a build was killed in the middle of its swap
            if self.spare.exists():
                shutil.rmtree(retired)
            else:
                retired.rename(self.spare)
            (self.home / "spare.pickle").unlink(missing_ok=True)
        manifest = self.home / "spare.pickle"
        self.previous = _load(manifest)
        self.live = _load(self.home / "live.pickle") if self.output.is_dir() else {}
        # From here on the spare changes: without its manifest it is trusted for nothing,
        # which is what a killed build must leave behind.
        manifest.unlink(missing_ok=True)
        self.spare.mkdir(exist_ok=True)
        self._existing = self._scan()
        next_spare = self.home / "next-spare"
        if next_spare.exists():  # left by a killed build
            shutil.rmtree(next_spare)
        if not self.previous and not self.live:
            # No file can be kept, so every file is written, and linked here as it is.
            next_spare.mkdir()
            self._next_spare = next_spare
        return self

    def _scan(self) -> set[str]:
        """The spare's files; symbolic links are removed, as writes must never follow one."""
        files: set[str] = set()
        pending = [(str(self.spare), "")]
        while pending:
            directory, prefix = pending.pop()
            with os.scandir(directory) as entries:
                for entry in entries:
                    if entry.is_symlink():
                        os.unlink(entry.path)
                    elif entry.is_dir():
                        pending.append((entry.path, prefix + entry.name + "/"))
                    else:
                        files.add(prefix + entry.name)
        return files

    def target(self, path: str) -> str:
        # The spare holds no symbolic link (`_scan` removes them, writes never make one), so
        # nothing under it leads outside, and the check need not resolve every path.
        return f"{self.spare}/{checked_relative(path)}"

    def claim(self, path: str) -> None:
        if path in self.produced:
            raise ConfigError(f'two pages would be written to "{path}"')

    def current(self, path: str, key: str) -> bool:
        """Whether the spare holds this file with this key, untouched since, or site/ does
        (then it is hard-linked into the spare: the trees alternate, and a page rendered for
        one must not be rendered again for the other)."""
        self.claim(path)
        entry = self._reusable(path, key)
        if entry is not None:
            self.produced[path] = entry
        return entry is not None

    def current_all(self, files: list[tuple[str, str]]) -> bool:
        """Whether every (path, key) is current; if so they are all taken, else none is."""
        entries = []
        for path, key in files:
            self.claim(path)
            entry = self._reusable(path, key)
            if entry is None:
                return False
            entries.append((path, entry))
        self.produced.update(entries)
        return True

    def _reusable(self, path: str, key: str) -> Written | None:
        entry = self.previous.get(path)
        if entry is not None and entry.key == key and path in self._existing:
            with contextlib.suppress(OSError):
                if written(key, f"{self.spare}/{path}") == entry:
                    return entry
        entry = self.live.get(path)
        if entry is None or entry.key != key:
            return None
        source = f"{self.output}/{path}"
        try:
            if written(key, source) != entry:
                return None
            _link(source, self.target(path))
            self._existing.add(path)  # so that commit removes it if it is not taken after all
        except OSError:
            return None
        return entry

    def reuse(self, path: str, key: str) -> Written | None:
        """What `current` checks, without taking the file: for a worker process, whose
        entries the build then `record`s."""
        return self._reusable(path, key)

    def write_new(self, path: str, key: str, content: bytes) -> Written:
        """Write a file into the spare, for a worker process; the build `record`s it."""
        target = self.target(path)
        write_file(target, content)
        if self._next_spare is not None:
            _link(target, f"{self._next_spare}/{path}")
        return written(key, target)

    def write(self, path: str, key: str, content: bytes) -> None:
        self.claim(path)
        self.produced[path] = self.write_new(path, key, content)

    def record(self, path: str, entry: Written) -> None:
        """A file that a worker process wrote into the spare."""
        self.claim(path)
        self.produced[path] = entry

    def commit(self) -> None:
        """Remove what this build did not produce, then swap the spare in for site/."""
        emptied: set[str] = set()
        for path in self._existing - set(self.produced):
            os.unlink(self.spare / path)
            parts = path.split("/")[:-1]
            emptied.update("/".join(parts[: i + 1]) for i in range(len(parts)))
        # Deepest first; a directory that still holds something stays.
        for directory in sorted(emptied, key=lambda d: -d.count("/")):
            with contextlib.suppress(OSError):
                os.rmdir(self.spare / directory)
        live = self.home / "live.pickle"
        old_live = self.home / "old-live.pickle"
        if live.exists():
            live.rename(old_live)
        retired = self.home / "retired"
        if self.output.exists() and _exchange(self.spare, self.output):
            retired = self.spare  # one atomic exchange: the spare now holds the old site
        else:
            if self.output.exists():
                self.output.rename(retired)
            self.spare.rename(self.output)
        _dump(self.produced, live)
        if retired.exists():
            if retired != self.spare:
                retired.rename(self.spare)
            if old_live.exists():
                old_live.rename(self.home / "spare.pickle")
                return
        old_live.unlink(missing_ok=True)
        if self._next_spare is None:
            self._mirror()
            return
        if self.spare.exists():  # a site that no manifest described: nothing of it is kept
            shutil.rmtree(self.spare)
        self._next_spare.rename(self.spare)
        _dump(self.produced, self.home / "spare.pickle")

    def _mirror(self) -> None:
        """Make the spare a copy of the new site by hard links (cheap: no file is rendered or
        copied), for when the old site cannot become the spare (no manifest describes it)
        and some files were kept, so that no next spare was linked as they were written."""
        self.spare.mkdir(exist_ok=True)
        directories: set[str] = set()
        for path in self.produced:
            directory = path.rpartition("/")[0]
            while directory and directory not in directories:
                directories.add(directory)
                directory = directory.rpartition("/")[0]
        for directory in sorted(directories):  # a parent sorts before its children
            with contextlib.suppress(FileExistsError):
                os.mkdir(f"{self.spare}/{directory}")
        paths = list(self.produced)
        chunks = [paths[i : i + 4000] for i in range(0, len(paths), 4000)]
        # Linking is system calls, which run outside the GIL: two threads overlap them.
        with ThreadPoolExecutor(2) as pool:
            list(pool.map(self._link_into_spare, chunks))
        _dump(self.produced, self.home / "spare.pickle")

    def _link_into_spare(self, paths: list[str]) -> None:
        output, spare = str(self.output), str(self.spare)
        for path in paths:
            _link(f"{output}/{path}", f"{spare}/{path}")

    def close(self) -> None:
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None


def _locked(home: Path) -> int:
    """The tree's lock, held (one build at a time); released by closing the descriptor."""
    home.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(home / "lock", os.O_CREAT | os.O_RDWR)
    fcntl.flock(descriptor, fcntl.LOCK_EX)
    return descriptor


@contextlib.contextmanager
def site_locked(output: Path, cache_dir: Path) -> Iterator[None]:
    """Held while something other than a build writes into site/ (serve's resident
    rebuild), so that it never interleaves with a build's swap."""
    descriptor = _locked(OutputTree(output, cache_dir).home)
    try:
        yield
    finally:
        os.close(descriptor)


def _link(source: str | Path, target: str) -> None:
    """A hard link at `target` to `source`, replacing whatever is there."""
    try:
        os.link(source, target)
    except FileExistsError:
        target_path = Path(target)
        if target_path.is_dir() and not target_path.is_symlink():
            shutil.rmtree(target_path)
        else:
            target_path.unlink()
        os.link(source, target)
    except (FileNotFoundError, NotADirectoryError):
        _make_directory(Path(target).parent)
        os.link(source, target)


def _load(manifest: Path) -> dict[str, Written]:
    try:
        with open(manifest, "rb") as stored:
            return pickle.load(stored)
    except Exception:  # noqa: BLE001 - an unreadable manifest only means "trust nothing"
        return {}


def _dump(value: object, path: Path) -> None:
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "wb") as stored:
        pickle.dump(value, stored, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, path)


@contextlib.contextmanager
def updating(output: Path, cache_dir: Path) -> Iterator[OutputTree]:
    """An open OutputTree; it is committed (swapped in) only if the block succeeds."""
    tree = OutputTree(output, cache_dir).open()
    try:
        yield tree
        tree.commit()
    finally:
        tree.close()
