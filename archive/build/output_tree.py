"""The incremental write stage: keep the previous site as a spare tree in the cache, bring it
up to date by writing only the files whose key changed, then swap it in for site/ (the old
site becomes the next spare). A failed or killed build never touches site/, and the spare
never shares a file (an inode) with site/: what writes into one cannot change the other.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from archive.build.cache import digest, load, store
from archive.build.write import _exchange, checked_relative
from archive.errors import ConfigError


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
        #: Where each written file is written a second time when nothing could be reused:
        #: the next build's spare, made by the workers as they write rather than copied from
        #: site/ by the next build (a copy, never a hard link to the file in site/).
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
            # No file can be kept, so every file is written, and written there too.
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
        (then it is copied into the spare: the trees alternate, and a page rendered for one
        must not be rendered again for the other)."""
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
        target = self.target(path)
        try:
            if written(key, source) != entry:
                return None
            # A copy, never a hard link: a file shared by site/ and the cache would change in
            # both when anything wrote into either in place.
            with open(source, "rb") as live:
                content = live.read()
            if written(key, source) != entry:  # changed while it was read
                return None
            write_file(target, content)
            self._existing.add(path)  # so that commit removes it if it is not taken after all
            return written(key, target)
        except OSError:
            return None

    def reuse(self, path: str, key: str) -> Written | None:
        """What `current` checks, without taking the file: for a worker process, whose
        entries the build then `record`s."""
        return self._reusable(path, key)

    def write_new(self, path: str, key: str, content: bytes) -> Written:
        """Write a file into the spare, for a worker process; the build `record`s it."""
        target = self.target(path)
        write_file(target, content)
        if self._next_spare is not None:
            write_file(f"{self._next_spare}/{path}", content)
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
        _store(live, self.produced)
        if retired.exists():
            if retired != self.spare:
                retired.rename(self.spare)
            if old_live.exists():
                old_live.rename(self.home / "spare.pickle")
                return
        old_live.unlink(missing_ok=True)
        if self._next_spare is None:
            # The old site, if any, is the spare without a manifest: the next build trusts
            # none of it, and copies from site/ the files it keeps.
            return
        if self.spare.exists():  # a site that no manifest described: nothing of it is kept
            shutil.rmtree(self.spare)
        self._next_spare.rename(self.spare)
        kept: dict[str, Written] = {}
        for path, entry in self.produced.items():
            with contextlib.suppress(OSError):
                kept[path] = written(entry.key, f"{self.spare}/{path}")
        _store(self.home / "spare.pickle", kept)

    def close(self) -> None:
        if self._lock is not None:
            _unlocked(self._lock)
            self._lock = None


#: How long a build waits for another build (or serve) to release the output tree, in
#: seconds: ARCHIVE_LOCK_TIMEOUT, or this.
LOCK_TIMEOUT = 300.0
#: How long a lock whose holder is dead must stay held before it is taken over: long enough
#: for a build that has just taken it to write its pid over the dead one's.
_STALE_SECONDS = 1.0

#: Lock descriptors this process holds. A forked child closes its copies (`_forget_locks`):
#: a descriptor a worker inherited kept the lock held after the build that took it died.
_held: set[int] = set()


def _forget_locks() -> None:
    for descriptor in _held:
        with contextlib.suppress(OSError):
            os.close(descriptor)  # closing (never unlocking) leaves the parent's lock held
    _held.clear()


os.register_at_fork(after_in_child=_forget_locks)


def _locked(home: Path, timeout: float | None = None) -> int:
    """The tree's lock, held (one build at a time); released by `_unlocked`.

    The lock file holds its holder's pid. A build finding the lock held says which process
    holds it, waits up to `timeout` (LOCK_TIMEOUT) and then fails saying what to do; a lock
    still held after its holder died (by processes the holder left behind) is taken over."""
    if timeout is None:
        timeout = float(os.environ.get("ARCHIVE_LOCK_TIMEOUT") or LOCK_TIMEOUT)
    home.mkdir(parents=True, exist_ok=True)
    path = home / "lock"
    deadline = time.monotonic() + timeout
    told = False
    dead_since: tuple[int, float] | None = None
    while True:
        descriptor = os.open(path, os.O_CREAT | os.O_RDWR | os.O_CLOEXEC, 0o666)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(descriptor)
            same = _same_file(descriptor, path)
            os.close(descriptor)
        else:
            if not _same_file(descriptor, path):  # taken over meanwhile: lock the new file
                os.close(descriptor)
                continue
            os.ftruncate(descriptor, 0)
            os.pwrite(descriptor, f"{os.getpid()}\n".encode(), 0)
            _held.add(descriptor)
            return descriptor
        now = time.monotonic()
        if holder is not None and same and not _alive(holder):
            if dead_since is None or dead_since[0] != holder:
                dead_since = (holder, now)
            elif now - dead_since[1] >= _STALE_SECONDS:
                print(
                    f"{path}: process {holder}, which held the lock, is gone; taking it over",
                    file=sys.stderr,
                )
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
                continue
        if now >= deadline:
            raise ConfigError(_busy(path, holder, timeout))
        if not told:
            print(f"{_busy(path, holder)}; waiting up to {timeout:.0f} s", file=sys.stderr)
            told = True
        time.sleep(0.1)


def _unlocked(descriptor: int) -> None:
    _held.discard(descriptor)
    os.close(descriptor)


def _busy(path: Path, holder: int | None, waited: float | None = None) -> str:
    """Who holds the lock, and what to do about it."""
    who = "another process"
    if holder is not None:
        who = f"process {holder}"
        with contextlib.suppress(OSError):
            command = Path(f"/proc/{holder}/cmdline").read_bytes().replace(b"\0", b" ")
            shown = " ".join(command.decode(errors="replace").split())  # on one line
            who += f" ({shown[:100]}{'...' if len(shown) > 100 else ''})"
    message = f"{path} is held by {who}: another build or serve of this project is writing site/"
    if waited is None:
        return message
    return (
        f"{message}, and still was after {waited:.0f} s. Wait for it to finish, or stop it"
        f"{f' (kill {holder})' if holder is not None else ''} and build again; "
        "ARCHIVE_LOCK_TIMEOUT sets how many seconds a build waits"
    )


def _holder(descriptor: int) -> int | None:
    with contextlib.suppress(OSError, ValueError):
        text = os.pread(descriptor, 32, 0).decode("ascii").strip()
        return int(text) if text else None
    return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, as another user's process
    return True


def _same_file(descriptor: int, path: Path) -> bool:
    """Whether `path` still names the file open as `descriptor` (not taken over since)."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return False
    opened = os.fstat(descriptor)
    return (status.st_dev, status.st_ino) == (opened.st_dev, opened.st_ino)


@contextlib.contextmanager
def site_locked(output: Path, cache_dir: Path) -> Iterator[None]:
    """Held while something other than a build writes into site/ (serve's resident
    rebuild), so that it never interleaves with a build's swap."""
    descriptor = _locked(OutputTree(output, cache_dir).home)
    try:
        yield
    finally:
        _unlocked(descriptor)


def _valid_manifest(value: Any) -> bool:
    """Entries are only compared with what the build finds (`==`), so that each is a Written
    and each path a string is all that matters."""
    return (
        type(value) is dict
        and all(type(entry) is Written for entry in value.values())
        and all(type(path) is str for path in value)
    )


def _load(manifest: Path) -> dict[str, Written]:
    """A tree's manifest; empty (trust nothing) if it is missing or not valid."""
    return load(manifest, "output manifest", _valid_manifest, {})


def _store(manifest: Path, produced: dict[str, Written]) -> None:
    store(manifest, "output manifest", produced)


@contextlib.contextmanager
def updating(output: Path, cache_dir: Path) -> Iterator[OutputTree]:
    """An open OutputTree; it is committed (swapped in) only if the block succeeds."""
    tree = OutputTree(output, cache_dir).open()
    try:
        yield tree
        tree.commit()
    finally:
        tree.close()
