"""Dates in statement text: every written form ("December 23, 2017", "23 Dec. 2017",
"2017-12-23", "23/12/2017", datelines, "on the 29th", "on Tuesday") and the safe resolution of
partial dates against a known date of the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml

from archive.extract.patterns import case_blind_clues, holds_clue, holds_digit
from archive.model import DatePrecision, StatementDate


def _load_months() -> tuple[dict[str, tuple[int, bool]], list[str]]:
    """Month words of every language in data/months.yaml: word (lower case) -> (month, whether
    it is a month only when capitalised), and the words as they may be written."""
    data = yaml.safe_load((Path(__file__).parent / "data" / "months.yaml").read_text("utf-8"))
    numbers: dict[str, tuple[int, bool]] = {}
    for language in data.values():
        for month, names in enumerate(language["months"], start=1):
            for name in names:
                key = name.lower()
                capital = bool(language["capitalised"])
                # A word of two languages needs a capital only if both write one.
                known = numbers.get(key)
                numbers[key] = (month, capital and (known is None or known[1]))
    return numbers, sorted(numbers, key=len, reverse=True)


_MONTH_NUMBERS, _MONTH_WORDS = _load_months()


def _month_alternation(words: list[str]) -> str:
    """The month words as one alternation grouped by first letter, so that the regex engine
    tries only the words of the letter it meets; longest first within a letter, so that
    "September" is not read as "Sep"."""
    by_letter: dict[str, list[str]] = {}
    for word in words:
        by_letter.setdefault(word[0], []).append(re.escape(word[1:]))
    return "|".join(
        re.escape(letter) + "(?:" + "|".join(rests) + ")" for letter, rests in by_letter.items()
    )


# An abbreviation may end with a dot; a month is not the start of a longer word.
_MONTH_WORD = r"(?P<month>(?:" + _month_alternation(_MONTH_WORDS) + r")(?<=\w)\.?(?![^\W\d_]))"
_ORDINAL = r"(?:st|nd|rd|th)?"
# The last day of a range written with one month: "12-13", "16 and 17", "16 och 17".
_RANGE_END = (
    r"(?:(?:\s?[-–]\s?|\s(?:and|och|to|till|et|und)\s)(?P<end{n}>\d{{1,2}})(?:st|nd|rd|th)?)?"
)
#: A range of days up to this long is dated by its middle day, within two days of either end.
RANGE_DAYS = 5
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

# One pass finds every form; the alternatives are tried left to right at each position, so
# the full forms come before the partial ones they contain. Cheap tests come first, so that
# most words are turned away before any month is tried on them: \b, a first letter, and a
# digit within 13 characters, which every form has (at most "September", a comma and three
# spaces come before its day or year).
_DATE = re.compile(
    r"\b(?=[JFMASONDjfmasond\d])(?=\D{0,13}+\d)(?<![:/.\d-])(?:"
    # December 23, 2017 / Dec. 23 2017 / Sept. 12th, 2017 / April 12-13, 2018
    r"(?P<mdy>"
    + _MONTH_WORD
    + r"\s{0,3}(?P<day>\d{1,2})"
    + _ORDINAL
    + _RANGE_END.format(n=1)
    + r"\s{0,3},?\s{0,3}"
    r"(?:\(\w{3,9}\)\s{0,3})?(?:Juche\s{1,3}\d{1,3}\s{0,3}\(\s{0,2})?" + _YEAR + r")"
    # 23 December 2017 / 12 Sept. 2017 / 23rd of December, 2017 / 12-13 April 2018 /
    # 22. September 2024
    r"|(?P<dmy>(?P<day2>\d{1,2})"
    + _ORDINAL
    + _RANGE_END.format(n=2)
    + r"\.?\s{1,3}(?:of\s{1,3})?"
    + _MONTH_WORD.replace("month", "month2")
    + r",?\s{1,3}(?P<year2>(?:19|20)\d\d))"
    # 2017-12-23 / 2017/12/23 / 2017.12.23
    r"|(?P<ymd>(?P<year3>(?:19|20)\d\d)(?P<sep>[-/.])(?P<month3>\d{1,2})(?P=sep)(?P<day3>\d{1,2}))"
    # 23/12/2017 or 12/23/2017, only when unambiguous
    r"|(?P<num>(?P<first>\d{1,2})(?P<sep2>[/.])(?P<second>\d{1,2})(?P=sep2)"
    r"(?P<year4>(?:19|20)\d\d))"
    # December 2017
    r"|(?P<my>" + _MONTH_WORD.replace("month", "month5") + r",?\s{1,3}(?P<year5>(?:19|20)\d\d))"
    # Jan. 29 / 29 January, with no year
    r"|(?P<md>"
    + _MONTH_WORD.replace("month", "month6")
    + r"\s{0,3}(?P<day6>\d{1,2})"
    + _ORDINAL
    + r")"
    r"|(?P<dm>(?P<day7>\d{1,2})"
    + _ORDINAL
    + r"\s{1,3}(?:of\s{1,3})?"
    + _MONTH_WORD.replace("month", "month7")
    + r")"
    # Not inside a longer number, except a time glued to the year ("December 23, 20171:19 AM")
    # or joined to the day by a hyphen ("2023/02/18-21:32").
    r")(?:(?!\d|[/.-]\d)|(?<=\d{4})(?=\d{1,2}:\d\d)|(?<=\d)(?=-\d{1,2}:\d\d))",
    re.IGNORECASE,
)
# KCNA's own form: "Juche113(2024).3.29." or "Juche 113 (2024). 3. 29".
_JUCHE_DATE = re.compile(r"Juche\s?\d{1,3}\s?\(((?:19|20)\d\d)\)\.\s?(\d{1,2})\.\s?(\d{1,2})\b")
# Without the Gregorian year: "(Juche105.3.4.)"; Juche 1 is 1912.
_JUCHE_ONLY = re.compile(r"Juche\s?(\d{2,3})\.\s?(\d{1,2})\.\s?(\d{1,2})\b")
JUCHE_OFFSET = 1911
# East Asian forms: 2017年12月23日, 2017년 12월 23일.
_CJK_DATE = re.compile(r"((?:19|20)\d\d)\s?[年년]\s?(\d{1,2})\s?[月월]\s?(\d{1,2})\s?[日일]")
# Japan's era calendar: 令和5年4月13日 (Reiwa 5 is 2023; 元年 is an era's first year).
_ERA_DATE = re.compile(r"(令和|平成|昭和)\s?(\d{1,2}|元)\s?年\s?(\d{1,2})\s?月\s?(\d{1,2})\s?日")
_ERA_OFFSET = {"令和": 2018, "平成": 1988, "昭和": 1925}

# The lookahead names every alternative's first letter: most words are rejected on it, before
# the alternatives are tried one by one.
_RELATIVE = re.compile(
    r"\b(?=[eflmostwy])(?:(?P<the>on\s+the\s+(?P<nth>\d{1,2})(?:st|nd|rd|th))"
    r"|(?P<weekday>(?:(?:on|last|this|early|late)\s+)?"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?)"
    r"|(?P<yesterday>yesterday)|(?P<today>today|tonight|this\s+(?:morning|afternoon|evening))"
    r"|(?P<vague>last\s+(?:week|month|year)|earlier\s+this\s+(?:week|month)|this\s+week))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateHit:
    """A date written in the text; `year` is None for a partial date such as "Jan. 29"."""

    start: int
    end: int
    evidence: str
    year: int | None
    month: int | None
    day: int | None

    @property
    def precision(self) -> DatePrecision:
        if self.year is None:
            return "unknown"
        if self.month is None:
            return "year"
        return "day" if self.day is not None else "month"

    @property
    def complete(self) -> bool:
        return self.year is not None

    def as_date(self, source: str) -> StatementDate:
        if self.year is None:
            return StatementDate(precision="unknown", source=source, evidence=self.evidence)
        return StatementDate(
            self.year,
            self.month,
            self.day if self.month else None,
            precision=self.precision,
            source=source,
            evidence=self.evidence,
        )


def _month_number(word: str) -> int | None:
    known = _MONTH_NUMBERS.get(word.rstrip(".").lower())
    if known is None:
        return None
    # Lower-case English "may" or "march" is a verb, not a month; Swedish "maj" is a month.
    month, capital = known
    return None if capital and not word[0].isupper() else month


def _valid(year: int, month: int, day: int | None) -> bool:
    if not 1945 <= year <= 2100 or not 1 <= month <= 12:
        return False
    if day is None:
        return True
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _hit(match: re.Match[str], day_first: bool | None = None) -> DateHit | None:
    """The date a match of `_DATE` stands for, or None when it is not a valid date.
    `day_first`: read "12/03/2019" as 12 March (True, as everyone but Americans writes it)
    or as 3 December (False); None leaves it unread."""
    g = match.group
    evidence = match.group(0).strip()
    start, end = match.span()
    if g("mdy") or g("dmy"):
        n = "" if g("mdy") else "2"
        year, month, day = int(g("year" + n)), _month_number(g("month" + n)), int(g("day" + n))
        last = g("end1" if g("mdy") else "end2")
        if last is not None and month is not None:
            span = int(last) - day + 1
            if not 2 <= span <= 31 or not _valid(year, month, int(last)):
                return None
            if span > RANGE_DAYS:
                if not _valid(year, month, None):
                    return None
                return DateHit(start, end, evidence, year, month, None)
            day += (span - 1) // 2  # "April 12-13" or "16-18 May": the middle day
    elif g("ymd"):
        year, month, day = int(g("year3")), int(g("month3")), int(g("day3"))
    elif g("num"):
        first, second, year = int(g("first")), int(g("second")), int(g("year4"))
        if first > 12 >= second:
            day, month = first, second
        elif second > 12 >= first or first == second:
            month, day = first, second
        elif g("sep2") == "." or day_first:
            day, month = first, second  # 12.06.2009: dots are day-first wherever they are used
        elif day_first is False:
            month, day = first, second
        else:
            return None  # 03/04/2017: April 3 or March 4, the text does not say
    elif g("my"):
        month = _month_number(g("month5"))
        if month is None or not _valid(int(g("year5")), month, None):
            return None
        return DateHit(start, end, evidence, int(g("year5")), month, None)
    else:
        month_word, day_text = (g("month6"), g("day6")) if g("md") else (g("month7"), g("day7"))
        month = _month_number(month_word)
        day = int(day_text)
        if month is None or not _valid(2000, month, day):
            return None
        return DateHit(start, end, evidence, None, month, day)
    if month is None or not _valid(year, month, day):
        return None
    return DateHit(start, end, evidence, year, month, day)


def find_dates(text: str, day_first: bool | None = None) -> list[DateHit]:
    """Every date written in a text, complete or partial, in order of appearance; a date
    such as "03/04/2017" only when `day_first` says how the page writes it."""
    if not holds_digit(text):
        return []  # every form has a digit, and a text without one is quick to tell
    hits = [hit for match in _DATE.finditer(text) if (hit := _hit(match, day_first))]
    extra = []
    if "年" in text or "년" in text:
        extra.extend(_CJK_DATE.finditer(text))
        extra.extend(_ERA_DATE.finditer(text))
    if "Juche" in text:
        extra.extend(_JUCHE_DATE.finditer(text))
        extra.extend(_JUCHE_ONLY.finditer(text))
    for match in extra:
        if match.re is _ERA_DATE:
            era, in_era, month_text, day_text = match.groups()
            year = _ERA_OFFSET[era] + (1 if in_era == "元" else int(in_era))
            month, day = int(month_text), int(day_text)
        else:
            year, month, day = (int(x) for x in match.groups())
        if match.re is _JUCHE_ONLY:
            year += JUCHE_OFFSET
        if _valid(year, month, day):
            start, end = match.span()
            # The full form replaces any partial reading of its parts.
            hits = [hit for hit in hits if hit.end <= start or hit.start >= end]
            hits.append(DateHit(start, end, match.group(0), year, month, day))
    if extra:
        hits.sort(key=lambda hit: hit.start)
    return hits


def only_date(text: str) -> DateHit | None:
    """The date when a line is nothing but a date (with at most a place, weekday, time or a
    label such as "Posted on"), e.g. "New York, 17 September 2018" or "Updated: 2024-03-30"."""
    if len(text) > 160:
        return None
    hits = find_dates(text)
    if hits and hits[0].complete and _PUBLISHED_LABEL.match(text):
        # "Published : Nov. 18, 2022 - 16:12 Updated : Nov. 18, 2022 - 18:20": the first.
        return hits[0]
    update = _LATER_UPDATE.search(text) if len(hits) > 1 else None
    if update is not None and hits[0].end <= update.start():
        # "July 13, 2023 6:05 AM GMT+9 Updated July 13, 2023": the date before the update.
        return only_date(text[: update.start()])
    if len(text) > 90:
        return None
    if len(hits) != 1:
        return None
    rest = _DATE_LINE_NOISE.sub(" ", text[: hits[0].start] + " " + text[hits[0].end :])
    if _EVENT_WORD.search(rest):
        return None  # "Department Press Briefing – May 26, 2022": a headline with its date
    return hits[0] if _PLACE_ONLY.fullmatch(rest) else None


# An update written after the publication date on the same line.
_LATER_UPDATE = re.compile(
    r"\s(?:[|·•–—-]\s)?(?:updated|last\s+updated|modified|last\s+modified)\b", re.IGNORECASE
)
_EVENT_WORD = re.compile(
    r"\b(?:briefing|conference|statement|remarks|meeting|speech|interview|session)\b", re.I
)


_DATE_LINE_NOISE = re.compile(
    r"\b(?:date|dated|posted|published|updated|last\s+updated|released|issued|modified|created"
    r"|on|at|as\s+of|time|den|kl|juche\s+\d{1,3}|(?:mon|tues|wednes|thurs|fri|satur|sun)day"
    r"|[ap]\.?m\b\.?|(?:GMT|UTC)[+-]\d{1,2}(?::?\d\d)?|KST|JST|GMT|UTC|EST|EDT|CET|CEST|BST)\b"
    r"|(?:https?://)?(?:www\.)?[a-z][\w-]*(?:\.[a-z][\w-]*)+(?:/\S*)?"
    r"|\d{1,2}:\d\d(?::\d\d)?|\b\d{1,2}(?:[.:]\d\d)?\s?[ap]\.m\.|[(][^()]{0,6}[)]",
    re.IGNORECASE,
)
# What may be left of a date line: a place of up to four capitalised words and punctuation.
_PLACE_ONLY = re.compile(r"[^\w]*(?:[A-Z][\w.'’-]*[^\w]*){0,4}")


_PUBLISHED_LABEL = re.compile(
    r"^[\s*_>]*(?:posted|published|updated|last\s+updated|modified|last\s+modified|created|"
    r"uploaded|issued\s+on|write|written|input|입력|publicerad|publicerat|uppdaterad|"
    r"publié|veröffentlicht)\b",
    re.I,
)
_UPDATE_LABEL = re.compile(
    r"^[\s*_>]*(?:updated|last\s+updated|modified|last\s+modified|uppdaterad)\b", re.I
)


def is_published_label(text: str) -> bool:
    """Whether a date line says when the page was published rather than when it was said."""
    return bool(_PUBLISHED_LABEL.match(text))


def is_update_label(text: str) -> bool:
    """Whether a date line says when the page was last changed ("Updated on ...")."""
    return bool(_UPDATE_LABEL.match(text))


@dataclass(frozen=True)
class RelativeHit:
    """A date expression that needs a reference date: "on the 29th", "on Tuesday"."""

    evidence: str
    kind: str  # "nth", "weekday", "yesterday", "today" or "vague"
    value: int | None = None  # the day of the month, or the weekday (Monday = 0)
    start: int = 0  # position in the text


# Every relative expression holds one of these, in any case, or a day's ordinal ("29th"):
# looking for them first spares the pattern's search of a text that has none.
_RELATIVE_CLUES = case_blind_clues(
    "day", "ton", "morn", "afternoon", "even", "week", "month", "year"
)
_DAY_ORDINAL = re.compile(r"\d(?:st|nd|rd|th)", re.IGNORECASE)


def find_relative(text: str) -> list[RelativeHit]:
    """Relative date expressions in a text, in order."""
    hits: list[RelativeHit] = []
    if not holds_clue(text, _RELATIVE_CLUES) and not (
        holds_digit(text) and _DAY_ORDINAL.search(text)
    ):
        return hits
    for match in _RELATIVE.finditer(text):
        evidence = match.group(0)
        if match.group("the"):
            day = int(match.group("nth"))
            if 1 <= day <= 31:
                hits.append(RelativeHit(evidence, "nth", day, match.start()))
        elif match.group("weekday"):
            words = evidence.lower().split()
            weekday = next((_WEEKDAYS.index(w) for w in words if w in _WEEKDAYS), None)
            hits.append(RelativeHit(evidence, "weekday", weekday, match.start()))
        elif match.group("yesterday"):
            hits.append(RelativeHit(evidence, "yesterday", None, match.start()))
        elif match.group("today"):
            hits.append(RelativeHit(evidence, "today", None, match.start()))
        else:
            hits.append(RelativeHit(evidence, "vague", None, match.start()))
    return hits


def resolve_relative(hit: RelativeHit, reference: date) -> date | None:
    """The day a relative expression means, counted back from the date the document was
    written; None when that is not safe (vague, or too far from the reference)."""
    if hit.kind == "today":
        return reference
    if hit.kind == "yesterday":
        return reference - timedelta(days=1)
    if hit.kind == "weekday" and hit.value is not None:
        back = (reference.weekday() - hit.value) % 7
        if back == 0 and hit.evidence.lower().startswith("last"):
            back = 7
        return reference - timedelta(days=back)
    if hit.kind == "nth" and hit.value is not None:
        year, month = reference.year, reference.month
        if hit.value > reference.day:
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        if not _valid(year, month, hit.value):
            return None
        resolved = date(year, month, hit.value)
        return resolved if (reference - resolved).days <= 20 else None
    return None


def resolve_partial(hit: DateHit, reference: date) -> date | None:
    """The year of a "Jan. 29" written in a document of a known date: the latest such day not
    after the reference (a day of slack for time zones), if within half a year; else None."""
    if hit.month is None or hit.day is None:
        return None
    for year in (reference.year + 1, reference.year, reference.year - 1):
        if not _valid(year, hit.month, hit.day):
            continue
        candidate = date(year, hit.month, hit.day)
        gap = (reference - candidate).days
        if -1 <= gap <= 183:
            return candidate
    return None


def day_of(value: StatementDate) -> date | None:
    """A StatementDate as a calendar day, when it is known to the day."""
    if value.precision != "day" or value.year is None or value.month is None or not value.day:
        return None
    return date(value.year, value.month, value.day)


def from_day(day: date, source: str, evidence: str) -> StatementDate:
    return StatementDate(
        day.year, day.month, day.day, precision="day", source=source, evidence=evidence
    )


_UNIT_WORDS = [
    *("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven"),
    *("twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen"),
    "nineteen",
]
_UNIT_ORDINALS = [
    *("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"),
    *("tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth"),
    *("seventeenth", "eighteenth", "nineteenth"),
]
_TEN_WORDS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60}
_TEN_ORDINALS = {"twentieth": 20, "thirtieth": 30}
# A proclamation's sign-off: "IN WITNESS WHEREOF, I have hereunto set my hand this thirtieth
# day of April, in the year of our Lord two thousand twenty-one".
_WITNESS = re.compile(
    r"\bthis\s+(?P<day>[a-z-]+|\d{1,2}(?:st|nd|rd|th))\s+day\s+of\s+(?P<month>[A-Z][a-z]+),?"
    r"\s+in\s+the\s+year\s+of\s+our\s+Lord\s+two\s+thousand(?:\s+and)?(?P<rest>(?:[\s-]+[a-z]+){0,2})"
)


def _number_words(words: str, ordinal: bool) -> int | None:
    """1-99 written in words ("twenty-one", "thirtieth"); None for anything else."""
    parts = [w for w in re.split(r"[\s-]+", words.strip().lower()) if w]
    units = _UNIT_ORDINALS if ordinal else _UNIT_WORDS
    tens = _TEN_ORDINALS if ordinal else {}
    if len(parts) == 1:
        if parts[0] in units:
            return units.index(parts[0]) + 1
        return tens.get(parts[0], _TEN_WORDS.get(parts[0]) if not ordinal else None)
    if len(parts) == 2 and parts[0] in _TEN_WORDS and parts[1] in units[:9]:
        return _TEN_WORDS[parts[0]] + units.index(parts[1]) + 1
    return None


def witness_date(text: str) -> DateHit | None:
    """The day a proclamation or order is signed, written out in words in its sign-off."""
    if "our Lord" not in text:
        return None
    match = _WITNESS.search(text)
    if match is None:
        return None
    day_text = match.group("day")
    day = int(day_text[:-2]) if day_text[0].isdigit() else _number_words(day_text, True)
    rest = match.group("rest").strip()
    year = 2000 + (_number_words(rest, False) or 0) if rest else 2000
    month = _month_number(match.group("month"))
    if day is None or month is None or (rest and year == 2000) or not _valid(year, month, day):
        return None
    start, end = match.span()
    return DateHit(start, end, match.group(0), year, month, day)
