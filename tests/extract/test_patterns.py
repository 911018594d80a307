"""The regex building blocks find what their plain \\b forms find."""

from __future__ import annotations

import re

import pytest

from archive.extract.patterns import (
    at_least,
    case_blind_clues,
    holds_clue,
    holds_digit,
    opening_words,
    whole_words,
)

TEXTS = [
    "I said we would; our view is known. We, Our, I.",
    "Iwe weI ourselves sour Iraq _we we_ 2we we2 éwe weé",
    "we",
    "I",
    "",
    "(we) [Our] 'I' “we” we-the-people — our—we",
    "Reported: he said, according to sources, as stated; says told.\nsaid\tsaid",
    "unsaid saidx according tos according  to",
]


@pytest.mark.parametrize(
    "words", [("I", "we", "We", "our", "Our"), ("said", "says", "told", "according to", "stated")]
)
def test_whole_words_finds_what_word_boundaries_find(words: tuple[str, ...]) -> None:
    plain = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")
    fast = re.compile(whole_words(*words))
    for text in TEXTS:
        for start in range(len(text) + 1):
            assert [m.span() for m in fast.finditer(text, start)] == [
                m.span() for m in plain.finditer(text, start)
            ], (text, start)


def test_whole_words_refuses_a_word_that_does_not_start_a_word() -> None:
    with pytest.raises(ValueError, match="must start with a letter"):
        whole_words("we", "(we)")


@pytest.mark.parametrize("count", [-1, 0, 1, 2, 3, 4, 5])
def test_at_least_counts_the_texts_that_hold_a_match(count: int) -> None:
    texts = ["we said", "nothing", "we", "", "and we"]
    pattern = re.compile(r"\bwe\b")
    assert at_least(count, pattern, texts) == (sum(1 for t in texts if pattern.search(t)) >= count)


def test_opening_words_tries_the_alternatives_in_their_order() -> None:
    alternatives = [("Chief", r"\sof\sStaff"), ("Chair", "man"), ("Chief", ""), ("Vice", "")]
    plain = re.compile(r"\b(?:" + "|".join(re.escape(w) + a for w, a in alternatives) + ")")
    fast = re.compile(opening_words(alternatives))
    text = "Chief of Staff, Chairman, Chief, xChief, Vice-Chair, Chiefly, the Vice"
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert [m.group() for m in fast.finditer(text)][:3] == ["Chief of Staff", "Chairman", "Chief"]


def test_a_clue_is_found_in_any_case() -> None:
    clues = case_blind_clues("letter dated", "follow")
    assert holds_clue("In a LETTER Dated 3 May", clues)
    assert holds_clue("issued the FOLLOWING statement", clues)
    assert not holds_clue("a letter of 3 May", clues)


@pytest.mark.parametrize("clue", ["Letter", "issued", "this"])
def test_a_clue_may_not_hold_letters_that_lower_case_does_not_fold(clue: str) -> None:
    with pytest.raises(ValueError, match="a clue must be lower case"):
        case_blind_clues(clue)


@pytest.mark.parametrize(
    "text", ["no digits here", "year 2017", "٣ (an Arabic-Indic three)", "２０２３年", "", "x9"]
)
def test_holds_digit_tells_what_a_digit_pattern_finds(text: str) -> None:
    assert holds_digit(text) == bool(re.search(r"\d", text))
