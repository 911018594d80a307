"""A killed build never hangs the next one (issue 19, item 1): builds (incremental and
--clean) are killed with SIGKILL at many moments; no process of theirs is left, and the next
build finishes and equals a clean build byte for byte. The output tree's lock names its
holder, times out with a message, and is taken over from a holder that died."""

from __future__ import annotations

import importlib.util
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from archive.build.output_tree import _locked, _unlocked
from archive.build.pipeline import Project, build
from archive.errors import ConfigError
from tests.conftest import REPO

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")

#: When each build is killed: seconds after it starts (before its workers are forked), or
#: seconds after its first worker appears (a build of these 260 statements takes a few
#: seconds on two cores, most of them with workers).
MOMENTS = (("start", 0.3), ("workers", 0.0), ("workers", 0.5), ("workers", 1.2))


def group(leader: int) -> list[int]:
    """The live (not zombie) processes of the process group `leader` started."""
    members = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        state, _parent, process_group = stat.rpartition(")")[2].split()[:3]
        if int(process_group) == leader and state != "Z":
            members.append(int(entry))
    return members


def tree(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec = importlib.util.spec_from_file_location("corpus", REPO / "benchmarks" / "corpus.py")
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    return corpus.generate(260, tmp_path_factory.mktemp("killed") / "project", seed=11)


def start_build(project: Path, *options: str) -> subprocess.Popen:
    environment = {**os.environ, "ARCHIVE_WORKERS": "2", "ARCHIVE_LOCK_TIMEOUT": "60"}
    return subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "--project", str(project), "build", *options],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=environment,
        start_new_session=True,  # its own process group: its workers are found by it
    )


def kill_at(project: Path, moment: tuple[str, float], *options: str) -> bool:
    """Start a build, SIGKILL it at `moment`; whether it had workers then. Asserts that none
    of its processes outlives it by more than a few seconds."""
    settings = project / "content" / "site.yaml"
    text = settings.read_text(encoding="utf-8")
    # A new title changes every page: the killed build has plenty to do.
    text = re.sub(
        r"(?m)^title: .*$", f"title: Killed {moment[1]} s after {moment[0]}", text, count=1
    )
    settings.write_text(text, encoding="utf-8")
    build_process = start_build(project, *options)
    since, seconds = moment
    deadline = time.monotonic() + 30
    while since == "workers" and len(group(build_process.pid)) < 2:
        assert build_process.poll() is None and time.monotonic() < deadline, "no worker came"
        time.sleep(0.02)
    time.sleep(seconds)
    had_workers = len(group(build_process.pid)) > 1
    build_process.kill()
    build_process.wait()
    build_process.stderr.close()
    deadline = time.monotonic() + 5
    while group(build_process.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = group(build_process.pid)
    for pid in left:  # so that a failure here does not leave them running
        os.kill(pid, signal.SIGKILL)
    assert left == [], f"killed at {moment} s, processes {left} outlived the build"
    return had_workers


def finishes_and_equals_clean(project: Path, tmp_path: Path, *options: str) -> None:
    final = start_build(project, *options)
    try:
        _, errors = final.communicate(timeout=120)
    finally:
        if final.poll() is None:
            os.killpg(final.pid, signal.SIGKILL)
            final.wait()
    assert final.returncode == 0, errors.decode()
    if "clean" not in _clean:  # both tests end with the same content
        clean = tmp_path / "clean"
        build(Project(project), clean, incremental=False)
        _clean["clean"] = tree(clean)
    assert tree(project / "site") == _clean["clean"]


_clean: dict[str, dict[str, bytes]] = {}


@pytest.mark.parametrize("options", [(), ("--clean",)], ids=["incremental", "clean"])
def test_a_killed_build_leaves_no_process_and_the_next_build_is_right(
    project: Path, tmp_path: Path, options: tuple[str, ...]
) -> None:
    if not options:
        build(Project(project))  # a cache and a site to start from
    with_workers = [kill_at(project, moment, *options) for moment in MOMENTS]
    assert any(with_workers), "no build was killed while its workers ran"
    finishes_and_equals_clean(project, tmp_path, *options)


def test_a_lock_held_by_a_live_process_times_out_naming_it(tmp_path: Path) -> None:
    holder = _locked(tmp_path)
    try:
        started = time.monotonic()
        with pytest.raises(ConfigError) as caught:
            _locked(tmp_path, timeout=0.5)
        assert time.monotonic() - started < 5
    finally:
        _unlocked(holder)
    message = str(caught.value)
    assert f"process {os.getpid()}" in message and "Wait for it to finish" in message
    assert f"kill {os.getpid()}" in message
    _unlocked(_locked(tmp_path, timeout=0.5))  # released: taken at once


HOLD = """
import fcntl, os, sys, time
descriptor = os.open(sys.argv[1], os.O_CREAT | os.O_RDWR)
fcntl.flock(descriptor, fcntl.LOCK_EX)
os.ftruncate(descriptor, 0)
os.write(descriptor, sys.argv[2].encode())
print("held", flush=True)
time.sleep(60)
"""


def test_a_lock_whose_holder_died_is_taken_over(tmp_path: Path) -> None:
    """As an older version's workers left it: the pid in the lock file is dead, but a
    process that inherited the descriptor still holds the lock."""
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    orphan = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(tmp_path / "lock"), str(dead.pid)],
        stdout=subprocess.PIPE,
    )
    try:
        assert orphan.stdout.readline() == b"held\n"
        started = time.monotonic()
        descriptor = _locked(tmp_path, timeout=30)
        assert time.monotonic() - started < 10
        assert (tmp_path / "lock").read_text() == f"{os.getpid()}\n"
        _unlocked(descriptor)
    finally:
        orphan.kill()
        orphan.wait()
        orphan.stdout.close()


def test_workers_do_not_keep_the_lock(tmp_path: Path) -> None:
    """A forked child closes its copy of the lock's descriptor: were it to outlive the
    build, it would not hold the lock."""
    descriptor = _locked(tmp_path)
    child = os.fork()
    if child == 0:  # pragma: no cover - the child
        time.sleep(3)
        os._exit(0)
    try:
        _unlocked(descriptor)
        _unlocked(_locked(tmp_path, timeout=1))
    finally:
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
