"""Dates read from sentences of real statements (KCNA, the White House, the State Department,
UN general debate speeches, the Swedish government), as their pages write them."""

from __future__ import annotations

import pytest

from archive.extract import parse_text
from archive.extract.chronology import cited, session_year
from archive.extract.dates import find_dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Statsminister Ulf Kristersson, riksdagen, den 22 september 2024", (2024, 9, 22)),
        ("Publicerad i Expressen den 8 oktober 2025", (2025, 10, 8)),
        ("April 12-13, 2018", (2018, 4, 12)),
        ("**November 16-17, 2023**", (2023, 11, 16)),
        ("Mellan den 1 och 3 december 2023 besökte försvarsministern", (2023, 12, 2)),
        ("The ministers met in Melbourne on 11 February 2022", (2022, 2, 11)),
        ("was convened on May 27, Juche 113 (2024)", (2024, 5, 27)),
        ("Noble Ideal of Respected Comrade Kim Jong Un [Juche113.1.17.]", (2024, 1, 17)),
        ("Haag i Nederländerna, 9 november 2023.", (2023, 11, 9)),
    ],
)
def test_written_dates(text: str, expected: tuple[int, int, int]) -> None:
    hit = next(hit for hit in find_dates(text) if hit.complete)
    assert (hit.year, hit.month, hit.day) == expected


def test_a_long_range_is_its_month() -> None:
    hit = find_dates("will travel to the Philippines and Rwanda August 2-12, 2022.")[0]
    assert (hit.year, hit.month, hit.day, hit.precision) == (2022, 8, None, "month")


def test_an_english_verb_is_no_month_but_a_swedish_month_is() -> None:
    assert find_dates("we may 5, 2020 be wrong") == []
    assert find_dates("den 3 maj 2021")[0].month == 5


def test_a_kcna_dateline_writes_no_year() -> None:
    hit = find_dates("Pyongyang, October 30 (KCNA) -- The delegation left")[0]
    assert (hit.year, hit.month, hit.day) == (None, 10, 30)


@pytest.mark.parametrize(
    "line",
    [
        "President Biden’s Executive Order on Tackling the Climate Crisis (E.O. 14008, signed "
        "January 27, 2021) called for the plan",
        "Executive Order 14024 of April 15, 2021 (Blocking Property)",
        "Tal av statsministern för att hedra offren vid terrordådet den 7 oktober 2023",
        "One year has passed since the tragic events that took place on 11 September 2001",
        "Ändringen träder i kraft den 1 januari 2021.",
        "Tal vid minnesmanifestationen i Malmö om terrordådet mot Israel den 7 oktober 2023.",
        "The Agreement will enter into force June 25, 2021.",
    ],
)
def test_cited_dates(line: str) -> None:
    hit = next(hit for hit in find_dates(line) if hit.complete)
    assert cited(line, hit.start)


def test_a_statement_date_is_not_cited() -> None:
    line = "Skolminister Lotta Edholm, debattartikel, Expressen, den 21 december 2022."
    hit = find_dates(line)[0]
    assert cited(line, hit.start) is None


def test_anecdote_years_are_no_date() -> None:
    parsed = parse_text(
        "Love for Workers\n\n"
        "One day in May Juche 55 (1966) Chairman Kim Jong Il visited the then Hwanghae Iron "
        "Works in company with President Kim Il Sung.\n"
        "He went round various places of the iron works, and stopped at a workshop.\n"
    )
    assert parsed.date.iso is None


def test_kcna_headline_stamp() -> None:
    parsed = parse_text(
        "Patriotic Truth Taught by President Kim Il Sung [Juche113.6.18.]\n\n"
        "One day in April Juche 43 (1954), President Kim Il Sung visited Mt Myohyang.\n"
        "While enjoying the mountain's scenery, he came to see a withering mulberry.\n"
    )
    assert parsed.date.iso == "2024-06-18"


def test_kcna_dateline_year_from_the_text() -> None:
    parsed = parse_text(
        "Kim Jong Un Sends Message\n\n"
        "Pyongyang, May 28 (KCNA) -- Kim Jong Un sent a message to the delegation on May 27, "
        "Juche 113 (2024), the KCNA said.\n"
        "The message expressed thanks.\n"
    )
    assert parsed.date.iso == "2024-05-28"


def test_kcna_dateline_without_year_is_unknown_and_unsure() -> None:
    parsed = parse_text(
        "Delegation Leaves\n\n"
        "Pyongyang, October 30 (KCNA) -- A delegation of the Ministry of Culture left here "
        "on Wednesday to visit Russia.\n"
        "It was seen off by officials.\n"
    )
    assert parsed.date.iso is None
    assert any(w.startswith("date unsure: October 30") for w in parsed.warnings)


def test_executive_order_does_not_date_a_fact_sheet() -> None:
    parsed = parse_text(
        "EXECUTIVE SUMMARY: U.S. International Climate Finance Plan\n\n"
        "President Biden’s Executive Order (E.O. 14008, signed January 27, 2021)\n"
        "called for the development of a climate finance plan, making strategic use of "
        "multilateral and bilateral channels and institutions.\n"
    )
    assert parsed.date.iso is None
    assert any(w.startswith("date unsure: January 27, 2021") for w in parsed.warnings)


def test_white_house_sign_off() -> None:
    parsed = parse_text(
        "Order Regarding the Proposed Acquisition of United States Steel Corporation\n\n"
        "By the authority vested in me as President by the Constitution and the laws of the "
        "United States of America, it is hereby ordered as follows.\n"
        "Section 1. The transaction is prohibited under Executive Order 11858 of May 7, 1975.\n"
        "JOSEPH R. BIDEN JR.\n\nTHE WHITE HOUSE,\n\n    January 3, 2025.\n"
    )
    assert parsed.date.iso == "2025-01-03"


def test_swedish_byline_date() -> None:
    parsed = parse_text(
        '"Digitaliseringen i skolan har varit ett experiment"\n\n'
        "Skolminister Lotta Edholm, debattartikel, Expressen, den 21 december 2022.\n\n"
        "Det har funnits en okritisk hållning till digitalisering i skolan. Men en fysisk "
        "bok ger läsro.\n"
    )
    assert parsed.date.iso == "2022-12-21"


def test_general_debate_session_gives_the_year() -> None:
    text = (
        "Sir, my first words will be to offer you my congratulations on your election to the "
        "presidency of the thirty-seventh session of the General Assembly.\n"
        "In 1973 the Assembly adopted on 12 December 1973 a resolution we recall today.\n"
    )
    assert session_year(text.splitlines()) == (1982, "the thirty-seventh session")
    parsed = parse_text(text)
    assert (parsed.date.iso, parsed.date.precision) == ("1982", "year")


def test_the_predecessors_session_is_not_the_speechs() -> None:
    texts = [
        "I congratulate you, Sir, on your election to the presidency of the General Assembly "
        "at its forty-fifth session. I also thank your predecessor for his able leadership of "
        "the General Assembly at its forty-fourth session.",
    ]
    assert session_year(texts) == (1990, "its forty-fifth session")
    # A later session named beside it leaves the year in doubt.
    assert session_year(texts + ["Reform must be done by the fiftieth session."]) is None


def test_another_bodys_session_is_not_the_assemblys() -> None:
    parsed = parse_text(
        "Anförande av socialminister Jakob Forssmed på FN:s Narkotikakommissions 66:e session\n\n"
        "Mr. Chair, it is an honour to address this 66th session of the Commission on "
        "Narcotic Drugs.\n"
    )
    assert parsed.date.iso is None


def test_readout_dated_by_the_meeting_it_reports() -> None:
    parsed = parse_text(
        "Readout of U.S.-EU Trade and Technology Council Fifth Ministerial Meeting\n\n"
        "On Tuesday, January 30, 2024, the U.S.-EU Trade and Technology Council (TTC) held its "
        "fifth ministerial meeting in Washington, D.C.  Secretary of State Antony Blinken "
        "took part.\n"
    )
    assert parsed.date.iso == "2024-01-30"


def test_a_fact_sheets_first_meeting_is_background() -> None:
    parsed = parse_text(
        "Summit for Democracy – Year of Action Factsheet\n\n"
        "On December 9-10, 2021, President Biden hosted the first of two Summits for "
        "Democracy, convening leaders from government, civil society, and the private sector.\n"
    )
    assert parsed.date.iso is None


def test_a_quoted_subtitle_is_no_quote_before_the_byline() -> None:
    parsed = parse_text(
        "Anförande av utrikesminister Maria Malmer Stenergard på UD:s folkrättsdag\n\n"
        "”Folkrätten i närområdet i en tid av säkerhetspolitisk förändring”\n\n"
        "Ett anförande av utrikesminister Maria Malmer Stenergard på UD:s folkrättsdag den "
        "27 maj 2025.\n\nDet talade ordet gäller.\n\nVälkomna till folkrättsdagen, som i år "
        "handlar om vårt närområde och om hur folkrätten står sig.\n"
    )
    assert parsed.date.iso == "2025-05-27"


def test_a_quotes_attribution_is_not_the_date() -> None:
    parsed = parse_text(
        "FACT SHEET: U.S. Diplomatic Engagement with European Allies\n\n"
        "*“We are absolutely committed to the principle nothing about Ukraine without "
        "Ukraine, just as we are fully committed to the principle nothing about Europe "
        "without Europe.”\n"
        "Secretary of State Tony Blinken, January 7, 2022*\n\n"
        "The United States, along with its Allies and partners, has underscored its readiness "
        "to impose significant costs on Russia.\n"
    )
    assert parsed.date.iso is None


def test_proclamation_signed_in_words() -> None:
    parsed = parse_text(
        "A Proclamation on National Korean War Veterans Armistice Day, 2021\n\n"
        "Seventy-one years ago, the Korean War began.\n\n"
        "NOW, THEREFORE, I, JOSEPH R. BIDEN JR., President of the United States of America, "
        "do hereby proclaim July 27, 2021, as National Korean War Veterans Armistice Day.\n\n"
        "IN WITNESS WHEREOF, I have hereunto set my hand this twenty-sixth day of\n"
        "July, in the year of our Lord two thousand twenty-one, and of the\n"
        "Independence of the United States of America the two hundred and\n"
        "forty-sixth.\n\n"
        "JOSEPH R. BIDEN JR.\n"
    )
    assert parsed.date.iso == "2021-07-26"


def test_a_long_byline_of_several_authors_ends_with_its_date() -> None:
    parsed = parse_text(
        "”Moldavien kan lära oss om rysk propaganda inför riksdagsvalet”\n\n"
        "Debattartikel av utrikesminister Maria Malmer Stenergard, bistånds- och "
        "utrikeshandelsminister Benjamin Dousa och minister för civilt försvar Carl-Oskar "
        "Bohlin. Publicerad i Svenska Dagbladet den 14 augusti 2025.\n\n"
        "Den 28 september går Moldavien till parlamentsval.\n"
    )
    assert parsed.date.iso == "2025-08-14"
