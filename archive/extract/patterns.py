"""Regular-expression building blocks shaped for the regex engine's fast scan, which skips to
the letters a match can start with only when the pattern begins with such a letter."""

from __future__ import annotations

import re

# A pattern that opens with \b or a lookbehind is tried at every position of a text. The same
# test made right after the first letter, as a two-character lookbehind, leaves that letter
# first: (?<!\w.) after a letter says what \b before it would.
AFTER_WORD_START = r"(?<!\w.)"


def opening_words(alternatives: list[tuple[str, str]]) -> str:
    """A pattern for alternatives that each open with a word at the start of a word: (word,
    pattern after it) pairs, the word literal text starting with a letter or a digit. What
    r"\\b(?:w1p1|w2p2|...)" finds, tried in the same order, found faster: the alternatives
    are grouped by first letter, each group opening with its letter."""
    by_letter: dict[str, list[str]] = {}
    for word, after in alternatives:
        if not word[:1].isalnum():
            raise ValueError(f"each word must start with a letter or a digit: {word!r}")
        by_letter.setdefault(word[0], []).append(re.escape(word[1:]) + after)
    groups = [
        re.escape(letter) + AFTER_WORD_START + "(?:" + "|".join(rests) + ")"
        for letter, rests in by_letter.items()
    ]
    return "(?:" + "|".join(groups) + ")"


def word_starts(*words: str) -> str:
    """A pattern for any of `words` at the start of a word: what r"\\b(?:w1|w2|...)" finds."""
    return opening_words([(word, "") for word in words])


def whole_words(*words: str) -> str:
    """A pattern for any of `words` standing as a whole word: what r"\\b(?:w1|w2|...)\\b"
    finds, found faster."""
    return word_starts(*words) + r"\b"


def at_least(count: int, pattern: re.Pattern[str], texts: list[str]) -> bool:
    """Whether at least `count` of the texts hold a match of `pattern`. Searching stops as
    soon as the answer is known: a search that finds nothing reads a whole paragraph."""
    found = 0
    for index, text in enumerate(texts):
        if found >= count or found + len(texts) - index < count:
            break
        if pattern.search(text):
            found += 1
    return found >= count


_DIGIT = re.compile(r"\d")


def holds_digit(text: str) -> bool:
    """Whether the text holds a digit, as \\d finds one. An ASCII text can hold only the ten
    ASCII digits, which `in` finds some thirty times faster than \\d reads the text."""
    if text.isascii():
        return any(digit in text for digit in "0123456789")
    return _DIGIT.search(text) is not None


def case_blind_clues(*clues: str) -> tuple[str, ...]:
    """Lower-case strings one of which every match of a case-blind pattern holds: found in the
    lower-cased text (see `holds_clue`), they spare the pattern's search, slow over a long text,
    when none is there. No clue may hold "i" or "s": IGNORECASE also finds those in "İ", "ı"
    and "ſ", which lower() does not turn into them."""
    for clue in clues:
        if clue != clue.lower() or "i" in clue or "s" in clue:
            raise ValueError(f"a clue must be lower case, without 'i' or 's': {clue!r}")
    return clues


def holds_clue(text: str, clues: tuple[str, ...]) -> bool:
    """Whether the text holds one of the clues, in any case."""
    lowered = text.lower()
    return any(clue in lowered for clue in clues)
