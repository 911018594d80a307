"""Speakers and persons on sentences of real statements (issue 14): each test is written from
a page of the development corpus (../shared/corpus/real-dev.jsonl.gz), shortened, with the
source's own wording kept, and checks one rule of archive/extract/speakers.py or people.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.content.read import parse_people
from archive.extract import parse_text
from archive.extract.people import canonical_name, persons_in, same_person, unglue
from archive.model import PeopleDirectory, slugify

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


# --- round 2: kinds of wrong speakers ------------------------------------------------------------


def test_an_official_with_a_long_title_who_made_an_address_is_an_attendee(
    people: PeopleDirectory,
) -> None:
    parsed = parse_text(
        "New Houses Built in Kapsan County of Ryanggang Province\n\n"
        "Pyongyang, August 3 (KCNA) -- The new houses have been built in Kapsan County.\n\n"
        "Ri Myong Jong, vice-chairman of the Ryanggang Provincial People's Committee, made a "
        "congratulatory address at the ceremony. And licenses for the use of the dwelling "
        "houses were conveyed. -0-\n",
        people,
    )
    assert parsed.speaker is None


def test_those_present_at_a_ceremony_are_not_its_speakers(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "Respected Comrade Kim Jong Un Sends Gifts to Labor Innovators\n\n"
        "Pyongyang, January 1 (KCNA) -- Respected Comrade Kim Jong Un sent gifts to labor "
        "innovators participating in the New Year celebrations.\n\n"
        "Present there were Jo Yong Won, member of the Presidium of the Political Bureau of the "
        "Central Committee of the Workers' Party of Korea, who said the gifts were precious.\n",
        people,
    )
    assert parsed.speaker is None or parsed.speaker.name != "Jo Yong Won"


def test_a_message_from_two_senders_has_no_single_speaker(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "Respected Comrade Kim Jong Un Receives Greetings from Nicaraguan President and "
        "Vice-President\n\n"
        "Pyongyang, September 7 (KCNA) --Kim Jong Un, president of the State Affairs of the "
        "DPRK, received a message of greeting from President Daniel Ortega Saavedra and "
        "Vice-President Rosario Murillo of the Republic of Nicaragua, on September 5.\n\n"
        "In the message, they extended congratulations to the people of the DPRK.\n",
        people,
    )
    assert parsed.speaker is None
    assert any("several" in w for w in parsed.warnings)


def test_the_second_of_two_in_a_joint_heading_is_not_the_speaker(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "Joint Statement by Secretary Antony Blinken and Foreign Minister Francisco Bustillo\n\n"
        "The text of the following statement was released by the Governments of the United "
        "States of America and the Oriental Republic of Uruguay.\n\n"
        "The United States and Uruguay reaffirm their partnership.\n",
        people,
    )
    assert parsed.speaker is None


def test_a_page_bylined_to_one_of_two_in_its_heading_is_theirs(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "Secretary Antony J. Blinken and French Foreign Minister Jean-Yves Le Drian at a Joint "
        "Press Availability\n\n"
        "Antony J. Blinken, Secretary of State\n\n"
        "Paris, France\n\n"
        "SECRETARY BLINKEN: Good afternoon, everyone. It is good to be back in Paris.\n",
        people,
    )
    assert parsed.speaker is not None and same_person(parsed.speaker.name, "Antony Blinken")


def test_a_release_that_the_president_announced_nominees_is_not_his(
    people: PeopleDirectory,
) -> None:
    parsed = parse_text(
        "President Biden Announces Key Nominees\n\n"
        "WASHINGTON – Today, President Joe Biden announced his intent to nominate the "
        "following individuals to serve as key leaders in his administration:\n\n"
        "- Cara L. Abercrombie, Nominee for Assistant Secretary of Defense\n",
        people,
    )
    assert parsed.speaker is None


def test_what_the_president_laid_out_today_in_an_office_release_is_not_his_statement(
    people: PeopleDirectory,
) -> None:
    parsed = parse_text(
        "United States Takes Next Step in Supporting Innovative Clean Nuclear Technology\n\n"
        "Office of the Spokesperson\n\n"
        "Today, at the G7 Leaders’ Summit in Schloss Elmau, President Biden laid out the "
        "Administration’s whole of government effort to execute the Partnership.\n\n"
        "The United States is committing $14 million toward a study.\n",
        people,
    )
    assert parsed.speaker is None


def test_a_nationality_and_a_title_describe_no_one(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "Respected Comrade Kim Jong Un Receives Reply Message from Vietnamese Party Leader\n\n"
        "Pyongyang, August 30 (KCNA) --Kim Jong Un, general secretary of the Workers' Party of "
        "Korea, received a reply message from To Lam, general secretary of the Central "
        "Committee of the Communist Party of Vietnam, on August 23.\n\n"
        "The message said:\n\nI extend my sincere thanks to you.\n",
        people,
    )
    assert parsed.speaker is None or parsed.speaker.name != "Vietnamese Party Leader"


def test_an_op_ed_of_ministers_with_party_letters_has_several_authors(
    people: PeopleDirectory,
) -> None:
    parsed = parse_text(
        "Regeringen sätter hårt mot hårt för att skydda svenska bolag\n\n"
        "Debattartikel av energi- och näringsminister Ebba Busch (KD), justitieminister Gunnar "
        "Strömmer (M), Henrik Vinge (SD), ordförande i justitieutskottet, Dagens Industri, den "
        "26 augusti 2025.\n\n"
        "Det svenska näringslivet bygger på tillit och öppenhet.\n",
        people,
    )
    assert parsed.speaker is None


def test_a_headline_name_ends_before_what_the_statement_is_about(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "Statement from President Joe Biden Ahead of the Two-Year Anniversary of Russia’s "
        "Brutal Assault Against Ukraine\n\n"
        "Two years ago tomorrow, shortly before dawn, Russian missiles began exploding near "
        "the capital city of Kyiv.\n",
        people,
    )
    assert parsed.speaker is not None and same_person(parsed.speaker.name, "Joe Biden")


def test_a_swedish_speech_bylined_with_name_place_and_date_is_theirs(
    people: PeopleDirectory,
) -> None:
    parsed = parse_text(
        "Regeringsförklaringen 18 september 2001\n\n"
        "Göran Persson, riksdagen, den 18 september 2001.\n\n"
        "Herr talman! Ärade ledamöter av Sveriges riksdag!\n",
        people,
    )
    assert parsed.speaker is not None and parsed.speaker.name == "Göran Persson"


def test_a_statement_read_out_for_a_head_of_state_is_theirs(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "I have the cherished duty and great honour to deliver the following statement from "
        "His Excellency Mr. Paul Biya, President of the Republic of Cameroon, who instructed "
        "me to do so on his behalf before the General Assembly.\n\n"
        "Mr. President, allow me to congratulate you on your election.\n",
        people,
    )
    assert parsed.speaker is not None and parsed.speaker.name == "Paul Biya"


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
