"""Which of the dates in a text is the statement's own: a date line in the header or
sign-off, a dateline, the day a news report says it was said ("said on Tuesday"), and not the
dates the statement merely mentions (an adoption, an earlier meeting, "the 2018 annual cap").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from archive.extract.clean import Layout, Line, dateline
from archive.extract.dates import (
    JUCHE_OFFSET,
    DateHit,
    RelativeHit,
    day_of,
    find_dates,
    find_relative,
    from_day,
    is_published_label,
    is_update_label,
    resolve_partial,
    resolve_relative,
    witness_date,
)
from archive.extract.resolutions import sentence_spans
from archive.model import StatementDate, text_provenance

_SPEECH_CUE = re.compile(
    r"\b(?:said|says|stated|told|announced|declared|warned|added|stressed|emphasi[sz]ed|"
    r"urged|insisted|claimed|criticized|criticised|denounced|slammed|issued|released|"
    r"statement|remarks|speech|briefing|press conference|news conference|reported|"
    r"according to)\b",
    re.IGNORECASE,
)
#: Paragraphs of a news report searched for the day its speaker spoke.
SPEAKER_PARAGRAPHS = 5
_MENTION_CUE = re.compile(
    r"\b(?:adopted|adoption|passed|resolution|since|until|by the end of|deadline|"
    r"anniversary)\b",
    re.IGNORECASE,
)


_LETTER_DATED = re.compile(r"^(?:Identical\s)?[Ll]etters?\sdated\s")
# gov.uk's "Delivered on: 12 July 2023 (Transcript of the speech, exactly as it was
# delivered)": the day of the speech, published the day after.
_DELIVERED_ON = re.compile(r"^Delivered\s(?:on\b)?:?\s?", re.IGNORECASE)
# The year a DPRK text writes in both calendars, "Juche 106 (2017)", when it writes no day.
_JUCHE_YEAR = re.compile(r"\bJuche\s?(?P<juche>\d{1,3})\s?\((?P<year>(?:19|20)\d\d)\)")
# A page's address that dates it: "https://www.nknews.org/2024/03/un-panel-...".
_ADDRESS_DATE = re.compile(
    r"^(?:https?://)?[\w.-]+\.[a-z]{2,}/(?:[\w-]+/){0,3}?(?P<year>(?:19|20)\d\d)/"
    r"(?P<month>0[1-9]|1[0-2])/(?:(?P<day>0[1-9]|[12]\d|3[01])/)?"
)


_THIS_YEAR = re.compile(r"\bthis\s+year\b", re.IGNORECASE)
# A sign-off that gives only the year: "Juche 106 (2017)".
_SIGNED_YEAR = re.compile(r"^Juche\s?\d{1,3}\s?\(((?:19|20)\d\d)\)\.?$")


def _signed_year(parts: Layout, paragraphs: list[Line]) -> int | None:
    for line in parts.trailer + paragraphs[-2:]:
        match = _SIGNED_YEAR.match(line.text.strip())
        if match:
            return int(match.group(1))
    return None


def _real_day(year: int, hit: DateHit) -> bool:
    try:
        date(year, hit.month or 0, hit.day or 0)
    except ValueError:
        return False
    return True


# A date the text cites rather than the day it was written: an order, a law, a letter it
# answers ("Executive Order 14008 of January 27, 2021", "E.O. 14008, signed January 27, 2021"),
# a decision it reports ("beslutade den 1 mars 2018"), a day of history ("the attacks of",
# "since", "terrordådet den 7 oktober 2023").
_CITED_BEFORE = re.compile(
    r"(?:\b(?:Executive\s+Orders?|E\.\s?O\.|Proclamations?|Memorand(?:um|a)|Directives?|Act|Law|"
    r"Resolutions?|Decisions?|Agreements?|Treaty|Declarations?|Communiqu[ée]s?|letters?|notes?|"
    r"orders?|lagen?|förordning(?:en)?|direktiv(?:et)?)\b[^.;:]{0,60}?\b(?:of|dated|signed|from|"
    r"on|av|den|du|vom)"
    r"|\b(?:signed|dated|enacted|adopted|passed|decided|issued\s+on|since|until|through|after|"
    r"before|anniversary\s+of|attacks?\s+(?:of|on)|events?\s+(?:of|on)|one\s+day\s+in|"
    r"beslutade|beslutat|beslut|antogs|antagen|sedan|efter|före|till\s+och\s+med|"
    r"(?:terrordådet|attacken|massakern|kriget)(?:\s+[\w-]+){0,3}?(?:\s+den)?|"
    r"(?:took\s+place|happened|occurred|ägde\s+rum)(?:\s+(?:on|den|in))?|"
    # The day a law takes effect: "Ändringen träder i kraft den 1 januari 2021".
    r"(?:träder|trädde)\s+i\s+kraft(?:\s+den)?|enters?\s+into\s+force(?:\s+on)?|"
    r"entered\s+into\s+force(?:\s+on)?|takes?\s+effect(?:\s+on)?|effective(?:\s+on)?)"
    r")[\s,(]*(?:the\s+|den\s+)?$",
    re.IGNORECASE,
)
# History told as a story: "One day in May Juche 55 (1966)", "In September Juche 88 (1999)".
_ANECDOTE_BEFORE = re.compile(r"(?:\bone\s+day\s+in|\ba\s+day\s+in|^in)\s+$", re.IGNORECASE)


def cited(text: str, start: int) -> str | None:
    """Why the date at `start` of a line is one the text cites, not its own, or None."""
    before = text[max(0, start - 80) : start]
    match = _CITED_BEFORE.search(before)
    if match is None:
        return None
    return f'after "{match.group(0).strip(" ,(")}"'


def _uncited(line: Line, hits: list[DateHit], warnings: list[str]) -> list[DateHit]:
    """The complete dates of a line that are not citations; each citation skipped becomes a
    warning, so that a curator may check it."""
    kept = []
    for hit in hits:
        if not hit.complete:
            continue
        why = cited(line.text, hit.start)
        if why is None:
            kept.append(hit)
        else:
            warnings.append(
                f"date unsure: {hit.evidence} (line {line.number}: {why}, a date cited)"
            )
    return kept


# "this thirty-seventh session", "the present fifty-first session", "election to the
# presidency of the twenty-ninth session": the General Assembly session a speech is given at.
_UNITS = [
    *("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"),
    *("tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth"),
    *("seventeenth", "eighteenth", "nineteenth"),
]
_TENS = ["twent", "thirt", "fort", "fift", "sixt", "sevent", "eight", "ninet"]
_ORDINAL_WORDS = {word: n for n, word in enumerate(_UNITS, start=1)}
for _index, _stem in enumerate(_TENS):
    _ORDINAL_WORDS[_stem + "ieth"] = 20 + 10 * _index
    for _unit in range(1, 10):
        _ORDINAL_WORDS[f"{_stem}y-{_UNITS[_unit - 1]}"] = 20 + 10 * _index + _unit
_SESSION_ORDINAL = (
    r"(?P<ordinal>"
    + "|".join(w.replace("-", r"-?\s*") for w in sorted(_ORDINAL_WORDS, key=len, reverse=True))
    + r"|\d{1,2}(?:st|nd|rd|th))"
)
_SESSION = re.compile(
    r"\b(?:the|its|this|present|current)\s+" + _SESSION_ORDINAL + r"\s+(?:regular\s+)?session\b",
    re.IGNORECASE,
)
# In the sentence that names it, what makes a session the one the speech is given at ("your
# election as President of the General Assembly at its forty-second session", "this
# thirty-seventh session", "the ninth session ... is beginning") or an earlier or later one
# ("your predecessor ... at its forty-first session", "the next session").
_CURRENT_SESSION = re.compile(
    r"\b(?:you|your|this|present|current|outset|opening|open|opens|address|addressing|begin|"
    r"beginning|begins|commence|commences|now|today|is|are|being|meets|takes|holding|will|"
    r"congratulat\w*|election|elected|assumption)\b",
    re.IGNORECASE,
)
_OTHER_SESSION = re.compile(
    r"\b(?:predecessor|outgoing|previous|preceding|last|former|next|future|"
    r"forthcoming|coming|following|was|were|did|adopted|during|held|took|met|then|since|ago)\b"
    r"|\b(?:19|20)\d\d\b",
    re.IGNORECASE,
)
#: The first session of the General Assembly opened in 1946: the Nth opened in 1945 + N.
FIRST_SESSION_YEAR = 1945
#: Paragraphs at the start of a speech searched for its session.
SESSION_PARAGRAPHS = 8
#: Characters at the start of a paragraph searched for its session.
SESSION_REACH = 6000


def _ordinal_number(word: str) -> int:
    word = re.sub(r"[-\s]+", "-", word.lower())
    return int(word[:-2]) if word[0].isdigit() else _ORDINAL_WORDS[word]


def session_year(texts: list[str]) -> tuple[int, str] | None:
    """The year a General Assembly speech was given, from the session it says it is given
    at, with the sentence's words that say so; None when it names none, or names a later
    session than the one it seems given at (a doubt)."""
    current: dict[int, str] = {}
    named: set[int] = set()
    for text in texts:
        if "ession" not in text:
            continue
        text = text[:SESSION_REACH]
        for start, end in sentence_spans(text):
            sentence = text[start:end]
            matches = list(_SESSION.finditer(sentence))
            numbers = [_ordinal_number(match.group("ordinal")) for match in matches]
            named.update(numbers)
            # A sentence that names two sessions compares them: neither is clearly this one.
            if len(set(numbers)) != 1:
                continue
            this = matches[0].group(0).split()[0].lower() in ("this", "present", "current")
            if this or (_CURRENT_SESSION.search(sentence) and not _OTHER_SESSION.search(sentence)):
                current.setdefault(numbers[0], matches[0].group(0))
    if not current or max(named) > max(current):
        return None
    number = max(current)
    return FIRST_SESSION_YEAR + number, current[number]


_RECURRING = re.compile(r"\banniversary\b|\byears\s+ago\b|\bV-Day\b", re.IGNORECASE)
#: A dateline's day is read with the year of a dated day of the text written at most this many
#: days before it (the events a report tells are seldom older).
DATELINE_YEAR_DAYS = 62


def dateline_year(month: int, day: int, texts: list[Line]) -> tuple[int | None, str]:
    """The year of a dateline that writes none ("Pyongyang, October 30 (KCNA)"), from the
    complete dates of the text: the year in which each falls shortly before the dateline's
    day. None when no date of the text says, or when they disagree; with the evidence."""
    years: dict[int, str] = {}
    if any(_RECURRING.search(line.text) for line in texts):
        return None, ""  # an anniversary's dates recur on the same days every year
    for line in texts:
        for hit in find_dates(line.text):
            if hit.day is None or not hit.complete or cited(line.text, hit.start):
                continue
            mentioned = date(hit.year, hit.month, hit.day or 1)
            for year in (hit.year, hit.year + 1):
                if not _real_day(year, DateHit(0, 0, "", year, month, day)):
                    continue
                gap = (date(year, month, day) - mentioned).days
                # Not the dateline's own day: a report tells that day's events as "today";
                # the same day written with its year is an earlier year's ("November 10, 2014").
                if 1 <= gap <= DATELINE_YEAR_DAYS:
                    years.setdefault(year, hit.evidence)
    if len(years) == 1:
        year, evidence = next(iter(years.items()))
        return year, evidence
    return None, ", ".join(years.values())


@dataclass
class Dating:
    """The statement's date, the page's publication date and doubts about them."""

    statement: StatementDate = field(default_factory=StatementDate.unknown)
    published: StatementDate = field(default_factory=StatementDate.unknown)
    warnings: list[str] = field(default_factory=list)


def _statement_date(hit: DateHit, line: Line) -> StatementDate:
    return hit.as_date(text_provenance(line.number))


def _title_date(title: Line | None, warnings: list[str]) -> StatementDate | None:
    if title is None:
        return None
    complete = _uncited(title, find_dates(title.text), warnings)
    return _statement_date(complete[0], title) if complete else None


_EVENT_DAY = re.compile(
    r"\b(?:on|to|by|until|from|for|at|held|in)\s+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?$",
    re.IGNORECASE,
)
# A line that ends a sentence: the next line is not the rest of it.
_SENTENCE_END = re.compile(r"[.!?:\"”’)]\s*$")
#: Words besides its date a header line may hold and still be a date line, not a sentence
#: ("KYODO NEWS - Jan 5, 2024 - 18:02 | World"); more when the line ends with its date, as a
#: byline does ("Debattartikel av ..., minister, Upsala Nya Tidning, 25 augusti 2023").
DATE_LINE_WORDS = 8
BYLINE_WORDS = 16
#: A first body line this short may be a byline with its date.
FIRST_LINE_CHARS = 160
#: A longer line up to this may be a byline of several authors that ends with its date.
BYLINE_CHARS = 320
_LISTED_DATE = re.compile(r"[,.]\s*(?:den\s+)?$")
_DEN = re.compile(r"\bden\s+$")
_BYLINE_WORD = re.compile(
    r"\b(?:debattartikel|publicerad|publicerat|artikel|krönika|anförande|tal|intervju|"
    r"published|op-ed|article)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_][\w.'’-]*")
_LINE_END = re.compile(r"[\s.)\]*]*$")
_SENTENCE_AFTER = re.compile(r"(?:,\s?[A-ZÅÄÖ][\w-]*(?:\s[A-ZÅÄÖ][\w-]*)?)?\.(?:\s|$)")


#: A line at least this long that ends without a stop was wrapped: the next line goes on.
WRAPPED_CHARS = 60


# A quoted sentence: the line after it is its attribution (" – Secretary of State Tony
# Blinken, January 7, 2022"); a title in quotes has no stop of its own.
_QUOTE_END = re.compile(r"[.!?][\"”]\s*\**\s*$")


def _continues(text: str) -> bool:
    """Whether a line is a piece of hard-wrapped prose that the next line continues."""
    return len(text) >= WRAPPED_CHARS and not _SENTENCE_END.search(text)


def _date_line_like(text: str, hit: DateHit) -> bool:
    """Whether a date stands in a header line as its date line: not in a piece of wrapped
    prose (starting in lower case, ending with a comma), and not in a sentence of more than a
    few words unless the line ends with the date."""
    stripped = text.strip()
    if not stripped or stripped[0].islower() or stripped.endswith(","):
        return False
    if len(stripped) > FIRST_LINE_CHARS:
        # A long byline names several authors and ends with its paper and date: "Debattartikel
        # av ..., Dagens industri, 25 mars 2024." / "... Publicerad i Svenska Dagbladet den 14
        # augusti 2025."
        before = text[: hit.start]
        listed = _LISTED_DATE.search(before) or (
            _BYLINE_WORD.search(before) and _DEN.search(before)
        )
        return bool(listed) and _LINE_END.fullmatch(text, hit.end) is not None
    words = len(_WORD.findall(text[: hit.start])) + len(_WORD.findall(text[hit.end :]))
    if words <= DATE_LINE_WORDS:
        return True
    # A byline ends with its date, or its date ends its sentence ("... den 15 januari 2026.
    # Det talade ordet gäller.", "... den 7 februari 2024, Eskilstuna.").
    ends = _LINE_END.fullmatch(text, hit.end) or _SENTENCE_AFTER.match(text, hit.end)
    return ends is not None and len(_WORD.findall(text[: hit.start])) <= BYLINE_WORDS


# A headline stamped with its date: "... [Juche113.1.17.]", "Press Briefing – May 26, 2022".
_STAMP_BEFORE = re.compile(r"(?:[\[(|–—:]|\s-)\s*$")
_STAMP_AFTER = re.compile(r"[\s.\])]*$")


#: Last paragraphs searched for a proclamation's "IN WITNESS WHEREOF" sign-off.
WITNESS_PARAGRAPHS = 6


def _witnessed(lines: list[Line]) -> StatementDate | None:
    """The day a proclamation was signed ("this thirtieth day of April, in the year of our
    Lord two thousand twenty-one"), read across the lines it is wrapped over."""
    for index, line in enumerate(lines):
        if "WITNESS" not in line.text and "our Lord" not in line.text:
            continue
        hit = witness_date(" ".join(ln.text for ln in lines[index : index + 3]))
        if hit is not None:
            return _statement_date(hit, line)
    return None


def _stamped_title_date(title: Line | None) -> StatementDate | None:
    """The date a news headline is stamped with at its end, not one it tells of."""
    if title is None:
        return None
    hits = [hit for hit in find_dates(title.text) if hit.complete]
    if not hits:
        return None
    hit = hits[-1]
    if _STAMP_BEFORE.search(title.text[: hit.start]) and _STAMP_AFTER.match(title.text[hit.end :]):
        return _statement_date(hit, title)
    return None


# A readout's or joint statement's first sentence tells the meeting it reports: "The ministers
# met in Melbourne on 11 February 2022", "On June 17, 2022, President Biden convened ...",
# "... held a trilateral phone call on December 13, 2023".
_MET = re.compile(
    r"\b(?:met|held|convened|hosted|co-hosted|chaired|co-chaired|gathered|gather|spoke|"
    r"talked|participated|took\s+part|signed\s+(?:a|the|an)|träffades|höll|möttes|samlades)\b",
    re.IGNORECASE,
)
_FUTURE_OR_PAST = re.compile(
    r"\b(?:will|would|shall|to\s+be|plans?\s+to|ska|kommer\s+att|previous|previously|last|"
    r"earlier|since|ago|anniversary)\b",
    re.IGNORECASE,
)
_ON_DATE = re.compile(
    r"(?:\bon|\bden|^)\s*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?$", re.IGNORECASE
)
# A fact sheet sums up what was done over months: its first meeting is background.
_FACT_SHEET = re.compile(r"\bfact\s?sheet\b", re.IGNORECASE)
#: A first "sentence" this short ended at an initial or an abbreviation: read on.
SHORT_SENTENCE = 40
#: Characters of the lead read for the meeting it reports.
LEAD_CHARS = 700


def _lead_meeting_date(lines: list[Line], title: Line | None) -> StatementDate | None:
    """The day of the meeting the first sentence of a readout reports, if it has one."""
    if not lines or (title is not None and _FACT_SHEET.search(title.text)):
        return None
    text = " ".join(line.text.strip() for line in lines)[:LEAD_CHARS]
    spans = sentence_spans(text)
    start, end = spans[0]
    if end - start < SHORT_SENTENCE and len(spans) > 1:
        end = spans[1][1]  # "President Joseph R." ends at an initial, not a sentence
    sentence = text[start:end]
    if not _MET.search(sentence):
        return None
    hits = [hit for hit in find_dates(sentence) if hit.complete and hit.day is not None]
    if len(hits) != 1 or not _ON_DATE.search(sentence[: hits[0].start].rstrip(",")[-40:]):
        return None
    if _FUTURE_OR_PAST.search(sentence, 0, hits[0].end):
        return None  # what follows the day may look back ("met on July 11 ... since")
    line = next((ln for ln in lines if hits[0].evidence[:6] in ln.text), lines[0])
    return _statement_date(hits[0], line)


def _year_or_address_date(parts: Layout, paragraphs: list[Line]) -> StatementDate | None:
    """For a page that writes no day: the month (or day) in its address, else the year it
    writes in both DPRK calendars ("this year, Juche 106 (2017)")."""
    for line in parts.top[:3]:
        match = _ADDRESS_DATE.match(line.text)
        if match:
            year, month = int(match.group("year")), int(match.group("month"))
            source = text_provenance(line.number)
            evidence = match.group(0)
            if match.group("day"):
                day = int(match.group("day"))
                return StatementDate(year, month, day, "day", source, evidence)
            return StatementDate(year, month, None, "month", source, evidence)
    for line in paragraphs:
        match = _JUCHE_YEAR.search(line.text) if "Juche" in line.text else None
        # Only "this year": "One day in May Juche 55 (1966)" is a story of the past.
        near = line.text[max(0, match.start() - 40) : match.end() + 20] if match else ""
        if not _THIS_YEAR.search(near):
            continue
        if match and int(match.group("juche")) + JUCHE_OFFSET == int(match.group("year")):
            year = int(match.group("year"))
            return StatementDate(year, None, None, "year", text_provenance(line.number), match[0])
    return None


@dataclass(frozen=True)
class _TimeWords:
    """A time expression of the lead and the line it is on; `cued`: in a sentence where
    someone speaks."""

    line: Line
    partial: DateHit | None = None
    relative: RelativeHit | None = None
    cued: bool = False

    @property
    def evidence(self) -> str:
        if self.partial is not None:
            return self.partial.evidence
        return self.relative.evidence if self.relative else ""

    @property
    def vague(self) -> bool:
        return self.partial is None and (self.relative is None or self.relative.kind == "vague")


def _lead_time_words(
    lead: list[Line], speaker: str | None = None, lead_size: int = 3
) -> list[_TimeWords]:
    """Time expressions in the lead's sentences: first those in a sentence where the speaker
    speaks ("Kim Song ... said Tuesday"), then those beside any speech verb, then the rest.
    The speaker's own sentences count in all of `lead`, the others in its first `lead_size`
    paragraphs: a report may quote its speaker only after two or three of background."""
    surname = speaker.split()[-1] if speaker and len(speaker.split()) > 1 else None
    own: list[_TimeWords] = []
    cued: list[_TimeWords] = []
    other: list[_TimeWords] = []
    for index, line in enumerate(lead):
        if index >= lead_size and (surname is None or surname not in line.text):
            continue
        text = line.text
        match = dateline(text)
        if match:
            text = text[match.end() :]
        text = text[:2000]
        partials = [hit for hit in find_dates(text) if not hit.complete]
        relatives = find_relative(text)
        if not partials and not relatives:
            continue
        for start, end in sentence_spans(text):
            sentence = text[start:end]
            speaking = _SPEECH_CUE.search(sentence) is not None
            found = [
                _TimeWords(line, partial=hit, cued=speaking)
                for hit in partials
                if start <= hit.start < end and not _MENTION_CUE.search(text, start, hit.start)
            ]
            found += [
                _TimeWords(line, relative=hit, cued=speaking)
                for hit in relatives
                if start <= hit.start < end and not _MENTION_CUE.search(text, start, hit.start)
            ]
            if found and speaking:
                named = surname is not None and surname in sentence
                if named or index < lead_size:
                    (own if named else cued).extend(found)
            elif found and index < lead_size:
                other.extend(found)
    return (
        [w for w in own if not w.vague]
        + [w for w in cued if not w.vague]
        + [w for w in other if not w.vague]
        + [w for w in own + cued + other if w.vague]
    )


def date_statement(
    parts: Layout,
    paragraphs: list[Line],
    title: Line | None,
    news: bool,
    speaker: str | None = None,
    day_first: bool | None = None,
) -> Dating:
    """Choose the statement's own date (and the page's publication date) from a laid-out text.
    `day_first`: whether the publisher writes "12/03/2019" for 12 March, None when unknown
    (see classify.day_first)."""
    dating = _choose(parts, paragraphs, title, news, speaker, day_first)
    # A General Assembly speech says which session it is given at: that is its year, whatever
    # days of the past it recalls. (Other bodies number their sessions from other years.)
    opening = paragraphs[:SESSION_PARAGRAPHS]
    assembly = any("General Assembly" in line.text for line in opening)
    found = session_year([line.text for line in opening]) if assembly else None
    if found is not None:
        year, evidence = found
        chosen = dating.statement
        line = next(line for line in opening if evidence in line.text)
        if chosen.known and chosen.year != year:
            dating.warnings.append(
                f"date unsure: {chosen.evidence} (the speech is given at the session of {year})"
            )
        if not chosen.known or chosen.year != year:
            source = text_provenance(line.number)
            dating.statement = StatementDate(year, None, None, "year", source, evidence)
    return dating


def _choose(
    parts: Layout,
    paragraphs: list[Line],
    title: Line | None,
    news: bool,
    speaker: str | None = None,
    day_first: bool | None = None,
) -> Dating:
    """The date the text's date lines, header, dateline, headline or sign-off give."""
    dating = Dating()
    own: StatementDate | None = None
    signed: StatementDate | None = None
    updated: StatementDate | None = None
    # A sign-off stands after the body or in its last lines; a date line inside the body is a
    # quote's attribution (" – President Biden, February 19, 2021") or a heading of its own.
    last_lines = paragraphs[-1].number - 2 if paragraphs else 0
    for line, hit, where in parts.date_lines:
        value = _statement_date(hit, line)
        if where == "body" and (line.number < last_lines or line.text.lstrip()[:1] in "–—-"):
            dating.warnings.append(
                f"date unsure: {hit.evidence} (line {line.number}: a date line inside the body)"
            )
            continue
        if is_update_label(line.text):
            # "Updated on March 14": the page changed then; it was published earlier.
            updated = updated or value
        elif is_published_label(line.text):
            if not dating.published.known:
                dating.published = value
        elif where == "header" and own is None:
            own = value
        elif where != "header" and signed is None:
            if value.precision == "day":
                signed = value
            else:
                dating.warnings.append(
                    f"date unsure: {hit.evidence} (line {line.number}: a sign-off without a day)"
                )

    if signed is None:
        signed = _witnessed(parts.trailer + paragraphs[-WITNESS_PARAGRAPHS:])
    for line in parts.header + paragraphs[:4]:
        delivered = _DELIVERED_ON.match(line.text)
        dated = find_dates(line.text[delivered.end() :][:40]) if delivered else []
        if dated and dated[0].complete and dated[0].start == 0:
            own = _statement_date(dated[0], line)
            break
    for line in parts.header[:8]:
        if _LETTER_DATED.match(line.text):
            # "Letter dated 24 December 2017 from ...": the letter's date, not the day the
            # Council's document was issued.
            dated = [hit for hit in find_dates(line.text[:60]) if hit.complete]
            if dated:
                own = _statement_date(dated[0], line)
                break
    if own is None:
        # A header line that holds one full date besides other words ("KYODO NEWS - Jan 5,
        # 2024 - 18:02") dates the page, unless it is the headline.
        # The first lines of the body too, when short: "Skolminister Lotta Edholm,
        # debattartikel, Expressen, den 21 december 2022."
        first_lines = paragraphs[:2]
        previous = ""
        for line in parts.header + first_lines:
            before, previous = previous, line.text
            if title is not None and line.number == title.number:
                previous = ""  # a headline ends without a stop, and the next line is new
                continue
            in_body = any(line is first for first in first_lines)
            if in_body and len(line.text) > BYLINE_CHARS:
                continue
            if _continues(before) or _QUOTE_END.search(before):
                continue  # the rest of a wrapped sentence, or a quote's attribution
            complete = _uncited(line, find_dates(line.text, day_first), dating.warnings)
            # Not a sentence, or a piece of one hard-wrapped into short lines.
            complete = [h for h in complete if _date_line_like(line.text, h)]
            if not is_published_label(line.text):
                # "... to attend the Inauguration on October 28, 2022.": an event's day.
                complete = [h for h in complete if not _EVENT_DAY.search(line.text, 0, h.start)]
            # "Issued on: 12/03/2019 - 05:42 Modified: 12/03/2019 - 09:15": the first.
            labelled = bool(complete) and is_published_label(line.text)
            if (len(complete) == 1 or labelled) and len(line.text) <= BYLINE_CHARS:
                own = _statement_date(complete[0], line)
                break
    if news and own is not None and not dating.published.known:
        dating.published = own
    if updated is not None and not dating.published.known:
        dating.published = updated
        # The day a page was last changed says little about when it was said.
        dating.warnings.append(f"date unsure: {updated.evidence} (the page's last update)")
    reference = day_of(own or dating.published) if (own or dating.published.known) else None
    reported: StatementDate | None = None
    partial_evidence = ""
    if paragraphs:
        first = paragraphs[0]
        match = dateline(first.text)
        when = (match.group("when") or match.group("day")) if match else None
        hits = find_dates(when) if when else []
        if hits and hits[0].complete:
            reported = _statement_date(hits[0], first)
        elif hits:
            anchor = reference or (day_of(signed) if signed else None)
            resolved = resolve_partial(hits[0], anchor) if anchor else None
            year = None if resolved else _signed_year(parts, paragraphs)
            if resolved:
                reported = from_day(resolved, text_provenance(first.number), hits[0].evidence)
            elif year and hits[0].month and hits[0].day and _real_day(year, hits[0]):
                # "Pyongyang, September 3 (KCNA) --" signed "Juche 106 (2017)".
                reported = StatementDate(
                    year,
                    hits[0].month,
                    hits[0].day,
                    precision="day",
                    source=text_provenance(first.number),
                    evidence=f"{hits[0].evidence} ({year})",
                )
            elif hits[0].month and hits[0].day:
                # "Pyongyang, October 30 (KCNA)": the year, if the text's own dates tell it.
                lines = ([title] if title is not None else []) + paragraphs
                year, evidence = dateline_year(hits[0].month, hits[0].day, lines)
                if year is not None:
                    reported = StatementDate(
                        year,
                        hits[0].month,
                        hits[0].day,
                        precision="day",
                        source=text_provenance(first.number),
                        evidence=f"{hits[0].evidence} ({year}, from {evidence})",
                    )
                else:
                    partial_evidence = hits[0].evidence
                    if evidence:
                        dating.warnings.append(
                            f"date unsure: {hits[0].evidence} (the dateline gives no year; "
                            f"the text's dates disagree: {evidence})"
                        )
            else:
                partial_evidence = hits[0].evidence

    if news or reported is not None:
        anchor_date = reported or own or (dating.published if dating.published.known else None)
        anchor = day_of(anchor_date) if anchor_date else None
        for words in _lead_time_words(paragraphs[:SPEAKER_PARAGRAPHS], speaker):
            if speaker is None and reported is not None and not words.cued:
                # A dated report that quotes no one ("SEOUL, July 13 (Reuters) - North Korea
                # launched ... on Wednesday"): the day of the events is not the report's.
                continue
            resolved = None
            if anchor is not None and words.partial is not None:
                resolved = resolve_partial(words.partial, anchor)
            elif anchor is not None and words.relative is not None:
                resolved = resolve_relative(words.relative, anchor)
            if resolved is not None:
                dating.statement = from_day(
                    resolved, text_provenance(words.line.number), words.evidence
                )
                return dating
            if not partial_evidence and not words.vague:
                partial_evidence = words.evidence
        stamped = _stamped_title_date(title)
        if reported is not None or own is not None or stamped is not None:
            dating.statement = reported or own or stamped or StatementDate.unknown()
            return dating
        if dating.published.known:
            dating.statement = dating.published
            dating.warnings.append(
                "date: the page's publication date; the text does not say when it was said"
            )
            return dating
    else:
        chosen = own or _title_date(title, dating.warnings) or signed
        if chosen is not None:
            dating.statement = chosen
            return dating
        if dating.published.known and dating.published != updated:
            dating.statement = dating.published
            dating.warnings.append("date: the page's publication date")
            return dating
        for words in _lead_time_words(paragraphs[:2]):
            if not words.vague and not partial_evidence:
                partial_evidence = words.evidence

    header = [line for line in parts.header if title is None or line.number != title.number]
    met = _lead_meeting_date(header + paragraphs[:3], title)
    if met is not None:
        dating.statement = met
        return dating
    vaguer = _year_or_address_date(parts, paragraphs)
    if vaguer is not None:
        dating.statement = vaguer
        return dating
    if partial_evidence:
        dating.statement = StatementDate(precision="unknown", evidence=partial_evidence)
        dating.warnings.append(f"date unsure: {partial_evidence} (no year is written)")
    return dating
