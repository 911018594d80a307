"""`./dev` sets up once: pip and npm run again only when pyproject.toml or package-lock.json
change (a stamp of their hashes in .venv/ and node_modules/), and pip installs in compat mode
(no setuptools "Editable installation" warning box)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

LOGGER = """#!/bin/sh
echo "$(basename "$0") $*" >> "{log}"
"""


def _project(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """A copy of dev with stand-ins for the venv's python and for npm that log their calls."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(REPO / "dev", project / "dev")
    (project / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    (project / "package-lock.json").write_text("{}\n")
    log = tmp_path / "calls.log"
    bin_dir = tmp_path / "bin"
    (project / ".venv" / "bin").mkdir(parents=True)
    bin_dir.mkdir()
    for script in (project / ".venv" / "bin" / "python", bin_dir / "npm"):
        script.write_text(LOGGER.format(log=log))
        script.chmod(0o755)
    # npm ci makes node_modules; the stand-in does not, so make it as npm would.
    (project / "node_modules").mkdir()
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"}
    return project, log, env


def _calls(log: Path) -> list[str]:
    calls = log.read_text().splitlines() if log.exists() else []
    log.write_text("")
    return calls


def test_dev_sets_up_once_and_again_only_when_the_pins_change(tmp_path: Path) -> None:
    project, log, env = _project(tmp_path)
    run = ["./dev", "build"]
    subprocess.run(run, cwd=project, env=env, check=True)
    first = _calls(log)
    assert any("pip install" in c and "editable_mode=compat" in c for c in first), first
    assert any(c.startswith("npm ci") for c in first) and first[-1] == "python build.py build"

    subprocess.run(run, cwd=project, env=env, check=True)
    assert _calls(log) == ["python build.py build"]  # nothing installed again

    (project / "pyproject.toml").write_text("[project]\nname = 'x'\nversion = '2'\n")
    subprocess.run(run, cwd=project, env=env, check=True)
    again = _calls(log)
    assert any("pip install" in c for c in again) and not any(c.startswith("npm") for c in again)

    (project / "package-lock.json").write_text('{"lockfileVersion": 3}\n')
    subprocess.run(run, cwd=project, env=env, check=True)
    again = _calls(log)
    assert any(c.startswith("npm ci") for c in again) and not any("pip" in c for c in again)
