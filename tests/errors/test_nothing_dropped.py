"""Nothing a curator wrote is dropped (issue 19, item 3): a statement past the parser's
bound is published whole, a curator's title never costs the text its first line, old Mac
line ends are read like any others, a folder that cannot be read is an error, and a line
left out as page furniture that reads as a sentence is reported."""

from __future__ import annotations

import os
from pathlib import Path

from archive.extract.clean import MAX_PARSED_CHARS, layout
from tests.errors.conftest import BUILD_FAILED, CHECK_FAILED, expected
from tests.page_data import statement_document

PARAGRAPH = "The Minister said that the sanctions on the programme must be enforced by all. "


def page(site: Path, statement_id: str) -> str:
    return (site / "statements" / statement_id / "index.html").read_text(encoding="utf-8")


def paragraphs(site: Path, statement_id: str) -> list[str]:
    return statement_document(site, statement_id)["paragraphs"]


def test_a_statement_past_the_parsers_bound_is_published_whole(make_project, cli) -> None:
    body = (PARAGRAPH * 20 + "\n\n") * (MAX_PARSED_CHARS // (len(PARAGRAPH) * 20) + 200)
    last = "In closing the Minister thanked the quokkas of Rottnest warmly for their patience."
    text = f"---\ntitle: Long\ndate: 2017-09-12\n---\n{body}{last}\n"
    assert len(text) > MAX_PARSED_CHARS * 1.05
    project = make_project({"statements/long.md": text})
    code, _out, err = cli(project, "build")
    assert code == 0, err
    site = project / "site"
    assert last in page(site, "long")
    kept = paragraphs(site, "long")
    assert kept[-1] == last
    assert sum(len(p) for p in kept) == len(body.replace("\n", "")) - body.count(" \n\n") + len(
        last
    )
    shards = "".join(
        path.read_text(encoding="utf-8") for path in (site / "search" / "index").rglob("*.js")
    )
    assert '"quokka' in shards and '"rottnest' in shards  # the tail's words are indexed
    assert "the whole text is published" in err


def test_the_unparsed_tail_keeps_the_line_of_each_paragraph() -> None:
    """Its paragraphs carry the line of the file they start on, as the head's do."""
    text = "\n\n".join([PARAGRAPH * 50] * 300) + "\n\nThe last words were said slowly, with care.\n"
    assert len(text) > MAX_PARSED_CHARS
    parts = layout(text, first_line=5)
    lines = text.split("\n")
    tail = [line for line in parts.body + parts.trailer if line.number > 5 + 200 * 2]
    assert len(tail) > 50
    for line in tail:
        assert lines[line.number - 5].strip() == line.text


def test_a_curators_title_does_not_cost_the_text_its_first_line(make_project, cli) -> None:
    project = make_project(
        {
            "statements/a.md": "---\ntitle: A curated title\ndate: 2017-09-12\n---\n"
            f"Hello there.\n\n{PARAGRAPH}\n",
            # The title is the text's first line: the statement starts after it.
            "statements/b.md": "---\ntitle: Statement on the programme\ndate: 2017-09-12\n---\n"
            f"Statement on the programme\n\n{PARAGRAPH}\n",
        }
    )
    assert cli(project, "build")[0] == 0
    site = project / "site"
    assert paragraphs(site, "a") == ["Hello there.", PARAGRAPH.strip()]
    assert "Hello there." in page(site, "a")
    assert paragraphs(site, "b") == [PARAGRAPH.strip()]


def test_old_mac_line_ends_are_read_like_the_others(make_project, cli) -> None:
    crlf = f"---\ntitle: Old Mac\ndate: 2017-09-12\n---\nFirst words.\n\n{PARAGRAPH}\n"
    project = make_project(
        {
            "statements/cr.md": crlf.replace("\n", "\r").encode(),
            "statements/crlf.md": crlf.replace("\n", "\r\n").encode(),
        }
    )
    assert cli(project, "build")[0] == 0
    site = project / "site"
    for statement_id in ("cr", "crlf"):
        data = statement_document(site, statement_id)
        assert data["title"] == "Old Mac"
        assert data["date"] == "2017-09-12"
        assert data["paragraphs"] == ["First words.", PARAGRAPH.strip()]


def test_a_folder_that_cannot_be_read_is_an_error(make_project, cli, monkeypatch) -> None:
    project = make_project({"statements/2017/a.md": PARAGRAPH, "statements/2018/b.md": PARAGRAPH})
    folder = project / "content" / "statements" / "2018"
    if os.geteuid() == 0:  # root reads any folder: refuse it as the system would
        scandir = os.scandir

        def refuse(path: os.PathLike[str] | str = ".") -> os.ScandirIterator[str]:
            if Path(path) == folder:
                raise PermissionError(13, "Permission denied", str(path))
            return scandir(path)

        monkeypatch.setattr(os, "scandir", refuse)
    else:
        folder.chmod(0)
    try:
        line = (
            "content/statements/2018/: cannot be read: Permission denied; its statements would "
            "be left out (give the build permission to read it, or move it out of "
            "content/statements/)"
        )
        assert cli(project, "build")[::2] == (1, expected([line], BUILD_FAILED))
        assert cli(project, "check")[::2] == (1, expected([line], CHECK_FAILED))
    finally:
        folder.chmod(0o755)


def test_a_left_out_line_that_reads_as_a_sentence_is_reported(make_project, cli) -> None:
    project = make_project(
        {
            "statements/a.md": f"---\ndate: 2017-09-12\n---\n{PARAGRAPH}\n\n"
            "More on these additions:\n\n"
            "**Kim Song** is an attorney with long experience in government and law.\n"
        }
    )
    warning = (
        "warning: content/statements/a.md: line 8 left out as a list of links, though it "
        'reads as a sentence ("*Kim Song** is an attorney with long experience in..."); '
        "if it is part of the statement, edit the lines around it in the file"
    )
    code, out, err = cli(project, "check")
    assert code == 0 and warning in out.splitlines()
    code, out, err = cli(project, "build")
    assert code == 0 and warning in err.splitlines()
