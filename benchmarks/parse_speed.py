"""How fast the parser reads statements: parses N varied raw statements (made from the kinds
of pages the archive imports, with names, dates, resolutions and junk varied) on one core and
prints statements per second. Usage: python benchmarks/parse_speed.py [N]  (default 10,000).
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from archive.content.read import parse_people  # noqa: E402
from archive.extract import parse_text  # noqa: E402
from archive.model import PeopleDirectory  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "extract" / "data" / "seeds"
VARIANTS = ROOT / "tests" / "extract" / "data" / "variants"
HELDOUT = ROOT / "tests" / "extract" / "data" / "heldout"

SPEAKERS = [
    ("Koro Bessho", "Permanent Representative of Japan to the United Nations"),
    ("Kimihiro Ishikane", "Permanent Representative of Japan to the United Nations"),
    ("Linda Thomas-Greenfield", "Representative of the United States to the United Nations"),
    ("Zhang Jun", "Permanent Representative of China to the United Nations"),
    ("Vassily Nebenzia", "Permanent Representative of the Russian Federation"),
    ("Kim Song", "Permanent Representative of the DPRK to the United Nations"),
    ("Barbara Woodward", "Permanent Representative of the United Kingdom"),
]
MINISTERS = ["Taro Kono", "Fumio Kishida", "Yoko Kamikawa", "Toshimitsu Motegi"]
MONTHS = ["January", "March", "May", "July", "September", "November", "December"]
RESOLUTIONS = [1718, 1874, 2087, 2094, 2270, 2321, 2356, 2371, 2375, 2397]
SENTENCES = [
    "North Korea's nuclear and missile development represents a grave and imminent threat.",
    "Japan strongly urges North Korea to comply with the relevant Security Council resolutions.",
    "We must maintain the solidarity of the international community to stop sanction evasion.",
    "The abductions issue continues to be the most important issue for Japan.",
    "It is important that all Member States fully implement the sanctions measures.",
    "The DPRK will never give up its nuclear deterrent, the statement said.",
    "China and Russia called for dialogue and the easing of sanctions on humanitarian grounds.",
    "The Council must remain united in the face of repeated ballistic missile launches.",
]
JUNK = ["Share", "Print", "Popular Now", "  • 1", "    LATEST", "Comments0", "Back to top"]


def _resolutions(rnd: random.Random) -> str:
    picked = sorted(rnd.sample(RESOLUTIONS, k=rnd.randint(1, 4)))
    items = [f"{n} ({2006 + i})" if rnd.random() < 0.5 else str(n) for i, n in enumerate(picked)]
    if len(items) == 1:
        return f"resolution {items[0]}"
    return "resolutions " + ", ".join(items[:-1]) + " and " + items[-1]


def _body(rnd: random.Random, count: int) -> list[str]:
    paragraphs = []
    for _ in range(count):
        sentences = rnd.sample(SENTENCES, k=rnd.randint(2, 4))
        if rnd.random() < 0.4:
            sentences.insert(1, f"We call for the full implementation of {_resolutions(rnd)}.")
        paragraphs.append(" ".join(sentences))
    return paragraphs


def council_speech(rnd: random.Random) -> str:
    name, role = rnd.choice(SPEAKERS)
    day, month, year = rnd.randint(1, 28), rnd.choice(MONTHS), rnd.randint(2006, 2024)
    lines = [
        f"Statement by H.E. Ambassador {name}, {role} at the Security Council Meeting on DPRK",
        "",
        f"{day} {month} {year}",
        "",
        "(Check against delivery)",
        "",
        "Thank you, Mr. President.",
        *_body(rnd, rnd.randint(6, 14)),
        "I thank you, Mr. President.",
    ]
    return "\n\n".join(lines)


def press_release(rnd: random.Random) -> str:
    minister = rnd.choice(MINISTERS)
    day, month, year = rnd.randint(1, 28), rnd.choice(MONTHS), rnd.randint(2006, 2024)
    body = [f"{i}. {p}" for i, p in enumerate(_body(rnd, rnd.randint(3, 8)), start=1)]
    return "\n".join(
        [
            "Press Releases",
            "",
            "The Adoption of a Resolution by the United Nations Security Council",
            f"(Statement by Foreign Minister {minister})",
            "",
            f"{month} {day}, {year}",
            "",
            *body,
            "",
            "Back to Press Releases",
        ]
    )


def news_report(rnd: random.Random) -> str:
    agency = rnd.choice(["Yonhap", "Kyodo", "KCNA", "Jiji Press", "AP"])
    place = rnd.choice(["SEOUL", "TOKYO", "Pyongyang", "UNITED NATIONS"])
    month = rnd.choice(["Jan.", "March", "Sept.", "Dec."])
    day = rnd.randint(1, 28)
    name, role = rnd.choice(SPEAKERS)
    lead = (
        f"{place}, {month} {day} ({agency}) -- {name}, {role}, said on Tuesday that the "
        f"Council should act on {_resolutions(rnd)}."
    )
    lines = [
        "N. Korea slams Japan over sanctions",
        f"By Reporter {rnd.choice(['Kim', 'Lee', 'Park'])} Soo-yeon",
        lead,
        *_body(rnd, rnd.randint(4, 10)),
        *rnd.sample(JUNK, k=4),
        "Seoul shares snap 2-day drop on hopes for rate cut",
        "LATEST",
    ]
    return "\n".join(lines)


def real_pages() -> list[str]:
    pages = sorted([*SEEDS.glob("*"), *VARIANTS.glob("*"), *HELDOUT.glob("*")])
    return [p.read_text(encoding="utf-8") for p in pages]


def _varied(text: str, index: int) -> str:
    """A real page with its paragraphs made unique, so that no cache sees it twice."""
    lines = text.split("\n")
    return "\n".join(f"{line} It was item {index}." if len(line) > 80 else line for line in lines)


def corpus(count: int, seed: int = 3) -> list[str]:
    """`count` raw statements: the real pages (seeds, variants, held-out set) and generated
    pages of each kind."""
    rnd = random.Random(seed)
    real = real_pages()
    makers = [council_speech, press_release, news_report]
    texts = []
    for index in range(count):
        if index % 4 == 0:
            texts.append(_varied(real[index // 4 % len(real)], index))
        else:
            texts.append(rnd.choice(makers)(rnd))
    return texts


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    people_path = ROOT / "content" / "people.yaml"
    people = PeopleDirectory.of(
        parse_people(people_path.read_text(encoding="utf-8"), "content/people.yaml")
    )
    texts = corpus(count)
    size = sum(len(t) for t in texts)
    started, wall = time.process_time(), time.perf_counter()
    for text in texts:
        parse_text(text, people)
    elapsed, wall = time.process_time() - started, time.perf_counter() - wall
    # CPU time is the measure: on a shared machine the wall clock also counts other work.
    print(
        f"parsed {count} statements ({size / 1e6:.1f} MB) in {elapsed:.2f} s CPU "
        f"({wall:.2f} s wall): {count / elapsed:,.0f} statements/s on one core"
    )


if __name__ == "__main__":
    main()
