"""A build of imported statements: each page says where its date came from (the curator, the
source's page, the text), the curator's front matter beats the source's, which beats the
parser's, and `check` still shows what the parser read."""

from __future__ import annotations

import html
import json
import re

from archive.cli.main import main
from tests.importing.conftest import KCNA, KCNA_URL, run_import, statement_files
from tests.importing.test_inputs import PAGE, RAW


def _date_line(page: str) -> str:
    facts = page[page.index("<dt>Date</dt>") : page.index("</dd>", page.index("<dt>Date</dt>"))]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", facts)).split())


def test_each_page_says_where_its_date_came_from(project, tmp_path, capsys) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "raw.txt").write_text(RAW, encoding="utf-8")
    (inbox / "page.html").write_bytes(PAGE.encode("cp1252"))
    (inbox / "scraped.jsonl").write_text(
        json.dumps({"text": KCNA, "url": KCNA_URL, "date": "2024-01-03", "title": "Baskets"})
        + "\n"
        + json.dumps({"text": "Remarks without a date.\n", "title": "Undated remarks"})
        + "\n",
        encoding="utf-8",
    )
    assert run_import(project, inbox) == 0
    names = sorted(statement_files(project))
    assert names == [
        "2017-09-12-statement-by-the-press-secretary.md",
        "2017-11-29-statement-on-the-launch.md",
        "2024-01-03-baskets.md",
        "undated-remarks.md",
    ]
    # A curator's date, above the importer's block, beats the source's.
    curated = project / "content" / "statements" / "2017-11-29-statement-on-the-launch.md"
    curated.write_text(curated.read_text().replace("---\n", "---\ndate: 2017-11-28\n", 1))

    assert main(["--project", str(project), "build"]) == 0
    site = project / "site" / "statements"

    def date_of(name: str) -> str:
        return _date_line((site / name / "index.html").read_text(encoding="utf-8"))

    assert re.fullmatch(
        r"Date 12 September 2017 \(read from the text \(line \d+\)\)",
        date_of("2017-09-12-statement-by-the-press-secretary"),
    )
    assert date_of("2017-11-29-statement-on-the-launch") == (
        "Date 28 November 2017 (supplied by the curator)"
    )
    assert date_of("2024-01-03-baskets") == "Date 3 January 2024 (from the source's page)"
    assert date_of("undated-remarks") == "Date Date unknown"
    baskets = (site / "2024-01-03-baskets" / "index.html").read_text(encoding="utf-8")
    assert "(title from the source&#39;s page)" in baskets
    assert 'id="versions"' not in baskets  # one version: no list

    capsys.readouterr()
    assert main(["--project", str(project), "check"]) == 0
    table = capsys.readouterr().out
    # The source's date wins, and the text's own "January 2" stays visible beside it.
    (row,) = [
        line
        for line in table.splitlines()
        if "2024-01-03" in line and " date " in line and not line.startswith("warning:")
    ]
    assert "source-page" in row and "January 2" in row and "no year is written" in row
