"""`build.py check` as a curator's worklist: what the parser left unknown or doubtful, most
consequential first, the parser's doubts ("<field> unsure: <candidate> (<why>)") grouped by
field, a summary that counts what the table flags, and `--wide` / `--json` forms."""

from __future__ import annotations

import dataclasses
import json

from archive.cli.main import main
from archive.cli.report import (
    format_worklist,
    read_doubt,
    statement_work,
    worklist,
    worklist_summary,
)
from archive.content.read import SourceDocument, parse_statement_file
from archive.extract import extract_statement
from archive.model import PeopleDirectory, Statement

# Real kinds of page: a KCNA report without a year, a White House transcript, a dated speech.
KCNA = (
    "Meeting of Korean Youth League in Japan Held\n\n"
    "Pyongyang, September 1 (KCNA) -- The third meeting of the 25th Central Committee of the "
    "Korean Youth League in Japan took place at the Korean Hall in Tokyo on August 27.\n"
    "Ri Kwang Il made a report at the meeting. -0-\n"
)
SPEECH = (
    "Regeringsförklaringen den 8 september 2020\n\n"
    "Statsminister Stefan Löfven, riksdagen, den 8 september 2020.\n\n"
    "Eders Majestäter, Herr talman, Ärade ledamöter av Sveriges riksdag!\n\n"
    "Sverige är ett land att vara stolt över.\n"
)


def _statement(text: str, name: str, front_matter: dict | None = None) -> Statement:
    document = SourceDocument(
        path=f"content/statements/{name}.md", text=text, front_matter=front_matter or {}
    )
    return extract_statement(document, PeopleDirectory())


def _with_warnings(statement: Statement, *warnings: str) -> Statement:
    return dataclasses.replace(statement, warnings=[*statement.warnings, *warnings])


def test_a_doubt_is_read_as_field_candidate_and_reason() -> None:
    assert read_doubt("speaker unsure: Kim Hae (made a congratulatory speech: an attendee)") == (
        "speaker",
        "unsure",
        "Kim Hae",
        "made a congratulatory speech: an attendee",
    )
    assert read_doubt("resolutions unsure: 1514") == ("resolutions", "unsure", "1514", "")
    field, issue, _candidate, why = read_doubt(
        'date: only "September 1" is written; the year is unknown'
    )
    assert (field, issue) == ("date", "unsure") and "September 1" in why
    assert read_doubt("parser error, text kept as is: ValueError: x")[:2] == (
        "text",
        "parser error",
    )


def test_the_worklist_puts_the_most_consequential_first() -> None:
    report = _with_warnings(
        _statement(KCNA, "kcna"), "speaker unsure: Ri Kwang Il (made a report: an attendee)"
    )
    speech = _with_warnings(
        _statement(SPEECH, "speech"),
        "language unsure: de (Swedish words, German guess)",
        "resolutions unsure: 1514 (a roman session follows)",
    )
    items = worklist([speech, report])
    weights = [item.weight for item in items]
    assert weights == sorted(weights, reverse=True)
    first = items[0]
    assert (first.path, first.field, first.issue) == (
        "content/statements/kcna.md",
        "date",
        "not found",
    )
    assert any(
        item.field == "speaker" and item.issue == "unsure" and item.value == "Ri Kwang Il"
        for item in items
    )
    fields = [item.field for item in items if item.issue == "unsure"]
    assert fields.index("speaker") < fields.index("language")


def test_a_field_the_curator_wrote_is_not_doubted() -> None:
    curated = _with_warnings(
        _statement(KCNA, "kcna", {"date": "2024-09-01"}), "date unsure: 2024-08-27 (the meeting)"
    )
    assert curated.sources["date"] == "front-matter"
    assert not [item for item in statement_work(curated) if item.field == "date"]


def test_a_speech_without_speaker_is_a_gap_a_news_report_without_one_is_not() -> None:
    speech = dataclasses.replace(_statement(SPEECH, "speech"), speakers=[], doc_type="speech")
    report = dataclasses.replace(_statement(KCNA, "kcna"), speakers=[], doc_type="news-report")
    assert [i.issue for i in statement_work(speech) if i.field == "speaker"] == ["not found"]
    assert not [i for i in statement_work(report) if i.field == "speaker"]


def test_the_summary_counts_what_the_table_flags() -> None:
    statements = [
        _with_warnings(_statement(KCNA, "a"), "speaker unsure: X (why)"),
        _with_warnings(_statement(KCNA, "b"), "speaker unsure: Y (why)", "persons unsure: Z"),
        _statement(SPEECH, "c"),
    ]
    items = worklist(statements)
    summary = worklist_summary(items, len(statements))
    assert summary["items"] == len(items)
    undated = sum(not statement.date.known for statement in statements)
    assert undated >= 2  # neither KCNA report says its year
    assert summary["by_issue"]["date not found"] == undated
    assert summary["doubts_by_field"] == {"speaker": 2, "persons": 1}
    table = format_worklist(items, len(statements))
    lines = table.splitlines()
    assert len(lines) == len(items) + 2  # header, the items, the summary
    assert lines[-1].startswith(f"worklist: {len(items)} items in ")
    assert "the parser's doubts by field: persons 1, speaker 2" in lines[-1]


def _project(make_project) -> object:
    long_title = "Statement " + "very " * 30 + "long"
    return make_project(
        {
            "statements/a.md": KCNA,
            "statements/b.md": f"---\ntitle: {long_title}\n---\n" + KCNA,
            "statements/c.md": SPEECH,
        }
    )


def test_check_prints_the_worklist_and_its_summary(make_project, capsys) -> None:
    project = _project(make_project)
    assert main(["--project", str(project), "check"]) == 0
    out = capsys.readouterr().out
    assert "content/statements/a.md" in out and "date" in out
    assert "worklist: " in out
    assert out.splitlines()[-1].startswith("checked 3 statements")


def test_check_json_and_wide(make_project, capsys) -> None:
    project = _project(make_project)
    statement = _with_warnings(
        parse_and_extract(project / "content" / "statements" / "a.md"),
        "speaker unsure: " + "Long Candidate Name " * 5 + "(why)",
    )
    assert len(format_worklist(worklist([statement]), 1, wide=True).splitlines()[1]) > len(
        format_worklist(worklist([statement]), 1).splitlines()[1]
    )
    assert main(["--project", str(project), "check", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["summary"]["statements"] == 3
    assert report["summary"]["items"] == len(report["items"])
    assert {"path", "field", "issue", "value", "source", "why", "weight"} <= set(report["items"][0])
    assert any("no date found" in warning for warning in report["warnings"])
    assert main(["--project", str(project), "check", "--wide"]) == 0
    assert "worklist: " in capsys.readouterr().out


def parse_and_extract(path) -> Statement:
    document = parse_statement_file(path.read_bytes(), "content/statements/" + path.name)
    return extract_statement(document, PeopleDirectory())
