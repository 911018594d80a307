"""Titles the archive makes from a statement's text are whole: they end at a word and at the
end of a clause or phrase, never with an ellipsis, however long the first sentence is."""

from __future__ import annotations

import gzip
import itertools
import json
from pathlib import Path

import pytest

from archive.extract.parse import parse_text
from archive.extract.titles import generated_title

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "real-dev.jsonl.gz"
DANGLING = {"the", "a", "an", "of", "to", "in", "on", "at", "for", "by", "with", "and", "or"}


def test_a_short_sentence_is_the_title_as_it_is() -> None:
    assert generated_title(["Japan welcomes the adoption of resolution 2397."]) == (
        "Japan welcomes the adoption of resolution 2397"
    )


def test_a_long_sentence_ends_at_a_clause_not_mid_phrase() -> None:
    text = (
        "North Korea expressed strong opposition to Japan's entry to permanent membership in "
        "the United Nations Security Council last week, according to Pyongyang's foreign "
        "ministry on Tuesday."
    )
    assert generated_title([text]) == (
        "North Korea expressed strong opposition to Japan's entry to permanent membership in "
        "the United Nations Security Council last week"
    )


def test_without_a_comma_it_ends_before_a_phrase() -> None:
    text = (
        "Japan highly appreciates the unanimous adoption of the robust United Nations Security "
        "Council Resolution 2397 at the Council under Japan's presidency which further enhances "
        "the sanctions measures against North Korea to an unprecedented level."
    )
    title = generated_title([text])
    assert title == (
        "Japan highly appreciates the unanimous adoption of the robust United Nations Security "
        "Council Resolution 2397 at the Council"
    )


def test_a_list_is_not_cut_after_its_first_item() -> None:
    text = (
        "I should like at the outset to convey to you, an able, creative and experienced "
        "diplomat representing a great country with recognized distinction, my delegation's "
        "heartfelt congratulations upon your unanimous election to the presidency."
    )
    assert generated_title([text]) == "I should like at the outset to convey to you"


@pytest.mark.skipif(not CORPUS.exists(), reason="the shared real corpus is not on this machine")
def test_real_generated_titles_are_whole() -> None:
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        rows = [json.loads(line) for line in itertools.islice(lines, 0, None, 5)]
    titles = [p.title for p in map(parse_text, (r["text"] for r in rows)) if p.title_generated]
    assert len(titles) > 50
    assert not [t for t in titles if "…" in t or t.endswith("...")]
    dangling = [t for t in titles if t.split()[-1].lower() in DANGLING]
    assert len(dangling) <= len(titles) // 100, dangling
