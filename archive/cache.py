"""The build cache (.cache/build/ in the project): extracted statements keyed by file content,
people.yaml and code version, and the key of each rendered page. Never stale by construction:
every key hashes everything its value was computed from.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import io
import os
import pickle
import sys
from pathlib import Path
from typing import Any

import archive
from archive.model import Statement

#: Bump to drop every cache entry written by an older layout of the cache itself.
CACHE_FORMAT = "1"


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
        *(_version(name) for name in ("jinja2", "markdown", "pyyaml", "markupsafe")),
        tree_digest(package, (".py",)),
    )


class StatementCache:
    """Extracted statements by (code version, people.yaml, file path, file bytes).

    `extract_statement` is a pure function of the document and the people directory, so an
    entry is valid exactly when all four are unchanged. Kept in one pickle: one read per build.
    """

    def __init__(self, directory: Path, version: str, people_yaml: bytes) -> None:
        self.path = directory / "statements.pickle"
        self.prefix = digest(version, people_yaml)
        self.entries: dict[str, Statement] = {}
        self.used: set[str] = set()
        #: Statement file path -> its key in this build.
        self.key_of: dict[str, str] = {}
        self.changed = False
        try:
            with open(self.path, "rb") as stored:
                self.entries = pickle.load(stored)
        except Exception:  # noqa: BLE001 - an unreadable cache is an empty one
            self.entries = {}

    def key(self, path: str, raw: bytes) -> str:
        key = self.key_of[path] = digest(self.prefix, path, hashlib.sha256(raw).digest())
        return key

    def get(self, key: str) -> Statement | None:
        statement = self.entries.get(key)
        if statement is not None:
            self.used.add(key)
        return statement

    def put(self, key: str, statement: Statement) -> None:
        self.entries[key] = statement
        self.used.add(key)
        self.changed = True

    def save(self) -> None:
        """Keep only this build's entries, so the cache does not grow with every edit."""
        if not self.changed and self.used == set(self.entries):
            return
        kept = {key: self.entries[key] for key in self.used}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(f".tmp-{os.getpid()}")
        with open(temporary, "wb") as stored:
            pickle.dump(kept, stored, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, self.path)


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
