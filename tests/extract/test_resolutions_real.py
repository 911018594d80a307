"""Security Council resolutions only: sentences from real general debate speeches and White
House and State Department statements, with the numbers a reader should find in each."""

from __future__ import annotations

import pytest
import yaml

from archive.extract import parse_text
from archive.extract.resolutions import (
    COUNCIL_DATA,
    find_resolutions,
    last_adopted,
    resolution_mentions,
)


@pytest.mark.parametrize(
    ("sentence", "year", "numbers"),
    [
        # General Assembly resolutions by their session in roman numerals.
        (
            "Some people even today, 22 years after the adoption of General Assembly "
            "resolution 1514 (XV) continue the struggle for their human dignity and freedom.",
            1982,
            [],
        ),
        (
            "Thus, it violated resolution 181 (II) of 29 November 1947 on the partition of "
            "Palestine, resolution 194 (III) of 11 December 1948 on the return and "
            "indemnification of refugees and Trusteeship Council resolution 114 (S-2) of 20 "
            "December 1949 prohibiting it from setting up its Parliament in Jerusalem.",
            1967,
            [],
        ),
        (
            "Last year we adopted a declaration [resolution 724 A (VIII)] promising in general "
            "terms that some of the savings realized through a reduction of armaments would ...",
            1954,
            [],
        ),
        (
            "The Declaration and Program of Action for the Establishment of a New International "
            "Economic Order [resolutions 3201 (S-VI) and 3202 (S-VI)] have remained a dead letter.",
            1976,
            [],
        ),
        (
            "We reaffirm the validity of the principles incorporated in the declaration making "
            "the Indian Ocean a zone of peace [resolution 2832 (XXVl)] whose goals are ...",
            1985,
            [],
        ),
        (
            "Everyone remembers the occasion when the General Assembly adopted the Declaration "
            "on the granting of independence [resolution 1514. (XV)].",
            1961,
            [],
        ),
        # Named as the Assembly's, in a list that goes on.
        (
            "As to the substance of the matter, we continue to support fully and completely the "
            "principles set out in General Assembly resolutions 3212 (XXIX) and 3395 (XXX).",
            1983,
            [],
        ),
        (
            "The Special Fund was set up just a year ago by the General Assembly [resolution "
            "1240 (XBI)].",
            1959,
            [],
        ),
        # A number past the Council's last at the time: the Assembly's, without its session.
        (
            "We maintain that the United Nations Command must be dissolved immediately in "
            "accordance with resolution 3390 B of the General Assembly.",
            1982,
            [],
        ),
        # The Council's, beside the Assembly's.
        (
            "General Assembly resolution 40/61 of 1985 and Security Council resolutions "
            "579 (1985) and 638 (1989) represent the unified stand of the international "
            "community against terrorism.",
            1989,
            [579, 638],
        ),
        (
            "However, the problem will remain unresolved as long as Israel occupies Arab lands "
            "and refuses to comply with Security Council resolutions 242 (1967) and 338 (1973).",
            1975,
            [242, 338],
        ),
        (
            "Secretary Blinken will also emphasize support for the implementation of UN "
            "Security Council resolutions 2570 (2021) and 2571 (2021).",
            2021,
            [2570, 2571],
        ),
        (
            "We welcome UNSCR S/RES/2735 (2024), and strongly urge all parties concerned to "
            "work immediately and steadily toward the release of all hostages.",
            2024,
            [2735],
        ),
        ("in line with United Nations Security Council Resolution 2397.", 2017, [2397]),
    ],
)
def test_only_council_resolutions(sentence: str, year: int, numbers: list[int]) -> None:
    assert find_resolutions(sentence, year) == numbers
    assert [m.number for m in resolution_mentions([sentence], year)] == numbers


def test_a_wrong_early_date_does_not_drop_the_texts_own_resolutions() -> None:
    # An anecdote's year read as the date ("One day in May Juche 55 (1966)"): the text names
    # 2017, so it is no older, and resolution 2397 of that year stays.
    paragraphs = [
        "One day in May 1966 the leader visited the plant.",
        "The sanctions of resolution 2397 adopted in December 2017 are illegal.",
    ]
    assert [m.number for m in resolution_mentions(paragraphs, 1966)] == [2397]
    # With no later year in the text, the number is past the Council's last of 1966.
    assert resolution_mentions(paragraphs[:1] + ["It violates resolution 2397."], 1966) == []


def test_an_unknown_date_bounds_by_the_latest_number_only() -> None:
    assert find_resolutions("resolution 2832, on the Indian Ocean", None) == [2832]
    assert find_resolutions("resolution 3400 on something", None) == []


def test_the_table_of_last_numbers() -> None:
    with open(COUNCIL_DATA, encoding="utf-8") as handle:
        table = yaml.safe_load(handle)["last_adopted"]
    assert list(table) == list(range(1946, 2027))
    assert list(table.values()) == sorted(table.values())
    # Numbers whose year of adoption is known: each is within its year's bound and past the
    # bound of the year before.
    for number, year in [(82, 1950), (242, 1967), (1718, 2006), (2397, 2017), (2735, 2024)]:
        assert last_adopted(year - 1) < number <= last_adopted(year)
    assert last_adopted(1930) == table[1946]
    assert last_adopted(None) == table[2026]


def test_parse_text_bounds_by_the_statements_year() -> None:
    text = (
        "Statement by the Representative, 15 October 1981\n\n"
        "We support resolution 2832 on the Indian Ocean and Security Council resolution "
        "435 (1978) on Namibia."
    )
    parsed = parse_text(text)
    assert parsed.date.year == 1981
    assert parsed.resolutions == [435]
    assert [m.number for m in parsed.resolution_mentions] == [435]
