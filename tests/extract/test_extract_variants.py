"""Real-looking pages of every kind the archive imports (data/variants/), each checked against
the facts in data/variants.yaml: the parser must read them from the raw text alone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from archive.content.read import parse_people
from archive.extract import parse_text
from archive.model import PeopleDirectory

DATA = Path(__file__).parent / "data"
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load(
    (DATA / "variants.yaml").read_text(encoding="utf-8")
)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def people() -> PeopleDirectory:
    path = ROOT / "content" / "people.yaml"
    return PeopleDirectory.of(parse_people(path.read_text(encoding="utf-8"), str(path)))


@pytest.mark.parametrize("name", sorted(EXPECTED), ids=sorted(EXPECTED))
def test_variant(name: str, people: PeopleDirectory) -> None:
    expected = EXPECTED[name]
    parsed = parse_text((DATA / "variants" / name).read_text(encoding="utf-8"), people)
    assert not [w for w in parsed.warnings if w.startswith("parser error")]
    if "title" in expected:
        assert parsed.title == expected["title"]
    if "date" in expected:
        assert parsed.date.iso == expected["date"]
    if "date_evidence" in expected:
        assert parsed.date.evidence == expected["date_evidence"]
    if "published" in expected:
        assert parsed.published.iso == expected["published"]
    if "speaker" in expected:
        if expected["speaker"] is None:
            assert parsed.speaker is None
        else:
            assert parsed.speaker is not None
            for key, value in expected["speaker"].items():
                assert getattr(parsed.speaker, key) == value, key
    if "persons" in expected:
        assert set(expected["persons"]) <= {p.name for p in parsed.persons}
    for key in ("resolutions", "doc_type", "source", "author", "notes"):
        if key in expected:
            assert getattr(parsed, key) == expected[key], key
    if "paragraphs" in expected:
        assert len(parsed.paragraphs) == expected["paragraphs"], parsed.paragraphs
    body = "\n".join(parsed.paragraphs)
    for words in expected.get("body_has", []):
        assert words in body
    for words in expected.get("not_in_body", []):
        assert words not in body
