"""How right the parser is: scores `parse_text` against the gold metadata of every gold set in
tests/extract/data (the seeds, the variants and the held-out sets) and prints accuracy per field.
Usage: python benchmarks/parse_eval.py [--failures]
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from archive.content.read import parse_people  # noqa: E402
from archive.extract import parse_text  # noqa: E402
from archive.model import ParsedText, PeopleDirectory  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "extract" / "data"
#: Each gold set: its name, the folder of raw texts and the file of gold metadata.
GOLD_SETS = [
    ("seeds", DATA / "seeds", DATA / "seeds.yaml"),
    ("variants", DATA / "variants", DATA / "variants.yaml"),
    ("heldout", DATA / "heldout", DATA / "heldout.yaml"),
    ("heldout2", DATA / "heldout2", DATA / "heldout2.yaml"),
    ("heldout3", DATA / "heldout3", DATA / "heldout3.yaml"),
    ("heldout4", DATA / "heldout4", DATA / "heldout4.yaml"),
    ("heldout5", DATA / "heldout5", DATA / "heldout5.yaml"),
    ("heldout6", DATA / "heldout6", DATA / "heldout6.yaml"),
    ("heldout7", DATA / "heldout7", DATA / "heldout7.yaml"),
    ("heldout8", DATA / "heldout8", DATA / "heldout8.yaml"),
]
FIELDS = [
    "speaker",
    "speaker_role",
    "date",
    "date_precision",
    "doc_type",
    "source",
    "title",
    "language",
]


@dataclass
class Tally:
    """Right answers out of the texts whose gold gives the field."""

    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += ok
        self.total += 1

    @property
    def share(self) -> float:
        return self.right / self.total if self.total else 1.0

    def __str__(self) -> str:
        return f"{self.right}/{self.total} {100 * self.share:5.1f}%" if self.total else "-"


@dataclass
class Score:
    """The scores of one gold set (or of all of them): a tally per field, resolution numbers
    found and invented, and a line for each miss."""

    fields: dict[str, Tally] = field(default_factory=lambda: {name: Tally() for name in FIELDS})
    resolutions_expected: int = 0
    resolutions_found: int = 0
    resolutions_invented: int = 0
    resolutions_exact: Tally = field(default_factory=Tally)
    failures: list[str] = field(default_factory=list)

    @property
    def found_share(self) -> float:
        expected = self.resolutions_expected
        return self.resolutions_found / expected if expected else 1.0

    def merge(self, other: Score) -> None:
        for name, tally in other.fields.items():
            self.fields[name].right += tally.right
            self.fields[name].total += tally.total
        self.resolutions_expected += other.resolutions_expected
        self.resolutions_found += other.resolutions_found
        self.resolutions_invented += other.resolutions_invented
        self.resolutions_exact.right += other.resolutions_exact.right
        self.resolutions_exact.total += other.resolutions_exact.total
        self.failures.extend(other.failures)


def _plain(text: str | None) -> str:
    """A string compared loosely: case, accents, quotes, dashes and spacing ignored."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.translate(str.maketrans("‘’“”–—&", "''\"\"--+")).replace("+", "and")
    text = re.sub(r"^the\s+", "", text.strip().lower())
    return re.sub(r"\s+", " ", text)


def _name_tokens(name: str) -> frozenset[str]:
    """A person's name as a set of words: order ("Hayashi Yoshimasa"), hyphens ("Joon-kook"),
    case and initials ("Rex W. Tillerson") do not matter."""
    words = re.sub(r"[.,]", " ", _plain(name).replace("-", "")).split()
    return frozenset(w for w in words if len(w) > 1)


def _same_person(gold: str, found: str, people: PeopleDirectory) -> bool:
    if _name_tokens(gold) == _name_tokens(found):
        return True
    a, b = people.find(gold), people.find(found)
    return a is not None and b is not None and a.id == b.id


def _one_of(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def score_text(
    name: str, gold: dict[str, Any], parsed: ParsedText, people: PeopleDirectory
) -> Score:
    """The score of one parsed text against its gold metadata (only the keys gold gives)."""
    score = Score()

    def check(field_name: str, ok: bool, found: Any, expected: Any) -> None:
        score.fields[field_name].add(ok)
        if not ok:
            score.failures.append(f"{name}: {field_name}: got {found!r}, expected {expected!r}")

    if "speaker" in gold:
        expected, speaker = gold["speaker"], parsed.speaker
        found = (speaker.name, speaker.role, speaker.country) if speaker else None
        if expected is None:
            check("speaker", speaker is None, found, None)
        else:
            ok = speaker is not None
            if ok and "name" in expected:
                ok = _same_person(expected["name"], speaker.name, people)
            if ok and "country" in expected:
                ok = speaker.country == expected["country"]
            check("speaker", ok, found, expected)
            if "role" in expected:
                role = speaker.role if speaker else None
                roles = {_plain(r) for r in _one_of(expected["role"])}
                check("speaker_role", _plain(role) in roles, role, expected["role"])
    if "date" in gold:
        check("date", parsed.date.iso == gold["date"], parsed.date.iso, gold["date"])
    if "date_precision" in gold:
        found_precision = parsed.date.precision
        expected_precision = gold["date_precision"]
        check(
            "date_precision",
            found_precision == expected_precision,
            found_precision,
            expected_precision,
        )
    for key in ("doc_type", "source", "language"):
        if key in gold:
            value = getattr(parsed, key)
            accepted = {_plain(v) for v in _one_of(gold[key])}
            check(key, _plain(value) in accepted, value, gold[key])
    if "title" in gold:
        ok = not parsed.title_generated and _plain(parsed.title) == _plain(gold["title"])
        found_title = f"{parsed.title} (generated)" if parsed.title_generated else parsed.title
        check("title", ok, found_title, gold["title"])
    elif gold.get("title_generated"):
        check("title", parsed.title_generated and bool(parsed.title), parsed.title, "generated")
    if "resolutions" in gold:
        expected_numbers, found_numbers = set(gold["resolutions"]), set(parsed.resolutions)
        score.resolutions_expected += len(expected_numbers)
        score.resolutions_found += len(expected_numbers & found_numbers)
        score.resolutions_invented += len(found_numbers - expected_numbers)
        exact = expected_numbers == found_numbers
        score.resolutions_exact.add(exact)
        if not exact:
            score.failures.append(
                f"{name}: resolutions: got {sorted(found_numbers)}, "
                f"expected {sorted(expected_numbers)}"
            )
    return score


def load_people() -> PeopleDirectory:
    path = ROOT / "content" / "people.yaml"
    return PeopleDirectory.of(parse_people(path.read_text(encoding="utf-8"), str(path)))


def evaluate(people: PeopleDirectory | None = None) -> dict[str, Score]:
    """The score of each gold set, and of all together under "all"."""
    people = people or load_people()
    scores: dict[str, Score] = {}
    total = Score()
    for set_name, folder, gold_path in GOLD_SETS:
        gold_set: dict[str, dict[str, Any]] = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        score = Score()
        for file_name, gold in sorted(gold_set.items()):
            text = (folder / file_name).read_text(encoding="utf-8")
            score.merge(
                score_text(f"{set_name}/{file_name}", gold, parse_text(text, people), people)
            )
        scores[set_name] = score
        total.merge(score)
    scores["all"] = total
    return scores


def report(scores: dict[str, Score]) -> Iterable[str]:
    """The table of scores, one column per gold set."""
    names = list(scores)
    yield f"{'field':<22}" + "".join(f"{n:>18}" for n in names)
    for field_name in FIELDS:
        cells = "".join(f"{str(scores[n].fields[field_name]):>18}" for n in names)
        yield f"{field_name:<22}{cells}"
    found = "".join(
        f"{f'{s.resolutions_found}/{s.resolutions_expected} {100 * s.found_share:5.1f}%':>18}"
        for s in scores.values()
    )
    yield f"{'resolutions found':<22}{found}"
    yield f"{'resolutions invented':<22}" + "".join(
        f"{s.resolutions_invented:>18}" for s in scores.values()
    )
    yield f"{'resolutions exact':<22}" + "".join(
        f"{str(s.resolutions_exact):>18}" for s in scores.values()
    )


def main(argv: list[str]) -> int:
    scores = evaluate()
    for line in report(scores):
        print(line)
    if "--failures" in argv:
        print()
        for failure in scores["all"].failures:
            print(failure)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
