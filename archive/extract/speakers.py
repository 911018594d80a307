"""Who made a statement, decided by weighing candidates: each name the page offers as its
speaker (a sign-off, "attributable to", a transcript's turns, an agency's headline "X Issues
Press Statement", a Swedish "Tal av utrikesminister X"), and the reasons a name is not the
speaker (it is the addressee, an attendee of an event, several people speak). A speaker is
shown only when the evidence is strong; otherwise none, with a warning for the curator.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from archive.extract import people as persons
from archive.extract.clean import Layout, Line
from archive.extract.countries import find_countries
from archive.model import PeopleDirectory, PersonRef, text_provenance

_DATA = Path(__file__).with_name("data")


@dataclass(frozen=True)
class Candidate:
    """A possible speaker, where the page names them, and how much that place says."""

    person: PersonRef
    place: str  # "sign-off", "attributable", "turns", "headline", "title-of", ...
    line: int
    weight: float


@lru_cache(maxsize=1)
def _countries() -> dict:
    """data/speaker-countries.yaml: which country a page or a title speaks for."""
    return yaml.safe_load((_DATA / "speaker-countries.yaml").read_text(encoding="utf-8"))


# --- where a page names its speaker --------------------------------------------------------------

# "The following is attributable to Spokesperson Ned Price:".
_ATTRIBUTABLE = re.compile(
    r"\b(?:is|are)\s+attributable\s+to\s+(?P<who>[^:.]{3,140}?)\s*:", re.IGNORECASE
)
# A signature in capitals alone: "JOSEPH R. BIDEN JR.", "DONALD J. TRUMP".
_CAPS_SIGNATURE = re.compile(
    r"^(?P<name>[A-Z][A-Z'’-]+(?:\s(?:[A-Z]\.|[A-Z][A-Z'’-]+)){1,4})(?:,?\s(?:JR|SR)\.?)?\s*$"
)
# KCNA's headlines for a statement it carries whole: "DPRK Foreign Minister Choe Son Hui
# Issues Press Statement", "Statement of Kim Yo Jong, Vice Department Director of ...".
_ISSUES = re.compile(
    r"^(?P<who>.{4,160}?)\s(?:Issues|Releases|Publishes|Makes\sPublic|Gives)\s(?:a\s)?"
    r"(?:Press\s)?(?:Statement|Commentary|Answer|Talk|Comment)s?\b"
    # "Kim Jong Un Sends Reply Message to ...": the sender's words.
    r"|^(?P<sender>.{4,120}?)\s(?:Sends|Send)\s(?:a\s)?(?:Reply\s|Congratulatory\s)?"
    r"(?:Message|Letter|Greetings|Reply|Congratulations)\b"
)
_STATEMENT_OF = re.compile(
    r"^(?:Press\s)?(?:Statement|Commentary|Talk|Answer)\s(?:of|by)\s(?P<who>.{4,200})$"
)
# A transcript's turn: "THE PRESIDENT:", "SECRETARY BLINKEN:", "MS. JEAN-PIERRE:".
_TURN = re.compile(r"^(?P<label>(?:THE\s)?[A-Z][A-Z.'’-]*(?:\s[A-Z][A-Z.'’-]*){0,4}):\s")
_NOT_SPEAKER_TURN = frozenset(
    {
        "Q",
        "QUESTION",
        "MODERATOR",
        "OPERATOR",
        "PARTICIPANT",
        "PARTICIPANTS",
        "AUDIENCE",
        "AUDIENCE MEMBER",
        "STAFF",
        "REPORTER",
        "NOTE",
        "END",
    }
)
_HONORIFIC_TURN = re.compile(r"^(?:MR|MS|MRS|DR|MX)\.?\s")
# Swedish government pages: "Tal av utrikesminister Maria Malmer Stenergard ...",
# "Statsminister Ulf Kristerssons tal ...", "Debattartikel av civilminister Erik Slottner".
_SV_NAME = r"(?P<name>[A-ZÅÄÖÉ][\wåäöé-]+(?:\s[A-ZÅÄÖÉ][\wåäöé-]+){1,3})"
_SV_ROLE = r"(?P<role>(?:[\wåäöé]+-\soch\s)?[\wåäöé-]*(?:minister|ministern|statssekreterare))"
_SV_BY = re.compile(
    r"\b(?:[Tt]al|[Aa]nförande|[Ii]nledningsanförande|[Hh]älsningsanförande|[Dd]ebattartikel|"
    r"[Aa]rtikel|[Uu]ttalande|[Kk]rönika|[Ss]kriftlig\sfråga)\s(?:av|från)\s"
    + _SV_ROLE
    + r"\s"
    + _SV_NAME
)
_SV_POSSESSIVE = re.compile(
    r"^(?P<role>[\wåäöé-]*(?:[Mm]inister|[Ss]tatssekreterare))\s" + _SV_NAME + r"s\s"
    r"(?:tal|anförande|inledningsanförande|debattartikel|artikel|uttalande)\b"
)
# "Remarks by President Biden and Prime Minister Kishida": more than one speaks.
_JOINT = re.compile(r"\b(?:and|with|&)\s(?:the\s)?(?:[A-Z][\w.-]*\s){0,4}(?:[A-Z][\w.’'-]+)")


# "... av statsminister X och klimat- och miljöminister Y", "av X, minister för Z Y": several
# sign the words, or "Gemensamt uttalande": none of them alone is the speaker.
_SV_MORE = re.compile(
    r"^(?:,|\soch)\s(?:[\wåäöé]+-\soch\s)?[\wåäöé-]*(?:minister|statssekreterare)\b"
    r"|^,\s(?:minister|statssekreterare)\sför\b"
)
# A party's letters after a name: "energi- och näringsminister Ebba Busch (KD), ...".
_SV_PARTY = re.compile(r"^\s?\([A-ZÅÄÖ]{1,4}\)")
_SV_JOINT = re.compile(r"\b[Gg]emensam(?:t|ma)?\s(?:uttalande|debattartikel|artikel)")


# A byline under a Swedish op-ed or speech: "Socialtjänstminister Camilla Waltersson Grönvall,
# debattartikel, Aftonbladet, ..." (the role first), "Anförande av Olof Skoog, Sveriges
# ständige representant ..." (the name first).
_SV_BYLINE = re.compile(
    r"^(?P<role>(?:[\wåäöé]+-\soch\s)?[\wåäöé-]*(?:[Mm]inister|[Ss]tatssekreterare)"
    r"|[Mm]inister\sför\s[\wåäöé ]+?)\s" + _SV_NAME + r",\s(?:debattartikel|replik|krönika|"
    r"artikel|tal|anförande)\b"
)
_SV_NAME_FIRST = re.compile(
    r"\b(?:[Tt]al|[Aa]nförande|[Ii]nledningsanförande|[Dd]ebattartikel|[Uu]ttalande)\sav\s"
    + _SV_NAME
    + r",\s(?P<role>[^,]{3,120}?)(?:,|\.|$)"
)


# A speech's by-line of name, place and date: "Göran Persson, riksdagen, den 14 september
# 1999.", "Statsminister Stefan Löfven, riksdagen, den 8 september 2020.".
_SV_NAME_PLACE_DATE = re.compile(
    r"^(?:(?P<role>[\wåäöé-]*[Mm]inister)\s)?" + _SV_NAME + r",\s[^,]{3,60},\s(?:den\s)?"
    r"\d{1,2}\s[a-zåäö]+\s\d{4}\.?$"
)


def _swedish(parts: Layout, body: list[Line]) -> list[Candidate]:
    found: list[Candidate] = []
    for line in (parts.header + body[:2])[:6]:
        match = _SV_NAME_PLACE_DATE.match(line.text.strip())
        if match and persons.plausible_name(match.group("name")):
            role = match.group("role")
            role = role[:1].upper() + role[1:] if role else None
            person = PersonRef(persons.canonical_name(match.group("name")), role, None, None)
            return [Candidate(person, "byline", line.number, 0.85)]
    for line in (parts.header + body[:2])[:6]:
        if "inister" not in line.text and " av " not in line.text:
            continue
        text = line.text.replace("\xad", "")
        match = _SV_BYLINE.match(text) or _SV_NAME_FIRST.search(text)
        if match is None or not persons.plausible_name(match.group("name")):
            continue
        rest = _SV_PARTY.sub("", text[match.end("name") :], count=1)
        if re.match(r"^\s(?:och|&)\s", rest) or _SV_JOINT.search(text):
            return found  # several sign
        if match.re is _SV_NAME_FIRST and re.search(r",\s[^,]*?\b(?:och)\s[A-ZÅÄÖ]", rest):
            return found
        role = match.group("role").strip()
        if not persons.role_words(role) and not re.search(r"minister|representant", role):
            continue
        name = persons.canonical_name(match.group("name"))
        person = PersonRef(name, role[:1].upper() + role[1:], None, None)
        return [Candidate(person, "headline", line.number, 0.85)]
    for line in (parts.header + body[:2])[:6]:
        if "inister" not in line.text and "statssekreterare" not in line.text:
            continue
        text = line.text.replace("\xad", "")
        match = _SV_BY.search(text) or _SV_POSSESSIVE.match(text)
        if match and persons.plausible_name(match.group("name")):
            after = _SV_PARTY.sub("", text[match.end() :], count=1)
            if _SV_MORE.match(after) or _SV_JOINT.search(text):
                return found
            role = match.group("role")
            name = persons.canonical_name(match.group("name"))
            person = PersonRef(name, role[:1].upper() + role[1:], None, None)
            found.append(Candidate(person, "headline", line.number, 0.9))
            break
    return found


# An agency's report of a message: "Choe Son Hui, foreign minister of the DPRK, on August 17
# sent a message of greeting to ...", "Kim Jong Un ... received a message of greeting from
# Ronald ..., president of ...": the sender's words.
_SENT = re.compile(
    r"^(?:[A-Z][\w ,.'’()-]{0,40}?\s[-–—]{1,2}\s?)?(?P<who>[A-Z][^;:]{3,240}?)\s(?:on\s[\w.]+"
    r"(?:\s\d{1,2})?\s)?(?:sent|has\ssent)\sa\s(?:congratulatory\s|reply\s|replay\s)?(?:message|letter)"
    r"(?:\sof\s\w+)?\sto\b"
)
_RECEIVED = re.compile(
    r"\breceived\sa\s(?:congratulatory\s|reply\s)?(?:message|letter)(?:\sof\s\w+)?\sfrom\s"
    r"(?P<who>[^;:]{3,240}?)(?:\.\s|\.$|\son\s|\sin\s(?:which|connection)|$)"
)


def _message(body: list[Line], people: PeopleDirectory | None) -> list[Candidate]:
    if not body:
        return []
    text = persons.unglue(body[0].text[:700])
    match = _SENT.match(text) or _RECEIVED.search(text)
    if match is None:
        return []
    who = match.group("who")
    person = persons.parse_who(who, people)
    if person is None or not _has_name(person) or len(person.name.split()) < 2:
        return []
    return [Candidate(person, "message", body[0].number, 0.8)]


# A delegate reads a head of state's words: "It gives me pleasure to read out the statement of
# His Excellency Mr. X, President of ...", "to deliver the following statement from His
# Excellency Mr. Paul Biya, President of ...": the words are X's.
_READ_FOR = re.compile(
    r"\b(?:read\s(?:out\s)?|deliver\s|present\s)(?:the\s)?(?:following\s)?"
    r"(?:statement|message|address)\s(?:of|from|by)\s(?P<who>(?:His|Her)\sExcellency\s[^;:]{3,200})"
)


def _read_for(title: Line | None, body: list[Line], people: PeopleDirectory | None) -> list:
    lines = ([title] if title is not None else []) + body[:3]
    for line in lines:
        if "xcellency" not in line.text:
            continue
        match = _READ_FOR.search(line.text[:1500])
        if match is None:
            continue
        person = persons.parse_who(match.group("who"), people)
        if person is not None and _has_name(person) and len(person.name.split()) > 1:
            return [Candidate(person, "read-for", line.number, 0.85)]
    return []


def _attributable(parts: Layout, body: list[Line], people: PeopleDirectory | None) -> list:
    for line in (parts.header + body[:3])[:8]:
        if "ttributable" not in line.text:
            continue
        match = _ATTRIBUTABLE.search(line.text)
        if match:
            person = persons.parse_who(match.group("who"), people)
            if person is not None and _has_name(person):
                return [Candidate(person, "attributable", line.number, 0.95)]
    return []


def _signature(parts: Layout, body: list[Line]) -> list[Candidate]:
    """A name in capitals alone at the foot of the page (a proclamation's, an order's)."""
    foot = parts.trailer[-4:] + body[-2:]
    for line in foot:
        match = _CAPS_SIGNATURE.match(line.text.strip())
        if match and persons.plausible_name(persons.display_name(match.group("name"))):
            name = persons.canonical_name(match.group("name"))
            return [Candidate(PersonRef(name, None, None, None), "sign-off", line.number, 0.9)]
    return []


def _headline(title: Line | None, people: PeopleDirectory | None) -> list[Candidate]:
    if title is None:
        return []
    text = title.text.strip()
    match = _ISSUES.match(text) or _STATEMENT_OF.match(text)
    if match is None:
        return []
    who = match.groupdict().get("sender") or match.group("who")
    person = persons.parse_who(persons.unglue(who), people)
    if person is None or not _has_name(person):
        return []
    if person.role and re.search(r"\s(?:for|of|to)$", person.role):
        # "Spokesperson for DPRK NCC for Anti-Money Laundering ...": what the title is of,
        # not a name.
        return []
    return [Candidate(person, "headline", title.number, 0.9)]


def _turns(
    parts: Layout, body: list[Line], title: Line | None, people: PeopleDirectory | None
) -> list[Candidate]:
    """The one who takes most turns of a transcript, named as the page names them."""
    labels: Counter[str] = Counter()
    first: dict[str, int] = {}
    for line in body[:400]:
        if ":" not in line.text[:60]:
            continue
        match = _TURN.match(line.text)
        if match is None:
            continue
        label = match.group("label").rstrip(".")
        if label in _NOT_SPEAKER_TURN or len(label) < 3 or not _turn_label(label):
            continue
        labels[label] += 1
        first.setdefault(label, line.number)
    if not labels:
        return []
    (label, count), *rest = labels.most_common()
    total = sum(labels.values())
    if count < 2 or count < 0.6 * total:
        return []
    person = _turn_person(label, parts, title, body, people)
    if person is None:
        return []
    return [Candidate(person, "turns", first[label], 0.85)]


def _turn_label(label: str) -> bool:
    words = label.replace("THE ", "").split()
    return bool(words) and all(w.isupper() for w in words)


def _turn_person(
    label: str,
    parts: Layout,
    title: Line | None,
    body: list[Line],
    people: PeopleDirectory | None,
) -> PersonRef | None:
    """ "THE PRESIDENT" -> the president the headline names ("Remarks by President Biden");
    "SECRETARY BLINKEN", "MS. JEAN-PIERRE" -> the full name where the page gives it."""
    bare = label.removeprefix("THE ")
    words = _HONORIFIC_TURN.sub("", bare).split()
    head = " ".join(line.text for line in parts.header[:6])
    if label.startswith("THE "):
        office = " ".join(w.capitalize() for w in words)
        match = re.search(
            rf"\b{re.escape(office)}\s(?P<name>[A-Z][\w’'-]+(?:\s[A-Z][\w.’'-]+)*)", head
        )
        if match is None:
            return None
        surname = match.group("name").split()
        name = _full_name(" ".join(surname), head, body)
        return PersonRef(name, office, None, None) if name else None
    surname = words[-1].title() if words else ""
    if len(surname) < 2 or _not_a_name(surname):
        return None
    title_words = [w.capitalize() for w in words[:-1]]
    name = _full_name(surname, head, body)
    if name is None:
        return None
    role = " ".join(title_words) or None
    return PersonRef(name, role, None, None)


def _full_name(surname: str, head: str, body: list[Line]) -> str | None:
    """The full name the page gives for a surname ("Jean-Pierre" -> "Karine Jean-Pierre"),
    else the surname as written."""
    surname = surname.split()[-1]
    if surname.lower() in persons.NEVER_NAME or not surname[:1].isupper():
        return None
    text = head + " " + " ".join(line.text for line in body[:3])
    match = re.search(
        rf"\b((?:[A-Z][a-z]+\.?\s)(?:[A-Z]\.\s)?){re.escape(surname)}\b", text, re.IGNORECASE
    )
    if match and persons.plausible_name(match.group(0)):
        return persons.canonical_name(match.group(0))
    return surname


def _has_name(person: PersonRef) -> bool:
    return person.role is None or not person.name.lower().endswith(person.role.lower())


# --- why a name is not the speaker ---------------------------------------------------------------

# The person a letter, a message or greetings go to, or who receives them.
_TO = re.compile(
    r"\b(?:to|To|Receives|receives|received|Received|for|For)\s(?:the\s)?(?:[\w.'’-]+\s){0,8}?"
)
_ADDRESSEE_HEAD = re.compile(
    r"(?:\b(?:[Ll]etter|[Mm]essage|[Gg]reetings?|[Cc]ongratulations?|[Rr]eply|[Gg]ifts?|"
    r"[Bb]asket|[Cc]ondolences?|[Ss]ympathy|[Ll]etters|[Mm]essages)\s(?:[\w.'’-]+\s){0,3}?to\s"
    r"|\b(?:[Ss]ent|[Ss]ends|[Aa]ddressed|[Dd]elivered|[Cc]onveyed)\s(?:[\w.'’-]+\s){0,6}?to\s)"
    r"(?P<who>[^,.;:()]{3,120})"
)
_RECEIVES = re.compile(r"^(?P<who>.{3,80}?)\s(?:Receives|Receive|Gets)\b")
# Someone who speaks at an event a report describes: "made a congratulatory speech",
# "speeches were made by", "was attended by".
_EVENT_SPEECH = re.compile(
    r"\b(?:made|delivered|gave)\s(?:a\s|an\s)?(?:[\w-]+\s){0,2}(?:speech|speeches|address)\b"
    r"|\bspeeches\swere\s(?:made|delivered)\b|\battended\sby\b|\bspoke\sat\b"
    r"|\b[Pp]resent\s(?:there|at\s[^.]{0,80}?)\swere\b"
)


def addressees(title: Line | None, body: list[Line]) -> list[str]:
    """The texts naming whom the statement is addressed to or who receives it."""
    found = []
    lines = ([title.text] if title else []) + [line.text for line in body[:2]]
    for text in lines:
        if "to " not in text[:600]:
            continue
        for match in _ADDRESSEE_HEAD.finditer(persons.unglue(text[:600])):
            found.append(match.group("who"))
    if title is not None:
        match = _RECEIVES.match(persons.unglue(title.text))
        if match:
            found.append(match.group("who"))
    return found


def _named_in(person: PersonRef, texts: list[str]) -> bool:
    surname = person.name.split()[-1]
    if len(surname) < 2:
        return False
    for text in texts:
        if person.name in text:
            return True
        for found in persons.names_in(text):
            if persons.same_person(found, person.name):
                return True
    return False


# --- deciding ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    speaker: PersonRef | None
    line: int
    warnings: tuple[str, ...]
    #: The place of the chosen candidate, or "kept" for what the older rules found.
    place: str


def decide(
    found: PersonRef | None,
    found_line: int,
    parts: Layout,
    body: list[Line],
    title: Line | None,
    news: bool,
    carried: bool,
    people: PeopleDirectory | None,
    agency: bool = False,
) -> Decision:
    """The speaker, from the candidates the page's places offer and the one the older rules
    found (`found`, from a heading's by-phrase, a lead's verb of speech, a record's turns).
    `agency`: the page is a state news agency's own report ("Pyongyang, May 3 (KCNA) --")."""
    strong = (
        _attributable(parts, body, people)
        + _headline(title, people)
        + _swedish(parts, body)
        + _signature(parts, body)
        + (_message(body, people) if news or carried else [])
        + _turns(parts, body, title, people)
        + (_read_for(title, body, people) if not news else [])
    )
    warnings: list[str] = []
    to_whom = addressees(title, body)
    strong = [c for c in strong if not _named_in(c.person, to_whom)]
    senders = _joint_senders(body)
    if senders and (
        any(_named_in(c.person, [senders]) for c in strong)
        or (found is not None and _named_in(found, [senders]))
    ):
        return Decision(None, 0, (f"speaker unsure: {senders} (several send the message)",), "")
    if strong:
        best = max(strong, key=lambda c: c.weight)
        others = {persons.canonical_name(c.person.name) for c in strong}
        agree = all(persons.same_person(best.person.name, c.person.name) for c in strong)
        if not agree and len(others) > 1:
            names = ", ".join(sorted(others))
            return Decision(None, 0, (f"speaker unsure: {names} (the page names several)",), "")
        person = best.person
        if found is not None and persons.same_person(found.name, person.name):
            person = _merge(found, person)
        return Decision(_curated(person, people), best.line, (), best.place)
    if found is None:
        return Decision(None, 0, (), "")
    if _named_in(found, to_whom) or any(found.name in text for text in to_whom):
        why = f"speaker unsure: {found.name} (the addressee, not the speaker)"
        return Decision(None, 0, (why,), "")
    line_text = _line_text(parts, body, found_line) or ""
    header = [line.text for line in parts.header[:8]]
    doubt = _doubt_of_found(found, line_text, title, header, news and agency, carried)
    if doubt:
        return Decision(None, 0, (f"speaker unsure: {found.name} ({doubt})",), "")
    if not _has_name(found) and len(found.name.split()) > 1:
        return Decision(found, found_line, (), "kept")  # an office speaks
    if (
        news
        and not carried
        and _speaks_at_event(found, body)
        and not (title is not None and found.name.split()[-1] in persons.unglue(title.text))
    ):
        why = f"speaker unsure: {found.name} (speaks at an event the report describes)"
        return Decision(None, 0, (why,), "")
    if found.person_id is None and _not_a_name(found.name):
        return Decision(None, 0, (f"speaker unsure: {found.name} (not a person's name)",), "")
    return Decision(_curated(found, people), found_line, tuple(warnings), "kept")


# A headline that reports what a person did, in the third person ("President Biden Announces
# Key Nominees", "... Announces Presidential Delegation to ..."): a release of their office.
_ABOUT_HEADLINE = re.compile(
    r"^(?:[A-Z][\w.’'-]*\s){1,6}?(?:Announces|Announce|Launches|Signs|Names|Nominates|Appoints|"
    r"Travels|Hosts|Welcomes|Meets|Visits|Unveils|Approves|Designates|Tests|Lays\sOut)\b"
)
# A release's lead that tells what someone did that day: "WASHINGTON – Today, President Joe
# Biden announced ...", "Today, at the G7 Leaders’ Summit ..., President Biden laid out ...".
_REPORTS_TODAY = re.compile(
    r"^(?:[A-Z][A-Z ,.]{2,40}\s[-–—]+\s)?(?:Today|Yesterday|This\s(?:week|morning|afternoon))\b"
)
# A headline that gives a person's words: the one it names may be the speaker of a report.
_HEADLINE_SPEECH = re.compile(
    r"\b(?:Statement|Speech|Address|Says|Said|Answers?|Talk|Interview|Message|Letter|"
    r"Commentary|Remarks|Stresses|Calls|Urges|Declares|Warns|Makes\sPublic|Issues|Releases|"
    r"Clarifies|Denounces|Briefing|Gaggle|Spokesman|Spokesperson)\b"
)
# A line that introduces the words that follow: "... issued the following press statement",
# "... said:".
_INTRODUCES = re.compile(
    r"\b(?:issued|released|made\spublic|published|gave|sent|delivered)\s(?:a|an|the\sfollowing)\s"
    r"(?:[\w-]+\s){0,2}(?:statement|press\sstatement|answer|talk|commentary|interview|article|"
    r"message|letter)\b|\b(?:said|says|stated|declared|noted|wrote|reads|read|as\sfollows)\b"
    r"[^.]{0,80}:\s*$",
    re.IGNORECASE,
)
# Several people or offices in a heading's by-phrase: "Joint Statement by ...", "Secretary
# Antony J. Blinken And Iraqi Foreign Minister ...", "Press Briefing by Press Secretary X and
# National Security Advisor Y".
_BEFORE_PAIR = re.compile(r"(?:\b(?:and|And|with|With)|&|,)\s(?:the\s)?(?:[A-Z][\w.’'-]*\s){0,7}$")
_PAIR_WORDS = re.compile(
    r"\b(?:President|Prime\sMinister|Minister|Secretary|Chancellor|King|Queen|Governor|"
    r"Advis[eo]r|Coordinator|Director|Representative|Ambassador|Spokesperson|Senator|Chair|"
    r"Chairman|Commissioner|Administrator|Leader|Premier)\b"
)


def _doubt_of_found(
    found: PersonRef,
    line_text: str,
    title: Line | None,
    header: list[str],
    agency_report: bool,
    carried: bool,
) -> str | None:
    """Why the speaker the older rules found (a heading's by-phrase, a lead's verb of speech,
    a transcript's turn) is not the page's speaker, or None. In a state agency's own report
    (`agency_report`) the persons it names act at events, give field guidance, are recalled:
    the agency speaks, not they, unless the headline gives them words or the lead carries
    them ("... issued the following press statement")."""
    head = persons.unglue(title.text) if title is not None else ""
    surname = found.name.split()[-1]
    if found.role and re.search(r"\s(?:for|of|to)$", found.role):
        return "what the title is of, not a name"
    # A by-line of the page's own ("Antony J. Blinken, Secretary of State") under a heading of
    # two gives the words to the one it names.
    from_heading = line_text.strip() == head.strip() or _TURN.match(line_text) is not None
    if (
        from_heading
        and not _own_byline(found, header)
        and (re.match(r"^(?:\d{4}\s)?Joint\b", head) or _several_in_heading(head, found))
    ):
        return "speaks with others"
    if not _has_name(found) and len(found.name.split()) > 1:
        office = found.name
        # "Vietnamese Party Leader", "Senior State Administration Official": someone
        # described, not named, and not an office that speaks as one.
        described = find_countries(office) or re.search(r"\bOfficials?\b", office)
        if described and not (_OFFICE_WORD.search(office) or re.search(r"\bSpokes", office)):
            return "a description, not a name"
    if agency_report and not carried and not _INTRODUCES.search(line_text):
        named = _headline_names(found, head)
        if not (named and _HEADLINE_SPEECH.search(head)):
            return "reported in a news report"
    by_phrase = re.search(r"\b(?:by|with|from)\s(?:the\s)?[A-Z]", head)
    if _TURN.match(line_text) and by_phrase and surname not in head:
        return "takes a turn; the headline names another speaker"
    # The headline's subject is the person ("President Biden Announces ..."), not a country
    # ("United States Announces ..." over the Secretary's own by-line).
    # A person the release lists ("President Biden Announces Presidential Delegation to ..."
    # over "The Honorable Linda Thomas-Greenfield, ...") is not its speaker either.
    about = _ABOUT_HEADLINE.match(head)
    subject = about.group(0) if about is not None else ""
    about_someone = surname in subject or bool(_PAIR_WORDS.search(subject))
    own_line = line_text in header and _BYLINE.match(line_text) is not None
    reports = about_someone or _REPORTS_TODAY.match(line_text) is not None
    if reports and not own_line and not _INTRODUCES.search(line_text):
        return "a release that reports what they did"
    return None


_BYLINE = re.compile(r"^[A-Z][\w.’'-]*(?:\s[A-Z][\w.’'-]*){1,4},\s[A-Z]")


def _own_byline(found: PersonRef, header: list[str]) -> bool:
    """Whether a line of the page's header names the person alone with their office
    ("Antony J. Blinken, Secretary of State"): the page gives the words to them."""
    surname = found.name.split()[-1]
    return any(
        surname in text and _BYLINE.match(text) and " and " not in text and len(text) < 120
        for text in header
    )


def _headline_names(found: PersonRef, head: str) -> bool:
    """Whether the headline names the person, or the office by its first word ("Spokesman")."""
    if not head:
        return False
    words = [w for w in found.name.split() if w not in ("DPRK", "the", "The", "A", "a")]
    if not words:
        return False
    key = words[-1] if _has_name(found) else words[0]
    return key in head


def _several_in_heading(head: str, found: PersonRef) -> bool:
    """Whether the heading names the speaker with someone else, before or after them."""
    if not _has_name(found):
        return False  # an office's long name ("Director-General for Press and Public Relations")
    surname = found.name.split()[-1]
    at = head.find(surname)
    if at < 0:
        return bool(found.role and re.search(r"\s(?:and|And)\s", found.role))
    before = head[:at]
    pair = _BEFORE_PAIR.search(before)
    if pair and (
        _PAIR_WORDS.search(before[: pair.start()]) or persons.names_in(before[: pair.start()])
    ):
        return True
    rest = head[at + len(surname) : at + len(surname) + 120]
    match = _JOINT.match(rest.lstrip(" ,"))
    if match is None:
        return False
    return bool(persons.names_in(match.group(0)) or _PAIR_WORDS.search(match.group(0)))


# "received a message of greeting from President Daniel Ortega Saavedra and Vice-President
# Rosario Murillo of ...": two send it, neither alone is the speaker.
_SENDERS = re.compile(
    r"\b(?:received\sa\s(?:[\w-]+\s){0,2}(?:message|letter)(?:\sof\s\w+)?\sfrom"
    r"|(?:message|letter)s?\sfrom)\s(?P<who>[^,;:]{3,200}?)(?:,|\.\s|\son\s|$)"
)


def _joint_senders(body: list[Line]) -> str | None:
    if not body:
        return None
    text = persons.unglue(body[0].text[:700])
    match = _SENDERS.search(text)
    if match is None:
        return None
    who = match.group("who")
    if re.search(r"\s(?:and|&)\s(?:[\w-]+\s){0,3}?[A-Z]", who) and len(persons.names_in(who)) >= 1:
        parts = re.split(r"\s(?:and|&)\s", who, maxsplit=1)
        if _PAIR_WORDS.search(parts[1]) or persons.names_in(parts[1]):
            return who
    return None


def _curated(person: PersonRef, people: PeopleDirectory | None) -> PersonRef:
    """A surname with its title ("President Biden") as the curated person who held it."""
    if people is None or person.person_id or len(person.name.split()) != 1 or not person.role:
        return person
    found = persons.parse_who(f"{person.role} {person.name}", people)
    if found is None or found.person_id is None:
        return person
    return PersonRef(found.name, person.role, person.country, found.person_id, person.source)


_OFFICE_WORD = re.compile(
    r"\b(?:[Gg]overnment|[Mm]inistry|[Oo]ffice|[Cc]abinet|[Dd]epartment|[Mm]ission|[Ee]mbassy|"
    r"[Cc]ommittee|[Cc]ouncil|[Aa]gency|[Cc]ommission)\b"
)


def _not_a_name(name: str) -> bool:
    """Words that name neither a person nor an office: "Bilateral Meeting", "Via
    Teleconference", "Health Officials", "Official"."""
    if len(name.split()) == 1:
        # "President Biden" gives "Biden"; "Senior Administration Official" no one.
        return persons.role_words(name) or name.lower() in persons.NEVER_NAME
    if persons.plausible_name(name) or find_countries(name) or _OFFICE_WORD.search(name):
        return False
    return not persons.role_words(name)


def _speaks_at_event(person: PersonRef, body: list[Line]) -> bool:
    """Whether the report's first paragraphs have the person make a speech at the event
    ("Andrei Zarenin made a congratulatory speech", "... was attended by X")."""
    surname = person.name.split()[-1]
    for line in body[:6]:
        at = line.text.find(surname)
        while at >= 0:
            # "Kim Hae, vice-chairman of the Ryanggang Provincial People's Committee, made a
            # congratulatory speech": the title between name and verb can be long.
            end = line.text.find(". ", at)
            end = at + 200 if end < 0 else min(end, at + 200)
            if _EVENT_SPEECH.search(line.text[max(0, at - 40) : end]):
                return True
            at = line.text.find(surname, at + 1)
    return False


def _merge(person: PersonRef, other: PersonRef) -> PersonRef:
    name = person.name if len(person.name) >= len(other.name) else other.name
    return PersonRef(
        name,
        person.role or other.role,
        person.country or other.country,
        person.person_id or other.person_id,
        person.source,
    )


def _joint(title: Line | None, found: PersonRef) -> bool:
    """Whether the headline gives the words to the speaker and someone else ("Remarks by
    President Biden and Prime Minister Kishida of Japan Before ...")."""
    if title is None:
        return False
    text = title.text
    surname = found.name.split()[-1]
    at = text.find(surname)
    if at < 0 or not re.match(r"^(?:Joint\s)?(?:Remarks|Statement|Press)", text):
        return False
    rest = text[at + len(surname) : at + len(surname) + 120]
    match = _JOINT.match(rest.lstrip(" ,"))
    if match is None:
        return False
    return bool(persons.names_in(match.group(0))) or bool(
        re.search(
            r"\b(?:President|Prime Minister|Minister|Chancellor|King|Secretary)\b", match.group(0)
        )
    )


def _line_text(parts: Layout, body: list[Line], number: int) -> str | None:
    for line in parts.header + body + parts.trailer:
        if line.number == number:
            return line.text
    return None


# --- the country a speaker speaks for ------------------------------------------------------------


def country_of(person: PersonRef, parts: Layout, body: list[Line], own: bool) -> str | None:
    """The country of a speaker whose role names none: the title's (a WPK title is North
    Korea's), else, for a speaker on the page's own side (`own`: named by its heading, sign-off
    or attribution, not quoted in a report), the country of the page's publisher."""
    data = _countries()
    role = person.role or ""
    if role in data["roles"]:
        return data["roles"][role]
    for clue, country in data["titles"].items():
        if clue in role:
            return country
    if not own:
        return None
    lines = [line.text for line in (parts.top + parts.header)[:12] + body[:2] + parts.trailer[-3:]]
    page = "\n".join(lines)
    for clue, country in data["publishers"].items():
        if clue in page:
            return country
    swedish = data["swedish_titles"]
    # A Swedish title ("utrikesminister", "klimat- och miljöminister", "minister för civilt
    # försvar"), not an English one ("Prime Minister").
    role = role.replace("\xad", "")
    swedish_words = role and (" " not in role or re.search(r"\s(?:och|för)\s", role))
    if swedish_words and any(
        role.lower().split()[0].endswith(w) or role.lower().endswith(w) for w in swedish
    ):
        return "Sweden"
    return None


def with_country(person: PersonRef, country: str | None) -> PersonRef:
    if country is None or person.country is not None:
        return person
    return PersonRef(person.name, person.role, country, person.person_id, person.source)


def sourced(person: PersonRef, line: int) -> PersonRef:
    return PersonRef(
        person.name, person.role, person.country, person.person_id, text_provenance(line)
    )


__all__ = ["Candidate", "Decision", "addressees", "country_of", "decide", "find_countries"]
