"""What the error tests share: the command line run in-process, and the exact text it prints
when a build or a check fails."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from archive.cli.main import main

BUILD_FAILED = "build failed with {n}; site/ was left as it was"
CHECK_FAILED = "check found {n}"


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """Run the command line as `build.py --project P COMMAND`; returns (code, stdout, stderr)."""

    def run(project: Path, *command: str) -> tuple[int, str, str]:
        code = main(["--project", str(project), *command])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def expected(lines: list[str], summary: str) -> str:
    """What stderr holds when a command fails with these error lines."""
    count = f"{len(lines)} error{'s' if len(lines) != 1 else ''}"
    return "\n".join([*lines, summary.format(n=count)]) + "\n"
