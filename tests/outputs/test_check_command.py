"""`build.py check`: its summary counts what its own table flags, `--wide` shows values whole
and `--json` gives the rows for a program to read."""

from __future__ import annotations

import json
import re

import pytest

from archive.cli import main
from tests.conftest import REPO


def _check(capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    assert main(["--project", str(REPO), "check", *extra]) == 0
    return capsys.readouterr().out


def test_summary_counts_the_flags_of_the_table(capsys: pytest.CaptureFixture[str]) -> None:
    out = _check(capsys)
    flags = [line for line in out.splitlines() if re.search(r"add (title|speaker|date):", line)]
    assert flags, "the real content has a generated title and a statement without speaker"
    summary = re.search(r"no errors, (\d+) warnings? \((\d+) in the table\)", out)
    assert summary and int(summary.group(2)) >= len(flags)
    assert int(summary.group(1)) >= int(summary.group(2))


def test_wide_and_json_show_values_whole(capsys: pytest.CaptureFixture[str]) -> None:
    narrow = _check(capsys)
    assert "…" in narrow  # values longer than 60 characters are cut in the plain table
    wide = _check(capsys, "--wide")
    assert "…" not in wide
    data = json.loads(_check(capsys, "--json"))
    titles = [r["value"] for r in data["rows"] if r["field"] == "title"]
    assert any(len(t) > 60 for t in titles) and not any(t.endswith("…") for t in titles)
    flagged = [r for r in data["rows"] if r["warning"]]
    assert f"({len(flagged)} in the table)" in data["summary"]
