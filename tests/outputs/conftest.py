"""Fixtures of the output tests: a small site built from a hostile statement."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from outputs_support import HOSTILE_STATEMENT

from archive.build.pipeline import Project, build


@pytest.fixture
def hostile_site(make_project: Callable[..., Path], tmp_path: Path) -> Path:
    """A site built from one ordinary and one hostile statement."""
    project = make_project(
        {
            "statements/2019-01-01-plain.md": "---\ndate: 2019-01-01\nspeaker: kim-song\n---\n"
            "North Korea rejects the resolution.\n",
            "statements/2020-05-01-hostile.md": HOSTILE_STATEMENT,
        }
    )
    output = tmp_path / "hostile-site"
    build(Project(project), output)
    return output
