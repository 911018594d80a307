"""Speakers and persons on sentences of real statements (issue 14): each test is written from
a page of the development corpus (../shared/corpus/real-dev.jsonl.gz), shortened, with the
source's own wording kept, and checks one rule of archive/extract/speakers.py or people.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.extract import parse_text
from archive.extract.people import canonical_name, persons_in, same_person, unglue
from archive.model import PeopleDirectory, slugify
from archive.read import parse_people

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(scope="module")
def people() -> PeopleDirectory:
    path = ROOT / "content" / "people.yaml"
    return PeopleDirectory.of(parse_people(path.read_text(encoding="utf-8"), str(path)))


def _warned(parsed, name: str) -> bool:
    return any(w.startswith("speaker unsure:") and name in w for w in parsed.warnings)


# --- speakers --------------------------------------------------------------------------------


def test_a_memorandum_signed_in_capitals_is_the_signers(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "Memorandum on Renewing the National Security Council System\n\n"
        "NATIONAL SECURITY MEMORANDUM/NSM-2\n\n"
        "SUBJECT: Renewing the National Security Council System\n\n"
        "To assist the President in carrying out his responsibilities in the area of national "
        "security, I hereby direct that the National Security Council system be organized as "
        "follows.\n\n"
        "The National Security Council (NSC) shall be the principal forum for consideration "
        "of national security policy issues requiring Presidential determination.\n\n"
        "JOSEPH R. BIDEN JR.\n",
        people,
    )
    assert parsed.speaker is not None
    assert same_person(parsed.speaker.name, "Joseph R. Biden Jr.")
    assert parsed.speaker.country == "United States"


def test_attributable_to_the_spokesperson_names_the_speaker(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "Counselor Chollet’s Meeting with NUG Representatives\n\n"
        "Office of the Spokesperson\n\n"
        "The following is attributable to Spokesperson Ned Price:\n\n"
        "Counselor Derek Chollet met today with NUG representatives Aung Myo Min and Moe Zaw "
        "Oo. The Counselor expressed deep sympathy for the victims of the military regime.\n",
        people,
    )
    assert parsed.speaker is not None and parsed.speaker.name == "Ned Price"
    assert parsed.speaker.role == "Spokesperson"
    assert parsed.speaker.country == "United States"


def test_a_transcript_under_the_president_is_the_presidents(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "Remarks by President Biden on the Nation’s Supply Chains\n\n"
        "1:03 P.M. EST\n\n"
        "THE PRESIDENT: Sorry to keep you waiting. Good afternoon. It’s wonderful to see the "
        "holiday decorations here in the White House.\n\n"
        "Tomorrow, I’m going to light the National Christmas Tree.\n\n"
        "Q Mr. President, what about prices?\n\n"
        "THE PRESIDENT: Prices are coming down.\n",
        people,
    )
    assert parsed.speaker is not None and parsed.speaker.person_id == "joe-biden"
    assert parsed.speaker.role == "President"


def test_words_that_name_no_one_are_no_speaker(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "Remarks by President Biden and Prime Minister Martin of Ireland Before Virtual "
        "Bilateral Meeting\n\n"
        "Via Teleconference\n"
        "Oval Office\n\n"
        "1:20 P.M. EDT\n\n"
        "PRESIDENT BIDEN: I’m going to make a brief opening statement about a current thing "
        "going on in the United States here.\n\n"
        "PRIME MINISTER MARTIN: Thank you, Mr. President.\n",
        people,
    )
    shown = parsed.speaker.name if parsed.speaker else ""
    assert "Bilateral" not in shown and "Teleconference" not in shown
    names = [p.name for p in parsed.persons]
    assert "Bilateral Meeting" not in names and "Via Teleconference" not in names


def test_the_addressee_of_a_message_is_not_its_speaker(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "Message to Respected Comrade Kim Jong Un from Participants in Asia-Pacific Memorial "
        "Meeting\n\n"
        "Pyongyang, July 19 (KCNA) -- The respected ComradeKim Jong Unreceived a message from "
        "the participants in the Asia-Pacific regional joint memorial meeting on July 7 on the "
        "occasion of the 30th anniversary of demise of PresidentKim Il Sung.\n"
        "The message paid high tribute to PresidentKim Il Sung, founder of the DPRK.\n",
        people,
    )
    assert parsed.speaker is None or parsed.speaker.person_id != "kim-jong-un"


def test_an_attendee_who_made_a_congratulatory_speech_is_no_speaker(
    people: PeopleDirectory,
) -> None:
    parsed = parse_text(
        "2024 DPRK-Russia IT Products Exhibition Opens\n\n"
        "Pyongyang, October 30 (KCNA) -- The 2024 DPRK-Russia IT products exhibition opened "
        "at the Three-Revolution Exhibition House on Tuesday.\n"
        "Present there were Ju Yong Il, vice-minister of Information Industry, and a "
        "delegation led by Andrei Zarenin, vice-minister of Digital Development of the Russian "
        "Federation.\n"
        "Ju Yong Il made an opening address and Andrei Zarenin made a congratulatory speech.\n",
        people,
    )
    assert parsed.speaker is None


def test_an_agency_headline_issues_press_statement_names_the_office(
    people: PeopleDirectory,
) -> None:
    parsed = parse_text(
        "External Policy Office of DPRK Foreign Ministry Issues Press Statement\n\n"
        "Pyongyang, June 30 (KCNA) -- The external policy office of the DPRK Foreign Ministry "
        "released the following press statement on Sunday:\n"
        "The U.S., Japan and ROK staged Freedom Edge, the first tripartite multi-domain joint "
        "military exercises in the waters near the DPRK from June 27 to 29.\n",
        people,
    )
    assert parsed.speaker is not None and parsed.speaker.country == "North Korea"
    assert parsed.speaker.person_id is None


def test_a_swedish_speech_names_its_minister(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "Anförande av försvarsminister Pål Jonson vid Clingendael Institute\n\n"
        "Haag i Nederländerna, 9 november 2023.\n\n"
        "Det talade ordet gäller.\n\n"
        "Thank you, Rem, for those kind words of introduction.\n",
        people,
    )
    assert parsed.speaker is not None and parsed.speaker.name == "Pål Jonson"
    assert parsed.speaker.country == "Sweden"


def test_an_op_ed_by_several_ministers_has_no_single_speaker(people: PeopleDirectory) -> None:
    parsed = parse_text(
        '"Resten av världen borde följa vår väg"\n\n'
        "Debattartikel av statsminister Ulf Kristersson och klimat- och miljöminister Romina "
        "Pourmokhtari, Expressen, 20 november 2023.\n\n"
        "Sverige har kommit längre än de flesta länder i klimatomställningen.\n",
        people,
    )
    assert parsed.speaker is None


# --- persons ---------------------------------------------------------------------------------


def test_glued_words_are_split_before_names_are_read() -> None:
    text = (
        "The respected ComradeKim Jong Unvisited the People's Open-air Ice Rink near the "
        "completion on a day in November Juche 101 (2012)."
    )
    assert unglue(text).startswith("The respected Comrade Kim Jong Un visited the")
    names = [c.person.name for c in persons_in(text, 1, None)]
    assert "Kim Jong Un" in names
    assert not any(name.endswith(("Unvisited", "visited")) for name in names)


def test_a_glued_name_is_cut_before_a_word_the_text_writes() -> None:
    text = "under the wise guidance of PresidentKim Il Sungfor the victory, for all"
    assert "President Kim Il Sung for the victory" in unglue(text)


def test_the_object_of_a_title_is_no_person() -> None:
    text = (
        "The Director of National Intelligence and the Chairman of the Joint Chiefs of Staff, "
        "as designated by statute, and the Special Presidential Envoy for Climate John Kerry "
        "opened the meeting."
    )
    names = [c.person.name for c in persons_in(text, 1, None)]
    assert "John Kerry" in names
    assert not any("Joint" in name or "Climate" in name for name in names)


def test_a_conference_of_countries_is_no_person() -> None:
    text = (
        "The Soviet Government supports the decision of the Conference of Non-Aligned "
        "Countries, recently held at Belgrade, and the UN High Commissioner for Human Rights."
    )
    assert persons_in(text, 1, None) == []


def test_one_person_under_one_name() -> None:
    assert canonical_name("JOSEPH R. BIDEN JR.") == "Joseph Biden"
    assert canonical_name("Antony J. Blinken") == "Antony Blinken"
    assert canonical_name("Anthony Albanese MP") == "Anthony Albanese"
    assert same_person("Joe Biden", "Joseph R. Biden Jr.")
    assert same_person("Tony Blinken", "Antony J. Blinken")
    assert same_person("KIM Jong Un", "Kim Jong Un")
    assert same_person("António Guterres", "Antonio Guterres")


def test_people_who_share_a_surname_stay_apart() -> None:
    assert not same_person("Kim Jong Un", "Kim Yo Jong")
    assert not same_person("Jill Biden", "Joe Biden")
    assert not same_person("Kim Song", "Kim Jong Un")


def test_a_title_and_surname_keep_the_title_out_of_the_name(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "Remarks by Vice President Harris at a Roundtable on Reproductive Rights\n\n"
        "THE VICE PRESIDENT: Good afternoon, everyone.\n\n"
        "It is good to be here.\n\n"
        "THE VICE PRESIDENT: Thank you all.\n",
        people,
    )
    assert parsed.speaker is not None
    assert "Vice President" not in parsed.speaker.name
    assert parsed.speaker.role == "Vice President"


# --- person names: titles, cut names, glued words, page ids --------------------------------


def _names(text: str) -> list[str]:
    return [c.person.name for c in persons_in(text, 1, None)]


def test_a_title_in_front_is_not_part_of_the_name() -> None:
    names = _names("The Laotian Prime Minister, Prince Souvanna Phouma, in his speech")
    assert names == ["Souvanna Phouma"]
    assert _names("Speaker Pelosi said that") == []  # a surname alone is no person's page


def test_a_title_in_front_of_a_longer_name_is_cut() -> None:
    text = (
        "Ambassador-at-Large for Global Criminal Justice Beth Van Schaack accompanied "
        "Attorney General Merrick Garland"
    )
    assert "Beth Van Schaack" in _names(text)


def test_a_part_of_an_arabic_name_chain_is_no_person() -> None:
    text = (
        "Her Royal Highness Princess Reema bint Bandar bin Sultan bin Abdulaziz Al Saud, "
        "Ambassador to the United States, said"
    )
    names = _names(text)
    assert "Al Saud" not in names and "Sultan bin Abdulaziz" not in names


def test_a_name_too_long_to_delimit_is_not_cut() -> None:
    text = "Senior Advisor for Public Engagement Keisha Lance Bottoms James S. Brady Press"
    assert "Lance Bottoms" not in _names(text)


def test_events_are_not_persons() -> None:
    assert _names("if you all watched the Super Bowl, the President and the First Lady") == []


def test_a_name_after_a_dash_is_read_whole() -> None:
    text = "Pyongyang, September 9 (KCNA) --Kim Jong Un, president of the State Affairs, said"
    assert _names(text) == ["Kim Jong Un"]


def test_a_word_glued_after_a_name_is_split() -> None:
    text = "noted that PresidentKim Il Sungled the revolution and construction to victory"
    assert "President Kim Il Sung led" in unglue(text)


def test_letters_without_a_mark_are_spelt_out_in_page_ids() -> None:
    assert slugify("Jonas Gahr Støre") == slugify("Jonas Gahr Store") == "jonas-gahr-store"
