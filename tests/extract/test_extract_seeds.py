"""Gold metadata of the five seed statements, parsed from their raw text (no front matter)."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.content.read import parse_people
from archive.extract import parse_text
from archive.model import ParsedText, PeopleDirectory

SEEDS = Path(__file__).parent / "data" / "seeds"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def people() -> PeopleDirectory:
    path = ROOT / "content" / "people.yaml"
    return PeopleDirectory.of(parse_people(path.read_text(encoding="utf-8"), str(path)))


def seed(number: str, people: PeopleDirectory) -> ParsedText:
    (path,) = SEEDS.glob(f"{number}_*.txt")
    return parse_text(path.read_text(encoding="utf-8"), people)


def names(parsed: ParsedText) -> list[str]:
    return [person.name for person in parsed.persons]


def test_seed_000_upi_report_on_kim_song(people: PeopleDirectory) -> None:
    parsed = seed("000", people)
    assert parsed.speaker is not None
    assert (parsed.speaker.name, parsed.speaker.country) == ("Kim Song", "North Korea")
    assert parsed.speaker.role == "Ambassador to the U.N."
    assert parsed.speaker.person_id == "kim-song"
    assert parsed.source == "UPI"
    assert parsed.resolutions == []
    assert parsed.doc_type == "news-report"
    # "Jan. 29" and "on Tuesday" have no year and nothing to resolve them against.
    assert parsed.date.precision == "unknown" and parsed.date.iso is None
    assert all("Security Council in session" not in p for p in parsed.paragraphs)
    assert parsed.paragraphs[0].startswith("North Korea expressed")
    assert parsed.paragraphs[-1].endswith("(UPI)")
    assert len(parsed.paragraphs) == 12
    assert {"Donald Trump", "Kim Jong Un"} <= set(names(parsed))
    assert "Kim" not in names(parsed)
    assert parsed.title_generated and parsed.title
    assert "Singapore Joint Statement" in parsed.agreements


def test_seed_001_mofa_press_release(people: PeopleDirectory) -> None:
    parsed = seed("001", people)
    assert parsed.resolutions == [2397]
    assert parsed.date.iso == "2017-12-23" and parsed.date.precision == "day"
    assert parsed.date.source == "text:3"
    assert parsed.speaker is None
    assert len(parsed.paragraphs) == 7
    assert parsed.paragraphs[0].startswith("Japan highly appreciates")
    assert parsed.paragraphs[0].count("Resolution 2397 at the UNSC") == 1  # link residue gone
    assert not any(p == "Japan and the United Nations" for p in parsed.paragraphs)
    assert not any(p.startswith("Back to") for p in parsed.paragraphs)
    assert not any(p[:2] in ("1.", "2.") for p in parsed.paragraphs)
    assert parsed.doc_type == "press-release"
    assert parsed.title_generated
    assert [m.paragraph for m in parsed.resolution_mentions] == [1, 3, 4, 6]
    assert "Stockholm Agreement" in parsed.agreements
    assert parsed.countries[:2] == ["Japan", "North Korea"]
    assert "South Korea" in parsed.countries


def test_seed_002_bessho_council_speech(people: PeopleDirectory) -> None:
    parsed = seed("002", people)
    assert parsed.speaker is not None
    assert parsed.speaker.name == "Koro Bessho"
    assert parsed.speaker.role == "Permanent Representative of Japan to the United Nations"
    assert parsed.speaker.country == "Japan"
    assert parsed.speaker.source == "text:1"
    assert parsed.resolutions == [2397]  # not the "2018 annual cap"
    assert parsed.notes == ["(Check against delivery)"]
    assert all("Check against delivery" not in p for p in parsed.paragraphs)
    assert parsed.doc_type == "council-speech"
    assert parsed.source == "Permanent Mission of Japan to the United Nations"
    # Lines that only address the chair are not numbered paragraphs of the speech.
    assert parsed.paragraphs[0].startswith("I would like to begin by thanking you")
    assert not [p for p in parsed.paragraphs if "Mme. President" in p and len(p) < 40]
    assert parsed.date.iso is None


def test_seed_003_viewus_report_on_choe_son_hui(people: PeopleDirectory) -> None:
    parsed = seed("003", people)
    assert parsed.title == "North Korea Shuts Door on Japan: ‘No Intentions’ for Talks"
    assert not parsed.title_generated
    assert parsed.author == "Daniel Kim"
    assert parsed.speaker is not None
    speaker = parsed.speaker
    assert (speaker.name, speaker.role, speaker.country) == (
        "Choe Son Hui",
        "Foreign Minister",
        "North Korea",
    )
    assert {"Fumio Kishida", "Ri Ryong Nam", "Kim Yo Jong"} <= set(names(parsed))
    assert "Kim Jong Un" not in names(parsed)
    assert "Daniel Kim" not in names(parsed)
    assert parsed.resolutions == []
    body = "\n".join(parsed.paragraphs)
    for junk in (
        "Popular Now",
        "You May Also Like",
        "Must-Reads",
        "Comments",
        "LATEST",
        "Views",
        "Share it on",
        "Quick access",
        "content@",
        "Photo =",
    ):
        assert junk not in body
    assert parsed.paragraphs[0] == (
        "North Korea has reiterated that it has no intention of meeting with Japan."
    )
    assert parsed.paragraphs[-1].startswith("However, he added")
    assert len(parsed.paragraphs) == 12
    assert parsed.doc_type == "news-report"
    assert parsed.date.iso is None and parsed.date.evidence == "on the 29th"


def test_seed_004_kono_statement(people: PeopleDirectory) -> None:
    parsed = seed("004", people)
    assert parsed.date.iso == "2017-09-12" and parsed.date.precision == "day"
    assert parsed.date.source == "text:6"
    assert parsed.speaker is not None
    speaker = parsed.speaker
    assert (speaker.name, speaker.role, speaker.country) == (
        "Taro Kono",
        "Foreign Minister",
        "Japan",
    )
    assert parsed.resolutions == [2375]
    assert parsed.doc_type == "ministerial-statement"
    assert parsed.source == "Ministry of Foreign Affairs of Japan"
    assert parsed.title.startswith("The Adoption of a Resolution")
    assert len(parsed.paragraphs) == 5
    assert parsed.paragraphs[4].startswith("Under the principles")
    assert set(parsed.agreements) >= {
        "Stockholm Agreement",
        "Japan-DPRK Pyongyang Declaration",
        "Joint Statement of the Six-Party Talks",
    }


def test_first_line_shifts_provenance(people: PeopleDirectory) -> None:
    (path,) = SEEDS.glob("004_*.txt")
    parsed = parse_text(path.read_text(encoding="utf-8"), people, first_line=7)
    assert parsed.date.source == "text:12"
    assert parsed.sources["title"] == "text:9"


def test_no_seed_raises_a_parser_error(people: PeopleDirectory) -> None:
    for path in SEEDS.glob("*.txt"):
        parsed = parse_text(path.read_text(encoding="utf-8"), people)
        assert not [w for w in parsed.warnings if w.startswith("parser error")]
