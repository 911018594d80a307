"""Security Council resolution numbers named in a text: "resolution 2397 (2017)",
"resolutions 2371, 2375 and 2397", "S/RES/2397 (2017)", "UNSCR 2397". Never a year, an amount,
a meeting number or a count, and never another body's resolution: not one with a session in
roman numerals ("1514 (XV)"), not one the text gives to the General Assembly or ECOSOC, not a
number past the last the Council had adopted by the statement's year
(data/council_resolutions.yaml).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml

from archive.model import ResolutionMention

# libyaml's loader where installed: the data files load in a tenth of the time.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

COUNCIL_DATA = Path(__file__).resolve().parent / "data" / "council_resolutions.yaml"


@functools.cache
def _council_data() -> tuple[dict[int, int], re.Pattern[str]]:
    """(last resolution adopted by the end of each year, the other bodies as a pattern that
    ends where a keyword would start)."""
    with open(COUNCIL_DATA, encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=_YAML_LOADER)
    bodies = sorted(data["other_bodies"], key=len, reverse=True)
    other = re.compile(
        r"\b(?:" + "|".join(re.escape(body) for body in bodies) + r")(?:['’]s)?"
        r"(?:\s(?:has\s|had\s)?(?:in|by|through|under|adopted|passed)(?:\s(?:its|their|the))?)?"
        r"\s{0,3}[(\[]?\s?$"
    )
    return {int(year): int(last) for year, last in data["last_adopted"].items()}, other


def last_adopted(year: int | None) -> int:
    """The highest number the Council had reached by the end of `year` (any year when None)."""
    table, _ = _council_data()
    if year is None or year > max(table):
        return table[max(table)]
    return table[max(year, min(table))]


#: The highest plausible resolution number; the Council passed 2,700 in 2023.
MAX_RESOLUTION = 3500

# A list item: a number, an optional "(2017)" or "of 2017" adoption year.
_ITEM = r"(?:No\.?\s{0,2}|Nos\.?\s{0,2}|number\s{1,2})?(?P<n>\d{1,4})(?![\d,.]\d|\s?%|\w)"
_YEAR_TAG = r"(?:\s{0,2}\(\s{0,2}(?:19|20)\d\d\s{0,2}\)|\s{1,2}of\s{1,2}(?:19|20)\d\d)"
# Between items of a list, or the two ends of a range ("1718 (2006) through 2397 (2017)").
_SEPARATOR = (
    r"(?:\s{0,2},\s{0,2}(?:and\s{1,2}|or\s{1,2})?|\s{1,2}(?:and|or|as\s+well\s+as|&|through|"
    r"thru|to|until)\s{1,2}|\s{0,2}[–—/]\s{0,2})"
)

# The keyword, then the first number; later numbers are found by `_NEXT_ITEM` from there.
# Each keyword opens with its first letter, for the regex engine to skip to (see
# patterns.AFTER_WORD_START): "resolution", "RESOLUTION", "Res.", "UNSCR", "S/RES/".
_KEYWORD = re.compile(
    r"(?:R(?<!\w.)(?:[eé]solutions?|ESOLUTIONS?|es\.)|r(?<!\w.)[eé]solutions?|U(?<!\w.)NSCRs?"
    r"|S(?<!\w.)/RES/)\s{0,3}"
    r"(?:No\.?\s{0,2}|Nos\.?\s{0,2}|number\s{1,2})?"
    r"(?P<n>\d{1,4})(?P<tail>(?:[(/]\s{0,2}(?:19|20)\d\d\s{0,2}\)?|" + _YEAR_TAG + r")?)"
)
_NEXT_ITEM = re.compile(_SEPARATOR + r"(?:S/RES/)?" + _ITEM + r"(?P<tail>" + _YEAR_TAG + r"?)")
# What must not follow a number for it to be a resolution: an ordinal, a unit, a thousands
# group, a decimal, or a count noun ("resolution 10 times").
_NOT_AFTER = re.compile(
    r"(?:st|nd|rd|th)\b|[,.]\d|(?<!\d{3})/\d|\s?%|\s{1,2}(?:times|members|votes|countries|states|"
    r"member|barrels|tons|tonnes|people|percent|per\s+cent|million|billion|years?|days?|"
    r"months?|weeks?|hours?|minutes?)\b",
    re.IGNORECASE,
)
# A General Assembly resolution's session in roman numerals after its number: "1514 (XV)",
# "724 A (VIII)", "1474 (ES-IV)", "3201 (S-VI)". The Council's carry a year, never a session.
_SESSION_TAG = re.compile(
    r"\.?\s{0,2}(?:[A-H]\s{0,2})?\(\s{0,2}(?:ES-|S-)?[IVXL][IVXLl]{0,6}\s{0,2}\)"
)
# Years a text names, bar those that are resolution numbers: a statement is no older than them.
_YEAR = re.compile(r"(?<![\d/.,-])(?:19[4-9]\d|20[0-4]\d)(?![\d/-])")
# After a number that could be a year, what shows it is still an item of the list.
_LIST_GOES_ON = re.compile(r"\s{0,2}(?:[,;.)]|and\b|or\b|$)")
# A stop, then the gap before the next sentence. The stop is matched, not looked behind for,
# so that the regex engine skips to stops instead of trying every position.
_SENTENCE_END = re.compile(r"[.!?](?P<gap>[\"”’)]?\s+)(?=[\"“‘(]?[A-Z0-9])")
_ABBREVIATION_END = re.compile(
    r"\b(?:No|Nos|Res|U\.N|U\.S|Mr|Ms|Mrs|Mme|Dr|St|Art|para|paras|H\.E|Amb|Gen|Lt|Col|Jan|Feb|Aug|Sept|Oct|Nov|Dec)\.$"
)


# Japanese, Korean and Chinese forms: "決議第1718号、第2270号及び第2397号", "결의 제2371호 및
# 제2375호", "第2397号决议"; each number carries its counter (号, 호), so no year or amount is one.
_CJK_ITEM = r"(?:第|제)?\s?(?P<n>\d{1,4})\s?(?:号|호|號)"
_CJK_KEYWORD = re.compile(
    r"(?:決議|决议|결의)\s?" + _CJK_ITEM + r"|第\s?(?P<m>\d{1,4})\s?号(?:决议|決議)"
)
_CJK_NEXT = re.compile(
    r"\s?(?:、|，|,|・|及び|および|並びに|ならびに|및|와|과|和|与)\s?" + _CJK_ITEM
)


def _cjk_numbered(text: str) -> list[tuple[int, int]]:
    numbers: list[tuple[int, int]] = []
    for match in _CJK_KEYWORD.finditer(text):
        group = "n" if match.group("n") else "m"
        numbers.append((int(match.group(group)), match.start(group)))
        position = match.end()
        while group == "n":
            item = _CJK_NEXT.match(text, position)
            if item is None:
                break
            numbers.append((int(item.group("n")), item.start("n")))
            position = item.end()
    return [(n, at) for n, at in numbers if 1 <= n <= MAX_RESOLUTION]


def _plausible(number: int, text: str, end: int, has_year: bool) -> bool:
    if not 1 <= number <= MAX_RESOLUTION:
        return False
    return has_year or not _NOT_AFTER.match(text, end)


def find_resolutions(text: str, year: int | None = None) -> list[int]:
    """Council resolution numbers named in a text, in order of appearance, with repeats;
    `year`: the statement's, which no number may be past the Council's last of."""
    numbered = _numbered(text)
    if numbered and max(numbered)[0] > last_adopted(year):
        bound = last_adopted(_latest_year([(text, numbered)], year))
        numbered = [item for item in numbered if item[0] <= bound]
    return [number for number, _ in numbered]


def _latest_year(texts: list[tuple[str, list[tuple[int, int]]]], year: int | None) -> int | None:
    """The statement's year, or a later year its text names outside resolution numbers: a date
    read wrong (an anecdote's year) must not drop the resolutions of the text's own time."""
    if year is None:
        return None
    latest = year
    for text, numbered in texts:
        skip = {at for _, at in numbered}
        for match in _YEAR.finditer(text):
            if match.start() not in skip:
                latest = max(latest, int(match.group()))
    return latest


def _other_body(text: str, start: int) -> bool:
    """Whether the words just before a keyword give the resolution to another body than the
    Council: "General Assembly resolution", "the Assembly in its resolution"."""
    _, other = _council_data()
    return other.search(text, max(0, start - 60), start) is not None


def _numbered(text: str) -> list[tuple[int, int]]:
    """(resolution number, position in the text) for each Council resolution named."""
    numbers: list[tuple[int, int]] = []
    if not text:
        return numbers
    if not text.isascii() and ("決" in text or "决" in text or "결의" in text):
        numbers.extend(_cjk_numbered(text))
    for match in _KEYWORD.finditer(text):
        number = int(match.group("n"))
        has_year = bool(match.group("tail"))
        if not _plausible(number, text, match.end("n"), has_year):
            continue
        foreign = _other_body(text, match.start())
        session = None if has_year else _SESSION_TAG.match(text, match.end("n"))
        if not (foreign or session):
            numbers.append((number, match.start("n")))
        position = session.end() if session else match.end()
        while True:
            item = _NEXT_ITEM.match(text, position)
            if item is None:
                break
            number, has_year = int(item.group("n")), bool(item.group("tail"))
            # A bare small number after a comma is a count or a paragraph, not a resolution.
            short = len(item.group("n")) < 3 and not has_year
            session = None if has_year else _SESSION_TAG.match(text, item.end("n"))
            year_like = (
                1945 <= number <= 2100
                and not has_year
                and not session
                and not _LIST_GOES_ON.match(text, item.end("n"))
            )
            if short or year_like or not _plausible(number, text, item.end("n"), has_year):
                break
            # A list goes on past an Assembly resolution ("3212 (XXIX) and 3395 (XXX)"), and
            # belongs to the body that heads it.
            if not (foreign or session):
                numbers.append((number, item.start("n")))
            position = session.end() if session else item.end()
    return numbers


def sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; abbreviations such as "No." and "U.N." do not end one."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        end = match.start("gap")
        # Only a full stop can end an abbreviation.
        if paragraph[end - 1] == "." and _ABBREVIATION_END.search(
            paragraph, max(start, end - 8), end
        ):
            continue
        spans.append((start, end))
        start = match.end()
    spans.append((start, len(paragraph)))
    return spans


def split_sentences(paragraph: str) -> list[str]:
    """A paragraph's sentences."""
    sentences = (paragraph[a:b].strip() for a, b in sentence_spans(paragraph))
    return [s for s in sentences if s]


def resolution_mentions(paragraphs: list[str], year: int | None = None) -> list[ResolutionMention]:
    """For each sentence of the body that names Council resolutions, one mention per number;
    `year`: the statement's, which no number may be past the Council's last of."""
    found: list[tuple[int, str, list[tuple[int, int]]]] = []
    # Most statements name no resolution: one test of the whole body spares a test of each
    # paragraph.
    if not _might_name_resolution("\n".join(paragraphs)):
        return []
    for index, paragraph in enumerate(paragraphs, start=1):
        if not _might_name_resolution(paragraph):
            continue
        numbered = _numbered(paragraph)
        if numbered:
            found.append((index, paragraph, numbered))
    if any(number > last_adopted(year) for _, _, numbered in found for number, _ in numbered):
        named = {p: n for _, p, n in found}
        bound = last_adopted(_latest_year([(p, named.get(p, [])) for p in paragraphs], year))
        found = [(i, p, [item for item in n if item[0] <= bound]) for i, p, n in found]
    mentions = []
    for index, paragraph, numbered in found:
        sentences = sentence_spans(paragraph)
        seen: set[tuple[int, int]] = set()
        for number, position in numbered:
            start, end = next(((a, b) for a, b in sentences if a <= position < b), (0, 0))
            if (number, start) in seen:
                continue
            seen.add((number, start))
            mentions.append(ResolutionMention(number, index, paragraph[start:end].strip()))
    return mentions


def _might_name_resolution(text: str) -> bool:
    lowered = text.lower()
    return (
        "resolution" in lowered
        or "unscr" in lowered
        or "s/res/" in lowered
        or "res." in lowered
        or "résolution" in lowered
        or (not text.isascii() and ("決議" in text or "决议" in text or "결의" in text))
    )
