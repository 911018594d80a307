"""Each kind of input `build.py import` takes, recognised by its content: plain text, JSON
Lines (nested scraper metadata too, gzip too), CSV, saved web pages, folders."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from archive.cli.extract import extract_file, project_people
from archive.model import SOURCE_PAGE
from tests.importing.conftest import KCNA, KCNA_URL, run_import, statement_files

RAW = (
    "Statement by the Press Secretary\n\n"
    "September 12, 2017\n\nThe Government of Japan welcomes the unanimous adoption of "
    "resolution 2375 by the Security Council.\n"
)


def _statement(project: Path, name: str):
    path = project / "content" / "statements" / name
    return extract_file(path, project_people(project), f"content/statements/{name}")


def test_a_plain_text_is_named_and_dated_by_the_parser(project, tmp_path, capsys) -> None:
    raw = tmp_path / "raw.txt"
    raw.write_text(RAW, encoding="utf-8")
    assert run_import(project, raw) == 0
    ((name, text),) = statement_files(project).items()
    assert name.startswith("2017-09-12-")
    assert text.endswith(RAW)  # the text exactly as given
    assert "# date: 2017-09-12" in text  # the parser's finding, for the curator to confirm
    statement = _statement(project, name)
    assert statement.date.iso == "2017-09-12" and statement.date.source.startswith("text:")
    assert len(statement.versions) == 1 and len(statement.versions[0].sha256) == 64
    assert "1 new, 0 new versions, 0 unchanged" in capsys.readouterr().out


def test_json_lines_with_nested_scraper_metadata(project, tmp_path, capsys) -> None:
    records = tmp_path / "scraped.jsonl"
    lines = [
        {
            "id": "kcna-1",
            "source": "kcna",
            "section": "nomatch",
            "text": KCNA,
            "truth": {"date": "2024-01-02", "headline": "Floral Baskets", "url": KCNA_URL},
        },
        {"body": "Speech at the general debate.\nWe stand for peace.\n", "published": "1990"},
    ]
    records.write_text("\n".join(json.dumps(r) for r in lines) + "\n", encoding="utf-8")
    assert run_import(project, records) == 0
    out = capsys.readouterr().out
    assert "unknown columns, not imported (the records keep them): id (1), section (1)" in out
    files = statement_files(project)
    assert sorted(files) == [
        "1990-speech-at-the-general-debate-we-stand-for.md",
        "2024-01-02-floral-baskets.md",
    ]
    kcna = _statement(project, "2024-01-02-floral-baskets.md")
    # The scraper's date beats the text's "January 2" (no year), at the precision it gave.
    assert (kcna.date.iso, kcna.date.source) == ("2024-01-02", SOURCE_PAGE)
    assert (kcna.title, kcna.sources["title"]) == ("Floral Baskets", SOURCE_PAGE)
    assert (kcna.url, kcna.source) == (KCNA_URL, "KCNA")  # the site id, named (fields.yaml)
    speech = _statement(project, "1990-speech-at-the-general-debate-we-stand-for.md")
    assert (speech.date.iso, speech.date.precision) == ("1990", "year")


def test_gzip_json_lines_named_anything(project, tmp_path) -> None:
    records = tmp_path / "dump.data"
    with gzip.open(records, "wt", encoding="utf-8") as stream:
        stream.write(json.dumps({"content": KCNA, "date": "2024-01", "title": "Baskets"}) + "\n")
    assert run_import(project, records) == 0
    assert list(statement_files(project)) == ["2024-01-baskets.md"]


def test_csv_with_a_header(project, tmp_path, capsys) -> None:
    table = tmp_path / "export.txt"  # recognised by its header, not its name
    table.write_text(
        "headline,published,site,author,language,body,views\n"
        '"Press statement",2022-03-03T10:00:00-05:00,state,Ned Price,en,'
        '"The United States condemns the launch.\nWe call on the DPRK to engage.",12\n',
        encoding="utf-8",
    )
    assert run_import(project, table) == 0
    assert "views (1)" in capsys.readouterr().out
    ((name, text),) = statement_files(project).items()
    assert name == "2022-03-03-press-statement.md"  # the publisher's date, not UTC's
    statement = _statement(project, name)
    assert statement.source == "U.S. Department of State" and statement.author == "Ned Price"
    assert text.endswith("The United States condemns the launch.\nWe call on the DPRK to engage.")


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="windows-1252">
<title>Statement on the launch | Ministry of Foreign Affairs</title>
<meta property="og:site_name" content="Ministry of Foreign Affairs of Japan">
<meta property="article:published_time" content="2017-11-29T09:00:00+09:00">
<link rel="canonical" href="https://www.mofa.go.jp/press/release/page4e_000001.html">
</head><body>
<div class="cookie">We use cookies to improve your experience. Accept all cookies</div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/press">Press releases</a></li></ul></nav>
<article><h1>Statement on the launch</h1>
<p>Today, North Korea launched a ballistic missile \u2013 the Government of Japan lodged
a strong protest.</p>
<p>Japan will work with the members of the Security Council on full implementation of
the resolutions.</p>
</article>
<div class="share">Share this page: Twitter Facebook</div>
<footer>Copyright \xa9 Ministry of Foreign Affairs of Japan</footer>
</body></html>
"""


def test_a_saved_page_by_its_declared_charset(project, tmp_path) -> None:
    page = tmp_path / "Statement on the launch.htm"
    page.write_bytes(PAGE.encode("cp1252"))
    assert run_import(project, page) == 0
    ((name, text),) = statement_files(project).items()
    assert name == "2017-11-29-statement-on-the-launch.md"
    body = text.split("\n---\n", 1)[1]
    assert body == (
        "Statement on the launch\n\n"
        "Today, North Korea launched a ballistic missile \u2013 the Government of Japan lodged "
        "a strong protest.\n"
        "Japan will work with the members of the Security Council on full implementation of "
        "the resolutions.\n"
    )
    statement = _statement(project, name)
    assert statement.url == "https://www.mofa.go.jp/press/release/page4e_000001.html"
    assert statement.source == "Ministry of Foreign Affairs of Japan"
    assert (statement.date.iso, statement.date.source) == ("2017-11-29", SOURCE_PAGE)
    assert statement.language == "en"


def test_a_folder_recursively(project, tmp_path) -> None:
    inbox = tmp_path / "inbox"
    (inbox / "pages" / "deeper").mkdir(parents=True)
    (inbox / "pages" / "deeper" / "saved").write_bytes(PAGE.encode("cp1252"))  # no extension
    (inbox / "raw.txt").write_text(RAW, encoding="utf-8")
    (inbox / ".hidden.txt").write_text("A hidden note.\n", encoding="utf-8")
    (inbox / "records.jsonl").write_text(json.dumps({"text": KCNA, "date": "2024-01-02"}))
    assert run_import(project, inbox) == 0
    names = list(statement_files(project))
    assert len(names) == 3
    assert {n[:10] for n in names} == {"2017-11-29", "2017-09-12", "2024-01-02"}


def test_a_json_list_of_records(project, tmp_path, capsys) -> None:
    listing = tmp_path / "export.json"
    listing.write_text(
        json.dumps([{"text": KCNA, "date": "2024-01-02", "title": "Baskets"}, "not a record"]),
        encoding="utf-8",
    )
    assert run_import(project, listing) == 1
    assert f"{listing}: record 2: is not a JSON object" in capsys.readouterr().err
    assert list(statement_files(project)) == ["2024-01-02-baskets.md"]


def test_a_terminal_gets_a_bar_and_a_log_plain_lines() -> None:
    import io

    from archive.build.progress import ProgressLine
    from archive.importing.command import _stage

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert _stage(ProgressLine(Terminal()), 12, 24) == "importing [############............]"
    assert _stage(ProgressLine(io.StringIO()), 12, 24) == "importing"


def test_a_spreadsheets_csv_with_a_byte_order_mark_and_semicolons(project, tmp_path) -> None:
    table = tmp_path / "from-excel.csv"
    table.write_bytes(
        '\ufefftitle;date;text\nRemarks;2021-06-02;"Remarks, in full."\n'.encode("utf-8")
    )
    assert run_import(project, table) == 0
    ((name, text),) = statement_files(project).items()
    assert name == "2021-06-02-remarks.md" and text.endswith("Remarks, in full.")


def test_a_page_saved_by_a_browser_keeps_its_address(project, tmp_path) -> None:
    page = tmp_path / "saved.html"
    saved = "<!-- saved from url=(0036)https://www.mofa.go.jp/a/b/c.html -->\n"
    without_canonical = "\n".join(line for line in PAGE.splitlines() if "canonical" not in line)
    page.write_bytes((saved + without_canonical).encode("cp1252"))
    assert run_import(project, page) == 0
    (name,) = statement_files(project)
    assert _statement(project, name).url == "https://www.mofa.go.jp/a/b/c.html"
