"""Long builds show how far they are: plain lines when not on a terminal (CI), and a summary."""

from __future__ import annotations

import io

from archive.build.progress import ProgressLine
from archive.cli.main import main


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_plain_lines_off_a_terminal_at_most_every_interval_and_at_each_stage() -> None:
    stream = io.StringIO()
    progress = ProgressLine(stream, interval=3600, quiet_for=0)
    for done in range(0, 1001, 100):
        progress("extracting statements", done, 1000)
    progress("linking", 0, 0)
    lines = stream.getvalue().splitlines()
    assert [line.split("] ", 1)[1] for line in lines] == [
        "extracting statements 0/1,000",
        "extracting statements 1,000/1,000",
        "linking",
    ]


def test_one_line_rewritten_on_a_terminal_and_cleared_at_the_end() -> None:
    stream = Terminal()
    progress = ProgressLine(stream, interval=0, quiet_for=0)
    progress("rendering pages", 200, 0)
    progress("rendering pages", 400, 0)
    progress.end()
    assert "\n" not in stream.getvalue()
    assert stream.getvalue().count("\r") == 4  # two updates, then cleared


def test_a_quick_build_shows_no_progress() -> None:
    stream = io.StringIO()
    progress = ProgressLine(stream)
    progress("extracting statements", 1, 1)
    assert stream.getvalue() == ""


def test_build_ends_with_a_summary(make_project, capsys) -> None:
    statement = "---\ndate: 2017-02-01\nspeaker: kim-song\n---\nA statement\n\nIt is short.\n"
    project = make_project({"statements/2017-02-01-a.md": statement})
    assert main(["--project", str(project), "build"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("built 1 statements, ")
    assert "pages rendered, the rest unchanged" in out
    assert main(["--project", str(project), "build"]) == 0
    assert "(0 warnings; 0 pages rendered" in capsys.readouterr().out
