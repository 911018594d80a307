"""Speakers and persons on real statements (issue 14): how many hand-labelled named speakers the
parser finds, how many speakers it shows are wrong, the person pages of a corpus half (a seeded
sample to judge by hand, and names that look like one person under two page ids), and the
parser's speed on that half.

Usage:
    python benchmarks/people_eval.py speakers LABELS.yaml [CORPUS]
    python benchmarks/people_eval.py persons {dev,test} [--sample 100] [CORPUS]

LABELS.yaml is the hand-labelled file (tests/extract/data/real-labels.yaml of the labelling
branch); CORPUS defaults to ../shared/corpus/real-dev.jsonl.gz. The corpus is split in two
seeded halves ("dev" to develop on, "test" to measure on), the labelled statements in neither.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import random
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from real_corpus import corpus_or_default  # noqa: E402

from archive.content.read import parse_people  # noqa: E402
from archive.extract import parse_text  # noqa: E402
from archive.extract.people import same_person  # noqa: E402
from archive.link import person_page_id  # noqa: E402
from archive.model import PeopleDirectory, PersonRef  # noqa: E402

CORPUS = corpus_or_default()
SOURCES = ("kcna", "wh", "state", "ungdc", "sweden")


def _people() -> PeopleDirectory:
    path = ROOT / "content" / "people.yaml"
    return PeopleDirectory.of(parse_people(path.read_text(encoding="utf-8"), str(path)))


def _rows(corpus: Path) -> list[dict]:
    with gzip.open(corpus, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def labelled_ids(rows: list[dict]) -> set[str]:
    """The ids the labelling helper drew: 45 a source, seeded by the source's name."""
    ids: set[str] = set()
    for source in SOURCES:
        of_source = sorted(r["id"] for r in rows if r["source"] == source)
        ids |= set(random.Random(f"14-{source}").sample(of_source, min(45, len(of_source))))
    return ids


def half(rows: list[dict], which: str) -> list[dict]:
    """One seeded half of the corpus, without the labelled statements."""
    held = labelled_ids(rows)
    ids = sorted(r["id"] for r in rows)
    dev = set(random.Random("p14-people-split").sample(ids, len(ids) // 2))
    return [r for r in rows if r["id"] not in held and (r["id"] in dev) == (which == "dev")]


def speakers(labels_path: Path, corpus: Path) -> None:
    labels = {item["id"]: item for item in yaml.safe_load(labels_path.read_text())}
    people = _people()
    rows = [r for r in _rows(corpus) if r["id"] in labels]
    table: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    wrong_list = []
    for row in rows:
        label = labels[row["id"]]
        parsed = parse_text(row["text"], people)
        shown = parsed.speaker
        truth = label.get("speaker")
        also = label.get("also_ok") or []
        counts = table[row["source"]]
        counts["statements"] += 1
        if truth:
            counts["named"] += 1
        if shown is not None and _office(shown):
            # An office ("Spokesperson for DPRK Foreign Ministry") names no person: counted
            # apart, neither a named speaker found nor a wrong one.
            counts["office"] += 1
        elif shown is not None:
            counts["shown"] += 1
            right = any(same_person(shown.name, name) for name in [truth, *also] if name)
            if right:
                counts["right"] += 1
                if truth and same_person(shown.name, truth):
                    counts["found"] += 1
                if label.get("speaker_country"):
                    counts["country_labelled"] += 1
                    counts["country_right"] += shown.country == label["speaker_country"]
            else:
                wrong_list.append((row["id"], shown.name, truth))
    total: collections.Counter = collections.Counter()
    print(
        f"{'source':8} {'stmts':>5} {'named':>5} {'found':>5} {'shown':>5} {'wrong':>5} "
        f"{'country ok':>10}"
    )
    for source in [*SOURCES, "all"]:
        counts = total if source == "all" else table[source]
        if source != "all":
            total.update(counts)
        wrong = counts["shown"] - counts["right"]
        country = f"{counts['country_right']}/{counts['country_labelled']}"
        print(
            f"{source:8} {counts['statements']:5} {counts['named']:5} {counts['found']:5} "
            f"{counts['shown']:5} {wrong:5} {counts['office']:6} {country:>10}"
        )
    found = total["found"] / max(1, total["named"])
    wrong = (total["shown"] - total["right"]) / max(1, total["shown"])
    print(f"named speakers found {found:.1%}; shown speakers wrong {wrong:.1%}")
    for item in wrong_list:
        print("  wrong:", *item)


def _office(person: PersonRef) -> bool:
    role = (person.role or "").lower()
    return bool(role) and person.name.lower().endswith(role)


def persons(which: str, sample: int, corpus: Path) -> None:
    people = _people()
    rows = half(_rows(corpus), which)
    words = sum(len(r["text"].split()) for r in rows)
    pages: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    statements: dict[str, list[str]] = collections.defaultdict(list)
    started = time.process_time()
    for row in rows:
        parsed = parse_text(row["text"], people)
        for person in [parsed.speaker, *parsed.persons]:
            if person is None:
                continue
            page = person_page_id(person)
            pages[page][person.name] += 1
            statements[page].append(row["id"])
    seconds = time.process_time() - started
    print(
        f"{which}: {len(rows)} statements, {words} words: {len(rows) / seconds:.1f} statements/s, "
        f"{words / seconds:,.0f} words/s (one core); {len(pages)} person pages"
    )
    ranked = sorted(pages, key=lambda page: -len(set(statements[page])))
    top = ranked[:200]
    names = {page: pages[page].most_common(1)[0][0] for page in pages}
    print("possibly one person under two ids in the top 200:")
    for index, page in enumerate(top):
        for other in top[index + 1 :]:
            if same_person(names[page], names[other]):
                print(f"  {page} / {other}")
    print(f"seeded sample of {sample} person pages (judge each by hand):")
    for page in sorted(random.Random(f"p14-persons-{which}").sample(sorted(pages), sample)):
        print(f"  {names[page]!r:40} {len(set(statements[page])):4}  {statements[page][0]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    one = sub.add_parser("speakers")
    one.add_argument("labels", type=Path)
    one.add_argument("corpus", type=Path, nargs="?", default=CORPUS)
    two = sub.add_parser("persons")
    two.add_argument("half", choices=("dev", "test"))
    two.add_argument("--sample", type=int, default=100)
    two.add_argument("corpus", type=Path, nargs="?", default=CORPUS)
    args = parser.parse_args()
    if args.command == "speakers":
        speakers(args.labels, args.corpus)
    else:
        persons(args.half, args.sample, args.corpus)


if __name__ == "__main__":
    main()
