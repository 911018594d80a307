"""Bad inputs get a message naming the file (and line or record), and nothing half-written:
content/ is left as it was, or holds only whole statements, and the import says which."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archive.importing import store
from tests.importing.conftest import KCNA, run_import, statement_files


def _errors(capsys) -> list[str]:
    return capsys.readouterr().err.splitlines()


def _left_as_it_was(project: Path) -> None:
    folder = project / "content" / "statements"
    assert list(folder.iterdir()) == []  # no statement, and no temporary file either


def test_malformed_json_lines_are_named_and_the_rest_imported(project, tmp_path, capsys):
    records = tmp_path / "scraped.jsonl"
    records.write_text(
        json.dumps({"text": KCNA, "date": "2024-01-02"})
        + '\n{"text": "cut off\n'
        + "[1, 2]\n"
        + json.dumps({"title": "No text here"})
        + "\n",
        encoding="utf-8",
    )
    assert run_import(project, records) == 1
    errors = _errors(capsys)
    assert f"{records}:2: is not JSON: Unterminated string starting at (column 10)" in errors
    assert f"{records}:3: is not a JSON object ({{...}}) of one statement" in errors
    assert f"{records}:4: has no text: expected a non-empty text or body or content field" in errors
    assert (
        errors[-1] == "import skipped 3; only whole statements were written (1 new, 0 new versions)"
    )
    assert len(statement_files(project)) == 1


def test_a_csv_without_a_text_column(project, tmp_path, capsys) -> None:
    table = tmp_path / "export.csv"
    table.write_text("headline,date\nA statement,2024-01-02\n", encoding="utf-8")
    assert run_import(project, table) == 1
    errors = _errors(capsys)
    assert errors[0] == (
        f"{table}:1: has no text column: its header is headline, date; "
        "name the statement's column text, body or content"
    )
    assert errors[-1] == "import skipped 1; content/ was left as it was"
    _left_as_it_was(project)


def test_a_page_with_no_main_text(project, tmp_path, capsys) -> None:
    page = tmp_path / "empty.html"
    page.write_text(
        "<!DOCTYPE html><html><head><title>Home</title></head><body><nav><a href='/'>Home</a>"
        "</nav><footer>Copyright</footer></body></html>",
        encoding="utf-8",
    )
    assert run_import(project, page) == 1
    assert f"{page}: has no main text that could be told from the page's chrome" in _errors(capsys)
    _left_as_it_was(project)


def test_a_page_not_in_utf8_without_a_declared_charset_is_not_guessed(
    project, tmp_path, capsys
) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(
        "<html><body>\n<article><p>Déclaration du ministère des affaires étrangères.</p>"
        "</article></body></html>".encode("cp1252")
    )
    assert run_import(project, page) == 1
    (message, *_) = _errors(capsys)
    assert message.startswith(f"{page}:2: is not UTF-8 (byte 0xe9 at offset")
    assert "declares no charset" in message
    _left_as_it_was(project)


def test_a_page_that_is_not_what_its_charset_says(project, tmp_path, capsys) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(
        b'<html><head><meta charset="utf-8"></head>\n<body><p>caf\xe9</p></body></html>'
    )
    assert run_import(project, page) == 1
    assert _errors(capsys)[0].startswith(f"{page}:2: is not utf-8 as it declares: byte 0xe9")


def test_a_50_mb_file(project, tmp_path, capsys) -> None:
    big = tmp_path / "big.html"
    paragraph = b"<p>" + b"A statement that goes on and on. " * 30 + b"</p>\n"
    big.write_bytes(b"<html><body>\n" + paragraph * (50 * 1024 * 1024 // len(paragraph)))
    assert run_import(project, big) == 1
    assert _errors(capsys)[0] == (
        f"{big}: is 52.4 MB; a page or text may be at most 5 MB: is it really one statement?"
    )
    _left_as_it_was(project)


@pytest.mark.parametrize(
    ("head", "what"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
        (b"\x00\x01\x02garbage", "a binary file"),
    ],
)
def test_a_binary_file_named_html(project, tmp_path, capsys, head: bytes, what: str) -> None:
    page = tmp_path / "article.html"
    page.write_bytes(head + bytes(range(256)) * 4)
    assert run_import(project, page) == 1
    assert _errors(capsys)[0] == f"{page}: is {what}, not text, a web page or a table of records"
    _left_as_it_was(project)


def test_an_import_failing_part_way_leaves_only_whole_statements(
    project, tmp_path, capsys, monkeypatch
) -> None:
    records = tmp_path / "scraped.jsonl"
    records.write_text(
        "".join(
            json.dumps({"text": f"Statement number {n}.\n", "date": "2024"}) + "\n"
            for n in range(5)
        ),
        encoding="utf-8",
    )
    written = []
    real_temporary = store._temporary

    def disk_full_at_the_third(folder: Path, content: str) -> Path:
        if len(written) == 2:
            raise OSError(28, "No space left on device")
        written.append(content)
        return real_temporary(folder, content)

    monkeypatch.setattr(store, "_temporary", disk_full_at_the_third)
    assert run_import(project, records) == 1
    errors = _errors(capsys)
    assert errors[-2] == f"{records}:3: could not be written: No space left on device"
    assert (
        errors[-1] == "import stopped; only whole statements were written (2 new, 0 new versions)"
    )
    files = statement_files(project)
    assert list(files) == ["2024-statement-number-0.md", "2024-statement-number-1.md"]
    assert all(text.endswith(f"Statement number {n}.\n") for n, text in enumerate(files.values()))
    # Run again once the disk has room: the rest comes in, nothing twice.
    monkeypatch.setattr(store, "_temporary", real_temporary)
    assert run_import(project, records) == 0
    assert "3 new, 0 new versions, 2 unchanged" in capsys.readouterr().out


def test_a_plain_text_not_in_utf8_is_not_guessed(project, tmp_path, capsys) -> None:
    raw = tmp_path / "note.txt"
    raw.write_bytes("First line.\nDéclaration du ministère.\n".encode("cp1252"))
    assert run_import(project, raw) == 1
    assert _errors(capsys)[0].startswith(f"{raw}:2: is not UTF-8 (byte 0xe9 at offset 13)")
    _left_as_it_was(project)
