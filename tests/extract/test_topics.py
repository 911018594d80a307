"""Topics: a statement is filed under what it dwells on, from the archive's vocabulary."""

from __future__ import annotations

import pytest

from archive.extract import parse_text
from archive.extract.topics import _WORD, MOST, TOPICS, topics_in, vocabulary_name, words_of


def test_a_recurring_subject_is_a_topic_and_a_passing_mention_is_not() -> None:
    paragraphs = [
        "The abductions issue remains the most important issue for Japan.",
        "Japan will continue to make every effort for the return of all abductees.",
        "Japan also notes the sanctions in force.",
    ]
    assert topics_in(None, paragraphs) == ["Abductions"]


def test_the_headline_alone_files_a_topic() -> None:
    assert topics_in("On the sanctions against the DPRK", ["The Council met today."]) == [
        "Sanctions"
    ]


def test_strongest_topic_first_and_at_most_a_few() -> None:
    text = " ".join(
        [
            "nuclear test nuclear weapons denuclearization",
            "ballistic missile ICBM",
            "sanctions sanctions",
            "abductions abductees",
            "human rights crimes against humanity",
            "talks dialogue",
            "war crimes atonement",
        ]
    )
    found = topics_in(None, [text])
    assert found[0] == "Nuclear programme"
    assert len(found) == MOST


def test_words_that_merely_contain_a_signal_are_not_signals() -> None:
    # "talkshow", "missileer", "sanctionable" are not the words the vocabulary means.
    assert topics_in(None, ["A talkshow host, a missileer. Sanctionable? Unsanctioned."]) == []


def test_no_text_no_topics() -> None:
    assert topics_in(None, []) == []
    assert topics_in("", [""]) == []


def test_curated_topics_take_the_vocabulary_spelling() -> None:
    assert vocabulary_name("sanctions") == "Sanctions"
    assert vocabulary_name(" human RIGHTS ") == "Human rights"
    assert vocabulary_name("Energy") == "Energy"
    assert len({t.name for t in TOPICS}) == len(TOPICS)


def test_parse_text_reports_topics_with_provenance() -> None:
    parsed = parse_text(
        "Statement by the Press Secretary\n\nJapan strongly protests the ballistic missile "
        "launch by North Korea. The missiles fell in Japan's exclusive economic zone.\n"
    )
    assert "Missiles" in parsed.topics
    assert parsed.sources["topics"] == "text"


@pytest.mark.parametrize(
    "text",
    [
        "North Korea's ICBM -- a cyber-attack on 'the' allies' banks.",
        "Anti--missile drills; 'quoted' words-- and --dashes - here",
        "Résolution 2397 du Conseil: l'embargo, naïve façade, ‘curly’ “quotes” — dash",
        "NON-PROLIFERATION and de-nuclearization; '90s won't-stop 2,270 tons",
        "",
        "'-'-' --- '' a'-b a-'b",
    ],
)
def test_words_are_those_of_the_word_pattern(text: str) -> None:
    # The fast word split must find exactly what the pattern finds, or counts would change.
    assert words_of(text) == _WORD.findall(text.lower())
