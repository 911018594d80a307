"""The topics a statement is about, from the archive's fixed vocabulary of subjects.

A topic is filed only when the statement dwells on it (its signal words recur, or the headline
names it), so a passing mention of sanctions in a speech on abductions does not file it under
sanctions. A fixed vocabulary keeps browse pages few and stable as the archive grows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    name: str
    signals: re.Pattern[str]


def _topic(name: str, *signals: str) -> Topic:
    return Topic(name, re.compile(r"\b(?:" + "|".join(signals) + r")\b", re.IGNORECASE))


#: The vocabulary, in the order browse pages list it.
TOPICS: tuple[Topic, ...] = (
    _topic(
        "Sanctions",
        r"sanction(?:s|ed|ing)?",
        r"asset freezes?",
        r"export bans?",
        r"embargo(?:es)?",
        r"1718 Committee",
        r"[Pp]anel of [Ee]xperts",
        r"ship-to-ship transfers?",
        r"refined petroleum",
        r"(?:total )?bans? (?:of|on) (?:the )?(?:import|export|supply|sale)s?",
        r"restrict(?:s|ing)? the (?:supply|export|import)s?",
        r"(?:strict|stricter|robust|tough|tougher|additional) measures",
        r"pressure",
    ),
    _topic(
        "Nuclear programme",
        r"nuclear (?:tests?|weapons?|programm?e?s?|devices?|activities|arsenal|deterrent"
        r"|capabilit(?:y|ies)|warheads?|explosions?|development|issues?)",
        r"denucleari[sz]ation",
        r"(?:uranium )?enrichment",
        r"plutonium",
        r"Yongbyon",
        r"hydrogen bombs?",
        r"non-?proliferation",
    ),
    _topic(
        "Missiles",
        r"ballistic missiles?",
        r"missiles?",
        r"ICBMs?",
        r"SLBMs?",
        r"hypersonic",
        r"satellite launch(?:es)?",
        r"launch vehicles?",
    ),
    _topic("Abductions", r"abduct(?:ion|ions|ees?|ed|ing)", r"abductee issue"),
    _topic(
        "Security Council reform",
        r"permanent (?:seats?|membership)",
        r"(?:Security )?Council reform",
        r"reform of the (?:U\.?N\.? |United Nations )?Security Council",
        r"expansion of the (?:U\.?N\.? )?Security Council",
        r"new permanent members?",
    ),
    _topic(
        "Human rights",
        r"human rights",
        r"Commission of Inquiry",
        r"crimes against humanity",
        r"political prison(?:s|ers)?",
        r"prison camps?",
        r"forced repatriation",
    ),
    _topic(
        "Humanitarian situation",
        r"humanitarian (?:aid|assistance|situation|exemptions?|crisis|needs)",
        r"food (?:shortages?|aid|assistance|insecurity)",
        r"famine",
        r"malnutrition",
    ),
    _topic(
        "Dialogue and diplomacy",
        r"summits?",
        r"talks",
        r"dialogue",
        r"negotiations?",
        r"normali[sz]ation",
        r"Six-Party",
        r"diplomatic (?:relations|efforts|solution)",
        r"Pyongyang Declaration",
        r"Stockholm Agreement",
    ),
    _topic(
        "History and the colonial past",
        r"war crimes",
        r"colonial (?:rule|past|period)",
        r"colonization",
        r"comfort women",
        r"atonement",
        r"past crimes",
        r"forced labou?r",
        r"apolog(?:y|ies|i[sz]e)",
    ),
    _topic(
        "Cyber and illicit finance",
        r"cyber(?:attacks?|crime|security|space)?",
        r"cyber-attacks?",
        r"hack(?:ing|ers?)",
        r"cryptocurrenc(?:y|ies)",
        r"money laundering",
        r"illicit (?:finance|revenue|activities)",
    ),
    _topic(
        "Military activity",
        r"(?:joint )?military (?:drills|exercises)",
        r"war games",
        r"artillery",
        r"military provocations?",
        r"strategic bombers?",
        r"aircraft carriers?",
    ),
)

#: Weight of a headline's mention against a paragraph's: a headline names what it is about.
HEADLINE_WEIGHT = 3
#: Score at which a statement is filed under a topic: two mentions, or the headline.
THRESHOLD = 2
#: At most this many topics, the strongest first: beyond it a statement is "about everything".
MOST = 5


def topics_in(title: str | None, paragraphs: list[str]) -> list[str]:
    """The vocabulary's topics the statement dwells on, strongest first."""
    body = "\n".join(paragraphs)
    scores: list[tuple[int, int, str]] = []
    for order, topic in enumerate(TOPICS):
        score = HEADLINE_WEIGHT * len(topic.signals.findall(title or ""))
        score += len(topic.signals.findall(body))
        if score >= THRESHOLD:
            scores.append((-score, order, topic.name))
    return [name for _, _, name in sorted(scores)[:MOST]]


def vocabulary_name(topic: str) -> str:
    """A curated topic written in any case ("sanctions") as the vocabulary writes it."""
    wanted = topic.strip().casefold()
    return next((t.name for t in TOPICS if t.name.casefold() == wanted), topic.strip())
