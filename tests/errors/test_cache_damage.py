"""The cache can slow a build down, never change its result or stop it (issue 19, item 2):
every kind of cache file, damaged every way (garbage, cut short, a valid pickle of the wrong
type, an older format), is discarded with a warning and made again, and the site equals a
clean build; the cache shares no file with site/, so writing into it in place changes
nothing published."""

from __future__ import annotations

import importlib.util
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from archive.build import cache
from archive.build.cache import CACHE_FORMAT, MAGIC, digest, store
from archive.build.pipeline import Project, build
from tests.conftest import REPO


def _generate(count: int, root: Path) -> None:
    spec = importlib.util.spec_from_file_location("corpus", REPO / "benchmarks" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.generate(count, root, seed=5)


def tree(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    """The generated project (its cache made by two builds) and the clean build's files."""
    root = tmp_path_factory.mktemp("cache-damage") / "project"
    root.mkdir()
    for shared in ("templates", "static"):
        shutil.copytree(REPO / shared, root / shared)
    _generate(30, root)
    output = root.parent / "clean-site"
    build(Project(root), output, incremental=False)
    return root, tree(output)


@pytest.fixture
def project(
    clean: tuple[Path, dict[str, bytes]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A copy of the project after two incremental builds: every kind of cache file exists."""
    # Every file's stat is trusted at once, so that the signatures are kept too.
    monkeypatch.setattr(cache, "RACY_NS", 0)
    root = tmp_path / "project"
    shutil.copytree(clean[0], root, symlinks=True)
    build(Project(root))
    build(Project(root))
    return root


def cache_files(root: Path) -> list[Path]:
    """Every file the cache keeps about the build (not the spare tree of the site's files)."""
    cache = root / ".cache" / "build"
    return [
        path
        for path in sorted(cache.rglob("*"))
        if path.is_file()
        and path.suffix in (".pickle", ".npy")
        and "spare" not in path.relative_to(cache).parts
    ]


def _garbage(path: Path) -> None:
    path.write_bytes(bytes(range(256)) * 3)


def _truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _bare_pickle_of_wrong_type(path: Path) -> None:
    path.write_bytes(pickle.dumps(12345))


def _wrong_type_behind_a_valid_header(path: Path) -> None:
    """What no damage makes by chance: the check of each value's type must catch it."""
    data = path.read_bytes()
    if data.startswith(MAGIC):
        kind = data[len(MAGIC) : data.index(b"\n", len(MAGIC))].decode().rsplit(" ", 2)[0]
        store(path, kind, {"key": 12345})
    else:  # an array: the same numbers, another type
        np.save(path, np.load(path).astype(np.float32))


def _older_format(path: Path) -> None:
    data = path.read_bytes()
    if data.startswith(MAGIC):
        end = data.index(b"\n", len(MAGIC))
        kind = data[len(MAGIC) : end].decode().rsplit(" ", 2)[0]
        payload = data[end + 1 :]
        older = str(int(CACHE_FORMAT) - 1)
        path.write_bytes(MAGIC + f"{kind} {older} {digest(payload)}\n".encode() + payload)


def _a_folder(path: Path) -> None:
    path.unlink()
    (path / "inside").mkdir(parents=True)


DAMAGE: dict[str, Callable[[Path], None]] = {
    "garbage": _garbage,
    "truncated": _truncated,
    "empty": _empty,
    "bare pickle of the wrong type": _bare_pickle_of_wrong_type,
    "wrong type behind a valid header": _wrong_type_behind_a_valid_header,
    "older format": _older_format,
    "a folder in its place": _a_folder,
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_cache_gives_the_clean_site(
    clean: tuple[Path, dict[str, bytes]], project: Path, damage: str, capfd
) -> None:
    damaged = cache_files(project)
    kinds = {path.suffix for path in damaged}
    assert {".pickle", ".npy"} <= kinds and len(damaged) > 10
    names = {path.name for path in damaged}
    assert {"signatures.pickle", "memories.pickle", "analyses.pickle", "live.pickle"} <= names
    assert "spare.pickle" in names
    for path in damaged:
        DAMAGE[damage](path)
    capfd.readouterr()
    build(Project(project))
    assert tree(project / "site") == clean[1]
    warned = capfd.readouterr().err
    if damage not in ("older format", "bare pickle of the wrong type"):  # both old layouts
        assert "cache file" in warned and "discarded" in warned
    # The cache is whole again: the next build warns of nothing and renders nothing.
    assert build(Project(project)).rendered == 0
    assert "cache file" not in capfd.readouterr().err
    assert tree(project / "site") == clean[1]


def test_an_edit_after_damage_still_gives_the_clean_site(
    clean: tuple[Path, dict[str, bytes]], project: Path, tmp_path: Path
) -> None:
    for number, path in enumerate(cache_files(project)):
        list(DAMAGE.values())[number % len(DAMAGE)](path)
    statement = sorted((project / "content" / "statements").rglob("*.md"))[4]
    statement.write_text(statement.read_text(encoding="utf-8") + "\nOne more line.\n")
    build(Project(project))
    build(Project(project), tmp_path / "clean", incremental=False)
    assert tree(project / "site") == tree(tmp_path / "clean")


def test_writing_into_the_cache_in_place_changes_nothing_published(
    clean: tuple[Path, dict[str, bytes]], project: Path
) -> None:
    written = 0
    for path in sorted((project / ".cache").rglob("*")):
        if path.is_file() and path.stat().st_size:
            with open(path, "r+b") as file:  # in place: the same inode
                file.write(b"X")
            written += 1
    assert written > 100
    assert tree(project / "site") == clean[1]
    build(Project(project))
    assert tree(project / "site") == clean[1]
