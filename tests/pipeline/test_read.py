"""The read stage: front matter, schemas and the messages a curator sees."""

from __future__ import annotations

import pytest

from archive.content.read import (
    check_date,
    parse_people,
    parse_resolutions,
    parse_site_settings,
    parse_statement_file,
)
from archive.errors import ArchiveError, ContentError, ContentErrors

BODY = "Statement by the Foreign Minister\n\nJapan welcomes the resolution.\n"


def messages(error: BaseException) -> list[str]:
    if isinstance(error, ContentErrors):
        return [str(e) for e in error.errors]
    return [str(error)]


def test_file_without_front_matter_keeps_its_text_exactly() -> None:
    document = parse_statement_file(BODY.encode(), "content/statements/a.md")
    assert document.text == BODY
    assert document.front_matter == {}
    assert document.first_line == 1
    assert document.id == "a"


def test_front_matter_is_split_off_and_body_line_is_known() -> None:
    raw = f"---\ndate: 2017-12-23\nspeaker: taro-kono\nresolutions: [2397, 2375]\n---\n{BODY}"
    document = parse_statement_file(raw.encode(), "content/statements/a.md")
    assert document.text == BODY
    assert document.first_line == 6
    assert document.front_matter == {
        "date": "2017-12-23",
        "speaker": ["taro-kono"],
        "resolutions": [2375, 2397],
    }
    assert document.front_matter_lines == {"date": 2, "speaker": 3, "resolutions": 4}


def test_impossible_date_names_file_line_and_expected_form() -> None:
    raw = f"---\ntitle: x\ndate: 2017-13-01\n---\n{BODY}"
    with pytest.raises(ContentErrors) as caught:
        parse_statement_file(raw.encode(), "content/statements/x.md")
    assert messages(caught.value) == [
        'content/statements/x.md:3: date "2017-13-01" is not a date '
        "(expected YYYY-MM-DD, YYYY-MM or YYYY)"
    ]


def test_31_february_and_future_dates_are_refused() -> None:
    with pytest.raises(ValueError, match="is not a date"):
        check_date("2017-02-31")
    with pytest.raises(ValueError, match="is in the future"):
        check_date("2999-01-01")
    assert check_date("2019-02") == "2019-02"
    assert check_date("2019") == "2019"


def test_unknown_key_suggests_the_near_miss() -> None:
    raw = f"---\nspeakr: taro-kono\n---\n{BODY}"
    with pytest.raises(ContentErrors) as caught:
        parse_statement_file(raw.encode(), "content/statements/x.md")
    (message,) = messages(caught.value)
    assert message.startswith(
        'content/statements/x.md:2: unknown key "speakr" (did you mean "speaker"?)'
    )


def test_invalid_yaml_reports_the_line_in_the_file() -> None:
    raw = f"---\ntitle: ok\ndate: [2017\n---\n{BODY}"
    with pytest.raises(ContentError) as caught:
        parse_statement_file(raw.encode(), "content/statements/x.md")
    assert str(caught.value).startswith("content/statements/x.md:3: invalid YAML")


def test_front_matter_must_be_a_mapping() -> None:
    with pytest.raises(ContentError, match=":2: front matter must be a mapping"):
        parse_statement_file(f"---\n- a\n- b\n---\n{BODY}".encode(), "x.md")


def test_unclosed_front_matter() -> None:
    with pytest.raises(ContentError, match='no closing "---"'):
        parse_statement_file(b"---\ntitle: a\n", "x.md")


def test_empty_binary_and_non_utf8_files() -> None:
    with pytest.raises(ContentError, match="has no statement text"):
        parse_statement_file(b"", "x.md")
    with pytest.raises(ContentError, match="is a PNG image, not text"):
        parse_statement_file(b"\x89PNG\r\n\x1a\n\x00\x00", "x.md")
    with pytest.raises(ContentError, match="is a binary file"):
        parse_statement_file(b"\x01\x00\x02\x00", "x.md")
    with pytest.raises(ContentError) as caught:
        parse_statement_file("line one\nna\xefve\n".encode("latin-1"), "x.md")
    assert str(caught.value) == (
        "x.md:2: is not UTF-8: byte 0xef at column 3 (offset 11); save the file as UTF-8 "
        "(it looks like Windows-1252: iconv -f WINDOWS-1252 -t UTF-8 converts it)"
    )


def test_bad_values_are_explained() -> None:
    raw = "---\ndoc_type: speach\nresolutions: [two]\nurl: javascript:alert(1)\n---\nText.\n"
    with pytest.raises(ContentErrors) as caught:
        parse_statement_file(raw.encode(), "x.md")
    found = messages(caught.value)
    assert found[0].startswith(
        'x.md:2: doc_type "speach" is not a document type (did you mean "speech"?)'
    )
    assert found[1] == 'x.md:3: resolution "two" is not a resolution number (expected e.g. 2397)'
    assert found[2] == 'x.md:4: url "javascript:alert(1)" must start with http:// or https://'


def test_people_file_is_validated_with_lines() -> None:
    text = "- id: kim-song\n  name: Kim Song\n- id: kim-song\n  name: Kim Song again\n"
    with pytest.raises(ContentErrors) as caught:
        parse_people(text, "content/people.yaml")
    assert messages(caught.value) == [
        'content/people.yaml:3: person id "kim-song" is used twice (first on line 1)'
    ]
    text = "- id: x\n  name: X\n  rolse: []\n"
    with pytest.raises(ContentErrors, match='unknown key "rolse" \\(did you mean "roles"\\?\\)'):
        parse_people(text, "content/people.yaml")


def test_people_roles_and_aliases() -> None:
    text = (
        "- id: choe-son-hui\n  name: Choe Son Hui\n  aliases: [Choe Son-hui]\n"
        "  roles:\n    - {title: Foreign Minister, country: North Korea, start: 2022}\n"
    )
    (person,) = parse_people(text, "people.yaml")
    assert person.aliases == ("Choe Son-hui",)
    assert person.role_in(2024).title == "Foreign Minister"


def test_resolutions_file() -> None:
    text = "- {number: 2397, adopted: 2017-12-22, subject: DPRK}\n- {number: 2397}\n"
    with pytest.raises(ContentErrors, match="resolution 2397 is listed twice"):
        parse_resolutions(text, "resolutions.yaml")
    (resolution,) = parse_resolutions(text.splitlines()[0], "resolutions.yaml")
    assert resolution.symbol == "S/RES/2397 (2017)"
    assert resolution.official_url == "https://undocs.org/S/RES/2397(2017)"


def test_site_settings() -> None:
    settings = parse_site_settings("title: T\nbase_url: https://x.org/a\n", "site.yaml")
    assert settings.base_url == "https://x.org/a/"
    with pytest.raises(ArchiveError, match=':2: unknown key "titel"'):
        parse_site_settings("description: d\ntitel: T\n", "site.yaml")
