"""Nothing lost: a failed or killed build leaves the previous site/ whole, a build touches
nothing outside site/ (and its cache), refuses output directories it would destroy, and two
builds of the same content are byte-identical."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from archive.build.write import recover_interrupted_swap, safe_target
from archive.cli.main import main
from archive.errors import ConfigError

BUILD_PY = Path(__file__).resolve().parents[2] / "build.py"
#: Directories a build may write besides its output: the scale engineer's incremental cache.
CACHE_DIRS = {".cache"}


def statement(number: int) -> str:
    day = number % 28 + 1
    return (
        f"---\ndate: 2017-02-{day:02d}\nspeaker: kim-song\n---\n"
        f"Statement {number} on resolution 2397\n\n"
        f"The representative said that measure {number} of the sanctions matters.\n"
    )


def many_statements(count: int) -> dict[str, str]:
    return {f"statements/2017-02-s{number:04d}.md": statement(number) for number in range(count)}


def tree(directory: Path, skip: set[str] = frozenset()) -> dict[str, str]:
    """Every file and directory under `directory` -> a digest of its bytes ("dir" for one),
    leaving out top-level names in `skip`."""
    found: dict[str, str] = {}
    for path in sorted(directory.rglob("*")):
        relative = path.relative_to(directory)
        if relative.parts[0] in skip:
            continue
        if path.is_symlink():
            found[relative.as_posix()] = "link:" + os.readlink(path)
        elif path.is_dir():
            found[relative.as_posix()] = "dir"
        else:
            found[relative.as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def run_build(project: Path, *extra: str, env: dict[str, str] | None = None) -> None:
    result = subprocess.run(
        [sys.executable, str(BUILD_PY), "--project", str(project), "build", *extra],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )
    assert result.returncode == 0, result.stderr


# ---------------------------------------------------------------------------------------------
# Killed and failed builds


@pytest.mark.slow
def test_a_build_killed_midway_leaves_the_previous_site_whole(make_project) -> None:
    project = make_project(many_statements(150))
    started = time.perf_counter()
    run_build(project)
    full_build = time.perf_counter() - started
    site = project / "site"
    before = tree(site)
    assert "index.html" in before and "statements/2017-02-s0149/index.html" in before
    around = set(os.listdir(project))

    # A changed statement: had the killed build swapped its site in, site/ would differ.
    (project / "content" / "statements" / "2017-02-s0000.md").write_text(
        statement(0).replace("Statement 0", "Changed statement")
    )
    # A cold cache, so that this build renders every page again and lasts long enough to be
    # killed midway (an incremental rebuild of one statement is over in a moment).
    shutil.rmtree(project / ".cache", ignore_errors=True)
    build = subprocess.Popen(
        [sys.executable, str(BUILD_PY), "--project", str(project), "build"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    started = time.perf_counter()
    try:
        # Kill once the build has started writing (a new directory beside site/ or in its
        # cache), or, whatever the way it stages, well before it could have finished.
        while time.perf_counter() - started < full_build * 0.6:
            fresh = set(os.listdir(project)) - around - CACHE_DIRS
            if fresh:
                time.sleep(0.05)  # let it write some files first
                break
            time.sleep(0.005)
        assert build.poll() is None, "the build ended before it could be killed: use more files"
        build.send_signal(signal.SIGKILL)
    finally:
        build.wait(timeout=60)
    assert build.returncode == -signal.SIGKILL
    assert tree(site) == before, "a killed build changed site/"

    # The next build finishes the job and leaves no staging directory behind.
    run_build(project)
    assert set(os.listdir(project)) - CACHE_DIRS == around - CACHE_DIRS
    after = tree(site)
    assert {path for path in before if path.endswith(".html")} <= set(after)
    assert "Changed statement" in (site / "statements/2017-02-s0000/index.html").read_text()


def test_a_failed_build_leaves_site_and_no_staging(make_project, capsys) -> None:
    project = make_project(many_statements(3))
    assert main(["--project", str(project), "build"]) == 0
    before, around = tree(project / "site"), set(os.listdir(project))
    (project / "content" / "statements" / "bad.md").write_text("---\ndate: 2017-02-30\n---\nx\n")
    assert main(["--project", str(project), "build"]) == 1
    assert tree(project / "site") == before
    assert set(os.listdir(project)) == around
    assert "Traceback" not in capsys.readouterr().err


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_a_site_left_aside_by_a_killed_swap_is_put_back(make_project) -> None:
    """Where the swap is two renames, a kill between them leaves site/ missing and the
    previous site under its retired name: the next build (even a failing one) restores it."""
    project = make_project(many_statements(2))
    assert main(["--project", str(project), "build"]) == 0
    before = tree(project / "site")
    retired = project / f".site-old-{dead_pid()}"
    (project / "site").rename(retired)
    (project / "content" / "statements" / "bad.md").write_text("")
    assert main(["--project", str(project), "build"]) == 1
    assert tree(project / "site") == before
    assert not retired.exists()


def test_staging_of_a_build_still_running_is_left_alone(tmp_path: Path) -> None:
    output = tmp_path / "site"
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        running = tmp_path / f".site-building-{sleeper.pid}"
        killed = tmp_path / f".site-building-{dead_pid()}"
        for staging in (running, killed):
            (staging / "statements").mkdir(parents=True)
        recover_interrupted_swap(output)
        assert running.exists() and not killed.exists()
    finally:
        sleeper.kill()
        sleeper.wait()


# ---------------------------------------------------------------------------------------------
# Nothing written or deleted outside site/


def test_a_build_writes_nothing_outside_site(make_project, tmp_path: Path) -> None:
    project = make_project({**many_statements(3), "about.md": "About.\n"})
    (tmp_path / "neighbour.txt").write_text("keep me")
    before = tree(tmp_path, skip={"project"}), tree(project, skip={"site", *CACHE_DIRS})
    assert main(["--project", str(project), "build"]) == 0
    assert main(["--project", str(project), "build"]) == 0  # replacing an existing site
    assert main(["--project", str(project), "check"]) == 0
    assert (tree(tmp_path, skip={"project"}), tree(project, skip={"site", *CACHE_DIRS})) == before


def test_a_build_elsewhere_writes_only_there(make_project, tmp_path: Path) -> None:
    project = make_project(many_statements(2))
    elsewhere = tmp_path / "published" / "archive"
    before = tree(tmp_path, skip={"published"})
    assert main(["--project", str(project), "build", "-o", str(elsewhere)]) == 0
    assert (elsewhere / "index.html").is_file()
    after = tree(tmp_path, skip={"published"})
    # Besides the output, only the project's own build cache (.cache/) may change.
    assert {k: v for k, v in after.items() if not k.startswith("project/.cache")} == before
    assert sorted(os.listdir(elsewhere.parent)) == ["archive"]


def refused(project: Path, output: Path, capsys: pytest.CaptureFixture[str]) -> str:
    before = tree(project, skip={"site"})
    assert main(["--project", str(project), "build", "-o", str(output)]) == 1
    assert tree(project, skip={"site"}) == before
    lines = capsys.readouterr().err.splitlines()
    assert lines[-1] == "build failed with 1 error; site/ was left as it was"
    return lines[0]


def test_refuses_the_project_content_and_their_parents(make_project, capsys) -> None:
    project = make_project(many_statements(1))
    for output in (project, project / "content", project.parent, Path("/")):
        assert refused(project, output, capsys) == (
            f"error: refusing to write the site to {output}: it is the project, content/ or a "
            "parent of them, and building replaces the whole output directory; use site/ or a "
            "new directory"
        )


def test_refuses_the_projects_own_folders(make_project, capsys) -> None:
    project = make_project(many_statements(1))
    for name, output in (
        ("content", project / "content" / "statements"),
        ("content", project / "content" / "site"),
        ("templates", project / "templates"),
        ("static", project / "static" / "out"),
    ):
        assert refused(project, output, capsys) == (
            f"error: refusing to write the site to {output}: it is inside the project's "
            f"{name}/; use site/ or a directory outside the project"
        )


def test_refuses_symlinks_to_what_it_must_not_replace(make_project, tmp_path: Path, capsys) -> None:
    project = make_project(many_statements(1))
    (tmp_path / "to-content").symlink_to(project / "content")
    (tmp_path / "to-project").symlink_to(project)
    (tmp_path / "to-templates").symlink_to(project / "templates")
    message = refused(project, tmp_path / "to-content", capsys)
    assert message.startswith(f"error: refusing to write the site to {tmp_path / 'to-content'}:")
    assert "it is the project, content/ or a parent of them" in message
    assert "it is the project" in refused(project, tmp_path / "to-project", capsys)
    assert "inside the project's templates/" in refused(project, tmp_path / "to-templates", capsys)
    # site/ itself a symlink to content/: refused, and content/ is untouched.
    (project / "site").symlink_to(project / "content")
    assert main(["--project", str(project), "build"]) == 1
    assert "it is the project, content/ or a parent" in capsys.readouterr().err
    assert (project / "content" / "statements" / "2017-02-s0000.md").is_file()


def test_refuses_a_directory_that_is_not_a_site(make_project, tmp_path: Path, capsys) -> None:
    project = make_project(many_statements(1))
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "thesis.odt").write_text("years of work")
    assert refused(project, documents, capsys) == (
        f"error: refusing to replace {documents}: it holds files but no index.html, so it is "
        "not a site this archive built; choose a new or empty directory"
    )
    assert (documents / "thesis.odt").read_text() == "years of work"
    (tmp_path / "empty").mkdir()
    assert main(["--project", str(project), "build", "-o", str(tmp_path / "empty")]) == 0


def test_safe_target_refuses_every_way_out(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "out").symlink_to(tmp_path)
    assert safe_target(site, "statements/a/index.html") == site / "statements/a/index.html"
    for relative in ("../x", "/etc/passwd", "a/../../x", "statements/../../x", "", "a\x00b"):
        with pytest.raises(ConfigError, match="it would land outside site/"):
            safe_target(site, relative)
    with pytest.raises(ConfigError, match="it would land outside site/"):
        safe_target(site, "out/escaped.html")


# ---------------------------------------------------------------------------------------------
# Byte-identical builds


@pytest.mark.slow
def test_two_builds_are_byte_identical_whatever_the_hash_seed(repo: Path, tmp_path: Path) -> None:
    """The real content, every output file (pages, search index, feeds, exports...), built by
    two processes with different string hash seeds, so no set or dict order can leak in."""
    project = tmp_path / "project"
    for name in ("content", "templates", "static"):
        shutil.copytree(repo / name, project / name)
    if (repo / "node_modules").exists():
        (project / "node_modules").symlink_to(repo / "node_modules")
    first, second = tmp_path / "one", tmp_path / "two"
    run_build(project, "-o", str(first), env={"PYTHONHASHSEED": "1"})
    run_build(project, "-o", str(second), env={"PYTHONHASHSEED": "2"})
    one, two = tree(first), tree(second)
    assert len(one) > 50
    assert sorted(one) == sorted(two)
    assert [path for path in one if one[path] != two[path]] == []
