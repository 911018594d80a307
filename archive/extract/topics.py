"""The topics a statement is about, from the archive's fixed vocabulary of subjects.

A topic is filed only when the statement dwells on it (its signal words recur, or the headline
names it), so a passing mention of sanctions in a speech on abductions does not file it under
sanctions. A fixed vocabulary keeps browse pages few and stable as the archive grows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import compress


@dataclass(frozen=True)
class Topic:
    name: str
    #: The word sequences that signal the topic, lower-case ("u n" is how "U.N." reads).
    phrases: tuple[tuple[str, ...], ...]


def _topic(name: str, *patterns: str) -> Topic:
    """A topic from phrase patterns: space-separated slots, each a word or "a|b" alternatives,
    a slot ending in "?" optional ("total? ban|bans" is four phrases: total ban, total bans,
    ban, bans)."""
    phrases: list[tuple[str, ...]] = []
    for pattern in patterns:
        sequences: list[tuple[str, ...]] = [()]
        for slot in pattern.lower().split():
            optional = slot.endswith("?")
            words = slot.rstrip("?").split("|")
            sequences = [s + (w,) for s in sequences for w in words] + (
                sequences if optional else []
            )
        phrases.extend(s for s in sequences if s)
    return Topic(name, tuple(dict.fromkeys(phrases)))


#: The vocabulary, in the order browse pages list it.
TOPICS: tuple[Topic, ...] = (
    _topic(
        "Sanctions",
        "sanction|sanctions|sanctioned|sanctioning",
        "asset freeze|freezes",
        "export ban|bans",
        "embargo|embargoes",
        "1718 committee",
        "panel of experts",
        "ship-to-ship transfer|transfers",
        "refined petroleum",
        "ban|bans on|of the? import|export|supply|sale|imports|exports",
        "restrict|restricts|restricting the supply|export|import|imports|exports",
        "strict|stricter|robust|tough|tougher|additional measures",
        "pressure",
    ),
    _topic(
        "Nuclear programme",
        "nuclear test|tests|weapon|weapons|programme|programmes|program|programs|device"
        "|devices|activities|arsenal|deterrent|capability|capabilities|warhead|warheads"
        "|explosion|explosions|development|issue|issues",
        "denuclearization|denuclearisation",
        "enrichment",
        "plutonium",
        "yongbyon",
        "hydrogen bomb|bombs",
        "non-proliferation|nonproliferation",
    ),
    _topic(
        "Missiles",
        "missile|missiles",
        "icbm|icbms|slbm|slbms",
        "hypersonic",
        "satellite launch|launches",
        "launch vehicle|vehicles",
    ),
    _topic(
        "Abductions",
        "abduction|abductions|abductee|abductees|abducted|abducting",
    ),
    _topic(
        "Security Council reform",
        "permanent seat|seats|membership",
        "security? council reform",
        "reform of the u|united? n|nations? security council",
        "expansion of the u? n? security council",
        "new permanent member|members",
    ),
    _topic(
        "Human rights",
        "human rights",
        "commission of inquiry",
        "crimes against humanity",
        "political prison|prisons|prisoners",
        "prison camp|camps",
        "forced repatriation",
    ),
    _topic(
        "Humanitarian situation",
        "humanitarian aid|assistance|situation|exemption|exemptions|crisis|needs",
        "food shortage|shortages|aid|assistance|insecurity",
        "famine",
        "malnutrition",
    ),
    _topic(
        "Dialogue and diplomacy",
        "summit|summits",
        "talks",
        "dialogue",
        "negotiation|negotiations",
        "normalization|normalisation",
        "six-party",
        "diplomatic relations|efforts|solution",
        "pyongyang declaration",
        "stockholm agreement",
    ),
    _topic(
        "History and the colonial past",
        "war crimes",
        "colonial rule|past|period",
        "colonization|colonisation",
        "comfort women",
        "atonement",
        "past crimes",
        "forced labor|labour",
        "apology|apologies|apologize|apologise",
    ),
    _topic(
        "Cyber and illicit finance",
        "cyber|cyberattack|cyberattacks|cybercrime|cybersecurity|cyberspace|cyber-attack"
        "|cyber-attacks",
        "hacking|hacker|hackers",
        "cryptocurrency|cryptocurrencies",
        "money laundering",
        "illicit finance|revenue|activities",
    ),
    _topic(
        "Military activity",
        "joint? military drills|exercises",
        "war games",
        "artillery",
        "military provocation|provocations",
        "strategic bomber|bombers",
        "aircraft carrier|carriers",
    ),
)

#: Weight of a headline's mention against a paragraph's: a headline names what it is about.
HEADLINE_WEIGHT = 3
#: Score at which a statement is filed under a topic: two mentions, or the headline.
THRESHOLD = 2
#: How much of the body is read for topics.
BODY_CHARACTERS = 20_000
#: At most this many topics, the strongest first: beyond it a statement is "about everything".
MOST = 5


# Words, not regular expressions: one pass over the text's words with a dictionary of first
# words keeps topics at a few per cent of the parser's time (a pattern per topic cost a third).
# The words are those of `_WORD`, found in C rather than by the pattern, which took half of
# the topics' time: a byte table turns all but letters, digits, hyphens and apostrophes into
# spaces, then a hyphen or an apostrophe that does not join two letters or digits goes too.
_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
_WORD_BYTES = b"abcdefghijklmnopqrstuvwxyz0123456789-'"
_SPACE_OUT = bytes(c if c in _WORD_BYTES else 32 for c in range(256))
# One pattern per mark: a pattern that opens with one character is searched for as fast as
# str.find, one that opens with a choice of two is read character by character, six times slower.
_LOOSE_HYPHEN = re.compile(r"-(?:(?<![a-z0-9]-)|(?![a-z0-9]))")
_LOOSE_APOSTROPHE = re.compile(r"'(?:(?<![a-z0-9]')|(?![a-z0-9]))")
# The phrases by their words: the topics of each one-word phrase, and each longer phrase under
# its first and second words, so that a word that starts many phrases ("nuclear test",
# "nuclear weapons", ...) costs one look-up of the word after it, not one test per phrase.
_ALONE: dict[str, list[int]] = {}
_BY_FIRST_TWO: dict[str, dict[str, list[tuple[tuple[str, ...], int]]]] = {}
for _order, _entry in enumerate(TOPICS):
    for _phrase in _entry.phrases:
        if len(_phrase) == 1:
            _ALONE.setdefault(_phrase[0], []).append(_order)
        else:
            _BY_FIRST_TWO.setdefault(_phrase[0], {}).setdefault(_phrase[1], []).append(
                (_phrase[2:], _order)
            )
_FIRST_WORDS = frozenset(_ALONE) | frozenset(_BY_FIRST_TWO)


def words_of(text: str) -> list[str]:
    """The text's words in lower case: the matches of `_WORD`, in order."""
    spaced = text.lower().encode("ascii", "replace").translate(_SPACE_OUT).decode("ascii")
    # A loose hyphen made a space leaves the apostrophes beside it just as loose.
    if "-" in spaced:
        spaced = _LOOSE_HYPHEN.sub(" ", spaced)
    if "'" in spaced:
        spaced = _LOOSE_APOSTROPHE.sub(" ", spaced)
    return spaced.split()


def _counts(text: str) -> list[int]:
    counts = [0] * len(TOPICS)
    words = words_of(text)
    last = len(words) - 1
    # The positions of the words that start a phrase, found by C iterators, not a Python loop.
    for position in compress(range(len(words)), map(_FIRST_WORDS.__contains__, words)):
        word = words[position]
        for order in _ALONE.get(word, ()):
            counts[order] += 1
        second = _BY_FIRST_TWO.get(word)
        if second and position < last:
            for rest, order in second.get(words[position + 1], ()):
                if not rest or tuple(words[position + 2 : position + 2 + len(rest)]) == rest:
                    counts[order] += 1
    return counts


def topics_in(title: str | None, paragraphs: list[str]) -> list[str]:
    """The vocabulary's topics the statement dwells on, strongest first."""
    headline = _counts(title or "")
    # What a statement dwells on shows in its first pages; a huge text is not read to the end.
    body = _counts("\n".join(paragraphs)[:BODY_CHARACTERS])
    scores = [
        (-(HEADLINE_WEIGHT * in_headline + in_body), order, topic.name)
        for order, (topic, in_headline, in_body) in enumerate(
            zip(TOPICS, headline, body, strict=True)
        )
        if HEADLINE_WEIGHT * in_headline + in_body >= THRESHOLD
    ]
    return [name for _, _, name in sorted(scores)[:MOST]]


def vocabulary_name(topic: str) -> str:
    """A curated topic written in any case ("sanctions") as the vocabulary writes it."""
    wanted = topic.strip().casefold()
    return next((t.name for t in TOPICS if t.name.casefold() == wanted), topic.strip())
