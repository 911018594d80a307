"""The extract stage's reports: `extract --json` records, `import` front matter, `check` rows,
and the subcommands that print or write them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from archive.cli.extract import extract_file, project_people
from archive.cli.main import main
from archive.cli.report import (
    check_rows,
    extraction_json,
    format_check_table,
    import_front_matter,
    new_persons,
)
from archive.content.read import parse_statement_file

ROOT = Path(__file__).resolve().parents[2]
SEEDS = Path(__file__).parent / "data" / "seeds"
VARIANTS = Path(__file__).parent / "data" / "variants"
INTERFACE_KEYS = {
    "path",
    "title",
    "title_generated",
    "date",
    "date_precision",
    "date_source",
    "speaker",
    "persons",
    "resolutions",
    "doc_type",
    "source",
    "language",
    "countries",
    "body_paragraphs",
}


def seed(number: str) -> Path:
    (path,) = SEEDS.glob(f"{number}_*.txt")
    return path


def test_extraction_json_has_the_interface_keys() -> None:
    statement = extract_file(seed("004"), project_people(ROOT))
    record = extraction_json("x.txt", statement)
    assert set(record) >= INTERFACE_KEYS
    assert record["path"] == "x.txt"
    assert record["date"] == "2017-09-12" and record["date_precision"] == "day"
    assert record["date_source"] == "text:6"
    assert record["speaker"] == {
        "name": "Taro Kono",
        "role": "Foreign Minister",
        "country": "Japan",
    }
    assert record["resolutions"] == [2375]
    assert len(record["body_paragraphs"]) == 5
    json.dumps(record)  # serialisable as it is


def test_extraction_json_of_an_unknown_date() -> None:
    record = extraction_json("x", extract_file(seed("003"), project_people(ROOT)))
    assert record["date"] is None
    assert record["date_precision"] == "unknown" and record["date_source"] == "unknown"
    assert record["date_evidence"] == "on the 29th"


def test_front_matter_wins_and_says_so() -> None:
    path = ROOT / "content" / "statements" / "2024-03-29-north-korea-shuts-door-on-japan.md"
    statement = extract_file(path, project_people(ROOT))
    record = extraction_json(str(path), statement)
    assert record["date"] == "2024-03-29" and record["date_source"] == "front-matter"
    assert record["source"] == "Viewus"
    assert not [w for w in record["warnings"] if w.startswith("date")]


def test_import_front_matter_is_valid_and_commented() -> None:
    statement = extract_file(seed("000"), project_people(ROOT))
    block = import_front_matter(statement)
    assert block.startswith("---\n") and block.endswith("---\n")
    document = parse_statement_file((block + "Text.\n").encode(), "a.md")
    assert document.front_matter == {}  # nothing confirmed until the curator uncomments
    assert "# speaker: kim-song" in block
    assert "Could not determine: date" in block
    # Each commented fact is valid front matter once uncommented.
    facts = [
        line[2:].split("  # from")[0]
        for line in block.splitlines()
        if line.startswith("# ") and "  # from" in line
    ]
    values = yaml.safe_load("\n".join(facts))
    assert values["source"] == "UPI"
    assert values["doc_type"] == "news-report"


def test_check_rows_cover_every_field_with_sources() -> None:
    people = project_people(ROOT)
    statements = [extract_file(p, people) for p in sorted(SEEDS.glob("*.txt"))]
    rows = check_rows(statements)
    fields = {row.field for row in rows if row.path == statements[0].path}
    assert {"title", "date", "speaker", "resolutions", "doc_type", "source"} <= fields
    by_key = {(row.path, row.field): row for row in rows}
    kono = by_key[(statements[4].path, "speaker")]
    assert kono.value == "Taro Kono (Foreign Minister, Japan)" and kono.source == "text:4"
    missing_date = by_key[(statements[2].path, "date")]
    assert missing_date.warning.startswith("not found")
    table = format_check_table(rows)
    assert "Taro Kono" in table and "text:4" in table


def test_new_persons_are_reported() -> None:
    people = project_people(ROOT)
    statement = extract_file(VARIANTS / "usun_remarks.txt", people)
    assert new_persons(statement) == ["Linda Thomas-Greenfield"]
    rows = check_rows([statement])
    speaker = next(row for row in rows if row.field == "speaker")
    assert speaker.warning.startswith("new person")


def test_extract_command_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--project", str(ROOT), "extract", str(seed("001")), "--json"])
    records = json.loads(capsys.readouterr().out)
    assert code == 0
    assert records[0]["resolutions"] == [2397]
    assert records[0]["date"] == "2017-12-23"


def test_import_command_writes_a_statement(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "content" / "statements").mkdir(parents=True)
    shutil.copy(ROOT / "content" / "people.yaml", tmp_path / "content" / "people.yaml")
    assert main(["--project", str(tmp_path), "import", str(seed("004"))]) == 0
    out = capsys.readouterr().out
    (written,) = (tmp_path / "content" / "statements").glob("*.md")
    assert written.name.startswith("2017-09-12-the-adoption-of-a-resolution")
    assert f"-> content/statements/{written.name}" in out
    text = written.read_text(encoding="utf-8")
    assert text.endswith(seed("004").read_text(encoding="utf-8"))
    # Importing again finds it there and changes nothing.
    assert main(["--project", str(tmp_path), "import", str(seed("004"))]) == 0
    assert "0 new, 0 new versions, 1 unchanged" in capsys.readouterr().out
    assert written.read_text(encoding="utf-8") == text
