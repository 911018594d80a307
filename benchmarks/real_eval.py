"""How right the parser is on real statements (issue 14): runs the build's extract path (a
statement file with no front matter) over ../shared/corpus/real-dev.jsonl.gz and prints, per
source and overall, each of the issue's measures with its target met or missed.

Usage:
    python benchmarks/real_eval.py [--slice N] [--source S] [--failures FIELD]
                                   [--persons-sample] [--report]

The measures, and where their truth comes from:
- dates shown: of statements whose source gives a date (truth.date; some Swedish pages give
  none and are not judged), a statement's date agrees with the source's own date when both are
  days no more than two days apart, or else when they agree at the coarser of their two
  precisions (same month, or same year; general debate speeches are dated by year only);
- dates the text states: (a) on the hand labels (tests/extract/data/real-labels.yaml), each
  label's `date_in_text` with a year, found when the date shown agrees with it; (b) on every
  statement, by a definition that needs no labels: a date from two days before truth.date to
  the day after it (a later one is an event the text announces; for
  a month-precise truth, any day of that month) written out in the first 5 or last 5 non-empty
  lines, in English, Swedish or Spanish, with month names ("May 24, 2021", "24 May 2021",
  "den 8 september 2020", "24 de febrero de 2016", "April 12-13, 2018", "May 27, Juche 113
  (2024)", "fifteenth day of September, in the year of our Lord two thousand twenty-two") or
  numeric ("2021-05-24", "5/24/2021"); found when the date shown agrees with truth.date;
- speakers, document types and languages: on the hand labels. A speaker is found when the
  name shown is the labelled person's (names compared without case, diacritics, initials,
  "Jr.", word order or common short forms: "Joe" is "Joseph"; a name that only adds or drops
  middle names, or the surname alone, is the same; a title in the name, as in "President
  Biden", is not a name and does not match); a speaker shown is wrong unless it is the
  labelled speaker or one of the label's `also_ok`;
- resolution mentions: every number the parser takes as a Security Council resolution, checked
  (a) against hand labels of a seeded sample of mentions found by a broad pattern
  (tests/extract/data/real-resolution-labels.yaml), and (b) on the whole corpus by rules any
  reader applies: a roman session after the number ("1514 (XV)", "(ES-10)"), "A/RES/", a
  General Assembly, ECOSOC or Human Rights Council resolution named before the number, or a
  number past the last one the Council had adopted by the end of the statement's year;
- persons: a seeded random sample of 100 person pages (`--persons-sample` prints it, with
  where each name stands, for judging); verdicts in tests/extract/data/real-person-labels.yaml
  keyed by name; and no two person pages of the 200 most cited with the same name key;
- speed: statements and words per second of CPU time, on one core.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from real_corpus import corpus_path  # noqa: E402  (one lookup for every script)

from archive.content.read import SourceDocument, parse_people  # noqa: E402
from archive.extract import extract_statement  # noqa: E402
from archive.extract.countries import canonical_country  # noqa: E402
from archive.link import person_page_id  # noqa: E402
from archive.model import PeopleDirectory, Statement, StatementDate  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "extract" / "data"
LABELS = DATA / "real-labels.yaml"
RESOLUTION_LABELS = DATA / "real-resolution-labels.yaml"
PERSON_LABELS = DATA / "real-person-labels.yaml"
SOURCES = ["kcna", "wh", "state", "ungdc", "sweden"]
SEED = 14
#: Statements of the fixed slice the CI test runs: every labelled one, then seeded others.
SLICE = 400
#: Words per CPU second of the parser on the whole corpus before the issue-14 work (main at
#: f403add, measured by this script on this machine, 2026-12-06), and the CPU seconds of the
#: calibration work in that run. The CPU time of the same work grows by a third when the
#: shared machine is busy, so the speed compared with the target is words per second times
#: the calibration's seconds: the parser's speed in units of the machine's speed of the moment.
#: Two runs at a load average of 8 to 9.5: 231,626 words/s with rounds of 9.6 ms, 236,728 at
#: 9.2 ms (products 2 % apart); a calmer run at 02:49 gave 249,000 without calibration.
#: Runs still vary by about 10 %, so 90 % of the baseline counts as met.
BASELINE_WORDS_PER_SECOND = 234_000
BASELINE_CALIBRATION_SECONDS = 0.0094
SPEED_TOLERANCE = 0.9
#: Judged persons the sample of 100 needs before its share is reported.
PERSONS_JUDGED_AT_LEAST = 80

#: Labelled Security Council mentions whose number the parser takes (recall, kept).
SC_RECALL = "Security Council resolutions of the labels taken"
#: The issue's targets: (measure, at least or at most, threshold).
TARGETS: list[tuple[str, str, float]] = [
    ("dates shown that agree with the source", "min", 0.98),
    ("dates the text states, found (labels)", "min", 0.95),
    ("dates the text states, found (whole corpus)", "min", 0.95),
    ("named speakers found (labels)", "min", 0.90),
    ("speakers shown that are wrong (labels)", "max", 0.02),
    ("persons in the sample that are real persons, rightly named", "min", 0.95),
    ("top-200 persons under two ids (same name key)", "max", 0),
    ("resolution mentions not of the Security Council (rules)", "max", 0.01),
    ("resolution mentions not of the Security Council (labels)", "max", 0.01),
    ("document type right (labels)", "min", 0.90),
    ("language right (labels)", "min", 0.98),
    ("words per second vs before the work", "min", SPEED_TOLERANCE),
]


def load_corpus(path: Path) -> list[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def label_sample(rows: list[dict[str, Any]], seed: int = SEED, per_source: int = 45) -> list[str]:
    """The ids drawn for hand labelling: `per_source` of each source, seeded."""
    ids: list[str] = []
    for source in SOURCES:
        pool = sorted(r["id"] for r in rows if r["source"] == source)
        ids += sorted(random.Random(f"{seed}-{source}").sample(pool, min(per_source, len(pool))))
    return ids


def fixed_slice(rows: list[dict[str, Any]], keep: Iterable[str], size: int) -> list[dict]:
    """`size` statements: those in `keep` (the labelled ones) and seeded others, in corpus order."""
    wanted = set(keep)
    others = sorted(r["id"] for r in rows if r["id"] not in wanted)
    extra = max(0, size - len(wanted))
    wanted |= set(random.Random(f"{SEED}-slice").sample(others, min(extra, len(others))))
    return [r for r in rows if r["id"] in wanted]


def load_yaml(path: Path, default: Any) -> Any:
    if not path.is_file():
        return default
    return yaml.safe_load(path.read_text(encoding="utf-8")) or default


# --- running the parser -------------------------------------------------------------------------


@dataclass
class Observed:
    """One statement of the corpus, and what the build made of it."""

    row: dict[str, Any]
    statement: Statement
    words: int

    @property
    def id(self) -> str:
        return self.row["id"]

    @property
    def source(self) -> str:
        return self.row["source"]


def people_directory() -> PeopleDirectory:
    path = ROOT / "content" / "people.yaml"
    return PeopleDirectory.of(parse_people(path.read_text(encoding="utf-8"), str(path)))


_CALIBRATION_TEXT = " ".join(f"Word{i % 97} of the Text, number {i}." for i in range(3000))
_CALIBRATION_PATTERN = re.compile(r"\b[A-Z][a-z]+\d*\b|\d+")
#: Statements parsed between two rounds of calibration work, so that it samples the same
#: moments of the machine as the parsing does.
CALIBRATE_EVERY = 100


def calibration_seconds(rounds: int = 5) -> float:
    """CPU seconds per round of a fixed piece of work that does not depend on the parser
    (regular expressions, splitting, sorting and joining over a fixed text, as a parser does),
    to tell a busy machine from a slow parser."""
    start = time.process_time()
    for _ in range(rounds):
        found = _CALIBRATION_PATTERN.findall(_CALIBRATION_TEXT)
        words = sorted(set(_CALIBRATION_TEXT.split()))
        "".join(reversed(found)).count(words[0])
    return (time.process_time() - start) / rounds


#: CPU seconds per calibration round during the last `run_parser`.
last_calibration: list[float] = []


def run_parser(rows: list[dict[str, Any]]) -> tuple[list[Observed], float]:
    """Each statement through `extract_statement` as a file with no front matter; the CPU
    seconds the parsing took (this process only: one core). Calibration rounds between
    statements are kept in `last_calibration`."""
    people = people_directory()
    observed: list[Observed] = []
    spent = 0.0
    last_calibration.clear()
    for number, row in enumerate(rows):
        if number % CALIBRATE_EVERY == 0:
            last_calibration.append(calibration_seconds())
        document = SourceDocument(path=f"content/statements/{row['id']}.md", text=row["text"])
        start = time.process_time()
        statement = extract_statement(document, people)
        spent += time.process_time() - start
        observed.append(Observed(row, statement, len(row["text"].split())))
    return observed, spent


# --- dates --------------------------------------------------------------------------------------


def _parts(iso: str) -> tuple[int, int | None, int | None]:
    pieces = [int(p) for p in iso.split("-")]
    return (
        pieces[0],
        (pieces[1] if len(pieces) > 1 else None),
        (pieces[2] if len(pieces) > 2 else None),
    )


def date_agrees(shown: StatementDate, truth: str) -> bool:
    """Within two days when both are days; else the same at the coarser precision."""
    if not shown.known or not truth:
        return False
    year, month, day = _parts(truth)
    if shown.day is not None and day is not None:
        return abs((date(shown.year, shown.month, shown.day) - date(year, month, day)).days) <= 2
    if shown.year != year:
        return False
    if shown.month is None or month is None:
        return True
    return shown.month == month


def month_day_agrees(shown: StatementDate, month_day: str) -> bool:
    """A shown date against a day and month the text gives without a year ("--10-16")."""
    if shown.day is None:
        return False
    month, day = (int(p) for p in month_day.strip("-").split("-"))
    for year in (shown.year - 1, shown.year, shown.year + 1):
        try:
            if abs((date(shown.year, shown.month, shown.day) - date(year, month, day)).days) <= 2:
                return True
        except ValueError:  # 29 February of a common year
            continue
    return False


MONTHS_EN = "January February March April May June July August September October November December"
MONTHS_SV = "januari februari mars april maj juni juli augusti september oktober november december"
MONTHS_ES = (
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre"
)
_ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
]
_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


def _ordinal_words(day: int) -> str:
    if day <= 20:
        return _ORDINALS[day - 1]
    tens = "twenty" if day < 30 else "thirty"
    rest = day % 10
    return (tens + "-" + _ORDINALS[rest - 1]) if rest else ("thirtieth" if day == 30 else tens)


def _year_words(year: int) -> str:
    rest = year - 2000
    if not 1 <= rest <= 99 or year < 2000:
        return "\0"  # only the 21st century's proclamations are in the corpus
    tens = ["", "ten", "twenty", "thirty"][rest // 10] if rest >= 20 or rest == 10 else ""
    teens = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen"
    if 10 <= rest < 20:
        words = teens.split()[rest - 10]
    elif rest % 10 and tens:
        words = f"{tens}-{_UNITS[rest % 10 - 1]}"
    elif rest % 10:
        words = _UNITS[rest - 1]
    else:
        words = tens
    return f"two thousand {words}"


def _date_patterns(day: date) -> list[str]:
    """Ways a text writes `day` (regex sources, case-insensitive)."""
    y, m, d = day.year, day.month, day.day
    en, sv, es = MONTHS_EN.split()[m - 1], MONTHS_SV.split()[m - 1], MONTHS_ES.split()[m - 1]
    short = en[:3]
    dd = rf"0?{d}(?:<sup>)?(?:st|nd|rd|th)?(?:</sup>)?"  # "26<sup>th</sup>" in scraped pages
    rng = rf"{dd}(?:\s*[-–]\s*\d{{1,2}})?"  # "April 12-13, 2018"
    return [
        rf"\b(?:{en}|{short}\.?)\s+{rng},?\s+(?:Juche\s+\d+\s+\()?{y}\b",
        rf"\b{rng}(?:\s+day)?(?:\s+of)?\s+(?:{en}|{short}\.?),?\s+{y}\b",
        rf"\b{dd}\s*[-–]?\s*(?:\d{{1,2}}\s+)?{sv}\s+{y}\b",
        rf"\b{d}\s+de\s+{es}\s+de\s+{y}\b",
        rf"\b{y}-{m:02d}-{d:02d}\b",
        rf"\b0?{m}/0?{d}/{y}\b",
        rf"\b{_ordinal_words(d)}\s+day\s+of\s+{en},\s+in\s+the\s+year\s+of\s+our\s+lord\s+{_year_words(y)}\b",
    ]


_PATTERN_CACHE: dict[tuple[int, int, int], re.Pattern] = {}


def stated_in_text(text: str, truth: str) -> str | None:
    """The words, in the first or last 5 non-empty lines, that write a date from two days
    before `truth` to the day after (any day of its month for a month); None if none does.
    Year-only truths: None."""
    if not truth:
        return None
    year, month, day = _parts(truth)
    if month is None:
        return None
    if day is None:
        first = date(year, month, 1)
        days = [first + timedelta(n) for n in range(31) if (first + timedelta(n)).month == month]
    else:
        days = [date(year, month, day) + timedelta(n) for n in range(-2, 2)]
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    window = "\n".join(lines[:5] + lines[5:][-5:])
    for candidate in days:
        key = (candidate.year, candidate.month, candidate.day)
        if key not in _PATTERN_CACHE:
            _PATTERN_CACHE[key] = re.compile("|".join(_date_patterns(candidate)), re.IGNORECASE)
        found = _PATTERN_CACHE[key].search(window)
        if found:
            return found.group(0)
    return None


# --- names --------------------------------------------------------------------------------------

_SHORT_FORMS = {"joe": "joseph", "tony": "antony", "bill": "william", "bob": "robert"}
_NOT_NAME_PARTS = {"jr", "sr", "ii", "iii", "iv", "mr", "mrs", "ms", "dr", "h", "e"}
#: Words a person's page may carry before a name; dropped for the top-200 check's key only.
_TITLE_WORDS = set(
    [
        "president",
        "vice",
        "secretary",
        "minister",
        "prime",
        "foreign",
        "deputy",
        "chairman",
        "general",
        "marshal",
        "comrade",
        "respected",
        "ambassador",
        "spokesperson",
        "spokesman",
        "senator",
        "governor",
        "king",
        "queen",
        "prince",
        "his",
        "her",
        "excellency",
        "first",
        "lady",
        "chancellor",
        "premier",
        "director",
        "representative",
        "state",
        "the",
        "of",
    ]
)


def name_tokens(name: str) -> list[str]:
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    tokens = re.findall(r"[a-z0-9]+", plain)
    return [_SHORT_FORMS.get(t, t) for t in tokens if len(t) > 1 and t not in _NOT_NAME_PARTS]


def same_person(shown: str, label: str) -> bool:
    """The same name but for case, diacritics, initials, "Jr.", order, short forms or middle
    names: the shorter name's words all in the longer, which starts and ends alike."""
    a, b = name_tokens(shown), name_tokens(label)
    if not a or not b:
        return False
    if set(a) == set(b) or a == b[-1:]:  # "Biden" for "Joe Biden": the surname alone is his
        return True
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return (
        len(short) >= 2 and set(short) <= set(long) and {short[0], short[-1]} == {long[0], long[-1]}
    )


def person_key(name: str) -> str:
    """The top-200 check's key: name words without titles, sorted."""
    return " ".join(sorted(t for t in name_tokens(name) if t not in _TITLE_WORDS))


# --- resolutions --------------------------------------------------------------------------------

#: Number of the last resolution the Security Council had adopted by the end of each year
#: (un.org/securitycouncil/content/resolutions), for "a number the Council never reached".
_LAST_RESOLUTION = {
    1946: 19,
    1947: 38,
    1948: 66,
    1949: 79,
    1950: 89,
    1951: 96,
    1952: 98,
    1953: 103,
    1954: 106,
    1955: 110,
    1956: 121,
    1957: 126,
    1958: 131,
    1959: 133,
    1960: 161,
    1961: 170,
    1962: 176,
    1963: 186,
    1964: 199,
    1965: 217,
    1966: 232,
    1967: 244,
    1968: 262,
    1969: 276,
    1970: 293,
    1971: 307,
    1972: 325,
    1973: 344,
    1974: 366,
    1975: 383,
    1976: 402,
    1977: 422,
    1978: 444,
    1979: 462,
    1980: 484,
    1981: 502,
    1982: 529,
    1983: 544,
    1984: 559,
    1985: 581,
    1986: 594,
    1987: 605,
    1988: 627,
    1989: 646,
    1990: 683,
    1991: 726,
    1992: 799,
    1993: 891,
    1994: 964,
    1995: 1030,
    1996: 1087,
    1997: 1148,
    1998: 1219,
    1999: 1284,
    2000: 1334,
    2001: 1385,
    2002: 1456,
    2003: 1516,
    2004: 1580,
    2005: 1652,
    2006: 1733,
    2007: 1794,
    2008: 1858,
    2009: 1906,
    2010: 1964,
    2011: 2032,
    2012: 2086,
    2013: 2132,
    2014: 2197,
    2015: 2258,
    2016: 2336,
    2017: 2397,
    2018: 2451,
    2019: 2505,
    2020: 2560,
    2021: 2616,
    2022: 2672,
    2023: 2722,
    2024: 2767,
    2025: 2810,
    2026: 2860,
}
#: A broad net for mentions of a numbered resolution (the sample for hand labels).
BROAD_RESOLUTION = re.compile(
    r"\b(?:resolution|resolutions|resolutionen|resolutionerna|UNSCR|S/RES/)\s*(?:No\.?\s*)?"
    r"(\d{1,4})\b(?:\s*\(([^)]{1,14})\))?",
    re.IGNORECASE,
)
_ROMAN_SESSION = re.compile(r"^\s*\((?:ES-)?[IVXLC]+\)|^\s*\(ES-\d+\)|^\s*\(S-[IVXLC\d]+\)")
_OTHER_BODY = re.compile(
    r"\b(?:General\s+Assembly|GA|ECOSOC|Economic\s+and\s+Social\s+Council|Human\s+Rights\s+"
    r"Council|HRC|WHA|IAEA|Board\s+of\s+Governors)\s+[Rr]esolutions?\b[^.;]{0,40}$"
)


def not_council(sentence: str, number: int, year: int | None) -> str | None:
    """Why a mention of resolution `number` in `sentence` is not of the Security Council, by
    the rules a reader applies; None when none applies."""
    if year and number > _LAST_RESOLUTION.get(year, 10_000):
        return f"{number} is past the Council's last resolution by the end of {year}"
    for found in re.finditer(rf"(?<![\d.]){number}(?!\d)", sentence):
        after, before = sentence[found.end() :], sentence[: found.start()]
        if _ROMAN_SESSION.match(after):
            return "a roman session follows the number"
        if re.search(r"A/RES/[\dA-Z/-]*$", before):
            return "A/RES/ symbol"
        if _OTHER_BODY.search(before):
            return "another body's resolution"
    return None


def truth_year(row: dict[str, Any]) -> int | None:
    value = row["truth"].get("date") or ""
    return int(value[:4]) if value[:4].isdigit() else None


def broad_mentions(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every broad-pattern mention: id, number, character offset and context."""
    mentions = []
    for row in rows:
        text = row["text"]
        for found in BROAD_RESOLUTION.finditer(text):
            start = max(0, found.start() - 160)
            context = " ".join(text[start : found.end() + 100].split())
            mentions.append(
                {
                    "id": row["id"],
                    "number": int(found.group(1)),
                    "at": found.start(),
                    "context": context,
                }
            )
    return mentions


def resolution_sample(rows: list[dict[str, Any]], size: int = 150) -> list[dict[str, Any]]:
    mentions = broad_mentions(rows)
    picked = random.Random(f"{SEED}-resolutions").sample(
        range(len(mentions)), min(size, len(mentions))
    )
    return [mentions[i] for i in sorted(picked)]


# --- scoring ------------------------------------------------------------------------------------


@dataclass
class Tally:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += bool(ok)
        self.total += 1

    @property
    def share(self) -> float | None:
        return self.right / self.total if self.total else None

    def cell(self) -> str:
        if not self.total:
            return "–"
        return f"{100 * self.right / self.total:.1f}% ({self.right}/{self.total})"


@dataclass
class Scores:
    dated: Tally = field(default_factory=Tally)  # shown / statements
    agree: Tally = field(default_factory=Tally)  # agree / shown
    stated_labels: Tally = field(default_factory=Tally)
    stated_partial: Tally = field(default_factory=Tally)
    stated_corpus: Tally = field(default_factory=Tally)
    speaker_found: Tally = field(default_factory=Tally)
    speaker_wrong: Tally = field(default_factory=Tally)  # wrong / shown
    speaker_country: Tally = field(default_factory=Tally)  # right country / found speakers
    doc_type: Tally = field(default_factory=Tally)
    language: Tally = field(default_factory=Tally)
    resolutions_rules: Tally = field(default_factory=Tally)  # flagged / parser mentions
    resolutions_labels: Tally = field(default_factory=Tally)  # not SC / taken labelled
    resolutions_recall: Tally = field(default_factory=Tally)  # taken / SC labelled
    statements: int = 0
    words: int = 0


@dataclass
class Failure:
    field: str
    id: str
    line: str


def labelled_ids() -> set[str]:
    """Every statement some hand label is about: the fixed slice keeps them all."""
    return set(_labels_by_id()) | {entry["id"] for entry in load_yaml(RESOLUTION_LABELS, [])}


def _labels_by_id() -> dict[str, dict[str, Any]]:
    return {entry["id"]: entry for entry in load_yaml(LABELS, [])}


def _head(text: str, lines: int = 2) -> str:
    kept = [line.strip() for line in text.splitlines() if line.strip()][:lines]
    return " | ".join(line[:110] for line in kept)


def _shown_date(statement: Statement) -> str:
    d = statement.date
    return f"{d.iso} from {d.source} ({d.evidence!r})" if d.known else "none"


def score(
    observed: list[Observed],
    labels: dict[str, dict[str, Any]],
    resolution_labels: list[dict[str, Any]],
) -> tuple[dict[str, Scores], list[Failure]]:
    """Scores per source and "all", and every failure with its evidence."""
    by_source: dict[str, Scores] = defaultdict(Scores)
    failures: list[Failure] = []
    res_labels: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entry in resolution_labels:
        res_labels[entry["id"]].append(entry)

    for item in observed:
        s, row, truth = item.statement, item.row, item.row["truth"]
        groups = [by_source[item.source], by_source["all"]]

        def add(name: str, ok: bool, groups: list[Scores] = groups) -> None:
            for group in groups:
                getattr(group, name).add(ok)

        for group in groups:
            group.statements += 1
            group.words += item.words
        add("dated", s.date.known)
        # A source that gives no date (some Swedish pages) cannot judge the one shown.
        if s.date.known and truth.get("date"):
            ok = date_agrees(s.date, truth.get("date") or "")
            add("agree", ok)
            if not ok:
                failures.append(
                    Failure("date", item.id, f"truth {truth.get('date')}, shown {_shown_date(s)}")
                )
        written = stated_in_text(row["text"], truth.get("date") or "")
        if written:
            ok = date_agrees(s.date, truth["date"])
            add("stated_corpus", ok)
            if not ok:
                failures.append(
                    Failure(
                        "stated",
                        item.id,
                        f"text writes {written!r}, truth {truth['date']}, shown {_shown_date(s)}",
                    )
                )

        for mention in s.resolution_mentions:
            why = not_council(mention.sentence, mention.number, truth_year(row))
            add("resolutions_rules", why is not None)
            if why:
                failures.append(
                    Failure(
                        "resolution",
                        item.id,
                        f"{mention.number}: {why}: {mention.sentence[:160]!r}",
                    )
                )
        for entry in res_labels.get(item.id, []):
            taken = entry["number"] in s.resolutions
            if taken:
                add("resolutions_labels", not entry["sc"])
                if not entry["sc"]:
                    failures.append(
                        Failure(
                            "resolution",
                            item.id,
                            f"{entry['number']} taken, labelled not SC: {entry['context'][:160]!r}",
                        )
                    )
            if entry["sc"]:
                add("resolutions_recall", taken)
                if not taken:
                    failures.append(
                        Failure(
                            "resolution-missed",
                            item.id,
                            f"{entry['number']} (SC) not taken: {entry['context'][:160]!r}",
                        )
                    )

        label = labels.get(item.id)
        if label is None:
            continue
        _score_label(item, label, add, failures)
    return by_source, failures


def _score_label(
    item: Observed, label: dict[str, Any], add: Callable[[str, bool], None], failures: list[Failure]
) -> None:
    s = item.statement
    stated = label.get("date_in_text")
    if stated and not stated.startswith("--"):
        ok = date_agrees(s.date, stated)
        add("stated_labels", ok)
        if not ok:
            failures.append(
                Failure("stated", item.id, f"label: text states {stated}; shown {_shown_date(s)}")
            )
    elif stated:
        add("stated_partial", month_day_agrees(s.date, stated) if s.date.known else False)

    speaker = label.get("speaker")
    shown = s.speaker
    accepted = (
        [speaker, *(label.get("also_ok") or [])] if speaker else list(label.get("also_ok") or [])
    )
    if speaker:
        found = shown is not None and same_person(shown.name, speaker)
        add("speaker_found", found)
        if found and label.get("speaker_country"):
            want = canonical_country(label["speaker_country"]) or label["speaker_country"]
            got = canonical_country(shown.country or "") or shown.country
            add("speaker_country", got == want)
        if not found:
            failures.append(
                Failure(
                    "speaker",
                    item.id,
                    f"label {speaker!r}; shown {shown.name if shown else None!r} "
                    f"({shown.source if shown else ''}) | {_head(item.row['text'])}",
                )
            )
    if shown is not None:
        wrong = not any(same_person(shown.name, name) for name in accepted if name)
        add("speaker_wrong", wrong)
        if wrong:
            failures.append(
                Failure(
                    "speaker-wrong",
                    item.id,
                    f"shown {shown.name!r} role {shown.role!r} ({shown.source}); "
                    f"label {speaker!r}; note: {label.get('note') or ''}",
                )
            )

    kinds = label["doc_type"] if isinstance(label["doc_type"], list) else [label["doc_type"]]
    add("doc_type", s.doc_type in kinds)
    if s.doc_type not in kinds:
        failures.append(
            Failure(
                "doc_type",
                item.id,
                f"label {'/'.join(kinds)}; shown {s.doc_type} | {_head(item.row['text'], 1)}",
            )
        )
    add("language", s.language == label["language"])
    if s.language != label["language"]:
        failures.append(
            Failure(
                "language",
                item.id,
                f"label {label['language']}; shown {s.language} | {_head(item.row['text'], 1)}",
            )
        )


# --- persons ------------------------------------------------------------------------------------


@dataclass
class PersonPage:
    page_id: str
    names: Counter = field(default_factory=Counter)
    statements: set[str] = field(default_factory=set)

    @property
    def name(self) -> str:
        return self.names.most_common(1)[0][0]


def person_pages(observed: list[Observed]) -> dict[str, PersonPage]:
    """The person pages a build of these statements makes (page id as archive/link.py makes it)."""
    pages: dict[str, PersonPage] = {}
    for item in observed:
        for person in (*item.statement.speakers, *item.statement.persons):
            page = pages.setdefault(person_page_id(person), PersonPage(person_page_id(person)))
            page.names[person.name] += 1
            page.statements.add(item.id)
    return pages


def persons_sample(pages: dict[str, PersonPage], size: int = 100) -> list[PersonPage]:
    ids = sorted(pages)
    return [
        pages[i] for i in sorted(random.Random(f"{SEED}-persons").sample(ids, min(size, len(ids))))
    ]


def duplicate_persons(pages: dict[str, PersonPage], top: int = 200) -> list[list[PersonPage]]:
    """Groups of two or more of the `top` most cited pages whose names have the same key."""
    ranked = sorted(pages.values(), key=lambda p: (-len(p.statements), p.page_id))[:top]
    by_key: dict[str, list[PersonPage]] = defaultdict(list)
    for page in ranked:
        key = person_key(page.name)
        if key:
            by_key[key].append(page)
    return [group for group in by_key.values() if len(group) > 1]


def _context(observed: list[Observed], page: PersonPage) -> str:
    by_id = {item.id: item for item in observed}
    for statement_id in sorted(page.statements):
        text = by_id[statement_id].row["text"]
        at = text.find(page.name)
        if at >= 0:
            around = " ".join(text[max(0, at - 70) : at + len(page.name) + 70].split())
            return f"{statement_id}: …{around}…"
    return f"{sorted(page.statements)[0]}: (name not found verbatim)"


def person_failures(observed: list[Observed]) -> list[Failure]:
    """Pages of the persons sample judged not a person rightly named, and top-200 pages of one
    person under two ids."""
    verdicts = load_yaml(PERSON_LABELS, {})
    pages = person_pages(observed)
    found = []
    for page in persons_sample(pages):
        verdict = verdicts.get(page.name)
        if isinstance(verdict, dict) and not verdict.get("ok"):
            why = verdict.get("note") or "not a person rightly named"
            found.append(
                Failure(
                    "person", page.page_id, f"{page.name!r}: {why} | {_context(observed, page)}"
                )
            )
    for group in duplicate_persons(pages):
        names = " / ".join(f"{p.name} ({p.page_id}, {len(p.statements)})" for p in group)
        found.append(Failure("person", group[0].page_id, f"one person, two ids: {names}"))
    return found


# --- speed against another version of the parser ----------------------------------------------

#: Run in a fresh interpreter with the other version's code first on the path: words per CPU
#: second of `extract_statement` on the statements whose ids are in a JSON file.
_SPEED_RUN = """
import gzip, json, sys, time
sys.path.insert(0, sys.argv[1])
from archive.extract import extract_statement
from archive.model import PeopleDirectory
from archive.content.read import SourceDocument, parse_people
corpus, ids_file, people_file = sys.argv[2:5]
ids = set(json.load(open(ids_file)))
people = PeopleDirectory.of(parse_people(open(people_file, encoding="utf-8").read(), "people"))
spent, words = 0.0, 0
with gzip.open(corpus, "rt", encoding="utf-8") as handle:
    for line in handle:
        row = json.loads(line)
        if row["id"] in ids:
            document = SourceDocument(path="content/statements/x.md", text=row["text"])
            start = time.process_time()
            extract_statement(document, people)
            spent += time.process_time() - start
            words += len(row["text"].split())
print(words / spent)
"""


def speed_against(
    ref: str, rows: list[dict[str, Any]], corpus: Path, rounds: int = 3
) -> tuple[float, float]:
    """Median words per CPU second of this checkout's parser and of git `ref`'s (its archive/
    package exported to a temporary folder), run alternately on the same statements and the
    same people.yaml, so that both see the same machine: (ours, theirs)."""
    import statistics
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory(prefix="real-eval-") as folder:
        other = Path(folder) / "code"
        other.mkdir()
        exported = subprocess.run(
            ["git", "-C", str(ROOT), "archive", ref, "archive"], capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(other)], input=exported, check=True)
        ids_file = Path(folder) / "ids.json"
        ids_file.write_text(json.dumps([r["id"] for r in rows]), encoding="utf-8")
        people = ROOT / "content" / "people.yaml"
        speeds: dict[Path, list[float]] = {ROOT: [], other: []}
        for _ in range(rounds):
            for code in (other, ROOT):
                out = subprocess.run(
                    [
                        sys.executable,
                        "-c",
                        _SPEED_RUN,
                        str(code),
                        str(corpus),
                        str(ids_file),
                        str(people),
                    ],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
                speeds[code].append(float(out.strip().splitlines()[-1]))
        return statistics.median(speeds[ROOT]), statistics.median(speeds[other])


# --- report -------------------------------------------------------------------------------------


@dataclass
class Summary:
    """Every measure of a run: the table rows and each target's value."""

    rows: list[list[str]]
    values: dict[str, float | None]
    persons_judged: Tally
    duplicates: list[list[PersonPage]]
    words_per_second: float
    statements_per_second: float
    partial_dates: Tally = field(default_factory=Tally)
    calibration_ms: float = 0.0
    #: (git ref, our words/s, its words/s) when `--speed-against` measured both.
    compared: tuple[str, float, float] | None = None


def summarise(observed: list[Observed], seconds: float, scores: dict[str, Scores]) -> Summary:
    person_labels = load_yaml(PERSON_LABELS, {})
    pages = person_pages(observed)
    judged = Tally()
    for page in persons_sample(pages):
        verdict = person_labels.get(page.name)
        if isinstance(verdict, dict):
            judged.add(bool(verdict.get("ok")))
    # The sample's share says something only when most of it is judged (a slice's sample is
    # not the corpus's: its names are mostly unjudged).
    persons_share = judged.share if judged.total >= PERSONS_JUDGED_AT_LEAST else None
    duplicates = duplicate_persons(pages)
    total_words = sum(item.words for item in observed)
    wps = total_words / seconds if seconds else 0.0
    sps = len(observed) / seconds if seconds else 0.0
    calibration = sum(last_calibration) / len(last_calibration) if last_calibration else 0.0
    # Words per second in units of the machine's speed of the moment, against the baseline's.
    relative_speed = (
        (wps * calibration) / (BASELINE_WORDS_PER_SECOND * BASELINE_CALIBRATION_SECONDS)
        if BASELINE_CALIBRATION_SECONDS and calibration
        else wps / BASELINE_WORDS_PER_SECOND
    )
    rows = []
    for source in [*SOURCES, "all"]:
        if source not in scores:
            continue
        sc = scores[source]
        rows.append(
            [
                source,
                str(sc.statements),
                sc.dated.cell(),
                sc.agree.cell(),
                sc.stated_labels.cell(),
                sc.stated_corpus.cell(),
                sc.speaker_found.cell(),
                sc.speaker_wrong.cell(),
                sc.speaker_country.cell(),
                sc.doc_type.cell(),
                sc.language.cell(),
                sc.resolutions_rules.cell(),
                sc.resolutions_labels.cell(),
                sc.resolutions_recall.cell(),
            ]
        )
    overall = scores.get("all", Scores())
    values: dict[str, float | None] = {
        "dates shown that agree with the source": overall.agree.share,
        "dates the text states, found (labels)": overall.stated_labels.share,
        "dates the text states, found (whole corpus)": overall.stated_corpus.share,
        "named speakers found (labels)": overall.speaker_found.share,
        "speakers shown that are wrong (labels)": overall.speaker_wrong.share,
        "persons in the sample that are real persons, rightly named": persons_share,
        "top-200 persons under two ids (same name key)": float(len(duplicates)),
        "resolution mentions not of the Security Council (rules)": overall.resolutions_rules.share,
        "resolution mentions not of the Security Council (labels)": (
            overall.resolutions_labels.share
        ),
        "document type right (labels)": overall.doc_type.share,
        "language right (labels)": overall.language.share,
        "words per second vs before the work": relative_speed,
        # Not a target of its own: "no loss of recall" for the resolutions.
        SC_RECALL: overall.resolutions_recall.share,
    }
    return Summary(
        rows, values, judged, duplicates, wps, sps, overall.stated_partial, 1000 * calibration
    )


HEADER = [
    "source",
    "statements",
    "dated (coverage)",
    "dates shown agreeing",
    "stated dates found (labels)",
    "stated dates found (corpus)",
    "named speakers found",
    "speakers shown wrong",
    "speaker country right",
    "doc type right",
    "language right",
    "res. mentions not SC (rules)",
    "res. taken not SC (labels)",
    "SC res. taken (labels)",
]


def target_lines(summary: Summary) -> list[str]:
    lines = []
    for name, kind, threshold in TARGETS:
        value = summary.values.get(name)
        if value is None:
            lines.append(f"- {name}: not measured")
            continue
        met = value >= threshold if kind == "min" else value <= threshold
        if name.startswith("top-200"):
            shown, goal = f"{int(value)}", "0"
        elif name.startswith("words per second") and summary.compared:
            ref, ours, theirs = summary.compared
            shown = (
                f"{ours:,.0f} words/s against {theirs:,.0f} for {ref}, medians of 3 runs each, "
                f"alternating: {100 * value:.0f}%"
            )
            goal = f"at least {100 * threshold:.0f}%"
        elif name.startswith("words per second"):
            shown = (
                f"{summary.words_per_second:,.0f} words/s with calibration rounds of "
                f"{summary.calibration_ms:.1f} ms: {100 * value:.0f}% of the baseline's "
                f"{BASELINE_WORDS_PER_SECOND:,} words/s at "
                f"{1000 * BASELINE_CALIBRATION_SECONDS:.1f} ms"
            )
            goal = f"at least {100 * threshold:.0f}%"
        else:
            shown = f"{100 * value:.1f}%"
            goal = f"{'at least' if kind == 'min' else 'at most'} {100 * threshold:.0f}%"
        lines.append(f"- {name}: {shown} (target {goal}): {'met' if met else 'MISSED'}")
    return lines


def markdown(summary: Summary, observed: list[Observed], seconds: float, command: str) -> str:
    out = [
        "| " + " | ".join(HEADER) + " |",
        "|" + "|".join(["---"] + ["---:"] * (len(HEADER) - 1)) + "|",
    ]
    out += ["| " + " | ".join(row) + " |" for row in summary.rows]
    out.append("")
    out.append(
        f"Speed: {len(observed):,} statements, {sum(i.words for i in observed):,} words in "
        f"{seconds:.1f} s of CPU on one core: {summary.statements_per_second:,.0f} statements/s, "
        f"{summary.words_per_second:,.0f} words/s (load average {os.getloadavg()[0]:.1f} at the "
        "end on this shared machine; a calibration round, fixed work between statements, took "
        f"{summary.calibration_ms:.1f} ms of CPU). Persons of the sample of 100 judged real "
        f"and rightly named: {summary.persons_judged.cell()} (of those judged; "
        f"{100 - summary.persons_judged.total} not judged yet)."
    )
    if summary.duplicates:
        groups = "; ".join(
            " / ".join(f"{p.name} ({p.page_id})" for p in g) for g in summary.duplicates[:12]
        )
        out.append(f"Top-200 persons under two ids: {groups}.")
    if summary.partial_dates.total:
        out.append(
            "Day and month stated without a year (KCNA's dateline), labels: the date shown has "
            f"that day for {summary.partial_dates.cell()} (not a target: the year is not written)."
        )
    labels = load_yaml(LABELS, [])
    resolutions = load_yaml(RESOLUTION_LABELS, [])
    out.append(
        f"Hand labels: {len(labels)} statements ({sum(1 for e in labels if e.get('speaker'))} "
        f"with a named speaker) in {LABELS.relative_to(ROOT)}; {len(resolutions)} resolution "
        f"mentions ({sum(1 for e in resolutions if e['sc'])} of the Security Council) in "
        f"{RESOLUTION_LABELS.relative_to(ROOT)}; {len(load_yaml(PERSON_LABELS, {}))} person "
        f"verdicts in {PERSON_LABELS.relative_to(ROOT)}."
    )
    out.append("")
    out.append("Targets of the issue:")
    out.append("")
    out += target_lines(summary)
    out.append("")
    out.append(f"Command: `{command}`")
    return "\n".join(out)


def write_report(text: str, stamp: str) -> None:
    path = ROOT / "BENCHMARKS.md"
    start, end = "<!-- real-eval:start -->", "<!-- real-eval:end -->"
    current = path.read_text(encoding="utf-8")
    intro = (
        f"Written by `benchmarks/real_eval.py --report` ({stamp}); the measures are defined in "
        "the script's docstring."
    )
    block = f"{start}\n## Real statements (issue 14)\n\n{intro}\n\n{text}\n{end}"
    if start in current and end in current:
        before, rest = current.split(start, 1)
        after = rest.split(end, 1)[1]
        current = before + block + after
    else:
        current = current.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(current, encoding="utf-8")


def evaluate(rows: list[dict[str, Any]]) -> tuple[Summary, list[Failure], list[Observed], float]:
    """Run the parser on `rows` and score it: the library entry the CI test uses."""
    observed, seconds = run_parser(rows)
    scores, failures = score(observed, _labels_by_id(), load_yaml(RESOLUTION_LABELS, []))
    return summarise(observed, seconds, scores), failures, observed, seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--slice", type=int, help="the fixed slice of N statements (all labelled ones first)"
    )
    parser.add_argument("--source", choices=SOURCES, help="only this source")
    parser.add_argument(
        "--failures",
        metavar="FIELD",
        help="list the wrong cases of FIELD: date, stated, speaker, speaker-wrong, doc_type, "
        "language, resolution, resolution-missed, person, all",
    )
    parser.add_argument(
        "--persons-sample", action="store_true", help="print the sample of 100 persons for judging"
    )
    parser.add_argument(
        "--resolution-sample",
        action="store_true",
        help="print the sample of broad resolution mentions for labelling (YAML)",
    )
    parser.add_argument("--report", action="store_true", help="write the table into BENCHMARKS.md")
    parser.add_argument(
        "--speed-against",
        metavar="REF",
        help="judge the speed target by running git REF's parser (e.g. main) alternately with "
        "this one on the same statements, 3 rounds each, instead of the recorded baseline",
    )
    args = parser.parse_args(argv)

    path = corpus_path()
    if path is None:
        print(
            "real_eval: no corpus: set REAL_CORPUS or put shared/corpus/real-dev.jsonl.gz "
            "beside the checkout",
            file=sys.stderr,
        )
        return 2
    rows = load_corpus(path)
    if args.resolution_sample:
        print(
            yaml.safe_dump(resolution_sample(rows), allow_unicode=True, sort_keys=False, width=200)
        )
        return 0
    if args.slice:
        rows = fixed_slice(rows, labelled_ids(), args.slice)
    if args.source:
        rows = [r for r in rows if r["source"] == args.source]

    wall = time.perf_counter()
    summary, failures, observed, seconds = evaluate(rows)
    if args.speed_against:
        ours, theirs = speed_against(args.speed_against, rows, path)
        summary.values["words per second vs before the work"] = ours / theirs
        summary.compared = (args.speed_against, ours, theirs)
    wall = time.perf_counter() - wall

    if args.persons_sample:
        labels = load_yaml(PERSON_LABELS, {})
        for page in persons_sample(person_pages(observed)):
            verdict = labels.get(page.name)
            mark = "?" if not isinstance(verdict, dict) else ("ok" if verdict.get("ok") else "NOT")
            print(
                f"[{mark}] {page.name!r} ({page.page_id}, {len(page.statements)} statements) "
                f"{_context(observed, page)}"
            )
        return 0
    if args.failures:
        for failure in failures:
            if args.failures in ("all", failure.field):
                print(f"{failure.field}\t{failure.id}\t{failure.line}")
        if args.failures in ("all", "person"):
            for failure in person_failures(observed):
                print(f"{failure.field}\t{failure.id}\t{failure.line}")
        return 0

    argv_shown = [f"--speed-against {args.speed_against}"] if args.speed_against else []
    command = (
        "python benchmarks/real_eval.py"
        + "".join(f" {a}" for a in argv_shown)
        + "".join(
            f" {flag}"
            for flag in (
                f"--slice {args.slice}" if args.slice else "",
                f"--source {args.source}" if args.source else "",
            )
            if flag
        )
    )
    text = markdown(summary, observed, seconds, command)
    print(text)
    print(f"\n(wall time {wall:.1f} s)")
    if args.report:
        write_report(text, time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # `--failures ... | head`
        sys.stderr.close()
        sys.exit(0)
