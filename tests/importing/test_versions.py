"""Duplicates are not imported twice; a different text at an address already imported is a
new version, shown on the statement's page with its difference and announced in the feed."""

from __future__ import annotations

import json
from pathlib import Path

from archive.cli.main import main
from tests.importing.conftest import KCNA, KCNA_URL, run_import, statement_files
from tests.page_data import statement_document


def _jsonl(path: Path, *records: dict) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _kcna(text: str = KCNA, **extra: str) -> dict:
    return {"text": text, "url": KCNA_URL, "date": "2024-01-02", "title": "Floral Baskets", **extra}


def test_a_second_run_adds_nothing(project, tmp_path, capsys) -> None:
    records = _jsonl(tmp_path / "a.jsonl", _kcna(), {"text": "Another statement.\n"})
    assert run_import(project, records) == 0
    before = statement_files(project)
    capsys.readouterr()
    assert run_import(project, records) == 0
    assert "read 2 statements: 0 new, 0 new versions, 2 unchanged" in capsys.readouterr().out
    assert statement_files(project) == before


def test_the_same_text_without_an_address_or_respaced_is_a_duplicate(
    project, tmp_path, capsys
) -> None:
    assert run_import(project, _jsonl(tmp_path / "a.jsonl", _kcna())) == 0
    respaced = "  " + KCNA.replace("\n", "\r\n").replace(" -- ", "  --\u00a0")
    page_copy = {"text": respaced, "title": "Copied elsewhere"}
    same_twice = _jsonl(tmp_path / "b.jsonl", page_copy, {"body": "New.\n"}, {"body": "New.\n"})
    capsys.readouterr()
    assert run_import(project, same_twice) == 0
    assert "3 statements: 1 new, 0 new versions, 2 unchanged" in capsys.readouterr().out
    assert len(statement_files(project)) == 2


def test_a_curators_edit_of_the_text_does_not_make_it_new(project, tmp_path, capsys) -> None:
    raw = tmp_path / "raw.txt"
    raw.write_text("Pyongyang, January 2 (KCNA) -- A statement.\n", encoding="utf-8")
    assert run_import(project, raw) == 0
    ((name, text),) = statement_files(project).items()
    target = project / "content" / "statements" / name
    target.write_text(text + "A curator's correction.\n", encoding="utf-8")
    capsys.readouterr()
    assert run_import(project, raw) == 0  # its retrieved text's hash is kept in versions:
    assert "0 new, 0 new versions, 1 unchanged" in capsys.readouterr().out


EDITED = KCNA.replace(
    "Laid at the statues of the great leaders on Jan. 1",
    "Laid at the statues of the great leaders on January 1",
).replace(
    "Meanwhile, a floral basket in the name of Li Ruohong",
    "A floral basket was also sent by Koreans in Japan.\nMeanwhile, a floral basket in the "
    "name of Li Ruohong",
)


def test_a_new_text_at_a_known_address_is_a_new_version(project, tmp_path, capsys) -> None:
    (project / "content" / "statements").mkdir(exist_ok=True)
    assert run_import(project, _jsonl(tmp_path / "a.jsonl", _kcna())) == 0
    ((name, first),) = statement_files(project).items()
    # A curator's key, above the importer's block, survives the new version and wins.
    curated = first.replace("---\n", "---\nspeaker_country: DPRK\n", 1)
    (project / "content" / "statements" / name).write_text(curated, encoding="utf-8")
    capsys.readouterr()
    newer = _jsonl(tmp_path / "b.jsonl", _kcna(EDITED, retrieved="2024-01-05T08:00:00Z"))
    assert run_import(project, newer) == 0
    assert "0 new, 1 new versions, 0 unchanged" in capsys.readouterr().out
    ((same_name, second),) = statement_files(project).items()
    assert same_name == name
    assert second.startswith("---\nspeaker_country: DPRK\n")
    assert second.endswith("---\n" + EDITED)  # the latest text is the file's text
    assert "- retrieved: '2024-01-05T08:00:00Z'" in second
    assert "Laid at the statues of the great leaders on Jan. 1" in second  # version 1 kept
    capsys.readouterr()
    assert run_import(project, newer, _jsonl(tmp_path / "c.jsonl", _kcna())) == 0
    assert "0 new, 0 new versions, 2 unchanged" in capsys.readouterr().out

    assert main(["--project", str(project), "build"]) == 0
    page = (project / "site" / "statements" / name[:-3] / "index.html").read_text()
    versions = page[page.index('id="versions"') :]
    assert "Version 2, retrieved" in versions
    assert '<time datetime="2024-01-05T08:00:00Z">5 January 2024, 08:00 UTC</time>' in versions
    assert "Version 1, retrieved" in versions
    assert "1 paragraph added, 1 paragraph changed" in versions
    assert "on <del>Jan.</del> <ins>January</ins> 1 were" in versions
    assert "<ins>A floral basket was also sent by Koreans in Japan.</ins>" in versions
    body = page[page.index('class="statement-body"') : page.index('id="versions"')]
    assert "A floral basket was also sent by Koreans in Japan." in body
    feed = (project / "site" / "feed.xml").read_text()
    assert "#version-2</id>" in feed and "Changed at the source: Floral Baskets" in feed
    assert "1 paragraph added, 1 paragraph changed" in feed


def test_statement_json_holds_every_version_with_its_fixity(project, tmp_path) -> None:
    import hashlib

    assert run_import(project, _jsonl(tmp_path / "a.jsonl", _kcna())) == 0
    later = _jsonl(tmp_path / "b.jsonl", _kcna(EDITED, retrieved="2030-01-05T08:00:00Z"))
    assert run_import(project, later) == 0
    assert main(["--project", str(project), "build"]) == 0
    document = statement_document(project / "site", "2024-01-02-floral-baskets")
    first, second = document["versions"]
    assert (first["text"], second["text"]) == (KCNA, EDITED)
    assert second["retrieved"] == "2030-01-05T08:00:00Z" and second["number"] == 2
    for version in (first, second):
        assert version["sha256"] == hashlib.sha256(version["text"].encode()).hexdigest()
