"""The parser on real statements (issue 14): benchmarks/real_eval.py on its fixed slice of the
development corpus (every hand-labelled statement and seeded others), each measure held to a
threshold; and the measuring rules themselves, on sentences of that corpus.

The issue's targets are the goal. Where the parser of main (f403add) was below one, the
threshold here is a FLOOR: the level measured on the slice then, minus a small margin, so that
no change makes things worse. Raise a floor toward its target as the parser work lands
(`python benchmarks/real_eval.py --slice 400` prints the current values).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import real_eval  # noqa: E402

from archive.model import StatementDate  # noqa: E402

# measure -> (threshold, "min" or "max", floor pending the parser work?)
THRESHOLDS: dict[str, tuple[float, str, bool]] = {
    # Measured on the slice after the parser work of 2026-12-06 (main: f403add in brackets).
    # target 98 %; measured 98.0 % (50.0 %)
    "dates shown that agree with the source": (0.97, "min", True),
    # target 95 %; measured 91.2 % (20.6 %)
    "dates the text states, found (labels)": (0.88, "min", True),
    # target 95 %; measured 89.5 % (24.3 %)
    "dates the text states, found (whole corpus)": (0.86, "min", True),
    # target 90 %; measured 84.5 % (39.4 %)
    "named speakers found (labels)": (0.81, "min", True),
    # target at most 2 %; measured 0.0 % (41.8 %)
    "speakers shown that are wrong (labels)": (0.02, "max", False),
    # target 0; measured 0 (3)
    "top-200 persons under two ids (same name key)": (0, "max", False),
    # target at most 1 %; measured 0.0 % (36.9 %)
    "resolution mentions not of the Security Council (rules)": (0.01, "max", False),
    # target at most 1 %; measured 2.7 % (39.8 %): 2 of 73 labelled mentions
    "resolution mentions not of the Security Council (labels)": (0.04, "max", True),
    # target 90 %; measured 90.2 % (46.7 %)
    "document type right (labels)": (0.88, "min", True),
    # target 98 %; measured 100 % (82.7 %)
    "language right (labels)": (0.98, "min", False),
    # target: as fast per word as before. A shared CI machine's timing is too noisy for 90 %:
    # this only catches a parser several times slower.
    "words per second vs before the work": (0.5, "min", False),
}
#: Security Council resolutions of the hand labels that the parser takes: no loss of recall.
SC_RECALL_AT_LEAST = 0.95  # measured 97.3 % (71/73)


@pytest.fixture(scope="module")
def summary() -> real_eval.Summary:
    path = real_eval.corpus_path()
    if path is None:
        pytest.skip(
            "../shared/corpus/real-dev.jsonl.gz is absent (set REAL_CORPUS to run the real "
            "statements' evaluation)"
        )
    rows = real_eval.fixed_slice(
        real_eval.load_corpus(path), real_eval.labelled_ids(), real_eval.SLICE
    )
    result, _failures, _observed, _seconds = real_eval.evaluate(rows)
    return result


def test_every_target_has_a_threshold() -> None:
    assert {name for name, _kind, _goal in real_eval.TARGETS} - {
        "persons in the sample that are real persons, rightly named"  # corpus-wide only
    } == set(THRESHOLDS)


@pytest.mark.parametrize("measure", sorted(THRESHOLDS))
def test_real_statements_measure(summary: real_eval.Summary, measure: str) -> None:
    threshold, kind, _pending = THRESHOLDS[measure]
    value = summary.values[measure]
    assert value is not None, f"{measure}: not measured on the slice"
    if kind == "min":
        assert value >= threshold, f"{measure}: {value:.3f} below {threshold}"
    else:
        assert value <= threshold, f"{measure}: {value:.3f} above {threshold}"


def test_no_loss_of_security_council_resolutions(summary: real_eval.Summary) -> None:
    recall = summary.values[real_eval.SC_RECALL]
    assert recall is not None and recall >= SC_RECALL_AT_LEAST


# --- the measuring rules -------------------------------------------------------------------------


def _day(iso: str) -> StatementDate:
    return StatementDate.from_iso(iso, "text:1")


def test_dates_agree_within_two_days_or_at_the_coarser_precision() -> None:
    assert real_eval.date_agrees(_day("2024-10-19"), "2024-10-20")  # made public a day before
    assert real_eval.date_agrees(_day("2024-10-18"), "2024-10-20")
    assert not real_eval.date_agrees(_day("2024-10-17"), "2024-10-20")
    assert real_eval.date_agrees(_day("1982-09-30"), "1982")  # a general debate: year only
    assert not real_eval.date_agrees(_day("1973-09-30"), "1982")
    assert real_eval.date_agrees(_day("2020-09-08"), "2020-09")
    assert not real_eval.date_agrees(_day("2020-10-01"), "2020-09")
    assert not real_eval.date_agrees(StatementDate.unknown(), "2020-09")


def test_a_day_and_month_without_a_year_matches_the_shown_day() -> None:
    assert real_eval.month_day_agrees(_day("2024-10-16"), "--10-16")
    assert real_eval.month_day_agrees(_day("2025-01-01"), "--12-31")  # across the new year
    assert not real_eval.month_day_agrees(_day("2024-10-16"), "--11-16")


@pytest.mark.parametrize(
    ("text", "truth"),
    [
        ("Press Briefing by Press Secretary Jen Psaki, May 24, 2021\n\nBody.", "2021-05-24"),
        ("Regeringsförklaringen\n\nStatsminister Stefan Löfven, den 8 september 2020.", "2020-09"),
        ("Declaración\n\nMinistra, miércoles, 24 de febrero de 2016.", "2016-02-24"),
        ("Joint Statement\n\nThe leaders met April 12-13, 2018 in Lima.", "2018-04-13"),
        ("KCNA\n\nPyongyang, May 28 (KCNA) -- on May 27, Juche 113 (2024), the", "2024-05-28"),
        (
            "A Proclamation\n\nText.\n\nIN WITNESS WHEREOF, I have hereunto set my hand this "
            "fifteenth day of September, in the year of our Lord two thousand twenty-two.",
            "2022-09-15",
        ),
        ("Readout\n\nThe call took place on 2022-03-04.", "2022-03-05"),
        ("Washington Declaration\n\nmet on this 26<sup>th</sup>\nday of April, 2023", "2023-04-26"),
    ],
)
def test_the_corpus_measure_finds_dates_written_out(text: str, truth: str) -> None:
    assert real_eval.stated_in_text(text, truth)


def test_the_corpus_measure_ignores_other_dates_and_the_middle() -> None:
    middle = "\n".join(["Headline"] + [f"Line {n}." for n in range(12)])
    assert (
        real_eval.stated_in_text(middle + "\nOn May 24, 2021 we met.\n" + middle, "2021-05-24")
        is None
    )
    # an anecdote's year is not the statement's date
    assert (
        real_eval.stated_in_text("One day in July Juche 104 (2015), he visited", "2024-05-07")
        is None
    )
    # a visit announced for after the release
    assert real_eval.stated_in_text("He will travel April 18-19, 2023.", "2023-04-16") is None
    assert real_eval.stated_in_text("Speech", "1982") is None


@pytest.mark.parametrize(
    ("shown", "label"),
    [
        ("Joe Biden", "Joseph R. Biden Jr."),
        ("KIM Jong Un", "Kim Jong Un"),
        ("Choe Son-hui", "Choe Son Hui"),
        ("Antonio Guterres", "António Guterres"),
        ("Antony Blinken", "Antony J. Blinken"),
        ("Biden", "Joe Biden"),
        ("Joseph Robinette Biden", "Joseph Biden"),
    ],
)
def test_same_person_despite_spelling(shown: str, label: str) -> None:
    assert real_eval.same_person(shown, label)


@pytest.mark.parametrize(
    ("shown", "label"),
    [
        ("President Biden", "Joe Biden"),  # a title is not a name
        ("Jill Biden", "Joe Biden"),
        ("Jong Un", "Kim Jong Un"),  # a glued name cut short
        ("Vice President Harris", "Kamala Harris"),
        ("Kim Yo Jong", "Kim Jong Un"),
    ],
)
def test_not_the_same_person(shown: str, label: str) -> None:
    assert not real_eval.same_person(shown, label)


def test_person_key_joins_the_spellings_of_one_person() -> None:
    assert real_eval.person_key("Joe Biden") == real_eval.person_key("Joseph R. Biden")
    assert real_eval.person_key("Antony J. Blinken") == real_eval.person_key("Tony Blinken")
    assert real_eval.person_key("Kim Jong Un") != real_eval.person_key("Kim Yo Jong")


@pytest.mark.parametrize(
    ("sentence", "number", "year"),
    [
        ("the Assembly adopted resolution 1514 (XV) on decolonization", 1514, 1970),
        ("General Assembly resolution 1004 (ES-II) on Hungary", 1004, 1957),
        ("as decided in A/RES/68/262 and resolution 262 of the Assembly", 262, 2014),
        ("General Assembly resolution 41 of last December", 41, 1947),
        ("resolution 2397 already", 2397, 2016),  # not adopted until December 2017
    ],
)
def test_not_a_council_resolution(sentence: str, number: int, year: int) -> None:
    assert real_eval.not_council(sentence, number, year)


@pytest.mark.parametrize(
    ("sentence", "number", "year"),
    [
        ("Security Council resolution 242 (1967) must be implemented", 242, 1982),
        ("in line with UNSCR 2254 and the Geneva communique", 2254, 2022),
        ("resolutions 2270 (2016) and 2321 (2016)", 2321, 2017),
    ],
)
def test_council_resolutions_pass(sentence: str, number: int, year: int) -> None:
    assert real_eval.not_council(sentence, number, year) is None


def test_the_label_sample_is_the_labelled_set() -> None:
    path = real_eval.corpus_path()
    if path is None:
        pytest.skip("../shared/corpus/real-dev.jsonl.gz is absent")
    rows = real_eval.load_corpus(path)
    labelled = [entry["id"] for entry in real_eval.load_yaml(real_eval.LABELS, [])]
    # Every id of the seeded sample is labelled (labels of more statements may follow it).
    assert labelled[:225] == real_eval.label_sample(rows)
    assert len(set(labelled)) == len(labelled) >= 200
