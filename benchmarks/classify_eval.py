"""How right the parser's language, document type and resolutions are on the real corpus
(/work/shared/corpus/real-dev.jsonl.gz, or $REAL_CORPUS), on a seeded half ("dev", for
developing) and the other half ("held", for reporting), with statements and words per second
of the whole parse on one core. Usage:
    python benchmarks/classify_eval.py [--half dev|held|both] [--show language|doc_type|res]

Truth: the language a statement is in is read from its commonest short words (Swedish or
English; every other source is English); the document type from the source's own section and
headline forms (a proxy with the few kinds each section holds, not a label of each page) and,
for the statements labelled by hand (tests/extract/data/real-labels.yaml or $REAL_LABELS),
from the label;
a resolution mention is "not the Council's" when its sentence calls it the General Assembly's,
ECOSOC's or the Human Rights Council's, tags it with a roman session ("1514 (XV)"), writes it
"A/RES/", or when its number is past the Council's last at the statement's year.
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
from collections import Counter, defaultdict
from pathlib import Path

import yaml

# $ARCHIVE_ROOT: another checkout whose parser to score (main's, for a first score).
sys.path.insert(0, os.environ.get("ARCHIVE_ROOT", str(Path(__file__).resolve().parent.parent)))

from archive.extract import parse_text  # noqa: E402

CORPUS = Path(os.environ.get("REAL_CORPUS", "/work/shared/corpus/real-dev.jsonl.gz"))
SEED = 14

_WORDS = {
    "sv": (" och ", " att ", " det ", " som ", " för ", " är ", " inte ", " med "),
    "en": (" the ", " and ", " of ", " to ", " is ", " that ", " for ", " with "),
    "fr": (" le ", " la ", " les ", " des ", " et ", " est ", " une ", " dans "),
    "es": (" el ", " los ", " las ", " y ", " es ", " una ", " del ", " para "),
}


def true_language(row: dict) -> str:
    if row["source"] != "sweden":
        return "en"
    low = " " + row["text"].lower() + " "
    counts = {code: sum(map(low.count, words)) for code, words in _WORDS.items()}
    return max(counts, key=lambda code: counts[code])


# Section -> the document types a page of it may rightly be (the first is the commonest).
_SECTION_TYPES = {
    ("sweden", "tal"): {"speech"},
    ("sweden", "uttalanden"): {"government-statement", "ministerial-statement"},
    ("sweden", "debattartiklar"): {"commentary"},
    ("sweden", "pressmeddelanden"): {"press-release"},
    ("sweden", "artiklar"): {"press-release", "commentary", "news-report"},
    ("ungdc", None): {"speech"},
    ("wh", "press-briefings"): {"interview", "press-briefing"},
    ("wh", "speeches-remarks"): {"speech", "interview", "press-briefing"},
    ("wh", "remarks"): {"speech", "interview"},
    ("wh", "presidential-actions"): {"other", "government-statement", "letter"},
    ("wh", "fact-sheets"): {"press-release"},
    ("wh", "articles"): {"press-release", "commentary"},
    ("wh", "blog"): {"press-release", "commentary"},
    ("wh", "releases"): {"press-release"},
    ("wh", "legislation"): {"press-release", "other"},
}


def true_types(row: dict) -> set[str]:
    """The types a statement may rightly have, from its section and its headline's form."""
    source, section = row["source"], row["section"]
    head = (row["truth"].get("headline") or "").strip()
    key = (source, None if source == "ungdc" else section)
    if key in _SECTION_TYPES:
        return _SECTION_TYPES[key]
    if source == "kcna":
        if re.search(r"\b(?:commentary|article|editorial)\b", head, re.I):
            return {"commentary"}
        if re.search(
            r"\b(?:statement|press statement|press release|answer|talk|speech)\b", head, re.I
        ):
            return {
                "government-statement",
                "ministerial-statement",
                "interview",
                "speech",
                "news-report",
                "commentary",
            }
        return {"news-report"}
    if re.search(r"[’']s? (?:call|calls|meeting|meetings) with\b", head, re.I):
        return {"press-release", "government-statement"}  # a readout by the spokesperson
    if re.search(r"^readout|fact sheet|announces|sent to the senate|travel", head, re.I):
        return {"press-release", "other"}
    if re.search(r"^memorandum|^notice|^executive order|^(?:a )?proclamation|^letter", head, re.I):
        return {"government-statement", "other", "letter"}
    if re.search(r"press call|briefing|press availability|interview|^department press", head, re.I):
        return {"interview"}
    if re.search(
        r"^(?:opening |closing )?remarks|"
        r"^secretary (?:antony j\. )?blinken (?:and|at|with|before|on)",
        head,
        re.I,
    ):
        return {"speech", "interview"}
    # State press statements and White House statements: a statement by a minister, by the
    # government (a spokesperson, a president) or a joint statement.
    return {"ministerial-statement", "government-statement", "press-release"}


_ROMAN_TAG = re.compile(r"\d{1,4}\s?\((?:ES-)?[IVXLC]{1,7}\)|\d{1,4}\s?\(S-[IVXLC]{1,5}\)")
_OTHER_BODY = re.compile(
    r"General Assembly(?:'s|’s)? resolutions?|Assembly resolutions?|A/RES/|ECOSOC|"
    r"Economic and Social Council|Human Rights Council(?:'s|’s)? resolution|"
    r"resolutions?\s[\d, and]+\s(?:of|adopted by) the (?:General Assembly|Human Rights)",
)


def _last_adopted() -> dict[int, int]:
    path = Path(__file__).resolve().parent.parent / "archive/extract/data/council_resolutions.yaml"
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)["last_adopted"]


LAST_ADOPTED = _last_adopted()


def not_council(sentence: str, number: int, year: int) -> bool:
    """Whether the sentence shows that resolution `number` is not the Security Council's, or
    its number is past the Council's last at the statement's (true) year."""
    if number > LAST_ADOPTED.get(year, 10_000):
        return True
    for match in _ROMAN_TAG.finditer(sentence):
        if match.group().startswith(str(number)):
            return True
    return bool(_OTHER_BODY.search(sentence)) and "Security Council" not in sentence


def _labels() -> dict[str, dict]:
    """Hand labels of document type and language (tests/extract/data/real-labels.yaml, or
    $REAL_LABELS), by id."""
    here = Path(__file__).resolve().parent.parent / "tests/extract/data/real-labels.yaml"
    path = Path(os.environ.get("REAL_LABELS", here))
    if not path.exists():
        return {}
    with open(path, encoding="utf-8") as handle:
        return {entry["id"]: entry for entry in yaml.safe_load(handle)}


LABELS = _labels()


def load(half: str) -> list[dict]:
    with gzip.open(CORPUS, "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    rows.sort(key=lambda r: r["id"])
    random.Random(SEED).shuffle(rows)
    middle = len(rows) // 2
    return {"dev": rows[:middle], "held": rows[middle:], "both": rows}[half]


def evaluate(rows: list[dict], show: str | None) -> None:
    per = defaultdict(Counter)
    wrong: list[str] = []
    words = 0
    elapsed = 0.0
    for row in rows:
        text = row["text"]
        words += len(text.split())
        start = time.process_time()
        parsed = parse_text(text)
        elapsed += time.process_time() - start
        source = row["source"]
        lang = true_language(row)
        per[source]["n"] += 1
        per[source]["lang_ok"] += parsed.language == lang
        if parsed.language != lang and show == "language":
            wrong.append(f"{row['id']} {lang}->{parsed.language}: {text[:100]!r}")
        types = true_types(row)
        per[source]["type_ok"] += parsed.doc_type in types
        label = LABELS.get(row["id"])
        if label is not None:
            wanted = label.get("doc_type")
            wanted = set(wanted) if isinstance(wanted, list) else {wanted}
            per[source]["labelled"] += 1
            per[source]["label_type_ok"] += parsed.doc_type in wanted
            per[source]["label_lang_ok"] += parsed.language == label.get("language", "en")
            if parsed.doc_type not in wanted and show == "labels":
                head = row["truth"].get("headline") or text[:80]
                wrong.append(f"{row['id']} {sorted(wanted)} got {parsed.doc_type}: {head[:90]!r}")
        if parsed.doc_type not in types and show == "doc_type":
            head = row["truth"].get("headline") or text[:80]
            wrong.append(
                f"{row['id']} {row['section']} {sorted(types)} got {parsed.doc_type}: {head[:90]!r}"
            )
        for mention in parsed.resolution_mentions:
            per[source]["res"] += 1
            bad = not_council(mention.sentence, mention.number, int(row["truth"]["date"][:4]))
            per[source]["res_bad"] += bad
            if show == "res" and bad:
                wrong.append(f"{row['id']} {mention.number}: {mention.sentence[:200]!r}")
            if show == "res-all":
                wrong.append(
                    f"{row['id']} {row['truth']['date'][:4]} {mention.number}"
                    f"{' BAD' if bad else ''}: {mention.sentence[:160]!r}"
                )
    total = Counter()
    print(
        f"{'source':8} {'n':>5} {'language':>9} {'doc_type':>9} {'res':>5} {'not SC':>7}"
        f" | {'labelled':>8} {'doc_type':>9} {'language':>9}"
    )
    for source in sorted(per):
        c = per[source]
        total.update(c)
        _line(source, c)
    _line("all", total)
    print(
        f"parse: {len(rows) / elapsed:.1f} statements/s, {words / elapsed:,.0f} words/s "
        f"(one core, {elapsed:.1f} s CPU)"
    )
    for line in wrong:
        print(line)


def _line(name: str, c: Counter) -> None:
    n = c["n"] or 1
    res = c["res"]
    bad = f"{100 * c['res_bad'] / res:.1f}%" if res else "-"
    labelled = c["labelled"] or 1
    print(
        f"{name:8} {c['n']:5} {100 * c['lang_ok'] / n:8.1f}% {100 * c['type_ok'] / n:8.1f}% "
        f"{res:5} {bad:>7} | {c['labelled']:8} {100 * c['label_type_ok'] / labelled:8.1f}% "
        f"{100 * c['label_lang_ok'] / labelled:8.1f}%"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--half", default="dev", choices=["dev", "held", "both"])
    parser.add_argument("--show", choices=["language", "doc_type", "labels", "res", "res-all"])
    args = parser.parse_args()
    evaluate(load(args.half), args.show)


if __name__ == "__main__":
    main()
