"""The parser: from a statement's raw scraped text, the clean body and the facts a reader
browses by. `parse_text` never raises, whatever the text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from archive.extract import classify, speakers
from archive.extract import people as persons
from archive.extract.chronology import date_statement
from archive.extract.clean import (
    RECORD_SPEAKER,
    Layout,
    Line,
    dateline,
    layout,
    paragraphs,
    statement_paragraphs,
)
from archive.extract.countries import countries_in, find_countries
from archive.extract.patterns import at_least, case_blind_clues, holds_clue, whole_words
from archive.extract.resolutions import find_resolutions, resolution_mentions, sentence_spans
from archive.extract.titles import clean_headline, generated_title, headline
from archive.extract.topics import topics_in
from archive.model import (
    GENERATED,
    ParsedText,
    PeopleDirectory,
    PersonRef,
    text_provenance,
)

#: Paragraphs of a news report searched for the person whose words it reports.
LEAD_PARAGRAPHS = 5


def parse_text(text: str, people: PeopleDirectory | None = None, first_line: int = 1) -> ParsedText:
    """Read what the raw text tells about a statement.

    `first_line` is the line of the file on which `text` starts (after any front matter), so
    that "text:N" provenance names the line of the file.
    """
    try:
        return _parse(text if isinstance(text, str) else str(text), people, first_line)
    except (RecursionError, MemoryError):
        raise
    except Exception as error:  # noqa: BLE001 - a parser bug must not stop a build
        fallback = ParsedText()
        fallback.paragraphs = [line.strip() for line in str(text).splitlines() if line.strip()]
        fallback.warnings.append(f"parser error, text kept as is: {type(error).__name__}: {error}")
        return fallback


def _parse(text: str, people: PeopleDirectory | None, first_line: int) -> ParsedText:
    parsed = ParsedText()
    parts = layout(text, first_line)
    parsed.warnings.extend(parts.warnings)
    body = paragraphs(parts)
    parsed.paragraphs = statement_paragraphs(body)
    parsed.notes = [line.text for line in parts.notes]
    if body:
        parsed.sources["paragraphs"] = text_provenance(body[0].number)

    title_line = headline(parts.header)
    texts = [line.text for line in body]
    heading = heading_speaker(parts, body, people)
    # A statement carried whole by an agency ("Press Statement by ..." then "(KCNA) --") is
    # the statement, not a report about it.
    lead = texts[0][:600] if texts else ""
    carried = bool(texts) and (
        (holds_clue(lead, _CARRIED_CLUES) and _CARRIED.search(lead) is not None)
        or (
            _STATE_AGENCY.match(texts[0]) is not None
            and (
                _ISSUED.search(lead) is not None
                or classify.COMMENTARY_CARRIED.search(lead) is not None
            )
        )
    )
    header_lines = [line.text for line in parts.header]
    own_site = classify.masthead_publisher(_masthead_lines(parts))
    # A UN press release or a government's own page reports its own words, not news.
    official = classify.un_press_release(header_lines) or bool(own_site and own_site[1])
    news = heading[0] is None and not carried and not official and _looks_like_news(parts, texts)

    if heading[0] is None or not _named(heading[0]):
        # A transcript: "MR PRICE: ...", "CHIEF CABINET SECRETARY MATSUNO: ..." answer questions.
        answering = _transcript_speaker(parts, body, people, heading[0])
        if answering is not None:
            heading = answering
            news = False
    turns = _record_turns(body, people)
    if turns:
        # A meeting record: its one speaker, or none when several take the floor.
        heading = (turns[0][0] if len({t[0].name for t in turns}) == 1 else None), turns[0][1]
        news = False
    speaker, mentioned, reported = _persons(parts, body, title_line, news, people, heading)
    signed_by = _op_ed_author(parts, body)
    if signed_by is not None and speaker is None:
        # An op-ed speaks for its signed author, not for the paper that prints it.
        speaker, news = signed_by, False
    if turns and heading[0] is None:
        mentioned = [t[0] for t in turns if t[0].name] + mentioned
        speaker = None
    if speaker is not None and classify.un_press_release([line.text for line in parts.header]):
        # A UN press release sums up a meeting: everyone it quotes is a person mentioned.
        mentioned.insert(0, speaker)
        speaker = None
    speaker, mentioned = _weigh_speaker(
        speaker, mentioned, reported, parts, body, title_line, news, carried, people, parsed
    )
    publisher = own_site or (classify.agency_in(texts[:1] + texts[-1:]), None)
    dating = date_statement(
        parts,
        body,
        title_line,
        news,
        speaker.name if speaker else None,
        classify.day_first(*publisher),
    )
    parsed.date = dating.statement
    parsed.published = dating.published
    parsed.warnings.extend(dating.warnings)
    if parsed.date.known:
        parsed.sources["date"] = parsed.date.source
    if parsed.published.known:
        parsed.sources["published"] = parsed.published.source

    # Roles and countries the text leaves out come from people.yaml, for the year it was said.
    year = parsed.date.year
    speaker = _complete(speaker, people, year, speaker.source) if speaker else None
    mentioned = [_complete(p, people, year, p.source) for p in mentioned]
    parsed.speaker = speaker
    parsed.persons = mentioned
    if speaker is not None:
        parsed.sources["speaker"] = speaker.source
    if mentioned:
        parsed.sources["persons"] = mentioned[0].source

    parsed.author = _author(parts)
    if parsed.author:
        parsed.persons = [p for p in parsed.persons if p.name != parsed.author]
        parsed.sources["author"] = "text"

    header_texts = [line.text for line in parts.header]
    parsed.resolution_mentions = resolution_mentions(parsed.paragraphs, year)
    numbers = {mention.number for mention in parsed.resolution_mentions}
    for line in parts.header:
        numbers.update(find_resolutions(line.text, year))
    parsed.resolutions = sorted(numbers)
    if parsed.resolution_mentions:
        first = parsed.resolution_mentions[0].paragraph
        parsed.sources["resolutions"] = text_provenance(body[first - 1].number)
    elif parsed.resolutions:
        parsed.sources["resolutions"] = _first_line_naming(parts, body, parsed.resolutions[0])

    countries = countries_in(header_texts + texts)
    parsed.countries = countries
    parsed.agreements = classify.agreements_in(header_texts + texts)
    parsed.language = classify.language_of(texts or header_texts)

    voice = classify.government_voice(texts)
    masthead = own_site
    if speaker is not None and speaker.country is None and not news:
        # "Letter dated ... from the Permanent Representative of X ...", signed by the speaker.
        sender = _LETTER_FROM.search(" ".join(header_texts[:8] + texts[:1])[:1500])
        found = find_countries(sender.group("of")) if sender else ()
        if found:
            speaker = PersonRef(
                speaker.name, speaker.role, found[0][2], speaker.person_id, speaker.source
            )
            parsed.speaker = speaker
    if speaker is not None and speaker.country is None and news:
        country = _country_of_reported(speaker, texts, title_line)
        if country:
            speaker = PersonRef(
                speaker.name, speaker.role, country, speaker.person_id, speaker.source
            )
            parsed.speaker = speaker
    if speaker is not None and speaker.country is None and not news and masthead and masthead[1]:
        # A minister or an ambassador on their own government's page ("Ministry of Foreign
        # Affairs of Japan", "Permanent Mission of the Russian Federation to the UN").
        speaker = PersonRef(
            speaker.name, speaker.role, masthead[1], speaker.person_id, speaker.source
        )
        parsed.speaker = speaker
    if speaker is not None and speaker.country is None and not news:
        # An office or an ambassador speaking for a government the text names as its voice
        # ("Japan will ...", "Russia has consistently opposed ...").
        speaking_for = voice or classify.government_voice(texts, at_least=1)
        if speaking_for:
            speaker = PersonRef(
                speaker.name, speaker.role, speaking_for, speaker.person_id, speaker.source
            )
            parsed.speaker = speaker
    if speaker is None and not news and masthead and masthead[1] and not turns:
        # A ministry's own page in its government's voice ("Japan will continue to ...") or
        # headed as its spokesperson's statement ("（外務報道官談話）"): the ministry speaks.
        country = masthead[1]
        own_voice = (voice or classify.government_voice(texts, at_least=1)) == country
        headline_text = title_line.text if title_line else None
        if (own_voice or classify.native_office_statement(headline_text)) and not (
            classify.un_press_release(header_texts)
        ):
            speaker = PersonRef(masthead[0], masthead[0], country, None, "text")
            parsed.speaker = speaker
    parsed.doc_type = classify.document_type(
        header_texts,
        texts,
        parts.section_labels,
        speaker,
        news,
        voice,
        carried,
        title_line.text if title_line else None,
    )
    if signed_by is not None and parsed.doc_type in ("news-report", "other"):
        parsed.doc_type = "commentary"
    elif parsed.doc_type == "other" and speaker is None and masthead and masthead[1] is None:
        # An outlet's own unsigned piece that reports no one's words is its commentary
        # (a state broadcaster's "Korean Nation Will Never Tolerate ...").
        parsed.doc_type = "commentary"
    parsed.source = _source(parts, body, parsed.doc_type, speaker, voice, masthead)
    home = classify.home_country(parsed.source) if news else None
    if speaker is not None and speaker.country is None and home and speaker.role:
        # "President-elect Yoon" in a Seoul paper, "Chief Cabinet Secretary X" in a Tokyo one.
        speaker = PersonRef(speaker.name, speaker.role, home, speaker.person_id, speaker.source)
        parsed.speaker = speaker
    if parsed.source:
        parsed.sources["source"] = "text"
    parsed.sources["doc_type"] = "text"

    if title_line is not None:
        parsed.title = clean_headline(title_line.text)
        parsed.sources["title"] = text_provenance(title_line.number)
    else:
        parsed.title = generated_title(texts)
        parsed.title_generated = parsed.title is not None
        if parsed.title:
            parsed.sources["title"] = GENERATED

    parsed.topics = topics_in(None if parsed.title_generated else parsed.title, texts)
    if parsed.topics:
        parsed.sources["topics"] = "text"

    if not parsed.paragraphs:
        parsed.warnings.append("paragraphs: no statement text found")
    return parsed


def _named(person: PersonRef) -> bool:
    """Whether a reference names a person (and not an office such as a spokesperson)."""
    if person.role is None:
        return True
    return not person.name.lower().endswith(person.role.lower())


def _first_line_naming(parts: Layout, body: list[Line], number: int) -> str:
    for line in parts.header + body:
        if number in find_resolutions(line.text):
            return text_provenance(line.number)
    return "text"


_TURN = re.compile(
    r"^(?P<title>(?:MR|MS|MRS|DR|Mr|Ms|Mrs|Dr)\.?|(?:[A-Z][A-Za-z-]*\s){0,3}(?:MINISTER|SECRETARY|"
    r"SPOKESPERSON|AMBASSADOR|Minister|Secretary|Spokesperson|Ambassador))\s"
    r"(?P<surname>[A-Z][A-Za-z'’-]+):\s"
)


def _transcript_speaker(
    parts: Layout, body: list[Line], people: PeopleDirectory | None, office: PersonRef | None
) -> tuple[PersonRef, int] | None:
    """The person who answers in a transcript, named in full where the page or people.yaml
    gives the full name, with the title the transcript gives them."""
    turns: dict[str, list[tuple[str, int]]] = {}
    for line in body[:80]:
        match = _TURN.match(line.text)
        if match:
            turns.setdefault(match.group("surname").lower(), []).append(
                (match.group("title"), line.number)
            )
    if not turns:
        return _named_turns_speaker(body, office)
    surname, said = max(turns.items(), key=lambda item: len(item[1]))
    title = said[0][0]
    role = None if title.rstrip(".").upper() in ("MR", "MS", "MRS", "DR") else title.title()
    name = surname.title()
    page = " ".join(line.text for line in parts.header + body[:3])
    full = re.search(rf"\b([A-Z][a-z]+(?:\s[A-Z]\.)?)\s{re.escape(name)}\b", page)
    curated = None
    if full:
        name = f"{full.group(1)} {name}"
    elif people is not None:
        matching = [p for p in people.people.values() if p.name.split()[-1].lower() == surname]
        curated = matching[0] if len(matching) == 1 else None
        name = curated.name if curated else name
    country = office.country if office else None
    return PersonRef(name, role, country, curated.id if curated else None), said[0][1]


# A turn under a full name: "Mao Ning: We have noted the reports." (questions come under the
# asking outlet's name: "Reuters: ...", "AFP: ...").
_NAMED_TURN = re.compile(r"^(?P<name>[A-Z][a-z]+(?:[ -][A-Z]?[a-z]+){1,2}):\s")


def _named_turns_speaker(
    body: list[Line], office: PersonRef | None
) -> tuple[PersonRef, int] | None:
    """The person who answers in a transcript that names each turn's speaker in full: the
    one name that takes more turns than any other, at least two."""
    turns: dict[str, list[int]] = {}
    for line in body[:80]:
        match = _NAMED_TURN.match(line.text)
        if match and persons.plausible_name(match.group("name")):
            turns.setdefault(match.group("name"), []).append(line.number)
    ranked = sorted(turns.items(), key=lambda item: -len(item[1]))
    if not ranked or len(ranked[0][1]) < 2:
        return None
    if len(ranked) > 1 and len(ranked[1][1]) == len(ranked[0][1]):
        return None
    name, lines = ranked[0]
    return PersonRef(name, None, office.country if office else None, None), lines[0]


def _record_turns(body: list[Line], people: PeopleDirectory | None) -> list[tuple[PersonRef, int]]:
    """The speakers' turns of a UN meeting record ("Mr. Ishikane (Japan): I thank you ..."),
    each a person (named in full when one curated person has that surname) and a line."""
    turns = []
    for line in body:
        match = RECORD_SPEAKER.match(line.text)
        if match is None:
            continue
        surname, country = match.group("name"), match.group("country")
        curated = []
        if people is not None:
            curated = [p for p in people.people.values() if p.name.split()[-1] == surname]
        person = (
            PersonRef(curated[0].name, None, None, curated[0].id)
            if len(curated) == 1
            else PersonRef(surname, None, None, None)
        )
        found = find_countries(country)
        named = found[0][2] if found else None
        turns.append((PersonRef(person.name, None, named, person.person_id), line.number))
    return turns


_LETTER_FROM = re.compile(
    r"\bletter\sdated\s[^.]{4,40}?\sfrom\sthe\s(?:Permanent\sRepresentative|Charg[ée]\s"
    r"d['’]affaires(?:\sa\.i\.)?|Ambassador|Minister\sfor\sForeign\sAffairs)\sof\s"
    r"(?P<of>.{2,60}?)\s(?:to|addressed)\b",
    re.IGNORECASE,
)


def _masthead_lines(parts: Layout) -> list[str]:
    """The lines where a page names its publisher: those above the statement, and short
    label lines at the top of its body ("From: Foreign, Commonwealth & Development Office")."""
    lines = [line.text for line in parts.top]
    lines += [line.text for line in parts.body[:4] if len(line.text) <= 120]
    return lines


# --- news ----------------------------------------------------------------------------------------

# The country a reported speaker speaks for: a possessive or adjective right before the title
# and name ("North Korea's ambassador in Geneva Han Tae Song"), the subject of the sentence
# that quotes them ("Japan welcomed ..., Chief Cabinet Secretary X said"), or the one the
# headline makes speak ("Seoul slams ...", "..., Japan says").
_ROLE_GAP = re.compile(r"(?:[’']s)?(?:\s+(?:[A-Z][\w.'’-]*|[a-z]+)){0,7}\s*")


def _country_of_reported(speaker: PersonRef, texts: list[str], title: Line | None) -> str | None:
    surname = speaker.name.split()[-1]
    for text in texts[:LEAD_PARAGRAPHS]:
        at = text.find(speaker.name)
        if at < 0:
            continue
        lead = dateline(text)
        for start, end in sentence_spans(text):
            if not start <= at < end:
                continue
            # The sentence's own first word, after any dateline ("TOKYO, June 13 Kyodo -").
            first = lead.end() if lead and start < lead.end() else start
            found = [c for c in find_countries(text[:end]) if first <= c[0] < at]
            for _, c_end, country in reversed(found):
                if _ROLE_GAP.fullmatch(text, c_end, at):
                    return country
            if found and found[0][0] == first:
                return found[0][2]
        break
    if title is not None and surname not in title.text:
        found = find_countries(title.text)
        says = re.search(r",\s(?P<who>[\w. ]{2,30})\s(?:says|said)\b", title.text)
        if says:
            named = find_countries(says.group("who"))
            if named:
                return named[0][2]
        if found and found[0][0] == 0:
            return found[0][2]
    return None


# "... issued the following statement on Monday:": the agency carries the statement whole.
_CARRIED = re.compile(
    r"\b(?:issued|released|made\s+public|published|gave)\s+the\s+following\s+"
    r"(?:\w+\s+){0,2}(?:statement|answer|comment|commentary|press\s+statement)",
    re.IGNORECASE,
)
_CARRIED_CLUES = case_blind_clues("follow")
# The state's own agency carries its government's statements whole, even when it opens with
# "The DPRK Foreign Ministry issued a statement today in connection with ...".
_STATE_AGENCY = re.compile(r"^[A-Z][\w .,]{2,40}\((?:KCNA|Korean Central News Agency)\)\s?[-–—]")
_ISSUED = re.compile(
    r"\b(?:issued|released|published)\s(?:a|an|the\sfollowing)\s(?:\w+\s){0,2}statement\b"
    r"|\banswered\s(?:a\s)?question"
)
_REPORTED = re.compile(whole_words("said", "says", "told", "reported", "according to", "stated"))


def _looks_like_news(parts: Layout, texts: list[str]) -> bool:
    """Whether the text is a news report about a statement rather than the statement."""
    if texts and dateline(texts[0]):
        return True
    edges = texts[:1] + texts[-1:]
    if classify.agency_in(edges):
        return True
    if parts.bylines or parts.page_signs & {"views", "comments", "link-lists"}:
        return True
    publishers = [classify.publisher_of_email(line.text) for line in parts.emails]
    if any(p and "Ministry" not in p for p in publishers):
        return True
    if not texts:
        return False
    # Reported speech in a third of the paragraphs at least, the first person in a quarter at most.
    return at_least(max(1, len(texts) // 3), _REPORTED, texts) and not at_least(
        len(texts) // 4 + 1, classify.FIRST_PERSON, texts
    )


# --- persons -----------------------------------------------------------------------------------


_OFFICE_HEADING = re.compile(
    r"^(?P<who>(?:(?:[A-Z][\w.-]*|of|for|the)\s){0,6}?(?:[Ss]pokes(?:person|man|woman)|"
    r"[Pp]ress\s[Ss]ecretary|"
    r"[Mm]inistry))(?:[’']s?)?\s"
    r"(?:[Pp]ress\s)?(?:[Ss]tatement|[Cc]ommentary|[Rr]emarks|[Cc]omments?|[Aa]nswer)\b"
)


# "Statement of DPRK Government", "Statement by the Foreign Ministry".
_STATEMENT_OF_OFFICE = re.compile(
    r"^(?:Press\s)?Statement\s(?:of|by)\s(?:the\s)?(?P<who>(?:[A-Z][\w.-]*\s){0,4}"
    r"(?:Government|Ministry|Cabinet))$"
)


def heading_speaker(
    parts: Layout, body: list[Line], people: PeopleDirectory | None
) -> tuple[PersonRef | None, int]:
    """The speaker the page's heading names: "Statement by ...", "(Statement by Foreign
    Minister X)", or a name line over a title line ("Linda Thomas-Greenfield" / "U.S.
    Representative to the United Nations"); with the line it is on."""
    header = parts.header
    for line in header[:6]:
        match = _OFFICE_HEADING.match(line.text) or _STATEMENT_OF_OFFICE.match(line.text)
        if match:
            # "Foreign Ministry Spokesperson's Commentary on ...": the office speaks.
            role, country = persons.split_role(match.group("who"))
            if role is None and match.group("who").lower().endswith(
                ("ministry", "government", "cabinet")
            ):
                role = match.group("who")
            if role is not None:
                return PersonRef(match.group("who"), role, country, None), line.number
    for index, line in enumerate(header[:6]):
        found = persons.speaker_from_header([line.text], people)
        if found is not None and not _named(found):
            # "Statement by the Press Secretary on ..." over "(Statement by Mr. Yasuhisa
            # Kawamura, Press Secretary, ...)": the person who holds the office.
            for following in header[index + 1 : index + 3]:
                named = persons.speaker_from_header([following.text], people)
                if named is not None and _named(named):
                    found = PersonRef(
                        named.name,
                        named.role or found.role,
                        named.country or found.country,
                        named.person_id,
                    )
                    line = following
                    break
        if found is not None:
            following = header[index + 1] if index + 1 < len(header) else None
            if following is not None and persons.role_line(following.text):
                # "Statement by H.E. Ambassador X" over "Permanent Representative of Y ...".
                role, country = persons.split_role(following.text)
                if country and (found.country is None or found.role in (None, "Ambassador")):
                    found = PersonRef(found.name, role, country, found.person_id)
            return found, line.number
    if body and len(body[0].text) < 300 and persons.BY_HEADING.match(body[0].text):
        # A first paragraph that is itself the heading: "Statement by Foreign Minister X."
        found = persons.speaker_from_header([body[0].text], people)
        if found is not None:
            return found, body[0].number
    if len(header) > 1:
        found = persons.sign_off_speaker([line.text for line in header[:8]], people)
        if found is not None:
            surname = found.name.split()[-1]
            line = next((line for line in header if surname in line.text), header[0])
            return found, line.number
    return None, 0


def _persons(
    parts: Layout,
    body: list[Line],
    title: Line | None,
    news: bool,
    people: PeopleDirectory | None,
    heading: tuple[PersonRef | None, int],
) -> tuple[PersonRef | None, list[PersonRef]]:
    """The speaker, the other persons named, each once, with provenance, and whether the
    speaker is only someone the text reports as speaking."""
    speaker, speaker_line = heading
    reported = False
    if speaker is None and parts.trailer and not news:
        found = persons.sign_off_speaker([line.text for line in parts.trailer], people)
        if found is not None:
            speaker, speaker_line = found, parts.trailer[0].number

    candidates: list[tuple[persons.Candidate, int]] = []
    for position, line in enumerate(body, start=1):
        for candidate in persons.persons_in(line.text, position, people):
            candidates.append((candidate, line.number))

    if speaker is not None and not _named(speaker):
        # "Press Statement of Vice Department Director ..." over "Kim Yo Jong, vice
        # department director ..., issued the following press statement": the named person.
        lead = [(c, n) for c, n in candidates if c.position == 1 and c.speaks]
        if lead:
            person = lead[0][0].person
            speaker = PersonRef(
                person.name,
                person.role or speaker.role,
                person.country or speaker.country,
                person.person_id,
            )
            speaker_line = lead[0][1]
    if speaker is not None and not _named(speaker) and not news:
        holder = _office_holder(speaker, parts.trailer[-3:], people)
        if holder is not None:
            speaker, speaker_line = holder
    if speaker is None:
        speaker, speaker_line = _reported_speaker(candidates, body, title, news)
        reported = speaker is not None
    if speaker is not None:
        speaker = _sourced(speaker, text_provenance(speaker_line))

    mentioned: dict[str, PersonRef] = {}
    by_surname: dict[str, list[str]] = {}
    for candidate, number in candidates:
        person = _sourced(candidate.person, text_provenance(number))
        key = persons.identity(person)
        if key not in mentioned:
            # "Tony Blinken" after "Antony Blinken", "Biden" after "Joe Biden": one person.
            # Only names that end in the same word can be (word order aside: rare, and
            # "KIM Jong Un" is put in order when read).
            same = by_surname.get(persons.surname_key(person.name), ())
            key = next(
                (k for k in same if persons.same_person(mentioned[k].name, person.name)), key
            )
        if key in mentioned:
            known = mentioned[key]
            if known.role is None and person.role is not None:
                mentioned[key] = PersonRef(
                    known.name,
                    person.role,
                    known.country or person.country,
                    known.person_id,
                    known.source,
                )
            continue
        mentioned[key] = person
        by_surname.setdefault(persons.surname_key(person.name), []).append(key)
    if speaker is not None:
        own = mentioned.pop(persons.identity(speaker), None)
        if own is None:
            same = [k for k, p in mentioned.items() if persons.same_person(p.name, speaker.name)]
            own = mentioned.pop(same[0]) if len(same) == 1 else None
            if own is not None and len(own.name) > len(speaker.name):
                # "Remarks by President Biden" and "Joe Biden" in the text: the full name.
                speaker = PersonRef(
                    own.name, speaker.role, speaker.country, own.person_id, speaker.source
                )
        if own is not None and (speaker.role is None or speaker.country is None):
            speaker = PersonRef(
                speaker.name,
                speaker.role or own.role,
                speaker.country or own.country,
                speaker.person_id,
                speaker.source,
            )
    # A surname alone ("Blinken", "Kishida") is someone only the text's context tells;
    # as a person mentioned it would be a page of its own for every surname.
    named = [p for p in mentioned.values() if p.person_id or len(p.name.split()) > 1]
    return speaker, named, reported


# A report that carries someone's words as its own: "issued the following press statement",
# "sent a message", "said in a statement".
_ISSUED_WORDS = re.compile(
    r"\b(?:issued|released|made\spublic|published|sent|gave|delivered)\s(?:a|an|the\sfollowing)\s"
    r"(?:[\w-]+\s){0,2}(?:statement|press\sstatement|message|letter|answer|talk|commentary|"
    r"interview|article)\b|\b(?:said|stated)\sin\s(?:a|an|his|her|the)\s(?:[\w-]+\s){0,2}"
    r"(?:statement|message|letter|interview|article)\b|\b(?:message|letter)s?\sfrom\b",
    re.IGNORECASE,
)


def _weigh_speaker(
    speaker: PersonRef | None,
    mentioned: list[PersonRef],
    reported: bool,
    parts: Layout,
    body: list[Line],
    title: Line | None,
    news: bool,
    carried: bool,
    people: PeopleDirectory | None,
    parsed: ParsedText,
) -> tuple[PersonRef | None, list[PersonRef]]:
    """The speaker after weighing what each place of the page says (speakers.decide); one
    who is only quoted in a speech or a report is shown as a person mentioned instead."""
    line = _line_of(speaker)
    if speaker is not None and reported and persons.plausible_name(speaker.name):
        lead = speakers._line_text(parts, body, line) or ""
        # "Foreign Secretary James Cleverly said:" over the words: they are his.
        introduces = lead.rstrip().endswith(":")
        if (not news or carried) and not _ISSUED_WORDS.search(lead) and not introduces:
            # A speech that quotes someone ("as President Kim Il Sung said") is not theirs.
            parsed.warnings.append(f"speaker unsure: {speaker.name} (quoted in the text)")
            mentioned.insert(0, speaker)
            speaker = None
    agency = bool(body) and _STATE_AGENCY.match(body[0].text) is not None
    decision = speakers.decide(speaker, line, parts, body, title, news, carried, people, agency)
    parsed.warnings.extend(decision.warnings)
    chosen = decision.speaker
    if chosen is not None and chosen is not speaker:
        chosen = speakers.sourced(chosen, decision.line)
    if speaker is not None and chosen is None:
        mentioned.insert(0, speaker)
    if chosen is not None:
        mentioned = [p for p in mentioned if not persons.same_person(p.name, chosen.name)]
        own = decision.place not in ("kept", "") or not reported
        chosen = speakers.with_country(chosen, speakers.country_of(chosen, parts, body, own))
    return chosen, mentioned


def _in_headline(person: PersonRef, title: Line | None) -> bool:
    """Whether the headline names the person (by surname, or by a title the lead gives)."""
    if title is None:
        return False
    surname = person.name.split()[-1]
    text = persons.unglue(title.text)
    return re.search(rf"\b{re.escape(surname)}\b", text) is not None or (
        person.name.split()[0] in text and len(person.name.split()[0]) > 3
    )


def _line_of(person: PersonRef | None) -> int:
    if person is None or not str(person.source).startswith("text:"):
        return 0
    return int(str(person.source).split(":")[1])


_ROLE_FILLER = frozenset({"of", "for", "the", "and"})


def _office_holder(
    office: PersonRef, foot: list[Line], people: PeopleDirectory | None
) -> tuple[PersonRef, int] | None:
    """The person who holds the office a heading names, signed at the page's foot: "Press
    Conference by the Defense Minister" ... "Minister of Defense HAMADA Yasukazu"."""
    wanted = set((office.role or "").lower().split()) - _ROLE_FILLER
    for line in reversed(foot):
        if len(line.text) > 120 or not wanted:
            continue
        person = persons.parse_who(line.text, people)
        if person is None or not _named(person) or person.role is None:
            continue
        if wanted <= set(person.role.lower().split()):
            country = person.country or office.country
            return PersonRef(person.name, person.role, country, person.person_id), line.number
    return None


def _reported_speaker(
    candidates: list[tuple[persons.Candidate, int]],
    body: list[Line],
    title: Line | None,
    news: bool,
) -> tuple[PersonRef | None, int]:
    """The person whose words the text reports: the one its headline names, else the first
    one said to speak in the lead; else an office ("a Foreign Ministry spokesperson")."""
    lead = [(c, n) for c, n in candidates if c.position <= LEAD_PARAGRAPHS and c.speaks]
    if title is not None and lead:
        headline_text = title.text
        for candidate, number in lead:
            surname = candidate.person.name.split()[-1]
            if candidate.person.name in headline_text or (
                len(surname) > 3 and re.search(rf"\b{re.escape(surname)}\b", headline_text)
            ):
                return candidate.person, number
    if lead:
        return _first_to_speak(candidates, body)
    for candidate, number in candidates:
        # "Foreign Minister Taro Kono has welcomed ..." then "Kono told reporters ...".
        surname = candidate.person.name.split()[-1]
        if candidate.position > LEAD_PARAGRAPHS or len(surname) < 3 or not surname[0].isupper():
            continue
        says = _says(surname)
        if any(says.search(line.text) for line in body[:LEAD_PARAGRAPHS]):
            return candidate.person, number
    for line in body[:3]:
        office = persons.anonymous_speaker(line.text)
        if office is not None:
            return office, line.number
    lead = dateline(body[0].text) if news and body else None
    if lead is not None:
        # "SEOUL (Reuters) - North Korea said on Tuesday it had ...": the state speaks.
        text = body[0].text
        start = lead.end()
        found = find_countries(text[start : start + 80])
        if found and found[0][0] == 0:
            after = text[start + found[0][1] : start + found[0][1] + 40]
            if _STATE_SAYS.match(after):
                country = found[0][2]
                return PersonRef(f"Government of {country}", "Government", country), body[0].number
    return None, 0


@lru_cache(maxsize=4096)
def _says(surname: str) -> re.Pattern[str]:
    """ "Kono told reporters": the surname, then a verb of speech. Cached: compiling it cost
    more than searching with it."""
    return re.compile(rf"\b{re.escape(surname)}\s(?:also\s|later\s)?{persons.SPEECH_VERB}\b")


def _first_to_speak(
    candidates: list[tuple[persons.Candidate, int]], body: list[Line]
) -> tuple[PersonRef | None, int]:
    """Of the persons the lead names, the one whose words come first: said to speak where
    named, or later by surname ("... with Chief Cabinet Secretary Yoshihide Suga calling the
    measures ..." then "Suga told a news conference"), before anyone else is."""
    best: tuple[int, PersonRef, int] | None = None
    for candidate, number in candidates:
        if candidate.position > LEAD_PARAGRAPHS:
            break
        at = candidate.position if candidate.speaks else None
        surname = candidate.person.name.split()[-1]
        if at is None and len(surname) >= 3 and surname[0].isupper():
            says = _says(surname)
            for index, line in enumerate(body[:LEAD_PARAGRAPHS], start=1):
                if index > candidate.position and says.search(line.text):
                    at = index
                    break
        if at is not None and (best is None or at < best[0]):
            best = (at, candidate.person, number)
    if best is None:
        return None, 0
    return best[1], best[2]


_STATE_SAYS = re.compile(
    r"(?:[’']s\s(?:state|official|state-run|state-controlled)\s(?:media|news\sagency|"
    r"newspapers?|television|TV|radio))?"
    r"\s(?:on\s\w+\s|\w+day\s)?(?:said|says|announced|claimed|declared|warned|insisted)\b"
)


def _sourced(person: PersonRef, source: str) -> PersonRef:
    return PersonRef(person.name, person.role, person.country, person.person_id, source)


def _complete(
    person: PersonRef, people: PeopleDirectory | None, year: int | None, source: str
) -> PersonRef:
    """Fill what the text leaves out (role, country) from people.yaml, with provenance."""
    curated = None
    if people is not None:
        curated = people.get(person.person_id) if person.person_id else people.find(person.name)
    if curated is None:
        return PersonRef(person.name, person.role, person.country, None, source)
    held = curated.role_in(year)
    return PersonRef(
        curated.name,
        person.role or (held.title if held else None),
        person.country or (held.country if held and held.country else curated.country),
        curated.id,
        source,
    )


# --- author and source ---------------------------------------------------------------------------

_BYLINE_NAME = re.compile(
    r"^(?:by|written by|posted by|reported by|story by|words by|author:|reporter:?)\s+(?P<n>.+)$"
    r"|^(?P<n2>.+?)\s+(?:views?|reporter|correspondent|staff writer|staff reporter)\b",
    re.IGNORECASE,
)


# An op-ed's note on its author: "The author is the Minister for Foreign Affairs of Japan."
_AUTHOR_NOTE = re.compile(
    r"^[(\[]?(?:The\s)?(?:author|writer)\sis\s(?:the\s|a\s|an\s)?(?P<role>[^.()]{3,160}?)\.?[)\]]?$"
)


def _op_ed_author(parts: Layout, body: list[Line]) -> PersonRef | None:
    """The signed author of an op-ed, with the office its author note gives."""
    for line in body[:2] + body[-2:]:
        match = _AUTHOR_NOTE.match(line.text)
        if match:
            author = _author(parts)
            role, country = persons.split_role(match.group("role"))
            if author is not None and role is not None:
                return PersonRef(author, role, country, None, text_provenance(line.number))
    return None


def _author(parts: Layout) -> str | None:
    """The byline: "By Jane Doe", "Daniel Kim Views", or a name signed above a contact e-mail."""
    for line in parts.bylines:
        match = _BYLINE_NAME.match(line.text)
        if match:
            name = (match.group("n") or match.group("n2") or "").strip()
            name = re.split(r"\s*[,|/(–—]\s*|\s+-\s+", name)[0].strip()
            if name and len(name.split()) <= 6:
                return persons.display_name(name)
    for email in parts.emails:
        for line in parts.trailer:
            if line.number == email.number - 1 and persons.plausible_name(line.text):
                return line.text
    return None


def _source(
    parts: Layout,
    body: list[Line],
    doc_type: str,
    speaker: PersonRef | None,
    voice: str | None,
    masthead: tuple[str, str | None] | None,
) -> str | None:
    """The publisher: a news agency's tag, a contact e-mail's site, the page's masthead, or
    the government body that issues statements of this kind."""
    texts = [line.text for line in body]
    header = [line.text for line in parts.header]
    if classify.un_press_release(header):
        return "United Nations"
    # A wire tag ("(AP) --", "(UPI)") names who wrote the report, even on another site.
    agency = classify.agency_in(texts[:1] + texts[-1:] + header)
    if agency:
        return agency
    for email in parts.emails:
        publisher = classify.publisher_of_email(email.text)
        if publisher:
            return publisher
    if masthead is not None:
        return masthead[0]
    return classify.government_publisher(doc_type, speaker, voice)
