"""Regular-expression building blocks shaped for the regex engine's fast scan, which skips to
the letters a match can start with only when the pattern begins with such a letter."""

from __future__ import annotations

import re

# A pattern that opens with \b or a lookbehind is tried at every position of a text. The same
# test made right after the first letter, as a two-character lookbehind, leaves that letter
# first: (?<!\w.) after a letter says what \b before it would.
AFTER_WORD_START = r"(?<!\w.)"


def whole_words(*words: str) -> str:
    """A pattern for any of `words` (literal text, each starting with a letter or a digit)
    standing as a whole word: what r"\\b(?:w1|w2|...)\\b" finds, found faster."""
    if not all(word[:1].isalnum() for word in words):
        raise ValueError(f"each word must start with a letter or a digit: {words}")
    alternatives = [re.escape(word[0]) + AFTER_WORD_START + re.escape(word[1:]) for word in words]
    return "(?:" + "|".join(alternatives) + r")\b"


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
