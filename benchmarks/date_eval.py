"""How right the parser's dates are on real statements: of the dates it shows, how many agree
with the source's own date (truth.date), and of the dates the text states in its headline,
dateline, first lines or sign-off, how many it finds; per source, on a seeded half of the corpus.

    python benchmarks/date_eval.py [--half dev|held|all] [--limit N] [--show wrong|missed]

A shown date agrees when it is within two days of a day-precise truth, and in the same month
(or year) when either side is coarser; general debate truth is the year only. Whether the text
states its date is read here from the truth date's own written forms, apart from the parser.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from real_corpus import corpus_or_default  # noqa: E402

from archive.extract import parse_text  # noqa: E402

SHORT = 150  # a line this short is a date line, a dateline or a sign-off, not prose
DATELINE = 80  # characters at the start of the first paragraph that hold a news dateline
PUBLISHED = re.compile(r"\b(?:Publicerad|Published|Posted)\b", re.I)
CORPUS = corpus_or_default()
SEED = "p14-dates"
MONTHS_EN = "January February March April May June July August September October November December"
MONTHS_SV = "januari februari mars april maj juni juli augusti september oktober november december"
ORDINALS = [
    *("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"),
    *("tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth"),
    *("seventeenth", "eighteenth", "nineteenth"),
]
TENS_PREFIX = {20: "twenty", 30: "thirty", 40: "forty", 50: "fifty", 60: "sixty", 70: "seventy"}


def half_of(record_id: str) -> str:
    """The seeded half a statement belongs to: "dev" (rules are written on it) or "held"."""
    digest = hashlib.sha256((SEED + record_id).encode()).digest()
    return "dev" if digest[0] % 2 == 0 else "held"


def ordinal_word(n: int) -> str:
    if n < 20:
        return ORDINALS[n - 1]
    if n % 10 == 0:
        return TENS_PREFIX[n][:-1] + "ieth"
    return f"{TENS_PREFIX[n - n % 10]}-{ORDINALS[n % 10 - 1]}"


def truth_forms(truth: str, source: str, session: int | None) -> re.Pattern[str] | None:
    """A pattern for the ways a text may write its own date (the truth), with its year."""
    parts = [int(p) for p in truth.split("-")]
    year = parts[0]
    if len(parts) == 1:
        if source == "ungdc" and session:
            word = ordinal_word(session)
            return re.compile(
                rf"\b(?:{year}|{word}\s+(?:regular\s+)?session|{session}(?:st|nd|rd|th)\s+session)",
                re.I,
            )
        return re.compile(rf"\b{year}\b")
    month = parts[1]
    en, sv = MONTHS_EN.split()[month - 1], MONTHS_SV.split()[month - 1]
    mon = rf"(?:{en}|{en[:3]}\.?|{en[:4]}\.?|{sv}|{sv[:3]}\.?)"
    if len(parts) == 2:
        day = r"\d{1,2}"
    else:
        near = [d for d in range(parts[2] - 2, parts[2] + 3) if 1 <= d <= 31]
        day = "(?:" + "|".join(str(d) for d in near) + ")"
    rng = rf"{day}(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{{1,2}}|\s*(?:and|och|&)\s*\d{{1,2}})?"
    range_before = rf"(?:\d{{1,2}}\s*[-–]\s*|\d{{1,2}}\s*(?:and|och|&)\s*)?{day}"
    juche = rf"(?:Juche\s*\d{{2,3}}\s*\(\s*)?{year}"
    return re.compile(
        rf"{mon}\s+{rng},?\s+(?:\w+\s+)?{juche}"  # May 27, Juche 113 (2024)
        rf"|\b{range_before}(?:st|nd|rd|th)?\s+(?:of\s+)?{mon},?\s+{year}"
        rf"|\b{year}-{month:02d}-{day if len(parts) == 2 else f'{parts[2]:02d}'}"
        rf"|\bJuche\s*\d{{2,3}}\s*\({year}\)\.\s*{month}\.\s*{day}",
        re.I,
    )


def stated_zone(text: str, source: str) -> str:
    """Where a text states its own date: the headline, the short lines after it (a dateline
    line, "Statsminister ..., riksdagen, den 9 september 2025"), the start of the first
    paragraph (a news dateline), and the sign-off (short last lines, "Publicerad ..."). A
    general debate speech: its first three paragraphs (where it names its session)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if source == "ungdc":
        return "\n".join(lines[:3])[:6000]
    head = lines[:1] + [line for line in lines[1:5] if len(line) <= SHORT]
    first_long = next((line for line in lines[1:6] if len(line) > SHORT), "")
    tail = [line for line in lines[-3:] if len(line) <= SHORT or PUBLISHED.search(line)]
    return "\n".join(head + [first_long[:DATELINE]] + tail)


def mention_zone(text: str) -> str:
    """The first three lines (up to 400 characters each) and the last three: where a date
    the text states or mentions near its top or end stands."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return "\n".join([line[:400] for line in lines[:3]] + [line[-300:] for line in lines[-3:]])


def truth_date(value: str) -> tuple[int, int | None, int | None]:
    parts = [int(p) for p in value.split("-")]
    return parts[0], (parts[1] if len(parts) > 1 else None), (parts[2] if len(parts) > 2 else None)


def agrees(shown: tuple, truth: tuple) -> bool:
    (sy, sm, sd), (ty, tm, td) = shown, truth
    if sd and td and sm and tm:
        return abs((date(sy, sm, sd) - date(ty, tm, td)).days) <= 2
    if sm and tm:
        return (sy, sm) == (ty, tm)
    return sy == ty


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=["dev", "held", "all"], default="all")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--source", default="")
    parser.add_argument("--show", choices=["wrong", "missed", "warn"], default=None)
    args = parser.parse_args()
    with gzip.open(CORPUS, "rt") as lines:
        records = [json.loads(line) for line in lines]
    if args.half != "all":
        records = [r for r in records if half_of(r["id"]) == args.half]
    if args.source:
        records = [r for r in records if r["source"] == args.source]
    if args.limit:
        records = records[: args.limit]
    stats: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    words = 0
    elapsed = 0.0
    for record in records:
        text, source = record["text"], record["source"]
        words += len(text.split())
        started = time.process_time()
        parsed = parse_text(text)
        elapsed += time.process_time() - started
        truth = record["truth"].get("date")
        s = stats[source]
        s["n"] += 1
        if not truth:
            continue  # the source does not say: nothing to score
        forms = truth_forms(truth, source, record["truth"].get("session"))
        stated = bool(forms and forms.search(stated_zone(text, source)))
        mentioned = bool(forms and forms.search(mention_zone(text)))
        d = parsed.date
        ok = d.known and agrees((d.year, d.month, d.day), truth_date(truth))
        if d.known:
            s["shown"] += 1
            s["agree"] += ok
        if stated:
            s["stated"] += 1
            s["found"] += ok
        if mentioned:
            s["mentioned"] += 1
            s["mfound"] += ok
        s["warned"] += any(w.startswith("date unsure") for w in parsed.warnings)
        if (args.show == "wrong" and d.known and not ok) or (
            args.show == "missed" and stated and not ok
        ):
            print(f"--- {record['id']} truth={truth} shown={d.iso} evidence={d.evidence!r}")
            print("   ", stated_zone(text, source)[:500].replace("\n", "\n    "))
        if args.show == "warn":
            for w in parsed.warnings:
                if w.startswith("date"):
                    print(f"{record['id']} truth={truth} shown={d.iso}: {w}")
    print(
        f"{'source':8} {'n':>5} {'shown':>6} {'agree %':>8} {'stated':>7} {'found %':>8}"
        f" {'mentioned':>9} {'found %':>8} {'unsure':>6}"
    )
    total: dict[str, int] = defaultdict(int)
    for source in sorted(stats):
        s = stats[source]
        for key, value in s.items():
            total[key] += value
        _row(source, s)
    _row("all", total)
    print(
        f"speed: {len(records) / elapsed:.1f} statements/s, {words / elapsed:,.0f} words/s"
        f" ({elapsed:.1f} s CPU, {len(records)} statements, {words:,} words)"
    )


def _row(name: str, s: dict[str, int]) -> None:
    agree = 100 * s["agree"] / s["shown"] if s["shown"] else 0.0
    found = 100 * s["found"] / s["stated"] if s["stated"] else 0.0
    mfound = 100 * s["mfound"] / s["mentioned"] if s["mentioned"] else 0.0
    print(
        f"{name:8} {s['n']:5} {s['shown']:6} {agree:8.1f} {s['stated']:7} {found:8.1f}"
        f" {s['mentioned']:9} {mfound:8.1f} {s['warned']:6}"
    )


if __name__ == "__main__":
    main()
