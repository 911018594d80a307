"""The write stage: stream the site's files into a fresh directory beside site/, then swap it
in, so a failed or interrupted build leaves the previous site/ whole.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

from archive.errors import ConfigError
from archive.model import SiteFile


def check_output_dir(output: Path, root: Path, content_dir: Path) -> Path:
    """Refuse an output directory whose replacement would destroy content or the project."""
    output = output.resolve()
    root, content_dir = root.resolve(), content_dir.resolve()
    if output in (root, content_dir) or content_dir.is_relative_to(output):
        raise ConfigError(
            f"refusing to write the site to {output}: it is the project, content/ or a parent "
            "of content/, and building replaces the whole output directory",
        )
    if output.is_relative_to(content_dir):
        raise ConfigError(f"refusing to write the site inside content/ ({output})")
    if output.exists() and not output.is_dir():
        raise ConfigError(f"the output path {output} exists and is not a directory")
    return output


def safe_target(directory: Path, relative: str) -> Path:
    """The file `relative` under `directory`; refuses paths that would escape it."""
    parts = PurePosixPath(relative).parts
    if not parts or relative.startswith("/") or any(p in ("..", "") for p in parts):
        raise ConfigError(f'refusing to write "{relative}": it would land outside site/')
    target = directory.joinpath(*parts)
    if not target.resolve().is_relative_to(directory.resolve()):
        raise ConfigError(f'refusing to write "{relative}": it would land outside site/')
    return target


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
    `output` is untouched.
    """
    output = output.resolve()
    staging = output.with_name(f".{output.name}-building-{os.getpid()}")
    retired = output.with_name(f".{output.name}-old-{os.getpid()}")
    for leftover in (staging, retired):
        if leftover.exists():
            shutil.rmtree(leftover)
    staging.mkdir(parents=True)
    written: set[str] = set()
    try:
        for site_file in files:
            if site_file.path in written:
                raise ConfigError(f'two pages would be written to "{site_file.path}"')
            written.add(site_file.path)
            target = safe_target(staging, site_file.path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(site_file.content)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if output.exists():
        output.rename(retired)
    staging.rename(output)
    shutil.rmtree(retired, ignore_errors=True)
    return len(written)
