"""The write stage: stream the site's files into a fresh directory beside site/, then swap it
in, so a failed or interrupted build leaves the previous site/ whole.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from archive.errors import ConfigError
from archive.model import SiteFile

#: Folders of the project that a build must never replace or write into.
PROTECTED_FOLDERS = ("content", "templates", "static", "archive", "tests", "node_modules", ".git")


def check_output_dir(output: Path, root: Path, content_dir: Path) -> Path:
    """Refuse an output directory whose replacement would destroy content, the project or
    someone's files; returns it resolved (symlinks followed), ready for `write_site`.

    Also puts back a previous site that a build killed in the middle of its swap left aside.
    """
    given = output
    try:
        output = output.resolve()
    except (OSError, RuntimeError) as error:  # a symlink loop raises RuntimeError
        raise ConfigError(f"the output path {given} cannot be used: {error}") from None
    root, content_dir = root.resolve(), content_dir.resolve()
    if output == root or root.is_relative_to(output) or content_dir.is_relative_to(output):
        raise ConfigError(
            f"refusing to write the site to {given}: it is the project, content/ or a parent "
            "of them, and building replaces the whole output directory; use site/ or a new "
            "directory"
        )
    for name in PROTECTED_FOLDERS:
        try:
            folder = (root / name).resolve()
        except (OSError, RuntimeError):
            continue  # a broken link cannot hold the output
        if output.is_relative_to(folder):
            raise ConfigError(
                f"refusing to write the site to {given}: it is inside the project's {name}/; "
                "use site/ or a directory outside the project"
            )
    if output.exists() and not output.is_dir():
        raise ConfigError(f"the output path {given} exists and is not a directory")
    ancestor = next(p for p in output.parents if p.exists())
    if not ancestor.is_dir():
        raise ConfigError(f"cannot write the site into {ancestor}: Not a directory")
    recover_interrupted_swap(output)
    if output.is_dir() and any(output.iterdir()) and not (output / "index.html").is_file():
        raise ConfigError(
            f"refusing to replace {given}: it holds files but no index.html, so it is not a "
            "site this archive built; choose a new or empty directory"
        )
    return output


def _staging_name(output: Path, kind: str, pid: int) -> Path:
    return output.with_name(f".{output.name}-{kind}-{pid}")


def _leftovers(output: Path) -> Iterator[tuple[Path, str, int]]:
    """Staging ("building") and retired ("old") directories of earlier builds of `output`."""
    if not output.parent.is_dir():
        return
    for kind in ("building", "old"):
        for path in output.parent.glob(f".{output.name}-{kind}-*"):
            pid = path.name.rsplit("-", 1)[1]
            if pid.isdigit():
                yield path, kind, int(pid)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def recover_interrupted_swap(output: Path) -> None:
    """Clean up after builds that were killed: put back a retired site if site/ itself is
    missing (killed between the two renames of the swap), and delete their staging dirs.
    Directories of a build that is still running (by its pid) are left alone."""
    dead = [(path, kind) for path, kind, pid in _leftovers(output) if not _running(pid)]
    if not output.exists():
        for path, kind in dead:
            if kind == "old" and (path / "index.html").is_file():
                path.rename(output)
                break
    for path, _kind in dead:
        if path.exists():
            shutil.rmtree(path, ignore_errors=True)


def safe_target(directory: Path, relative: str) -> Path:
    """The file `relative` under `directory`; refuses paths that would escape it."""
    target = lexical_target(directory, relative)
    if not target.resolve().is_relative_to(directory.resolve()):
        raise ConfigError(f'refusing to write "{relative}": it would land outside site/')
    return target


def lexical_target(directory: Path, relative: str) -> Path:
    """`safe_target` without following symbolic links: enough in a directory that holds none
    (the incremental build's spare tree), and without a dozen system calls per file."""
    return directory.joinpath(checked_relative(relative))


def checked_relative(relative: str) -> str:
    """`relative` as a plain path below a directory ("a//b" and "a/./b" become "a/b"); refuses
    one that would escape it. String work only: it runs for every file a build writes."""
    parts = [part for part in relative.split("/") if part not in ("", ".")]
    if not parts or relative.startswith("/") or "\x00" in relative or ".." in parts:
        raise ConfigError(f'refusing to write "{relative}": it would land outside site/')
    return "/".join(parts)


def live_targets(output: Path, paths: Iterable[str]) -> list[Path]:
    """`safe_target` of each path in a live site/, resolving each folder once rather than
    each file (a tenth of a second for a thousand files): a symbolic link in a folder
    could lead out of site/, while one in place of a file is only replaced or unlinked."""
    checked: set[Path] = set()
    targets = []
    for path in paths:
        target = lexical_target(output, path)
        if target.parent not in checked:
            if not target.parent.resolve().is_relative_to(output.resolve()):
                raise ConfigError(f'refusing to write "{path}": it would land outside site/')
            checked.add(target.parent)
        targets.append(target)
    return targets


def write_in_place(output: Path, files: list[SiteFile]) -> None:
    """Each file replaced in the live site/ through a new file (made beside it, then renamed
    over it): a reader never gets half a file, and a hard link to the old one from the
    incremental build's spare tree keeps the old bytes."""
    for site_file, target in zip(files, live_targets(output, [f.path for f in files]), strict=True):
        temporary = target.with_name(f".{target.name}.new")
        try:
            temporary.write_bytes(site_file.content)
        except FileNotFoundError:
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(site_file.content)
        os.replace(temporary, target)


def static_files(static_dir: Path, prefix: str = "static/") -> Iterator[SiteFile]:
    """The files of static/, to be copied under site/static/."""
    if not static_dir.is_dir():
        return
    for path in sorted(static_dir.rglob("*")):
        if path.is_file() and not path.name.startswith("."):
            relative = path.relative_to(static_dir).as_posix()
            yield SiteFile(prefix + relative, path.read_bytes())


def write_site(files: Iterable[SiteFile], output: Path) -> int:
    """Write every file into a staging directory, then replace `output` with it.

    Returns the number of files written. On any error the staging directory is removed and
    `output` is untouched; a kill leaves only the staging directory, which the next build
    removes (`recover_interrupted_swap`).
    """
    output = output.resolve()
    staging = _staging_name(output, "building", os.getpid())
    retired = _staging_name(output, "old", os.getpid())
    for leftover in (staging, retired):
        if leftover.exists():
            shutil.rmtree(leftover)
    try:
        staging.mkdir(parents=True)
    except OSError as error:
        raise ConfigError(
            f"cannot write the site into {staging.parent}: {error.strerror}"
        ) from None
    written: set[str] = set()
    try:
        for site_file in files:
            if site_file.path in written:
                raise ConfigError(f'two pages would be written to "{site_file.path}"')
            written.add(site_file.path)
            target = safe_target(staging, site_file.path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(site_file.content)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise ConfigError(
            f"cannot write the site into {staging.parent}: {error.strerror}"
        ) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    swap_in(staging, output, retired)
    return len(written)


def swap_in(staging: Path, output: Path, retired: Path) -> None:
    """Make `staging` the new `output`: in one atomic exchange where the system has it
    (Linux renameat2), else in two renames that `recover_interrupted_swap` can finish."""
    if output.exists() and _exchange(staging, output):
        shutil.rmtree(staging, ignore_errors=True)  # it now holds the previous site
        return
    if output.exists():
        output.rename(retired)
    staging.rename(output)
    shutil.rmtree(retired, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two directories atomically; False where the system cannot."""
    if sys.platform != "linux":
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange)
    return result == 0
