"""The build cache (.cache/build/ in the project): extracted statements keyed by file content,
people.yaml and code version, and the key of each rendered page. Never stale by construction:
every key hashes everything its value was computed from.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import io
import os
import pickle
import shutil
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import archive
from archive.model import Statement

#: Bump to drop every cache entry written by an older layout of the cache itself.
CACHE_FORMAT = "3"

#: What every cache file starts with, before its header line (kind, format, digest).
MAGIC = b"archive build cache\n"


def digest(*parts: bytes | str) -> str:
    """A short hex digest of the parts, unambiguous about where one part ends."""
    hasher = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


def tree_digest(directory: Path, suffixes: tuple[str, ...] | None = None) -> str:
    """A digest of every file's path and bytes under `directory` (empty if it is missing)."""
    parts: list[bytes | str] = []
    if directory.is_dir():
        for path in sorted(directory.rglob("*")):
            if path.is_file() and (suffixes is None or path.suffix in suffixes):
                parts += [path.relative_to(directory).as_posix(), path.read_bytes()]
    return digest(*parts)


def code_version() -> str:
    """The archive package's source and the versions of what shapes its output: a change to
    any of them makes every cached statement and page stale."""
    package = Path(archive.__file__).resolve().parent
    return digest(
        CACHE_FORMAT,
        sys.version,
        *(
            _version(name)
            for name in ("jinja2", "markdown", "pyyaml", "markupsafe", "lunr", "numpy")
        ),
        # Data files beside the code (title_breaks.txt, name_order.yaml, variants.txt)
        # shape the output as much as the code does.
        tree_digest(package, (".py", ".txt", ".yaml")),
    )


#: A file's stat as the cache compares it: size, modification and change times, inode.
Signature = tuple[int, int, int, int]

#: A file modified this recently (nanoseconds) may change again within the same timestamp
#: tick without its stat changing, so its stat is not trusted ("racy" files, as git says).
RACY_NS = 2_000_000_000


class StatementCache:
    """Extracted statements by (code version, people.yaml, file path, file bytes).

    `extract_statement` is a pure function of the document and the people directory, so an
    entry is valid exactly when all four are unchanged. A file whose stat is what it was when
    it was last read is not read again. Kept in 256 pickles by key, so that a rebuild after an
    edit rewrites one of them, not the whole cache.
    """

    def __init__(self, directory: Path, version: str, people_yaml: bytes) -> None:
        self.directory = directory / "statements"
        self.signatures_path = directory / "signatures.pickle"
        self.prefix = digest(version, people_yaml)
        self.entries: dict[str, Statement] = {}
        self.used: set[str] = set()
        #: Statement file path -> its key in this build.
        self.key_of: dict[str, str] = {}
        self._stored: dict[str, set[str]] = {}  # bucket -> the keys its file holds
        if self.directory.is_dir():
            for bucket in self.directory.glob("*.pickle"):
                loaded = load(bucket, "statements", _statement_bucket, {})
                self.entries.update(loaded)
                self._stored[bucket.stem] = set(loaded)
        #: Path -> its stat when read, and its key (which holds the prefix it was made with).
        self._signatures: dict[str, tuple[Signature, str, str]] = load(
            self.signatures_path, "signatures", _signatures, {}
        )
        self._kept_signatures: dict[str, tuple[Signature, str, str]] = {}
        self._stat: dict[str, Signature] = {}
        self._now = time.time_ns()

    def known_key(self, path: str, file: Path) -> str | None:
        """The key of a file unchanged since a build read it (same stat), without reading it;
        None if it must be read."""
        try:
            status = os.stat(file)
        except OSError:
            return None
        signature = (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)
        remembered = self._signatures.get(path)
        if _signature_entry(remembered) and remembered[:2] == (signature, self.prefix):
            self._kept_signatures[path] = remembered
            key = self.key_of[path] = remembered[2]
            return key
        if max(status.st_mtime_ns, status.st_ctime_ns) < self._now - RACY_NS:
            self._stat[path] = signature
        return None

    def key(self, path: str, raw: bytes) -> str:
        key = self.key_of[path] = digest(self.prefix, path, hashlib.sha256(raw).digest())
        signature = self._stat.pop(path, None)
        if signature is not None:
            self._kept_signatures[path] = (signature, self.prefix, key)
        return key

    def get(self, key: str) -> Statement | None:
        statement = self.entries.get(key)
        if statement is not None:
            self.used.add(key)
        return statement

    def put(self, key: str, statement: Statement) -> None:
        self.entries[key] = statement
        self.used.add(key)

    def save(self) -> None:
        """Keep only this build's entries, so the cache does not grow with every edit; write
        only the buckets whose keys changed."""
        buckets: dict[str, set[str]] = {}
        for key in self.used:
            buckets.setdefault(key[:2], set()).add(key)
        self.directory.mkdir(parents=True, exist_ok=True)
        for name, keys in buckets.items():
            if keys != self._stored.get(name):
                bucket = {key: self.entries[key] for key in keys}
                store(self.directory / f"{name}.pickle", "statements", bucket)
        for name in set(self._stored) - set(buckets):
            (self.directory / f"{name}.pickle").unlink(missing_ok=True)
        if self._kept_signatures != self._signatures:
            store(self.signatures_path, "signatures", self._kept_signatures)


def store(path: Path, kind: str, value: object) -> None:
    """Keep `value` in the cache file `path`: a header naming its kind, the cache's format and
    the digest of the pickle that follows. Written beside, then renamed over: a build killed
    halfway leaves the old file or the new one, never half of one."""
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    header = f"{kind} {CACHE_FORMAT} {digest(payload)}\n".encode()
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as stored:
            stored.write(MAGIC + header)
            stored.write(payload)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def load(path: Path, kind: str, valid: Callable[[Any], bool], default: Any) -> Any:
    """What `store` kept at `path` if it is whole, of this kind and format, and `valid`;
    else `default`. A damaged file (garbage, cut short, another kind, a value of the wrong
    type) is removed with a warning, and its content made again: the cache can slow a build
    down, never change its result or stop it. A file of an older format is dropped quietly."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return default
    except OSError as error:
        return _discarded(path, f"cannot be read ({error.strerror or error})", default)
    if not data.startswith(MAGIC):
        if data.startswith(b"\x80"):  # a bare pickle: the layout before CACHE_FORMAT 3
            return _discarded(path, None, default)
        return _discarded(path, "is not a cache file", default)
    end = data.find(b"\n", len(MAGIC))
    fields = data[len(MAGIC) : end].decode("ascii", "replace").rsplit(" ", 2)
    if end < 0 or len(fields) != 3 or fields[0] != kind:
        return _discarded(path, f"is not a cache file of {kind}", default)
    if fields[1] != CACHE_FORMAT:
        return _discarded(path, None, default)
    payload = memoryview(data)[end + 1 :]
    if digest(payload) != fields[2]:
        return _discarded(path, "is damaged (cut short or changed)", default)
    try:
        value = pickle.loads(payload)
    except Exception as error:  # noqa: BLE001 - whatever a damaged pickle raises
        return _discarded(path, f"cannot be unpickled ({type(error).__name__})", default)
    try:
        accepted = valid(value)
    except Exception:  # noqa: BLE001 - a check that meets something unexpected rejects it
        accepted = False
    if not accepted:
        return _discarded(path, f"holds a {type(value).__name__}, not {kind}", default)
    return value


def _discarded(path: Path, reason: str | None, default: Any) -> Any:
    if reason is not None:
        print(
            f"warning: {path}: cache file {reason}; discarded, what it held is made again",
            file=sys.stderr,
        )
    if path.is_dir() and not path.is_symlink():  # a folder where the file belongs
        shutil.rmtree(path, ignore_errors=True)
    with contextlib.suppress(OSError):
        path.unlink()
    return default


def all_of(values: Iterable[Any], kind: type | tuple[type, ...]) -> bool:
    return all(isinstance(value, kind) for value in values)


def _statement_bucket(value: Any) -> bool:
    return type(value) is dict and all_of(value, str) and all_of(value.values(), Statement)


def _signatures(value: Any) -> bool:
    """Its entries are checked as they are used (`_signature_entry`): a build reads few."""
    return type(value) is dict


def _signature_entry(entry: Any) -> bool:
    return (
        type(entry) is tuple
        and len(entry) == 3
        and type(entry[1]) is str  # the stat is only compared: any value is harmless there
        and type(entry[2]) is str
    )


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return ""


def page_key(render_version: str, path: str, template: str, context: dict[str, Any]) -> str:
    """The key of a rendered page: templates, code, path and the page's whole context.

    The context is pickled without the memo ("fast" mode), so the bytes depend on the values
    only, not on which objects happen to be shared: a statement read from the cache and the
    same statement extracted afresh give one key. Ten times faster than JSON here.
    """
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True  # contexts are trees of values, never self-referential
    pickler.dump(context)
    return digest(render_version, path, template, buffer.getvalue())
