"""Separate a scraped page into its parts: the header (section labels, headline, byline,
date), the statement's own paragraphs, the sign-off, notes such as "(Check against delivery)",
and the web-page junk around them (navigation, captions, counters, link lists, share buttons).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from archive.extract.dates import DateHit, find_dates, is_published_label, only_date

#: Texts longer than this are parsed only up to here; no real statement comes near it.
MAX_PARSED_CHARS = 1_000_000


@dataclass(frozen=True)
class Line:
    """A non-blank line (or a paragraph joined from wrapped lines) and where it starts."""

    number: int  # line of the file
    text: str
    bullet: bool = False


@dataclass
class Layout:
    """A statement's text, taken apart."""

    header: list[Line] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)
    trailer: list[Line] = field(default_factory=list)
    notes: list[Line] = field(default_factory=list)
    captions: list[Line] = field(default_factory=list)
    bylines: list[Line] = field(default_factory=list)
    emails: list[Line] = field(default_factory=list)
    #: Lines that are only a date, with where they stand: "header", "body" or "trailer".
    date_lines: list[tuple[Line, DateHit, str]] = field(default_factory=list)
    #: Names of the site section the page sits in ("Press Releases"), from "Back to ..." links.
    section_labels: list[str] = field(default_factory=list)
    #: Every line above the statement's first paragraph, page furniture included: where the
    #: masthead names the publisher.
    top: list[Line] = field(default_factory=list)
    #: Signs of the page around the statement, for classifying it ("views", "comments", ...).
    page_signs: set[str] = field(default_factory=set)
    #: Lines left out as the page around the statement (links, counters, share buttons,
    #: readers' comments), with why: what `check` reports when one reads as prose.
    removed: list[tuple[Line, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# --- line cleaning -----------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u2028\u2029\u202a-\u202e\ufeff]")
_ASCII_CONTROL = bytes([*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F])


def _without_control(text: str) -> str:
    """The text with each character of `_CONTROL` made a space. Most texts are ASCII and hold
    none: their bytes tell that many times faster than the pattern reads the text."""
    if text.isascii():
        raw = text.encode("ascii")
        if len(raw.translate(None, _ASCII_CONTROL)) == len(raw):
            return text
    return _CONTROL.sub(" ", text)


_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# Link residue of government sites: "Resolution 2375 (PDF)Open a New Window".
_LINK_RESIDUE = re.compile(
    r"\s?\((?:PDF|pdf|Word|Excel)(?:\s?[:,]?\s?[\d.,]+\s?[KkMm]B)?\)\s?(?:Open a New Window)?"
    r"|\s?Open (?:a|in a) New Window|\s?\[(?:PDF|pdf)\]|\s?\(external link\)"
)
_BULLET = re.compile(r"^(?:[•·▪▫■□◆◇○●►▶▷➢➤✓✔※*]|-(?=\s)|–(?=\s))\s*")
_PARAGRAPH_NUMBER = re.compile(
    r"^\(?\d{1,2}[.)](?!\d)\s*(?=[A-Z\"“‘'(\[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af])"
    # Japanese pages number a paragraph with a wide space alone: "1　本13日、北朝鮮は".
    r"|^\d{1,2}\s(?=[\u3040-\u30ff\u3400-\u9fff])"
)


# A row of links a scraper flattened with wide gaps: "Home  About Us  Statements  News".
_LINK_GAP = re.compile(r"[ \t\u00a0]{2,}|\t")
_LINK_LABEL = re.compile(r"^[^\W\d_a-z][^\d]{0,38}(?<![.!?,;:])$")


def _link_row(text: str) -> str | None:
    """The links of a row of short capitalised labels separated by wide gaps, joined with
    " | " as a bar of links is written; None for any other line (a sentence with a double
    space after its full stop, a date and a time)."""
    labels = _LINK_GAP.split(text)
    if len(labels) < 2:
        return None
    if len(labels) == 2:
        # Two labels may be a name and a role ("Kim Song  Permanent Representative"): a row
        # only when both are the site's own ("Share  Print", "Japanese  Other Languages").
        return " | ".join(labels) if all(_NAV.match(label) for label in labels) else None
    for label in labels:
        if not _LINK_LABEL.match(label) or label.count(" ") >= 5:
            return None
    return " | ".join(labels)


@lru_cache(maxsize=16384)
def clean_line(raw: str) -> tuple[str, bool, bool]:
    """A line without control characters, odd spaces and link residue; with whether it was a
    bullet item and whether it was a table cell ("| caption |")."""
    if "  " in raw or "\t" in raw or "\u00a0\u00a0" in raw:
        row = _link_row(raw.strip())
        if row is not None:
            raw = row
    text = _SPACES.sub(" ", raw).strip() if "  " in raw or not raw.isascii() else raw.strip()
    piped = text.startswith("|") and text.endswith("|") and len(text) > 1
    text = text.strip("| ").strip()
    if "Open" in text or "PDF" in text or "pdf" in text or "[" in text or "external" in text:
        text = _LINK_RESIDUE.sub("", text).strip()
    bullet = False
    match = _BULLET.match(text)
    if match:
        bullet = True
        text = text[match.end() :].strip()
    return text, bullet, piped


# --- line kinds --------------------------------------------------------------------------------

_NAV = re.compile(
    r"^(?:skip to (?:main )?(?:content|navigation|main)|quick access to .*|direct access to .*|"
    r"jump to .*|main menu|menu|home|top|top page|search|print|print this page|share|share this"
    r"|share it on.*|share on .*|tweet|facebook|twitter|x|linkedin|line|kakaotalk|whatsapp|"
    r"telegram|email|e-mail|copy link|copy url|link copied|font size|text size|text size [a-z ]+|"
    r"a\+?|a-|print friendly|subscribe|subscribe now|sign up|sign in|log in|login|register|"
    r"advertisement|ad|sponsored|close|open|more|read more|see more|view more|continue reading|"
    r"click here.*|page top|back to top|to top|go to top|return to top|previous|next|"
    r"previous article|next article|prev|latest|breaking|breaking news|listen|"
    r"listen to this article|audio|video|photo|photos|gallery|(?:\d+\s*)?views?|"
    r"(?:\d[\d,]*\s*)?comments?\s*\d*|(?:\d+\s*)?likes?|(?:\d+\s*)?shares?|recommend|"
    r"reporting by .*|editing by .*|edited by .*|additional reporting by .*|\d+ min read|"
    r"our standards:.*|\(?end\)?|\[?end\]?|©.*|copyright .*|all rights reserved.*|"
    r"tags?:.*|keywords?:.*|topics?:.*|categories:.*|filed under:?.*|related:.*|"
    r"loading.*|javascript.*|cookies?.*|"
    r"this site uses cookies.*|accept|accept all|reject|manage cookies|"
    r"english|japanese|other languages|languages|日本語|한국어|中文|français|español|русский|"
    r"العربية|ホーム|印刷|ページのトップへ(?:戻る)?|トップへ戻る|홈|본문 바로가기|주메뉴 바로가기|"
    r"메뉴 바로가기|목록|이전글|다음글|첨부파일|인쇄|공유)$",
    re.IGNORECASE,
)
# A row of share buttons flattened into one line: "Share this: Facebook Twitter Email".
# Two services at least, or one after a "Share" label, so a sentence naming one is safe.
_SHARE_SERVICE = (
    r"(?:facebook|twitter|x|linkedin|line|kakao(?:talk|story)?|whatsapp|telegram|e-?mail|"
    r"reddit|pinterest|tumblr|weibo|wechat|messenger|naver|band|print|copy link|copy url|sms)"
)
_SHARE_BAR = re.compile(
    rf"^(?:share(?: (?:this|it|on|via))?(?: (?:article|story|page|post))?\s*[:\-–]?\s*"
    rf"(?:{_SHARE_SERVICE}[\s,|/·•]*)+|(?:{_SHARE_SERVICE}[\s,|/·•]+)+{_SHARE_SERVICE})$",
    re.IGNORECASE,
)
_COUNTER = re.compile(r"^[\d,.\s:/+%-]*$|^[\W_]+$|^(?:#[^\s#]+(?:\s[^\s#]+)?\s*)+$")
# Headings that open a list of links or comments: nothing after them, up to the next real
# paragraph, is the statement.
_LIST_MARKER = re.compile(
    r"^(?:\[[^\]]{1,30}\]\s*)?(?:popular now|most popular|popular|popular news|must[- ]reads?|"
    r"you may also like|you might also like|you may be interested in|also read|read also|"
    r"see also|related|related articles?|related stories|related news|related posts|"
    r"related content|related links|more from .*|more on .*|more stories|more news|"
    r"more in .*|read next|up next|what to read next|top stories|top news|trending|"
    r"trending now|most read|most viewed|most shared|editor'?s picks?|recommended|"
    r"recommended stories|recommended for you|in case you missed it|latest stories|"
    r"latest articles|latest news|(?:\w+ )?news in brief|headlines|stories|other stories|"
    r"hot issues?|today'?s (?:news|pick)|photo news|sponsored (?:content|links|stories)|"
    r"from the web|around the web|share it on.*|share this (?:article|story|page).*|"
    r"related coverage|keywords|tags|more coverage|further reading|what'?s next|"
    r"関連リンク|関連情報|관련 링크|관련기사|관련 기사)\s?:?$",
    re.IGNORECASE,
)
_COMMENTS_MARKER = re.compile(
    r"^(?:\d*\s*comments?\s*\d*|leave a (?:comment|reply)|add a comment|post a comment|"
    r"join the (?:conversation|discussion)|comments? are closed.*|write a comment|"
    r"\d+ responses?|discussion)$",
    re.IGNORECASE,
)
_BACK = re.compile(r"^(?:back to|return to|go back to|<\s*back to)\s+(?P<label>.{2,80})$", re.I)
_BREADCRUMB = re.compile(r"^[^.!?]{1,120}?(?:\s[>›»/|]\s[^.!?]{1,80}?){1,8}$")
_NOTE = re.compile(
    r"^[(\[]?\s*(?:check against (?:the )?delivery|please check against delivery|"
    r"as delivered|as prepared(?: for delivery)?|unofficial (?:english )?translation|"
    r"provisional (?:english )?translation|tentative (?:english )?translation|"
    r"courtesy translation|english translation|translation|translated|"
    r"original(?: text)?:?\s+\w+|embargoed(?: until| till)?[^)\]]{0,60}|"
    r"(?:the )?(?:english|japanese|korean) (?:version|translation)[^)\]]{0,60}|"
    r"(?:this is )?an? (?:unofficial|provisional) translation[^)\]]{0,80}|"
    r"summary|abstract|(?:full )?text)\s*[)\]]?\s*\.?$",
    re.IGNORECASE,
)
_CAPTION = re.compile(
    r"\(\s*photos?\s*[=:]|\(\s*사진\s*[=:]|^photos?\s*[:=]|^\(?photo(?:graph)?s? by\b|"
    r"\bphoto courtesy\b|\((?:AP|AFP|Reuters|Yonhap|KCNA|EPA|Getty)[^)]{0,30}\bphoto\b|"
    r"\bfile photo\b|\bgetty images\b|^image:|^credit:|\bphoto credit\b|\(photo\)$|"
    r"\bphoto\s*(?:=|:|/)\s*[A-Z]|^\[?(?:captured|screenshot)|^\(?\s*(?:KCNA|Yonhap|Xinhua|"
    r"Reuters|AFP|AP)\s*(?:photo|/)",
    re.IGNORECASE,
)
# Words one of which a caption holds: a cheap test before the caption patterns.
_CAPTION_HINTS = (
    "photo",
    "사진",
    "image",
    "credit",
    "getty",
    "captur",
    "screenshot",
    "kcna",
    "yonhap",
    "xinhua",
    "reuters",
    "afp",
)


def _caption_hint(text: str) -> bool:
    lowered = text.lower()
    return any(word in lowered for word in _CAPTION_HINTS) or text.lstrip("( ").startswith("AP")


_DIGIT = re.compile(r"\d")
_EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+")
_BYLINE = re.compile(
    r"^(?:by|written by|posted by|reported by|story by|words by|author:|reporter:?)\s+"
    r"(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
    r"(?:\s*(?:,|and|&)\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})?)"
    r"(?P<rest>\s*(?:[,|/(–—-].{0,80})?)$"
    r"|^(?P<name2>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,3})\s+(?:views?|reporter|"
    r"correspondent|staff writer|staff reporter)\b[\w\s,:|/.-]{0,40}$",
    re.IGNORECASE,
)
_SALUTATION = re.compile(
    r"^(?:thank you|mr\.? president|madam president|madame president|mme\.? president|"
    r"mr\.? chair|madam chair|madam chairperson|mr\.? chairman|excellenc|your excellenc|"
    r"distinguished|dear (?:colleagues|friends|mr|ms|madam|sir)|ladies and gentlemen|"
    r"colleagues|good (?:morning|afternoon|evening)|president,|i thank)",
    re.IGNORECASE,
)
#: A dateline: "SEOUL, Jan. 3 (Yonhap) --", "TOKYO (Kyodo) --", "Pyongyang, March 29 (KCNA) --",
#: or a date alone before an agency's tag: "Jan. 3 (UPI) --".
DATELINE = re.compile(
    r"^(?:(?P<place>[A-Z][A-Za-z.'’]*(?:[ -][A-Za-z.'’]+){0,3})"
    r"(?:\s?,\s?(?P<when>[A-Z][a-z]{2,8}\.?\s?\d{1,2}(?:st|nd|rd|th)?(?:,?\s?(?:19|20)\d\d)?))?"
    r"|(?P<day>[A-Z][a-z]{2,8}\.?\s\d{1,2}(?:,\s(?:19|20)\d\d)?)(?=\s\())"
    r"\s?(?:\((?P<agency>[A-Za-z][^()]{1,40})\)|(?P<bare>Kyodo|Yonhap|KCNA|Xinhua|Jiji))?"
    r"(?:\s?(?P<dash>[-–—]{1,3}|:)|\.?\s/(?P<slashed>TASS|Xinhua|Sputnik)/\.)\s?(?=\S)"
)
#: A speaker's turn in a UN meeting record: "Mr. Wu Haitao (China) (spoke in Chinese): ...".
RECORD_SPEAKER = re.compile(
    r"^(?:Mr|Mrs|Ms|Mme|Madam|Sir|Dame|Lord|Baroness)\.?\s(?P<name>[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)"
    r"{0,3})\s\((?P<country>[^()]{2,60})\)(?:\s\(spoke\sin\s\w+\))?:\s"
)
_RECORD_SPEAKER = RECORD_SPEAKER
_CLOSING_TAG = re.compile(r"\s?\([^()]{1,40}\)$")
_SENTENCE_STOP = re.compile(r"[.!?][\"”’')\]]*$")
_TERMINAL = re.compile(r"[.!?:;][\"”’')\]]*$|[\"”’]$")
_NON_LATIN = re.compile(r"[\u0400-\u04ff\u0600-\u06ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


# Words a headline in title case leaves in lower case.
_MINOR_WORDS = frozenset(
    (
        "a",
        "an",
        "the",
        "of",
        "to",
        "on",
        "in",
        "at",
        "by",
        "for",
        "and",
        "or",
        "with",
        "without",
        "against",
        "after",
        "before",
        "over",
        "under",
        "from",
        "as",
        "into",
        "onto",
        "upon",
        "about",
        "concerning",
        "regarding",
        "between",
        "among",
        "via",
        "vs",
        "nor",
        "but",
        "per",
    )
)


def heading_case(text: str) -> bool:
    """Whether a line is written in title case ("Statement by Minister for Foreign Affairs
    Taro Aso on the Adoption of the Resolution ..."), as headings are and sentences are not."""
    if len(text) > 300:
        return False
    words = [w.strip("\"“”‘’'()[],:;") for w in text.split()]
    major = [w for w in words if w and w.lower() not in _MINOR_WORDS]
    if len(major) < 3:
        return False
    capital = sum(1 for w in major if w[0].isupper() or w[0].isdigit())
    return capital >= 0.75 * len(major)


def is_prose(text: str) -> bool:
    """Whether a line reads as a paragraph: whole sentences, not a headline or a link."""
    if not text.isascii() and "。" in text and _non_latin_share(text) > 0.3:
        # Japanese and Chinese write no spaces: a full stop "。" in a line of some length.
        return len(text) >= 20
    words = text.count(" ") + 1
    if not _SENTENCE_STOP.search(text) and heading_case(text):
        return False  # a long heading, or one that ends in a quotation mark
    if text.endswith(")") and not text.startswith("("):
        # A closing agency tag or reference: "... end of February. (UPI)".
        text = _CLOSING_TAG.sub("", text)
    # A closing quotation mark ends a sentence only after a stop: 'He said "No."', but not
    # a headline such as 'North Korea sanctions: "The Council is united"'.
    ended = _SENTENCE_STOP.search(text) or (
        _TERMINAL.search(text) and not text.endswith(('"', "”", "’"))
    )
    if words >= 6 and ended and not (text[0] == "(" and text[-1] == ")"):
        return True
    return len(text) >= 160 and words >= 20


def dateline(text: str) -> re.Match[str] | None:
    """The dateline at the start of a news report's first paragraph, if there is one."""
    if len(text) < 12 or not text[0].isupper():
        return None
    match = DATELINE.match(text)
    if match is None:
        return None
    place = match.group("place") or ""
    if match.group("dash") == ":" and not match.group("agency"):
        return None
    if match.group("day") and not match.group("agency"):
        return None
    if _RECORD_SPEAKER.match(text):
        return None  # "Mr. Ishikane (Japan): I thank you": a speaker in a meeting record
    if text[match.end() :].count(" ") < 2:
        return None  # "NHK WORLD-JAPAN": a name with a hyphen, not a dateline before a report
    if (
        match.group("agency")
        or match.group("bare")
        or match.group("slashed")
        or match.group("when")
        or match.group("day")
        or (place.isupper() and len(place) > 2)
    ):
        return match
    return None


def _non_latin_share(text: str) -> float:
    if text.isascii():
        return 0.0
    text = text[:4000]
    letters = sum(map(str.isalpha, text))
    return len(_NON_LATIN.findall(text)) / letters if letters else 0.0


def _byline_name(text: str) -> str | None:
    if len(text) > 120:
        return None
    match = _BYLINE.match(text)
    if match is None:
        return None
    return (match.group("name") or match.group("name2") or "").strip(" ,") or None


# --- assembling --------------------------------------------------------------------------------


def _blocks(text: str, first_line: int) -> list[list[Line]]:
    """Groups of consecutive non-blank lines, each cleaned."""
    blocks: list[list[Line]] = []
    current: list[Line] = []
    for number, raw in enumerate(text.split("\n"), start=first_line):
        cleaned, bullet, piped = clean_line(raw)
        if not cleaned:
            if current:
                blocks.append(current)
                current = []
            continue
        if piped:
            # A table cell standing alone is a photo caption or layout, not the statement.
            cleaned = "\x00caption\x00" + cleaned
        current.append(Line(number, cleaned, bullet))
    if current:
        blocks.append(current)
    return blocks


def _wrapped(blocks: list[list[Line]]) -> bool:
    """Whether the text is hard-wrapped at a fixed width (paragraphs span several lines)."""
    lengths = [len(line.text) for block in blocks for line in block]
    if len(lengths) < 6 or max(lengths) > 110:
        return False
    band = [line.text for block in blocks for line in block if 55 <= len(line.text) <= 110]
    # A wrapped line stops mid-sentence; a short paragraph that happens to be 70 wide does not.
    broken = sum(1 for text in band if not _TERMINAL.search(text))
    multi = sum(1 for block in blocks if len(block) > 1)
    return len(band) >= 0.5 * len(lengths) and broken >= 0.6 * len(band) and multi >= 1


def _join_wrapped(block: list[Line], wrapped: bool) -> list[Line]:
    """Rejoin lines that a fixed-width layout broke in the middle of a sentence."""
    joined: list[Line] = []
    for line in block:
        if joined and not line.bullet and not _PARAGRAPH_NUMBER.match(line.text):
            previous = joined[-1]
            broken = not _TERMINAL.search(previous.text) and len(previous.text) >= 40
            continues = line.text[0].islower() or (wrapped and len(previous.text) >= 55)
            # A byline under a headline, or a line under a heading in title case ("Permanent
            # Representative of Japan" / "at the 8042nd meeting"), is a line of its own.
            if (
                broken
                and continues
                and not line.text.startswith("\x00")
                and _byline_name(line.text) is None
                and (wrapped or not heading_case(previous.text))
            ):
                joined[-1] = Line(previous.number, previous.text + " " + line.text, previous.bullet)
                continue
        joined.append(line)
    return joined


@lru_cache(maxsize=16384)
def _text_kind(text: str, english: bool) -> str:
    """What a line is. Cached: the page furniture ("Share", "Back to Press Releases",
    "LATEST") recurs on every page of a site."""
    if text.startswith("\x00caption\x00"):
        return "caption"
    if len(text) <= 160 and (_NAV.match(text) or _COUNTER.match(text) or _SHARE_BAR.match(text)):
        return "date" if text[:1].isdigit() and only_date(text) else "junk"
    if len(text) <= 80 and _COMMENTS_MARKER.match(text):
        return "comments"
    if len(text) <= 80 and _LIST_MARKER.match(text):
        return "list"
    if len(text) <= 90 and _BACK.match(text):
        return "back"
    if len(text) <= 120 and _NOTE.match(text):
        return "note"
    if len(text) <= 300 and _caption_hint(text) and _CAPTION.search(text):
        return "caption"
    if english and _non_latin_share(text) > 0.3:
        return "caption"
    if len(text) <= 120 and "@" in text and _EMAIL.search(text) and len(text.split()) <= 6:
        return "email"
    if _byline_name(text):
        return "byline"
    if len(text) <= 160 and is_published_label(text) and only_date(text):
        # "Write: 2017-12-23 10:12:05 / Update: ...": the page's dates, not a trail of links.
        return "date"
    if len(text) <= 200 and " " in text and _BREADCRUMB.match(text) and not is_prose(text):
        return "breadcrumb"
    if len(text) <= 90 and _DIGIT.search(text) and only_date(text):
        return "date"
    return "text"


def _body_starts(line: Line) -> bool:
    text = line.text
    return (
        is_prose(text)
        or bool(_SALUTATION.match(text))
        or bool(_PARAGRAPH_NUMBER.match(text) and len(text) > 15)
        or dateline(text) is not None
    )


def strip_paragraph_number(text: str) -> str:
    """ "1. Japan highly appreciates" -> "Japan highly appreciates" (the site numbers them)."""
    match = _PARAGRAPH_NUMBER.match(text)
    return text[match.end() :] if match else text


def layout(text: str, first_line: int = 1) -> Layout:
    """Take a statement's raw text apart; never raises."""
    parts = Layout()
    tail, tail_first = "", first_line
    if len(text) > MAX_PARSED_CHARS:
        # Only the head is taken apart (headline, date, speaker are at the top); the rest is
        # published whole as paragraphs, never cut. The cut falls at a line end, else a space.
        cut = text.rfind("\n", 0, MAX_PARSED_CHARS) + 1 or text.rfind(" ", 0, MAX_PARSED_CHARS) + 1
        cut = cut or MAX_PARSED_CHARS
        text, tail = text[:cut], text[cut:]
        tail_first = first_line + text.count("\n")
        parts.warnings.append(
            f"text longer than {MAX_PARSED_CHARS} characters: its parts (headline, date, "
            f"speaker) read from the first {cut}; the whole text is published"
        )
    english = _non_latin_share(text[:20000]) < 0.3
    # Control characters and odd spaces go in one pass over the text, not line by line.
    text = _without_control(text)
    blocks = _blocks(text, first_line)
    wrapped = _wrapped(blocks)
    lines = [line for block in blocks for line in _join_wrapped(block, wrapped)]
    kinds = [_text_kind(line.text, english) for line in lines]

    labels = []
    for line, kind in zip(lines, kinds, strict=True):
        if kind == "back":
            match = _BACK.match(line.text)
            if match:
                labels.append(match.group("label").strip(" .>"))
    parts.section_labels = labels
    label_keys = {label.lower() for label in labels}

    started = False
    skipping_list = False
    ended = False
    for line, kind in zip(lines, kinds, strict=True):
        text = line.text
        if kind == "text" and text.lower() in label_keys:
            kind = "section"
        if ended:
            parts.removed.append((line, "after readers' comments"))
            continue
        if not started:
            parts.top.append(line)
        if kind == "comments":
            parts.page_signs.add("comments")
            if started:
                ended = True  # readers' comments and what follows are not the statement
            parts.removed.append((line, "readers' comments"))
            continue
        if kind == "list":
            parts.page_signs.add("link-lists")
            skipping_list = True
            parts.removed.append((line, "a list of links"))
            continue
        if skipping_list:
            if kind == "text" and is_prose(text) and not line.bullet:
                skipping_list = False
            else:
                parts.removed.append((line, "a list of links"))
                continue
        if kind == "junk":
            parts.removed.append((line, "page furniture"))
            lowered = text.lower()
            if "view" in lowered:
                parts.page_signs.add("views")
            if "comment" in lowered:
                parts.page_signs.add("comments")
            if "share" in lowered or "tweet" in lowered:
                parts.page_signs.add("share")
            continue
        if kind in ("back", "breadcrumb", "section"):
            parts.page_signs.add("navigation")
            if not started:
                # "KYODO NEWS - Jan 5, 2024 - 18:02 | World": the page's date among the links.
                dated = [hit for hit in find_dates(text) if hit.complete]
                if len(dated) == 1:
                    parts.date_lines.append((line, dated[0], "header"))
            continue
        if kind == "note":
            parts.notes.append(Line(line.number, text.strip(), line.bullet))
            continue
        if kind == "caption":
            parts.captions.append(Line(line.number, text.replace("\x00caption\x00", "")))
            continue
        if kind == "email":
            parts.emails.append(line)
            continue
        if kind == "byline":
            parts.bylines.append(line)
            continue
        if kind == "date":
            hit = only_date(text)
            if hit is not None:
                parts.date_lines.append((line, hit, "body" if started else "header"))
            continue
        if not started and _body_starts(line):
            started = True
        if started:
            parts.body.append(line)
        else:
            parts.header.append(line)

    parts.warnings.extend(_removed_prose(parts.removed))
    if tail:
        tail_blocks = _blocks(_without_control(tail), tail_first)
        parts.body.extend(
            Line(line.number, line.text.replace("\x00caption\x00", ""), line.bullet)
            for block in tail_blocks
            for line in _join_wrapped(block, wrapped)
        )
    _split_trailer(parts)
    # A page that is all headline-like lines has no prose: its lines are the body anyway.
    if not parts.body and parts.header:
        keep = 1 if len(parts.header) > 1 else 0
        parts.body, parts.header = parts.header[keep:], parts.header[:keep]
    return parts


def _removed_prose(removed: list[tuple[Line, str]]) -> list[str]:
    """A warning for each left-out line that reads as a sentence: the lines a curator must
    see, because they may be the statement's own (counters and share buttons never are)."""
    return [
        f"line {line.number} left out as {why}, though it reads as a sentence "
        f'("{_shortened(line.text)}"); if it is part of the statement, edit the lines '
        "around it in the file"
        for line, why in removed
        if is_prose(line.text)
    ]


def _shortened(text: str, limit: int = 60) -> str:
    """The text, or its first words up to `limit` characters and "..."."""
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "..."


_SIGN_OFF_NAME = re.compile(
    r"^(?:\([Ss]igned\)\s?|[Ss]igned:?\s)?[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){1,3}$"
)
_SIGN_OFF_ROLE = re.compile(
    r"\b(?:minister|ministry|spokes(?:person|man|woman)|director|secretary|ambassador|"
    r"representative|mission|department|committee|office|embassy|agency|government|"
    r"c\.c\.|wpk|council|president|chairman|delegation)\b",
    re.IGNORECASE,
)


def _split_trailer(parts: Layout) -> None:
    """Move the sign-off after the last paragraph (a name, a role, a place) to the trailer,
    and place each date line before, inside or after the body."""
    body = parts.body
    trailer: list[Line] = []
    while body and len(trailer) < 6:
        text = body[-1].text
        if is_prose(text) or body[-1].bullet or len(text) > 100 or text.count(" ") > 12:
            break
        if (
            text.endswith(("!", "?", ","))
            or _SALUTATION.match(text)
            or re.search(r"[a-z]\.$", text)
        ):
            break
        if not (_SIGN_OFF_NAME.match(text) or _SIGN_OFF_ROLE.search(text)) or ":" in text:
            break
        trailer.insert(0, body.pop())
    parts.trailer = trailer
    first = body[0].number if body else 10**9
    last = body[-1].number if body else 10**9
    parts.date_lines = [
        (
            line,
            hit,
            "header" if line.number < first else "trailer" if line.number > last else "body",
        )
        for line, hit, _ in parts.date_lines
    ]


# A line that is a form of address and nothing else: "Mme. President,", "Thank you, Mr.
# President." A speaker's courtesy, not a paragraph of the statement (but a sign of a speech
# to the classifier, which reads the body with them).
_SALUTATION_LINE = re.compile(
    r"(?:(?:(?:i )?thank you(?: very much)?|excellencies|distinguished (?:delegates|colleagues)|"
    r"dear colleagues|ladies and gentlemen|colleagues|good (?:morning|afternoon|evening))"
    r"[,.!]?\s*)*(?:(?:mr\.?|madam|madame|mme\.?)\s+(?:president|chair(?:man|person)?)[,.!:]?)?",
    re.IGNORECASE,
)


def is_salutation_line(text: str) -> bool:
    """Whether a line only addresses the audience ("Thank you, Mme. President,")."""
    return bool(text.strip()) and _SALUTATION_LINE.fullmatch(text.strip()) is not None


def statement_paragraphs(body: list[Line]) -> list[str]:
    """The paragraphs a statement shows and numbers: its body without the lines that only
    address the audience, unless there is nothing else."""
    kept = [line.text for line in body if not is_salutation_line(line.text)]
    return kept or [line.text for line in body]


def paragraphs(parts: Layout) -> list[Line]:
    """The body's paragraphs, without the numbers the source put in front of them."""
    return [
        Line(line.number, strip_paragraph_number(line.text), line.bullet) for line in parts.body
    ]
