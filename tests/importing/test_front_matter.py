"""What the importer writes reads back as it was: any value the source gives, and the
front matter validation of `source_metadata:` and `versions:`."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from archive.content.read import load_yaml, parse_statement_file
from archive.errors import ContentErrors
from archive.importing.records import Record
from archive.importing.store import yaml_string


@given(st.text(st.characters(blacklist_categories=["Cs", "Cc"], whitelist_characters="\t\n")))
def test_any_string_reads_back_exactly(value: str) -> None:
    assert load_yaml("key: " + yaml_string(value), "x.md")["key"] == value


def test_control_characters_are_not_imported() -> None:
    record = Record(origin="a.jsonl:1", text="A\x00 text\x1b[31m.\n", metadata={"title": "T\x0c"})
    assert (record.text, record.metadata) == ("A text[31m.\n", {"title": "T"})


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ("source_metadata: 5", "source_metadata must be a mapping"),
        ("source_metadata:\n  titel: X", 'unknown key "titel" (did you mean "title"?)'),
        ("source_metadata:\n  date: 2017-13-01", 'date "2017-13-01" is not a date'),
        ("source_metadata:\n  url: javascript:alert(1)", "must start with http:// or https://"),
        ("versions: []", "versions must be a list"),
        ("versions:\n- retrieved: yesterday\n  sha256: " + "a" * 64, 'retrieved "yesterday"'),
        ("versions:\n- retrieved: 2024-01-01\n  sha256: abc", "sha256 must be 64"),
        (
            "versions:\n- {retrieved: 2024-01-01, sha256: " + "a" * 64 + "}\n"
            "- {retrieved: 2024-01-02, sha256: " + "b" * 64 + "}",
            "version 1 has no text",
        ),
    ],
)
def test_bad_importer_front_matter_is_an_error_at_its_line(block: str, message: str) -> None:
    raw = f"---\ntitle: A\n{block}\n---\nText.\n".encode()
    with pytest.raises(ContentErrors) as caught:
        parse_statement_file(raw, "content/statements/x.md")
    (error,) = caught.value.errors
    assert message in str(error) and error.line == 3
