"""Generate a benchmark project: N statement files with front matter whose vocabulary keeps
growing with N, as a real archive's does (words drawn from a Zipf law over an unbounded
vocabulary: the seed statements' words first, then made-up words with English endings).

    python benchmarks/corpus.py N OUTDIR

OUTDIR becomes a project (content/ with the real people, resolutions and site settings, and
links to the repository's templates/, static/ and node_modules/), ready for
`python build.py build --project OUTDIR` or `archive.build.pipeline.build(Project(OUTDIR))`.
The same N and seed always give the same files.
"""

from __future__ import annotations

import argparse
import re
import shutil
from collections import Counter
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
ZIPF_EXPONENT = 1.35
WORDS_PER_STATEMENT = 600
SYLLABLES = [
    c + v
    for c in ("b", "d", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "ch", "sh", "tr")
    for v in ("a", "e", "i", "o", "u", "ai", "ou")
]
ENDINGS = ["", "", "", "s", "ed", "ing", "ation", "ly", "ment", "ies", "y", "er"]
DOC_TYPES = [
    "press-release",
    "ministerial-statement",
    "government-statement",
    "council-speech",
    "speech",
    "news-report",
    "interview",
    "letter",
]
COUNTRIES = ["Japan", "North Korea", "South Korea", "United States", "China", "Russia"]
RESOLUTIONS = [825, 1540, 1695, 1718, 1874, 2087, 2094, 2270, 2321, 2371, 2375, 2397]
CURATED_SPEAKERS = ["choe-son-hui", "kim-song", "kim-in-ryong", "ri-yong-ho", "ri-son-gwon"]


def seed_words() -> list[str]:
    """The real statements' words, most frequent first: the head of the vocabulary."""
    counts: Counter[str] = Counter()
    for path in sorted((REPO / "content" / "statements").glob("*.md")):
        counts.update(re.findall(r"[A-Za-z][a-z]+", path.read_text(encoding="utf-8")))
    return [word for word, _ in counts.most_common()]


def made_up_word(rank: int) -> str:
    """A pronounceable word for a vocabulary rank: a different word for every rank."""
    syllables = []
    n = rank
    while True:
        n, digit = divmod(n, len(SYLLABLES))
        syllables.append(SYLLABLES[digit])
        if n == 0:
            break
    return "".join(syllables) + ENDINGS[rank % len(ENDINGS)]


class Vocabulary:
    """Word of a Zipf rank, seed words first; made-up words are cached as they appear."""

    def __init__(self) -> None:
        self.head = seed_words()
        self.cache: dict[int, str] = {}

    def word(self, rank: int) -> str:
        if rank <= len(self.head):
            return self.head[rank - 1]
        word = self.cache.get(rank)
        if word is None:
            word = self.cache[rank] = made_up_word(rank)
        return word

    def words(self, ranks: np.ndarray) -> list[str]:
        return [self.word(r) for r in ranks.tolist()]


def speaker_names(rng: np.random.Generator, vocabulary: Vocabulary, count: int) -> list[str]:
    names = []
    for _ in range(count):
        first, last = rng.integers(1, 4000, size=2)
        names.append(f"{made_up_word(int(first)).title()} {made_up_word(int(last)).title()}")
    return names


def statement_text(n: int, rng: np.random.Generator, vocab: Vocabulary, speakers: list[str]):
    """(file name, text) of statement number n."""
    ranks = rng.zipf(ZIPF_EXPONENT, size=WORDS_PER_STATEMENT + 12)
    ranks = np.minimum(ranks, 50_000_000)
    words = vocab.words(ranks)
    title_words = words[WORDS_PER_STATEMENT:]
    title = " ".join(title_words[: int(rng.integers(4, 12))]).capitalize()
    body = words[:WORDS_PER_STATEMENT]
    cuts = sorted(set(rng.integers(40, WORDS_PER_STATEMENT - 40, size=int(rng.integers(3, 8)))))
    paragraphs, start = [], 0
    for cut in [*cuts, WORDS_PER_STATEMENT]:
        sentence = " ".join(body[start:cut])
        paragraphs.append(sentence[:1].upper() + sentence[1:] + ".")
        start = cut
    year = int(rng.integers(1993, 2026))
    precision = rng.random()
    front = ["---"]
    if precision < 0.9:
        front.append(f"date: {year}-{int(rng.integers(1, 13)):02d}-{int(rng.integers(1, 29)):02d}")
    elif precision < 0.95:
        front.append(f"date: {year}-{int(rng.integers(1, 13)):02d}")
    elif precision < 0.98:
        front.append(f'date: "{year}"')
    front.append(f"title: {title!r}" if "'" not in title else f'title: "{title}"')
    if rng.random() < 0.3:
        front.append(f"speaker: {CURATED_SPEAKERS[int(rng.integers(len(CURATED_SPEAKERS)))]}")
    else:
        front.append(f'speaker: "{speakers[int(rng.integers(len(speakers)))]}"')
    front.append(f"doc_type: {DOC_TYPES[int(rng.integers(len(DOC_TYPES)))]}")
    picked = rng.choice(len(COUNTRIES), size=int(rng.integers(1, 3)), replace=False)
    front.append("countries: [" + ", ".join(COUNTRIES[i] for i in sorted(picked)) + "]")
    if rng.random() < 0.6:
        chosen = rng.choice(RESOLUTIONS, size=int(rng.integers(1, 3)), replace=False)
        front.append("resolutions: [" + ", ".join(str(r) for r in sorted(chosen)) + "]")
        paragraphs[0] += f" Resolution {chosen[0]} was recalled."
    front.append("---")
    return f"s{n:06d}.md", "\n".join(front) + "\n" + "\n\n".join(paragraphs) + "\n"


def generate(count: int, out: Path, seed: int = 1) -> Path:
    """Write a project of `count` statements into `out` (replacing its content/)."""
    rng = np.random.default_rng(seed)
    vocabulary = Vocabulary()
    speakers = speaker_names(rng, vocabulary, max(20, count // 40))
    content = out / "content"
    if content.exists():
        shutil.rmtree(content)
    statements = content / "statements"
    statements.mkdir(parents=True)
    for name in ("people.yaml", "resolutions.yaml", "site.yaml"):
        shutil.copy(REPO / "content" / name, content / name)
    for n in range(count):
        folder = statements / f"{n // 1000:03d}"
        folder.mkdir(exist_ok=True)
        name, text = statement_text(n, rng, vocabulary, speakers)
        (folder / name).write_text(text, encoding="utf-8")
    for shared in ("templates", "static", "node_modules"):
        link = out / shared
        if not link.exists() and (REPO / shared).exists():
            link.symlink_to(REPO / shared)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="number of statements")
    parser.add_argument("out", type=Path, help="project directory to write")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.count, args.out, args.seed)


if __name__ == "__main__":
    main()
