"""Each written form the parser knows, in small real-looking variants: dates, datelines,
resolutions, countries, persons and roles, junk around the body."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from archive.content.read import parse_people
from archive.extract import parse_text
from archive.extract.countries import countries_in
from archive.extract.dates import find_dates, find_relative, only_date, resolve_partial
from archive.extract.resolutions import find_resolutions, resolution_mentions
from archive.model import PeopleDirectory

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def people() -> PeopleDirectory:
    path = ROOT / "content" / "people.yaml"
    return PeopleDirectory.of(parse_people(path.read_text(encoding="utf-8"), str(path)))


# --- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("December 23, 2017", "2017-12-23"),
        ("Dec. 23, 2017", "2017-12-23"),
        ("Sept. 12, 2017", "2017-09-12"),
        ("September 12th, 2017", "2017-09-12"),
        ("23 December 2017", "2017-12-23"),
        ("12 Sept. 2017", "2017-09-12"),
        ("23rd of December, 2017", "2017-12-23"),
        ("2017-12-23", "2017-12-23"),
        ("2017/12/23", "2017-12-23"),
        ("2017.12.23", "2017-12-23"),
        ("23/12/2017", "2017-12-23"),
        ("12/23/2017", "2017-12-23"),
        ("2017年12月23日", "2017-12-23"),
        ("2017년 12월 23일", "2017-12-23"),
        ("March 26, Juche 113 (2024)", "2024-03-26"),
        ("December 2017", "2017-12"),
        ("DECEMBER 23, 2017", "2017-12-23"),
    ],
)
def test_full_date_forms(text: str, iso: str) -> None:
    (hit,) = find_dates(text)
    assert hit.as_date("text:1").iso == iso


@pytest.mark.parametrize(
    "text",
    ["03/04/2017", "31 February 2017", "may 3, 2017", "2017-13-01", "in 1718 (2006)", "8151st"],
)
def test_not_dates(text: str) -> None:
    assert not [hit for hit in find_dates(text) if hit.complete]


@pytest.mark.parametrize(
    "line",
    [
        "December 23, 2017",
        "New York, 17 September 2018",
        "Posted on March 30, 2024 10:00 KST",
        "Updated : 2024.03.30 09:12",
        "Date: 29/03/2024",
        "Friday, September 15, 2017",
        "All News 10:12 January 03, 2018",
        "Pyongyang, March 29, Juche 113 (2024)",
    ],
)
def test_date_lines(line: str) -> None:
    assert only_date(line) is not None


@pytest.mark.parametrize(
    "line",
    ["The resolution adopted on December 22, 2017 caps oil.", "Press Releases", "Jan. 29"],
)
def test_not_date_lines(line: str) -> None:
    assert only_date(line) is None or not only_date(line).complete


def test_partial_dates_resolve_only_near_the_reference() -> None:
    (hit,) = find_dates("on Jan. 29")
    assert not hit.complete
    assert resolve_partial(hit, date(2019, 2, 2)) == date(2019, 1, 29)
    assert resolve_partial(hit, date(2019, 1, 28)) == date(2019, 1, 29)  # a day of slack
    assert resolve_partial(hit, date(2019, 1, 26)) is None  # a year back is too far
    (dec,) = find_dates("Dec. 31")
    assert resolve_partial(dec, date(2019, 1, 2)) == date(2018, 12, 31)
    (far,) = find_dates("July 4")
    assert resolve_partial(far, date(2019, 2, 2)) is None  # seven months back: not safe


def test_relative_forms() -> None:
    kinds = [hit.kind for hit in find_relative("on the 29th, on Tuesday, yesterday, last week")]
    assert kinds == ["nth", "weekday", "yesterday", "vague"]


@pytest.mark.parametrize(
    ("text", "iso", "source"),
    [
        # A dateline's day, the year from the page's date.
        (
            "Posted on March 30, 2024\nTOKYO, March 29 (Jiji Press)--Japan said it.",
            "2024-03-29",
            "text:2",
        ),
        # "said Tuesday" counted back from the dateline.
        (
            "SEOUL, Jan. 3, 2018 (Yonhap) -- North Korea's foreign ministry said Tuesday it "
            "rejects the resolution.",
            "2018-01-02",
            "text:1",
        ),
        # "on the 29th" in a report published on the 30th.
        (
            "March 30, 2024\nChoe Son Hui said on the 29th that talks are over.",
            "2024-03-29",
            "text:2",
        ),
        # A sign-off date of a statement.
        (
            "We oppose it.\nThe Council must act now and here.\nMarch 26, 2024",
            "2024-03-26",
            "text:3",
        ),
    ],
)
def test_statement_dates(text: str, iso: str, source: str) -> None:
    parsed = parse_text(text)
    assert (parsed.date.iso, parsed.date.source) == (iso, source)


def test_mentioned_dates_are_not_the_statement_date() -> None:
    text = (
        "Statement by the Spokesperson\n"
        "The resolution adopted on December 22, 2017 and the meeting of 15 December 2017 "
        "show the will of the Council.\nWe call on all States to implement it."
    )
    parsed = parse_text(text)
    assert parsed.date.iso is None


def test_a_partial_date_stays_partial() -> None:
    parsed = parse_text("North Korea said on Jan. 29 that Japan is not qualified for a seat.")
    assert parsed.date.iso is None and parsed.date.precision == "unknown"
    assert parsed.date.evidence == "Jan. 29"


# --- resolutions ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("resolution 2397", [2397]),
        ("Resolution 2375 (PDF)Open a New Window", [2375]),
        ("resolution 2397 (2017)", [2397]),
        ("resolutions 2371, 2375 and 2397", [2371, 2375, 2397]),
        ("resolutions 2371, 2375, and 2397", [2371, 2375, 2397]),
        (
            "resolutions 1718 (2006), 1874 (2009), 2087 (2013) and 2094 (2013)",
            [1718, 1874, 2087, 2094],
        ),
        ("S/RES/2397 (2017)", [2397]),
        ("S/RES/2397(2017)", [2397]),
        ("UNSCR 2397", [2397]),
        ("UNSCRs 2371 and 2375", [2371, 2375]),
        ("UN Security Council Resolution No. 2397", [2397]),
        ("resolution 2397 of 2017", [2397]),
        ("Security Council resolution 82 (1950)", [82]),
        ("the 1718 Committee established by resolution 1718 (2006)", [1718]),
        ("RESOLUTION 2397", [2397]),
    ],
)
def test_resolution_forms(text: str, numbers: list[int]) -> None:
    assert find_resolutions(text) == numbers


@pytest.mark.parametrize(
    "text",
    [
        "the 2018 annual cap",
        "relevant resolutions adopted in 2017",
        "resolutions 10 times",
        "resolution 1,000 barrels",
        "at its 8151st meeting",
        "the 15-0 vote",
        "a peaceful resolution 2 years ago",
        "resolution on 2017 events",
    ],
)
def test_not_resolutions(text: str) -> None:
    assert find_resolutions(text) == []


def test_a_list_stops_at_an_amount_or_a_year() -> None:
    assert find_resolutions("resolution 2397, 500,000 barrels") == [2397]
    assert find_resolutions("resolution 2397, 2018 cap") == [2397]
    assert find_resolutions("resolution 2397, 15 members voted") == [2397]


def test_mentions_carry_paragraph_and_sentence() -> None:
    mentions = resolution_mentions(
        ["Intro.", "Japan welcomes resolution 2397. It urges all States to implement it."]
    )
    assert [(m.number, m.paragraph, m.sentence) for m in mentions] == [
        (2397, 2, "Japan welcomes resolution 2397.")
    ]


# --- countries ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        ("the Democratic People's Republic of Korea", ["North Korea"]),
        ("the Democratic People’s Republic of Korea", ["North Korea"]),
        ("the DPRK and the ROK", ["North Korea", "South Korea"]),
        ("the Republic of Korea", ["South Korea"]),
        ("N. Korea and S. Korea", ["North Korea", "South Korea"]),
        ("the North Korean diplomat", ["North Korea"]),
        ("Pyongyang said it would respond", ["North Korea"]),
        ("the U.S. and the UK", ["United States", "United Kingdom"]),
        ("the Russian Federation and the People's Republic of China", ["Russia", "China"]),
        ("Papua New Guinea and Guinea-Bissau", ["Papua New Guinea", "Guinea-Bissau"]),
        ("Niger and Nigeria", ["Niger", "Nigeria"]),
        ("Türkiye, formerly Turkey", ["Türkiye"]),
        ("Viet Nam and Côte d'Ivoire", ["Vietnam", "Côte d'Ivoire"]),
        ("Latin America and the Korean Peninsula", []),
        ("tell us what you think", []),
    ],
)
def test_country_forms(text: str, countries: list[str]) -> None:
    assert countries_in([text]) == countries


# --- persons -----------------------------------------------------------------------------------


def names(text: str, people: PeopleDirectory) -> list[str]:
    parsed = parse_text(text, people)
    found = [p.name for p in parsed.persons]
    return ([parsed.speaker.name] if parsed.speaker else []) + found


@pytest.mark.parametrize(
    ("text", "name", "role", "country"),
    [
        (
            "Statement by H.E. Ambassador Koro Bessho, Permanent Representative of Japan to the "
            "United Nations at the Security Council\n\nThank you, Mr. President.",
            "Koro Bessho",
            "Permanent Representative of Japan to the United Nations",
            "Japan",
        ),
        (
            "(Statement by Foreign Minister Taro Kono)\n\nJapan welcomes the adoption of it.",
            "Taro Kono",
            "Foreign Minister",
            "Japan",
        ),
        (
            "Choe Son-hui, North Korea's Foreign Minister, said on Friday that talks are over.",
            "Choe Son Hui",
            "Foreign Minister",
            "North Korea",
        ),
        (
            "North Korea's Ambassador to the U.N. Kim Song said at the meeting that Japan is not "
            "qualified.",
            "Kim Song",
            "Ambassador to the U.N.",
            "North Korea",
        ),
        (
            "Mr. Ri Yong-ho, Minister for Foreign Affairs of the DPRK, told reporters that the "
            "sanctions are a crime.",
            "Ri Yong Ho",
            "Minister for Foreign Affairs of the DPRK",
            "North Korea",
        ),
        (
            "Remarks by Ambassador Linda Thomas-Greenfield at a UN Security Council Briefing on "
            "the DPRK\nThank you, Madam President.",
            "Linda Thomas-Greenfield",
            "Ambassador",
            None,
        ),
        (
            "Japanese Prime Minister Fumio Kishida said Friday that a summit is still possible.",
            "Fumio Kishida",
            "Prime Minister",
            "Japan",
        ),
        (
            "Press Statement by the Spokesperson of the DPRK Foreign Ministry\n"
            "We reject the resolution.",
            "Spokesperson of the DPRK Foreign Ministry",
            "Spokesperson of the DPRK Foreign Ministry",
            "North Korea",
        ),
    ],
)
def test_speaker_forms(
    text: str, name: str, role: str, country: str | None, people: PeopleDirectory
) -> None:
    parsed = parse_text(text, people)
    assert parsed.speaker is not None
    assert (parsed.speaker.name, parsed.speaker.role) == (name, role)
    if country is not None:
        assert parsed.speaker.country == country


def test_kims_stay_apart(people: PeopleDirectory) -> None:
    text = (
        "Kim Song, North Korea's ambassador to the U.N., said on Tuesday that Kim Jong Un "
        "wants peace. Kim Yo Jong, the leader's sister, said the same. Kim added that Kim In "
        "Ryong agreed."
    )
    found = names(text, people)
    assert found[0] == "Kim Song"
    assert {"Kim Jong Un", "Kim Yo Jong"} <= set(found)
    assert "Kim" not in found
    assert len(found) == len(set(found))


def test_spelling_variants_meet_in_people_yaml(people: PeopleDirectory) -> None:
    for spelling in ("Choe Son Hui", "Choe Son-hui", "Choi Sun-hee"):
        parsed = parse_text(f"{spelling}, the foreign minister, said talks are over.", people)
        assert parsed.speaker is not None
        assert parsed.speaker.person_id == "choe-son-hui"
        assert parsed.speaker.name == "Choe Son Hui"


def test_a_new_person_is_kept_without_an_id(people: PeopleDirectory) -> None:
    parsed = parse_text("Ambassador Zhang Jun said China opposes the sanctions.", people)
    assert parsed.speaker is not None
    assert (parsed.speaker.name, parsed.speaker.person_id) == ("Zhang Jun", None)


@pytest.mark.parametrize(
    "text",
    [
        "The United Nations Security Council met on Friday.",
        "North Korea said the Korean Central News Agency reported it.",
        "DPRK Today said the United States must act.",
        "The Prime Minister's Office said nothing.",
    ],
)
def test_organisations_are_not_persons(text: str, people: PeopleDirectory) -> None:
    assert names(text, people) == []


# --- body ----------------------------------------------------------------------------------------


def test_numbered_paragraphs_lose_their_numbers() -> None:
    parsed = parse_text(
        "December 1, 2017\n1. Japan welcomes it.\n2.Japan urges it.\n(3) Japan will act."
    )
    assert parsed.paragraphs == ["Japan welcomes it.", "Japan urges it.", "Japan will act."]


def test_notes_are_not_body() -> None:
    text = (
        "Statement by Mr. X\n(Check against delivery)\nThank you, Mr. President.\n"
        "[Unofficial translation]"
    )
    parsed = parse_text(text)
    assert parsed.notes == ["(Check against delivery)", "[Unofficial translation]"]
    assert parsed.paragraphs == ["Thank you, Mr. President."]


def test_link_lists_after_the_body_are_dropped() -> None:
    text = (
        "N. Korea rejects talks\nNorth Korea said on Friday it has no interest in talks.\n"
        "It called the proposal a deception.\nRelated Articles\nKim visits factory\n"
        "Seoul stocks rise\nTrending\n  • 1\n    Weather turns cold\n"
    )
    parsed = parse_text(text)
    assert parsed.paragraphs == [
        "North Korea said on Friday it has no interest in talks.",
        "It called the proposal a deception.",
    ]


@pytest.mark.parametrize(
    "bar",
    [
        "Share this: Facebook Twitter",
        "Share: Facebook, Twitter, Email",
        "SHARE ON Facebook | Twitter | LinkedIn",
        "Facebook Twitter KakaoTalk Copy link",
        "Share this article Facebook Twitter WhatsApp",
    ],
)
def test_share_bars_are_not_body(bar: str) -> None:
    text = f"Japan welcomes the resolution\n{bar}\nJapan welcomes the adoption.\n{bar}\n"
    assert parse_text(text).paragraphs == ["Japan welcomes the adoption."]


def test_a_sentence_naming_a_service_is_body() -> None:
    text = "Ban urged\nShare this with Facebook users, the minister said.\nIt was late.\n"
    assert "Share this with Facebook users, the minister said." in parse_text(text).paragraphs


def test_crlf_and_first_line() -> None:
    parsed = parse_text(
        "Press Releases\r\n\r\nDecember 23, 2017\r\nJapan welcomes it.\r\n", first_line=5
    )
    assert parsed.date.source == "text:7"
    assert parsed.paragraphs == ["Japan welcomes it."]


def test_title_and_surname_only_when_curated_and_unique(people: PeopleDirectory) -> None:
    parsed = parse_text("Foreign Minister Choe said on Friday that talks are over.", people)
    assert parsed.speaker is not None and parsed.speaker.person_id == "choe-son-hui"
    parsed = parse_text(
        "Japanese Prime Minister Kishida told reporters it was regrettable.", people
    )
    assert parsed.speaker is not None and parsed.speaker.name == "Fumio Kishida"
    # Another title, or a surname several curated persons share, names nobody.
    assert parse_text("First Vice-President Choe said it.", people).speaker is None
    assert parse_text("Ambassador Kim said the sanctions must go.", people).speaker is None


def test_titles_are_not_names(people: PeopleDirectory) -> None:
    parsed = parse_text("Secretary-General Antonio Guterres said the Council must act.", people)
    assert parsed.speaker is not None
    assert (parsed.speaker.name, parsed.speaker.role) == ("Antonio Guterres", "Secretary-General")
    parsed = parse_text("U.S. special envoy Robert King said the talks were useful.", people)
    assert parsed.speaker is not None
    assert (parsed.speaker.name, parsed.speaker.role) == ("Robert King", "special envoy")
    assert parsed.speaker.country == "United States"


# --- forms found by the evaluation rounds (benchmarks/parse_eval.py) ---------------------------


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("12.06.2009", "2009-06-12"),  # dots: day first
        ("26.05.2022", "2022-05-26"),
        ("2023/02/18-21:32", "2023-02-18"),
        ("www.kcna.kp (Juche105.3.4.)", "2016-03-04"),
        ("Friday, 22 December 2017, 1 p.m.", "2017-12-22"),
        ("Published : Nov. 18, 2022 - 16:12 Updated : Nov. 18, 2022 - 18:20", "2022-11-18"),
    ],
)
def test_date_line_forms(text: str, iso: str) -> None:
    hit = only_date(text)
    assert hit is not None and hit.as_date("text:1").iso == iso


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("resolutions 1718 (2006) through 2375 (2017)", [1718, 2375]),
        ("violates resolutions 1718 through 2397.", [1718, 2397]),
        ("Under General Assembly resolution 76/262, the President", []),
        ("paragraph 8 (a), (b) and (c) of resolution 1718 (2006)", [1718]),
        ("paragraph 4 of resolution 2397", [2397]),
        ("the 1718 Committee and its Panel of Experts", []),
        ("the 8042nd meeting of the Security Council (S/PV.8042)", []),
        ("draft resolution S/2022/431", []),
        ("resolutions 2371/2375/2397", [2371, 2375, 2397]),
    ],
)
def test_resolution_forms_from_real_pages(text: str, numbers: list[int]) -> None:
    assert sorted(set(find_resolutions(text))) == numbers


def test_masthead_names_publisher_and_speaker_country(people: PeopleDirectory) -> None:
    text = (
        "Permanent Mission of the Russian Federation to the United Nations\n"
        "Statement by Permanent Representative Vassily Nebenzia at the UNSC briefing on DPRK\n"
        "26.05.2022\n"
        "Mr. President,\n"
        "We call for dialogue instead of pressure on the DPRK, as we have said many times.\n"
    )
    parsed = parse_text(text, people)
    assert parsed.source == "Permanent Mission of the Russian Federation to the United Nations"
    assert parsed.speaker is not None and parsed.speaker.country == "Russia"
    assert parsed.title.startswith("Statement by Permanent Representative")


def test_un_press_release_has_no_speaker(people: PeopleDirectory) -> None:
    text = (
        "SC/12267\n2 March 2016\n"
        "Security Council Imposes Fresh Sanctions on Democratic People's Republic of Korea\n"
        "The Security Council today strengthened sanctions, unanimously adopting resolution "
        "2270 (2016).\n"
        "SAMANTHA POWER (United States) said the resolution went further than any other.\n"
    )
    parsed = parse_text(text, people)
    assert parsed.speaker is None
    assert "Samantha Power" in {p.name for p in parsed.persons}


def test_meeting_record_turns(people: PeopleDirectory) -> None:
    record = (
        "United Nations\nS/PV.9036\nSecurity Council\n9036th meeting\n"
        "Wednesday, 11 May 2022, 3 p.m.\nNew York\n"
        "Mr. Ishikane (Japan): I thank you, Madam President. Japan condemns the launches.\n"
    )
    parsed = parse_text(record, people)
    assert parsed.speaker is not None
    assert (parsed.speaker.name, parsed.speaker.country) == ("Kimihiro Ishikane", "Japan")
    assert parsed.doc_type == "council-speech" and parsed.date.iso == "2022-05-11"
    two = record + "Mr. Wu Haitao (China) (spoke in Chinese): China calls for restraint.\n"
    assert parse_text(two, people).speaker is None


def test_slashed_agency_dateline(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "UNITED NATIONS, December 22. /TASS/. Russia's Permanent Representative to the United "
        "Nations Vassily Nebenzia said on Friday that sanctions should not strangle the DPRK.",
        people,
    )
    assert parsed.doc_type == "news-report" and parsed.source == "TASS"
    assert parsed.speaker is not None and parsed.speaker.name == "Vassily Nebenzia"


def test_transcript_speaker_is_the_one_who_answers(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "Department Press Briefing – May 26, 2022\nNed Price, Department Spokesperson\n"
        "MR PRICE: Good afternoon. Today two members vetoed a resolution on the DPRK.\n"
        "QUESTION: What next?\nMR PRICE: We will work with our partners on it.\n"
        "QUESTION: Sanctions?\nMR PRICE: I will not preview them.\n",
        people,
    )
    assert parsed.speaker is not None and parsed.speaker.name == "Ned Price"
    assert parsed.doc_type == "interview"
    assert parsed.title == "Department Press Briefing – May 26, 2022"


def test_words_before_the_name(people: PeopleDirectory) -> None:
    parsed = parse_text(
        'BEIJING (Reuters) - China called for restraint on Tuesday. "China has always '
        "implemented the resolutions,\" said Geng Shuang, a spokesman for China's foreign "
        "ministry.",
        people,
    )
    assert parsed.speaker is not None and parsed.speaker.name == "Geng Shuang"


def test_kcna_dateline_with_a_juche_year_sign_off(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "Statement of DPRK Government\nPyongyang, September 3 (KCNA) -- The DPRK Government "
        "issued the following statement:\nThe nuclear test was carried out successfully.\n"
        "Juche 106 (2017)\n",
        people,
    )
    assert parsed.date.iso == "2017-09-03"
    assert parsed.speaker is not None and parsed.speaker.country == "North Korea"


# --- round 6: forms of the sixth held-out set --------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("Home  About Us  Press  Contact", "Home | About Us | Press | Contact"),
        ("Share  Print", "Share | Print"),
        # A name and a role, or sentences after a double space, are not links.
        ("Kim Song  Permanent Representative", "Kim Song Permanent Representative"),
        ("He left.  She stayed.  It rained.", "He left. She stayed. It rained."),
        ("Published  Jun 5, 2018  16:42", "Published Jun 5, 2018 16:42"),
    ],
)
def test_row_of_links_with_wide_gaps(raw: str, cleaned: str) -> None:
    from archive.extract.clean import clean_line

    assert clean_line(raw)[0] == cleaned


def test_row_of_links_is_not_the_title(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "Permanent Mission of Japan to the United Nations\n"
        "Home  Mission  Statements  Security Council  Contact\n"
        "Statement by Ambassador ISHIKANE Kimihiro at the Security Council Briefing on DPRK\n"
        "Thank you, Madam President.\nJapan condemns the launch in the strongest terms.\n",
        people,
    )
    assert parsed.title is not None and parsed.title.startswith("Statement by Ambassador")


def test_korean_institutions_are_not_persons(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "SEOUL, March 2 (Yonhap) -- Cheong Wa Dae said Monday it would keep talks open. "
        "Presidential spokesman Yoon Young-chan told reporters the plan was unchanged.",
        people,
    )
    assert parsed.speaker is not None and parsed.speaker.name == "Yoon Young-chan"
    assert "Cheong Wa Dae" not in {p.name for p in parsed.persons}


def test_agency_carrying_a_papers_commentary(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "Minju Joson Denounces Sanctions Racket\n"
        "Pyongyang, May 3 (KCNA) -- The sanctions are a crime against humanity, Minju Joson "
        "said today in a commentary.\nThe commentary says:\n"
        "The U.S. will never break the will of the Korean people, however hard it tries.\n",
        people,
    )
    assert parsed.doc_type == "commentary" and parsed.source == "KCNA"
    assert parsed.speaker is None


def test_date_alone_before_an_agency_tag_and_state_media(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "UPI\nNorth Korea rejects new sanctions\nFeb. 9, 2018 / 8:12 AM\n"
        "Feb. 9 (UPI) -- North Korea's state media said Friday the sanctions would fail.\n"
        "The statement called the measures a hostile act.\n",
        people,
    )
    assert parsed.speaker is not None and parsed.speaker.country == "North Korea"
    assert parsed.date.iso == "2018-02-09" and parsed.doc_type == "news-report"


def test_transcript_naming_each_turn_in_full(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "Ministry of Foreign Affairs of the People's Republic of China\n"
        "Foreign Ministry Spokesperson Wang Wenbin's Regular Press Conference on May 4, 2022\n"
        "AFP: Does China support new sanctions on the DPRK?\n"
        "Wang Wenbin: Sanctions are not an end in themselves. Dialogue is the only way.\n"
        "CCTV: Could you share more on the Foreign Minister's trip?\n"
        "Wang Wenbin: We will release information in due course.\n",
        people,
    )
    assert parsed.speaker is not None
    assert (parsed.speaker.name, parsed.speaker.country) == ("Wang Wenbin", "China")
    assert parsed.doc_type == "interview"


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("安保理決議第1718号、第1874号及び第2087号に違反", [1718, 1874, 2087]),
        ("유엔 안보리 결의 제2094호와 제2270호를 위반", [2094, 2270]),
        ("违反安理会第2397号决议", [2397]),
        ("작성일 2017-09-15 조회수 2375", []),
        ("2017年に採択された決議を履行", []),
    ],
)
def test_resolutions_in_japanese_korean_and_chinese(text: str, numbers: list[int]) -> None:
    assert find_resolutions(text) == numbers


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("平成29年9月15日", "2017-09-15"),
        ("令和元年5月1日", "2019-05-01"),
        ("令和6年1月2日", "2024-01-02"),
    ],
)
def test_japanese_era_dates(text: str, iso: str) -> None:
    hits = find_dates(text)
    assert len(hits) == 1 and hits[0].complete
    assert date(hits[0].year, hits[0].month, hits[0].day).isoformat() == iso


def test_first_to_speak_is_named_before_the_verb(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "The Japan Times\nTokyo backs new measures against Pyongyang\n"
        "TOKYO — Japan on Monday backed the measures, with Foreign Minister Yoko Kamikawa "
        "calling them a needed step.\n"
        '"We will implement them fully," Kamikawa told reporters.\n'
        "Defense Minister Minoru Kihara said separately that the launches were a threat.\n",
        people,
    )
    assert parsed.speaker is not None and parsed.speaker.name == "Yoko Kamikawa"


def test_made_the_remarks_is_speech(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "NEW YORK, March 5 (Yonhap) -- North Korea's deputy envoy said Monday that the drills "
        "were a rehearsal for war.\n"
        "Kim In-ryong made the remarks at a news conference at the North's mission.\n",
        people,
    )
    assert parsed.speaker is not None and parsed.speaker.name == "Kim In Ryong"


def test_ministry_page_in_its_own_voice(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "Ministry of Foreign Affairs of Japan\nPress Releases\n"
        "Measures concerning Remittances to North Korea\nJune 2, 2016\n"
        "1. The Government of Japan today decided to tighten the reporting of remittances.\n"
        "2. Japan will continue to work with the international community on this issue.\n"
        "Back to Press Releases\n",
        people,
    )
    assert parsed.speaker is not None and parsed.speaker.country == "Japan"
    assert parsed.doc_type == "press-release" and parsed.date.iso == "2016-06-02"


def test_japanese_ministry_page(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "外務省\nホーム > 報道・広報 > 報道発表\n報道発表\n"
        "北朝鮮による核実験について（外務報道官談話）\n平成29年9月3日\n"
        "1　本3日、北朝鮮は核実験を実施しました。これは安保理決議第2371号に違反するものです。\n"
        "2　我が国は、北朝鮮に対し厳重に抗議しました。\nページのトップへ戻る\n",
        people,
    )
    assert parsed.title == "北朝鮮による核実験について（外務報道官談話）"
    assert parsed.date.iso == "2017-09-03" and parsed.language == "ja"
    assert parsed.source == "Ministry of Foreign Affairs of Japan"
    assert parsed.speaker is not None and parsed.speaker.country == "Japan"
    assert parsed.doc_type == "government-statement" and parsed.resolutions == [2371]
    assert not any("トップ" in p for p in parsed.paragraphs)
    assert parsed.paragraphs[0].startswith("本3日")  # the site's paragraph number goes


def test_korean_ministry_page(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "외교부\n본문 바로가기\n홈 > 보도자료 > 대변인 논평·성명\n"
        "북한의 핵실험에 대한 외교부 대변인 논평\n작성일 2016-09-09  조회수 1874\n"
        "1. 정부는 북한이 안보리 결의 제2270호를 위반하여 핵실험을 감행한 것을 규탄한다.\n"
        "2. 정부는 우방국과 긴밀히 공조해 나갈 것이다.\n목록\n",
        people,
    )
    assert parsed.title == "북한의 핵실험에 대한 외교부 대변인 논평"
    assert parsed.date.iso == "2016-09-09" and parsed.language == "ko"
    assert parsed.source == "Ministry of Foreign Affairs of the Republic of Korea"
    assert parsed.speaker is not None and parsed.speaker.country == "South Korea"
    assert parsed.doc_type == "government-statement" and parsed.resolutions == [2270]
    assert parsed.paragraphs[0].startswith("정부는")


# --- round 7: forms of the seventh held-out set ------------------------------------------------


@pytest.mark.parametrize(
    ("masthead", "source"),
    [
        ("BBC News", "BBC"),
        ("The Guardian", "The Guardian"),
        ("France 24", "France 24"),
        ("KBS WORLD", "KBS"),
    ],
)
def test_broadcasters_and_papers_in_the_masthead(
    people: PeopleDirectory, masthead: str, source: str
) -> None:
    parsed = parse_text(
        f"{masthead}\nSeoul condemns latest missile launch\n"
        "South Korea's foreign ministry said on Friday that the launch violated UN resolutions, "
        "and urged Pyongyang to return to talks.\n",
        people,
    )
    assert parsed.source == source


def test_cnn_dateline_tag(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "Council weighs response to launch\n"
        "Tokyo (CNN) Japan's defense minister said Sunday that the missile flew over Hokkaido "
        "before falling into the Pacific.\n",
        people,
    )
    assert parsed.source == "CNN"


def test_rank_before_post_gives_the_post(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "Statement by H.E. Mr. Kazuyuki Yamazaki, Ambassador Extraordinary and Plenipotentiary, "
        "Permanent Representative of Japan to the United Nations, at the Security Council\n"
        "Thank you, Mr. President.\nJapan condemns the launch in the strongest terms.\n",
        people,
    )
    assert parsed.speaker is not None
    assert parsed.speaker.role == "Permanent Representative of Japan to the United Nations"


def test_woman_with_ms_and_rank_before_post(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "Remarks by Ms. Keiko Tanabe, Minister, Deputy Permanent Representative of Japan to the "
        "United Nations, at the Arria-formula Meeting on Cyber Threats\n"
        "Thank you, Madam Chair.\nJapan shares the concern about the theft of crypto-assets.\n",
        people,
    )
    assert parsed.speaker is not None and parsed.speaker.name == "Keiko Tanabe"
    assert parsed.speaker.role == "Deputy Permanent Representative of Japan to the United Nations"


def test_remarks_to_the_press_by_titled_surname(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "Prime Minister's Office of Japan\n"
        "Remarks to the Press by Prime Minister Kishida on North Korea's Nuclear Threat\n"
        "Friday, November 18, 2022\n"
        "This afternoon North Korea launched a ballistic missile of ICBM class. Japan has "
        "protested strongly through the embassy channel in Beijing.\n",
        people,
    )
    assert parsed.speaker is not None and parsed.speaker.name == "Fumio Kishida"
    assert parsed.speaker.role == "Prime Minister"


def test_possessive_heading_names_the_speaker(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "Ministry of Foreign Affairs of the People's Republic of China\n"
        "Foreign Ministry Spokesperson Lu Kang's Answer to a Journalist's Question on the "
        "Sanctions Committee\n2018/03/31\n"
        "Q: The Committee has designated further ships. What is China's position?\n"
        "A: China has always implemented the resolutions fully and strictly.\n",
        people,
    )
    assert parsed.speaker is not None and parsed.speaker.name == "Lu Kang"
    assert parsed.speaker.country == "China"
    assert parsed.doc_type == "interview"


def test_possessive_subtitle_sentence_is_not_a_heading(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "Seoul News Daily\nEnvoy hints at new test\n"
        "Kim Song's comments follow a week of warnings from Pyongyang\n"
        "NEW YORK, March 3 (Yonhap) -- North Korea's UN envoy Kim Song said on Friday that the "
        "country would respond to the drills.\n",
        people,
    )
    assert parsed.doc_type == "news-report"


def test_one_answered_question_is_an_interview(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "Answers to media questions\n"
        "Question: What is your view of the new sanctions?\n"
        "Maria Zakharova: They will only worsen the humanitarian situation in the country.\n",
        people,
    )
    assert parsed.doc_type == "interview"


def test_vice_minister_statement_is_a_government_statement(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "Statement of Vice Foreign Minister\n"
        "Pyongyang, July 2 (KCNA) -- Ri Son Gwon, vice foreign minister of the DPRK, issued the "
        "following statement on Tuesday:\n"
        "The UNSC sanctions are a product of the hostile policy of the U.S.\n",
        people,
    )
    assert parsed.speaker is not None and parsed.speaker.name == "Ri Son Gwon"
    assert parsed.doc_type == "government-statement"


def test_capitalised_section_above_the_headline(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "The Asahi Shimbun\nEAST ASIA WATCH\n"
        "Tokyo to seek tighter oil curbs on Pyongyang\n"
        "Foreign Minister Taro Kono said on Tuesday that Japan would seek new limits.\n",
        people,
    )
    assert parsed.title == "Tokyo to seek tighter oil curbs on Pyongyang"


def test_title_set_off_by_commas_before_a_name(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "UN tightens North Korea sanctions\n"
        "The council adopted the text unanimously on Friday.\n"
        '"This is a strong message," the UK ambassador, Peter Hollins, told the council.\n',
        people,
    )
    hollins = [p for p in [parsed.speaker, *parsed.persons] if p and p.name == "Peter Hollins"]
    assert hollins and hollins[0].country == "United Kingdom"


def test_updated_date_is_not_the_publication_date(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "Nikkei Asia\nJapan flags more ship-to-ship transfers\n"
        "June 4, 2019 19:02 JST\nUpdated on June 5, 2019 08:40 JST\n"
        "TOKYO -- Japan spotted a tanker alongside a North Korean ship, the government said.\n",
        people,
    )
    assert parsed.published.iso == "2019-06-04"
    assert parsed.date.iso == "2019-06-04"


def test_write_and_update_line(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "KBS WORLD\nMinister Welcomes New Sanctions\n"
        "Write: 2016-12-01 09:10:11 / Update: 2016-12-02 11:00:00\n"
        "The foreign minister said on Thursday that Seoul would implement the resolution.\n",
        people,
    )
    assert parsed.date.iso == "2016-12-01"


def test_speaker_quoted_after_the_lead_gives_the_day(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "Tokyo Daily\nJapan tracks suspected transfers at sea\nMay 8, 2019\n"
        "TOKYO -- A North Korean tanker was seen at sea early Monday, the Defense Ministry said.\n"
        "The ministry released photos of the two ships.\n"
        "Such transfers are banned under Security Council resolutions.\n"
        "At a news conference on Wednesday, Chief Cabinet Secretary Yoshihide Suga said Japan "
        "would share the findings with its partners.\n",
        people,
    )
    assert parsed.speaker is not None and parsed.speaker.name == "Yoshihide Suga"
    assert parsed.date.iso == "2019-05-08"


@pytest.mark.parametrize(
    ("masthead", "iso"),
    [("FRANCE 24", "2019-04-05"), ("CNN", "2019-05-04"), ("Anonymous Blog", None)],
)
def test_numeric_date_read_as_its_publisher_writes_it(
    people: PeopleDirectory, masthead: str, iso: str | None
) -> None:
    parsed = parse_text(
        f"{masthead}\nPanel says sanctions evasion grows\n"
        "Issued on: 05/04/2019 - 10:00\n"
        "The UN panel of experts said the transfers had grown, according to its report.\n",
        people,
    )
    assert parsed.published.iso == iso


def test_find_dates_day_first() -> None:
    assert find_dates("05/04/2019") == []
    hits = find_dates("05/04/2019", day_first=True)
    assert [(h.year, h.month, h.day) for h in hits] == [(2019, 4, 5)]
    # An unambiguous date reads the same either way.
    assert [(h.month, h.day) for h in find_dates("12/23/2017", day_first=True)] == [(12, 23)]


def test_answer_to_a_question_is_the_office_s(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "Answer of Spokesman for DPRK Foreign Ministry to Question Raised by KCNA\n"
        "Pyongyang, June 3 (KCNA) -- A spokesman for the DPRK Foreign Ministry answered a "
        "question raised by KCNA on Monday as regards the sanctions.\n"
        "The sanctions are an attempt to stifle the DPRK.\n",
        people,
    )
    assert parsed.speaker is not None and "Question" not in parsed.speaker.name
    assert parsed.speaker.country == "North Korea"


def test_a_verb_after_a_name_is_not_its_role(people: PeopleDirectory) -> None:
    text = (
        "Seoul reacts\nSEOUL, March 26 (Yonhap) -- Choe's remarks came after Kim Yo-jong, the "
        "sister of leader Kim Jong-un, said Japan's prime minister had offered a summit.\n"
    )
    parsed = parse_text(text, people=people)
    named = {p.name: p for p in [*filter(None, [parsed.speaker]), *parsed.persons]}
    kim = named["Kim Jong Un"]
    assert kim.role == "leader" and kim.country == "North Korea"
    assert all("said" not in (p.role or "") for p in named.values())


# --- round 8 forms -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("masthead", "publisher"),
    [
        ("MINISTRY OF NATIONAL DEFENSE REPUBLIC OF KOREA", "Ministry of National Defense"),
        ("Ministry of Unification, Republic of Korea", "Ministry of Unification"),
        ("Ministry of Justice Japan", "Ministry of Justice of Japan"),
        ("IAEA International Atomic Energy Agency", "International Atomic Energy Agency"),
    ],
)
def test_ministry_and_spelled_out_mastheads(masthead: str, publisher: str) -> None:
    parsed = parse_text(
        f"{masthead}\nHome  News  Briefings\nPress release on the nuclear test\n"
        "The Government condemns the nuclear test and calls for restraint.\n"
    )
    assert parsed.source is not None and parsed.source.startswith(publisher)
    assert parsed.title == "Press release on the nuclear test"


def test_ministry_masthead_names_its_country() -> None:
    from archive.extract.classify import publisher_named

    assert publisher_named("Ministry of Defense Japan") == ("Ministry of Defense of Japan", "Japan")
    # A ministry whose name holds no country is no masthead of a government.
    assert publisher_named("Ministry of Unification") is None


def test_headline_ending_in_since_a_year_is_no_motto() -> None:
    parsed = parse_text(
        "Wire Daily\nKorea Focus\nTimeline: missile launches by North Korea since 2012\n"
        "Aug 2, 2019\nSEOUL, Aug 2 (Reuters) - The list below sets out the launches.\n"
    )
    assert parsed.title == "Timeline: missile launches by North Korea since 2012"


def test_unquoted_report_is_dated_by_its_dateline_not_its_events() -> None:
    parsed = parse_text(
        "Wire Daily\nFactbox: the sanctions so far\n"
        "March 3, 2016 9:10 PM GMT+9 Updated March 4, 2016\n"
        "SEOUL, March 3 (Reuters) - The Council voted new sanctions on Wednesday. Below are the "
        "main ones.\n"
    )
    assert parsed.date.iso == "2016-03-03"


def test_date_line_with_a_later_update() -> None:
    hit = only_date("Nov 2, 2022 10:41 PM GMT+9 Updated Nov 3, 2022")
    assert hit is not None and (hit.year, hit.month, hit.day) == (2022, 11, 2)


def test_delivered_on_is_the_day_of_the_speech(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "GOV.UK\nSpeech\nWe will not accept the DPRK's nuclear tests\n"
        "Statement by Ambassador Jane Doe at the UN Security Council.\n"
        "Published 5 April 2024\n"
        "Delivered on: 4 April 2024 (Transcript of the speech, exactly as it was delivered)\n"
        "Thank you, President.\nThe Council must act.\n",
        people,
    )
    assert parsed.date.iso == "2024-04-04"
    assert parsed.doc_type == "council-speech"


def test_chair_salutation_without_the_council_is_a_speech(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "Agency for Atoms\nDirector General's Statement to the General Conference\n"
        "Jane Roe, Director General\n12 September 2022\nChair,\n"
        "We continue to monitor the Yongbyon site.\n"
        "Its operation is a clear violation of Security Council resolutions.\nThank you, Chair.\n",
        people,
    )
    assert parsed.doc_type == "speech"


def test_honour_to_report_is_a_briefing_not_a_letter(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "Briefing by the Chair of the 1718 Committee\n"
        "Statement by H.E. Mr. Juan Perez, Permanent Representative of Mexico to the United "
        "Nations\nMr. President,\nI have the honour to report to the Council on the "
        "Committee's work under resolution 1718 (2006).\n",
        people,
    )
    assert parsed.doc_type == "council-speech"


@pytest.mark.parametrize(
    ("address", "iso", "precision"),
    [
        ("https://www.example.org/2019/08/panel-report-delayed/", "2019-08", "month"),
        ("www.example.com/news/2021/02/14/vote-delayed", "2021-02-14", "day"),
    ],
)
def test_date_only_in_the_page_address(address: str, iso: str, precision: str) -> None:
    parsed = parse_text(
        f"{address}\nPanel report delayed again\n"
        "The Council on Tuesday delayed the report, diplomats said.\n"
    )
    assert (parsed.date.iso, parsed.date.precision) == (iso, precision)


def test_year_only_in_both_dprk_calendars() -> None:
    parsed = parse_text(
        "Radio Pyongyang\nSanctions Will Never Work\n"
        "The enemies have fabricated new sanctions this year, Juche 105 (2016), as well.\n"
        "They will only meet a shameful end.\n"
    )
    assert (parsed.date.iso, parsed.date.precision) == ("2016", "year")
    # A year the text does not call its own is a year it tells of ("One day in May Juche 55
    # (1966)" in KCNA's stories): no date.
    parsed = parse_text(
        "Radio Pyongyang\nSanctions Will Never Work\n"
        "The enemies have fabricated new sanctions in Juche 105 (2016) as well.\n"
    )
    assert parsed.date.iso is None
    # Two calendars that disagree are no year.
    assert parse_text("Notes\nIn Juche 99 (2016) the sanctions grew.\n").date.iso is None


def test_charge_d_affaires_is_a_role(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "Statement by Mr. Tom Lee, Chargé d'Affaires a.i. of Canada, at the Security Council\n"
        "Thank you, Madam President.\n",
        people,
    )
    assert parsed.speaker is not None and parsed.speaker.name == "Tom Lee"
    assert parsed.speaker.role is not None and "Chargé" in parsed.speaker.role


def test_statement_by_several_ministers_has_no_speaker(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "Joint Statement by the Defense Ministers of Japan, Australia and the United States\n"
        "June 2, 2024\nThe Ministers condemned the DPRK's launches.\n",
        people,
    )
    assert parsed.speaker is None


def test_office_holder_signed_at_the_foot(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "Ministry of Justice Japan\nPress Conference by the Justice Minister\n"
        "Tuesday, May 7, 2024\nMinister: I have nothing to announce today.\n"
        "Reporter: On the abductions?\nMinister: We keep working on it.\n"
        "Minister of Justice KOIZUMI Ryuji\n",
        people,
    )
    assert parsed.speaker is not None
    assert parsed.speaker.name.lower().split() in (["koizumi", "ryuji"], ["ryuji", "koizumi"])
    assert parsed.speaker.role == "Minister of Justice"


def test_op_ed_speaks_for_its_author(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "The Korea Times\nOpinion\nWhy sanctions still matter\nPosted : 2023-03-02 17:00\n"
        "By Park Min-su\nThe writer is the Vice Minister of Unification of South Korea.\n"
        "Sanctions remain our best tool, whatever Pyongyang claims.\n"
        "We must keep them.\n",
        people,
    )
    assert parsed.speaker is not None and parsed.speaker.name == "Park Min-su"
    assert parsed.speaker.role == "Vice Minister of Unification of South Korea"
    assert parsed.doc_type == "commentary"


def test_outlet_s_unsigned_piece_is_commentary(people: PeopleDirectory) -> None:
    parsed = parse_text(
        "Naenara\nHome  Politics  Culture\nU.S. Hostile Policy Doomed to Failure\n"
        "The U.S. hostile policy toward the DPRK will only end in failure.\n"
        "History proves this truth.\n",
        people,
    )
    assert parsed.speaker is None and parsed.doc_type == "commentary"
